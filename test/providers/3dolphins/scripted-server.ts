/**
 * A tiny node:http server for 3Dolphins tests that need answers the simulator would never give:
 * the vendor document's samples verbatim (replay.test.ts), cut or non-JSON login answers, pages
 * served in a circle. It records what it received, raw, so tests check the exact request.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Simulator } from "../../../src/sandbox/types.js";

export interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  raw: string;
  json: unknown;
}

export interface Scripted {
  status?: number;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the headers and this much of the body, then cut the connection. */
  cutAfterBytes?: number;
}

export interface ScriptedServer {
  /** ".../dolphin/apiv1", like a profile's base URL. */
  baseUrl: string;
  received: Received[];
  /** A Simulator-shaped handle for test/helpers/provider.ts `providerFor`. */
  asSim(secrets: Record<string, string>, settings?: Record<string, string>): Simulator;
  close(): Promise<void>;
}

export async function scriptedServer(answer: (req: Received) => Scripted): Promise<ScriptedServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://local");
      const raw = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = raw ? JSON.parse(raw) : undefined;
      } catch {
        json = undefined;
      }
      const r: Received = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, raw, json };
      received.push(r);
      const a = answer(r);
      const text = typeof a.body === "string" ? a.body : a.body === undefined ? "" : JSON.stringify(a.body);
      const headers = { "content-type": typeof a.body === "string" ? "text/plain" : "application/json", ...a.headers };
      if (a.cutAfterBytes !== undefined) {
        res.writeHead(a.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(text)) });
        res.write(text.slice(0, a.cutAfterBytes));
        setTimeout(() => res.destroy(), 10);
        return;
      }
      res.writeHead(a.status ?? 200, headers);
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}/dolphin/apiv1`;
  return {
    baseUrl,
    received,
    asSim: (secrets, settings = {}) =>
      ({
        vendor: "3dolphins",
        baseUrl,
        requests: [],
        credentials: { secrets, settings },
        fixtures: { ticketId: "", missingTicketId: "", assigneeId: "", listAllCount: 0 },
        fail: () => undefined,
        exportState: () => ({}),
        close: async () => undefined,
      }) as Simulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
