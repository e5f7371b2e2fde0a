/**
 * The node:http plumbing every simulator shares: routing, body parsing (JSON, urlencoded,
 * multipart), the request log, latency and queued faults. Vendor simulators only write handlers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Fault, RecordedRequest } from "../types.js";

export interface UploadedFile {
  filename: string;
  size: number;
  type: string;
  content: Buffer;
}

export interface SimRequest {
  method: string;
  path: string;
  /** Route parameters, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Parsed body: JSON value, urlencoded/multipart fields as an object, undefined when empty. */
  body: unknown;
  /** Files of a multipart body, by field name. */
  files: Record<string, UploadedFile[]>;
  rawBody: string;
  /** True when a JSON content-type carried a body that does not parse. */
  badJson: boolean;
}

export interface SimReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: SimRequest) => SimReply | Promise<SimReply>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/**
 * A tiny router. Patterns are paths with `:name` segments (matching up to `/` or `:`),
 * so Comm100's colon verbs work: "/v4/ticketing/tickets/:id\\:merge".
 */
export class Router {
  private routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const source = path
      .split(/(:[A-Za-z_][A-Za-z0-9_]*|\\:)/)
      .map((part) => {
        if (part === "\\:") return ":";
        if (part.startsWith(":") && part.length > 1) {
          keys.push(part.slice(1));
          return "([^/:]+)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | "method" | null {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { handler: r.handler, params };
    }
    return pathMatched ? "method" : null;
  }
}

export interface SimServerOptions {
  router: Router;
  host?: string;
  port?: number;
  latencyMs?: number;
  /** Body of a 404 for a path no route knows, in the vendor's shape. */
  notFound?: (req: SimRequest) => SimReply;
  /** A vendor's documented rate limit, enforced (opt-in): see RateLimitRule. */
  rateLimit?: RateLimitRule;
}

/**
 * At most `calls` requests in any `perMs` (a sliding window over arrival times, the strictest way
 * a vendor can count); a request over it is answered `reply(retryAfterSeconds)` (a 429 with
 * Retry-After, in the vendor's error shape) after the usual latency, and is not counted itself.
 */
export interface RateLimitRule {
  calls: number;
  perMs: number;
  reply: (retryAfterSeconds: number) => SimReply;
}

/**
 * An enforced limit as written for a simulator (`TICKET_SANDBOX_RATE_LIMIT`, a test's option):
 * `CALLS/SECONDS`, e.g. "20/2" or "300/300"; undefined for anything else (no enforcement).
 */
export function parseRateLimitSpec(text: string | undefined): { calls: number; perMs: number } | undefined {
  const m = /^\s*([1-9][0-9]*)\s*\/\s*([0-9]+(?:\.[0-9]+)?)\s*$/.exec(text ?? "");
  if (!m || !(Number(m[2]) > 0)) return undefined;
  return { calls: Number(m[1]), perMs: Math.round(Number(m[2]) * 1000) };
}

/** The arrival times a RateLimitRule counts; `admit` says whether one more request fits now, else the Retry-After in seconds. */
export function rateWindow(rule: Pick<RateLimitRule, "calls" | "perMs">, now: () => number = Date.now) {
  const arrivals: number[] = [];
  return {
    admit(): { ok: true } | { ok: false; retryAfter: number } {
      const t = now();
      while (arrivals.length > 0 && arrivals[0]! <= t - rule.perMs) arrivals.shift();
      if (arrivals.length < rule.calls) {
        arrivals.push(t);
        return { ok: true };
      }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((arrivals[0]! + rule.perMs - t) / 1000)) };
    },
  };
}

