/**
 * The lean GET (src/http/lean-get.ts) against got (the same client's --verbose path), over real
 * HTTP on 127.0.0.1: for each answer a server can give, both must return the same value or fail
 * the same way (the CLI error each failure becomes, and got's error name where a provider reads
 * it), after the same number of requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, type HttpEnvironment } from "../../src/http/client.js";
import { toCliError } from "../../src/http/errors.js";
import { Redactor } from "../../src/http/redact.js";

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
const routes = new Map<string, Handler>();
const hits = new Map<string, number>();
let server: Server;
let other: Server;
let base = "";
let otherBase = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const route = routes.get(path);
    if (!route) return void res.writeHead(500).end();
    route(req, res, n);
  });
  other = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  await Promise.all([new Promise<void>((r) => server.listen(0, "127.0.0.1", r)), new Promise<void>((r) => other.listen(0, "127.0.0.1", r))]);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  other.close();
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

function client(verbose: boolean, extra: Partial<HttpEnvironment> = {}) {
  const env: HttpEnvironment = { vendor: "comm100", baseUrl: base, verbose, dryRun: false, log: () => {}, redactor: new Redactor(), retryBaseMs: 5, rateLimit: null, displayName: "Comm100", ...extra };
  return createHttpClient(env, { authorize: (o) => void (o.headers["authorization"] = "Bearer t0ken-value") });
}

/** The value, or the failure as the CLI would say it and got's error name; and the requests it took. */
async function outcome(verbose: boolean, path: string, extra: Partial<HttpEnvironment> = {}) {
  hits.delete(`/api/${path}`);
  try {
    const value = await client(verbose, extra).getJson(path, { page: 1 });
    return { value, requests: hits.get(`/api/${path}`) };
  } catch (err) {
    const e = err as { name?: string; response?: { statusCode?: number; body?: unknown } };
    const cli = toCliError(err, { vendor: "comm100", displayName: "Comm100", subject: "the list" });
    return { error: cli.message, name: e.name, status: e.response?.statusCode, body: e.response?.body, requests: hits.get(`/api/${path}`) };
  }
}

/** Both ways; `only` compares just those fields (got wraps some of its refusals in a RequestError of its own). */
async function same(path: string, handler: Handler, extra: Partial<HttpEnvironment> = {}, only?: string[]) {
  routes.set(`/api/${path}`, handler);
  const lean = await outcome(false, path, extra);
  const viaGot = await outcome(true, path, extra);
  const pick = (o: Record<string, unknown>) => (only ? Object.fromEntries(only.map((k) => [k, o[k]])) : o);
  expect(pick(lean)).toEqual(pick(viaGot));
  return lean;
}

describe("the lean GET answers as got does", () => {
  it("a JSON answer, with the query and the credentials sent", async () => {
    let seen: IncomingMessage | undefined;
    const r = await same("ok", (req, res) => {
      seen = req;
      json(res, 200, { tickets: [{ id: 1 }] });
    });
    expect(r).toEqual({ value: { tickets: [{ id: 1 }] }, requests: 1 });
    expect(seen?.url).toBe("/api/ok?page=1");
    expect(seen?.headers["authorization"]).toBe("Bearer t0ken-value");
    expect(seen?.headers["user-agent"]).toBe("ticket-cli");
  });

  it("a gzip answer, an empty answer", async () => {
    expect(await same("gz", (_req, res) => res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(JSON.stringify({ a: "é" }))))).toEqual({ value: { a: "é" }, requests: 1 });
    expect(await same("empty", (_req, res) => res.writeHead(200).end())).toEqual({ value: "", requests: 1 });
  });

  it("503 twice then 200: retried; 503 three times: the error, after three requests", async () => {
    expect(await same("flaky", (_req, res, n) => (n % 3 === 0 ? json(res, 200, { ok: true }) : json(res, 503, {})))).toEqual({ value: { ok: true }, requests: 3 });
    const r = await same("down", (_req, res) => json(res, 503, { message: "maintenance" }));
    expect(r).toMatchObject({ name: "HTTPError", status: 503, requests: 3, error: "Comm100 is failing (HTTP 503) after retries: maintenance" });
  });

  it("429 with Retry-After: waited and retried; one longer than two minutes is not waited for", async () => {
    expect(await same("limited", (_req, res, n) => (n % 2 === 0 ? json(res, 200, [1]) : json(res, 429, {}, { "retry-after": "0" })))).toEqual({ value: [1], requests: 2 });
    expect(await same("long", (_req, res) => json(res, 429, {}, { "retry-after": "600" }))).toMatchObject({ name: "HTTPError", status: 429, requests: 1 });
  });

  it("404 and 401: got's HTTPError with the parsed body, not retried", async () => {
    expect(await same("missing", (_req, res) => json(res, 404, { message: "no such ticket" }))).toMatchObject({ name: "HTTPError", status: 404, body: { message: "no such ticket" }, requests: 1 });
    expect(await same("denied", (_req, res) => res.writeHead(401).end("go away"))).toMatchObject({ name: "HTTPError", status: 401, body: "go away", requests: 1 });
  });

  it("an answer that is not JSON: ParseError, the unreadable-answer message", async () => {
    const r = await same("html", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>"));
    expect(r).toMatchObject({ name: "ParseError", requests: 1, error: "Comm100 sent an unreadable answer (HTTP 200, text/html)" });
  });

  it("a redirect: followed within the origin, refused to another", async () => {
    routes.set("/api/target", (_req, res) => json(res, 200, { moved: true }));
    expect(await same("moved", (_req, res) => res.writeHead(302, { location: "/api/target" }).end())).toEqual({ value: { moved: true }, requests: 1 });
    const r = await same("away", (_req, res) => res.writeHead(302, { location: `${otherBase}/steal` }).end(), {}, ["error", "requests"]);
    expect(r.error).toBe(`refusing to follow a redirect to ${otherBase}: credentials go only to ${new URL(base).origin}`);
  });

  it("an answer cut short: the cut-answer message, after the retries", async () => {
    const r = await same("cut", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"tickets": [');
      setTimeout(() => res.destroy(), 5);
    });
    expect(r).toMatchObject({ requests: 3, error: "Comm100 sent an unreadable answer (HTTP 200, application/json): the connection was cut mid-answer" });
  });

  it("a stalled answer: the deadline's message", async () => {
    const r = await same("stall", (_req, res) => void setTimeout(() => json(res, 200, {}), 2_000), { deadlineMs: 300 });
    expect(r.error).toBe("Comm100 did not answer within 0.3 s (the deadline covers the whole answer; --timeout or TICKET_TIMEOUT changes it)");
  });

  it("an answer over the size cap: refused", async () => {
    const r = await same("big", (_req, res) => json(res, 200, { pad: "x".repeat(4000) }), { maxResponseBytes: 1000 });
    expect(r).toMatchObject({ error: "Comm100 sent an answer larger than 0 MB; refusing it (TICKET_MAX_RESPONSE_MB raises the cap)", requests: 1 });
  });
});