export interface SimServer {
  origin: string;
  requests: RecordedRequest[];
  fail(fault: Fault, times?: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files: Record<string, UploadedFile[]>; badJson: boolean }> {
  const files: Record<string, UploadedFile[]> = {};
  if (raw.length === 0) return { body: undefined, files, badJson: false };
  const type = contentType.toLowerCase();
  if (type.includes("application/json")) {
    try {
      return { body: JSON.parse(raw.toString("utf8")), files, badJson: false };
    } catch {
      return { body: undefined, files, badJson: true };
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))), files, badJson: false };
  }
  if (type.includes("multipart/form-data")) {
    // The WHATWG Request in Node 20 parses multipart bodies: no dependency needed.
    const form = await new Request("http://sim.local/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: raw,
    }).formData();
    const fields: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === "string") {
        fields[key] = value;
      } else {
        const content = Buffer.from(await value.arrayBuffer());
        (files[key] ??= []).push({ filename: value.name, size: content.length, type: value.type, content });
      }
    }
    return { body: fields, files, badJson: false };
  }
  return { body: raw.toString("utf8"), files, badJson: false };
}

function queryObject(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(q.keys())) {
    const all = q.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function send(res: ServerResponse, reply: SimReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    headers["content-type"] ??= typeof reply.body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export async function startSimServer(opts: SimServerOptions): Promise<SimServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const window = opts.rateLimit ? rateWindow(opts.rateLimit) : undefined;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://sim.local");
      const raw = await readBody(req);
      const contentType = String(req.headers["content-type"] ?? "");
      let parsed: Awaited<ReturnType<typeof parseBody>>;
      try {
        parsed = await parseBody(raw, contentType);
      } catch {
        parsed = { body: raw.toString("utf8"), files: {}, badJson: false };
      }
      const record: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: queryObject(url.searchParams),
        headers: { ...req.headers },
        body:
          Object.keys(parsed.files).length > 0
            ? {
                ...(parsed.body as object),
                ...Object.fromEntries(
                  Object.entries(parsed.files).map(([k, fs]) => [k, fs.map((f) => ({ filename: f.filename, size: f.size, type: f.type }))]),
                ),
              }
            : parsed.body,
        rawBody: contentType.includes("multipart/") ? `<multipart ${raw.length} bytes>` : raw.toString("utf8"),
      };
      requests.push(record);
      // Counted on arrival; answered after the latency like any other request.
      const admitted = window?.admit();

      if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));

      if (admitted && !admitted.ok) {
        const reply = opts.rateLimit!.reply(admitted.retryAfter);
        record.status = reply.status;
        send(res, reply);
        return;
      }

      const faultIndex = faults.findIndex((f) => !f.writesOnly || !["GET", "HEAD"].includes(record.method));
      const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0] : undefined;
      if (fault) {
        if (fault.kind === "drop") {
          record.status = 0;
          req.socket.destroy();
          return;
        }
        if (fault.kind === "malformed") {
          record.status = 200;
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"truncated": ');
          return;
        }
        record.status = fault.status;
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
        send(res, { status: fault.status, headers, body: fault.body ?? { message: `simulated ${fault.status}` } });
        return;
      }

      const simReq: SimRequest = {
        method: record.method,
        path: url.pathname,
        params: {},
        query: url.searchParams,
        headers: req.headers,
        body: parsed.body,
        files: parsed.files,
        rawBody: raw.toString("utf8"),
        badJson: parsed.badJson,
      };
      const found = opts.router.match(record.method, url.pathname);
      let reply: SimReply;
      if (found === null) {
        reply = opts.notFound?.(simReq) ?? {
          status: 404,
          body: { simulator: "no such route", method: record.method, path: url.pathname },
        };
      } else if (found === "method") {
        reply = { status: 405, body: { simulator: "method not allowed", method: record.method, path: url.pathname } };
      } else {
        simReq.params = found.params;
        try {
          reply = await found.handler(simReq);
        } catch (err) {
          reply = { status: 500, body: { simulator: "handler crashed", message: String(err) } };
        }
      }
      record.status = reply.status;
      send(res, reply);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;

  return {
    origin: `http://${host}:${addr.port}`,
    requests,
    fail(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
