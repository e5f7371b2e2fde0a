/**
 * The GET requests of list walks (issue 12 item 2), sent with node's http module instead of got.
 * A walk over 10,000 tickets spent about a seventh of its time in got's own work per request
 * (options, hooks, streams) and grew the heap with its garbage: a bare got loop over Zaia's pages
 * peaks at 97 MB where the same loop on node:http takes 55 MB.
 *
 * Same rules as every other request (src/http/client.ts, DESIGN.md section 7), from the same
 * pieces where they are shared: the origin lock (redirects included), the credentials hook, the
 * 429 gate and the rate-limit pacer, one deadline over the whole request with its retries and
 * answer, connect and first-byte timeouts, retries of GET on the same statuses and network errors
 * with the same backoff and Retry-After, the answer-size cap, decompression, the slow-request
 * notice, and Ctrl-C. What it throws is what got throws for the same failure (an HTTPError with its
 * response, a ParseError, a ReadError, a TimeoutError, a RequestError with node's code), so the
 * providers' 401 renewal and src/http/errors.ts read it unchanged.
 *
 * --verbose and --dry-run go through got (client.ts decides): their logs and plans are got's.
 */
import type { IncomingMessage } from "node:http";
import { CliError, NetworkError } from "../errors.js";
import { builtin } from "../process/builtin.js";
import { closeGate, pause, retryDelayMs } from "./gate.js";
import { startRequestTimers } from "./deadline.js";
import { writeScope } from "./outcome.js";

/** got's defaults for a GET (client.ts passes the same lists to got). */
export const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504, 521, 522, 524]);
const RETRY_CODES = new Set(["ETIMEDOUT", "ECONNRESET", "EADDRINUSE", "ECONNREFUSED", "EPIPE", "ENOTFOUND", "ENETUNREACH", "EAI_AGAIN"]);
const MAX_REDIRECTS = 10;
/** got's maxRetryAfter: a longer Retry-After is not waited for. */
const MAX_RETRY_AFTER_MS = 120_000;

export type SearchParams = URLSearchParams | Record<string, string | number | boolean | null | undefined>;

/** What client.ts shares with this module: its environment and the state every request of the profile goes through. */
export interface LeanGetContext {
  prefixUrl: string;
  allowedOrigin: string;
  /** The vendor's name for messages ("Comm100"). */
  name: string;
  vendor: string;
  headers: Record<string, string>;
  authorize?: ((options: { headers: Record<string, string | undefined>; url: URL; method: string }) => void | Promise<void>) | undefined;
  retryLimit: number;
  retryBaseMs: number;
  deadlineMs: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal | undefined;
  slowAfterMs: number;
  onSlow?: ((waitedMs: number) => (() => void) | void) | undefined;
  /** The 429 gate: new requests wait until `until`. */
  slowDown: { until: number };
  /** Hold for the gate (client.ts atGate), refusing past the deadline; keyed by the request's own object. */
  atGate(key: object): Promise<void>;
  /** A place under the rate limit (client.ts atPace) and its release. */
  atPace(key: object): Promise<void>;
  endPace(key: object): void;
  /** The deadline of each request, read by atGate; moved on by time spent waiting for a place under the rate limit. */
  deadlines: WeakMap<object, number>;
  holds: WeakMap<object, (ms: number) => void>;
  over: WeakSet<object>;
  tooLarge(): NetworkError;
  deadlineError(): NetworkError;
}

/** An error shaped as got's of the same name (src/http/errors.ts reads name, code and response). */
function gotLike(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

interface Answer {
  statusCode: number;
  statusMessage: string;
  headers: IncomingMessage["headers"];
  url: string;
  text: string;
}

export type LeanGet = (path: string, searchParams?: SearchParams, headers?: Record<string, string>) => Promise<unknown>;

export function createLeanGet(ctx: LeanGetContext): LeanGet {
  const prefix = ctx.prefixUrl.endsWith("/") ? ctx.prefixUrl : `${ctx.prefixUrl}/`;

  return async function getJson(path, searchParams, headers) {
    const url = new URL(prefix + path);
    if (searchParams !== undefined) url.search = queryOf(searchParams);
    const key = {};
    let expired = false;
    let cancel: ((err: Error) => void) | undefined;
    const timers = startRequestTimers(key, {
      deadlineMs: ctx.deadlineMs,
      deadlines: ctx.deadlines,
      holds: ctx.holds,
      onExpire: () => {
        expired = true;
        cancel?.(ctx.deadlineError());
      },
      slowAfterMs: ctx.slowAfterMs,
      onSlow: ctx.onSlow,
    });
    try {
      for (let attempt = 1; ; attempt++) {
        if (expired) throw ctx.deadlineError();
        let answer: Answer;
        try {
          answer = await send(url, key, headers, (c) => (cancel = c));
        } catch (err) {
          if (expired) throw ctx.deadlineError();
          const code = (err as { code?: string }).code;
          const wait = code !== undefined && RETRY_CODES.has(code) ? delayFor(key, attempt, undefined) : 0;
          if (wait === 0) throw err;
          ctx.endPace(key);
          await pause(wait, ctx.signal);
          continue;
        }
        const { statusCode } = answer;
        if (statusCode === 429) closeGate(ctx.slowDown, answer.headers["retry-after"], ctx.retryBaseMs);
        if (statusCode >= 200 && statusCode < 300) return parseJson(answer);
        const wait = RETRY_STATUSES.has(statusCode) ? delayFor(key, attempt, answer.headers["retry-after"]) : 0;
        if (wait === 0) throw httpError(answer);
        ctx.endPace(key);
        await pause(wait, ctx.signal);
      }
    } finally {
      timers.clear();
      ctx.over.add(key);
      ctx.endPace(key);
    }
  };

  /** The delay before retry `attempt` (as got decides, then ./gate.ts's retryDelayMs), or 0 for none. */
  function delayFor(key: object, attempt: number, retryAfter: string | string[] | undefined): number {
    if (attempt > ctx.retryLimit) return 0;
    if (retryAfter !== undefined) {
      // got's maxRetryAfter: a longer wait than asked is not made.
      const raw = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
      const seconds = Number(raw);
      const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(String(raw)) - Date.now();
      if (Number.isFinite(asked) && asked > MAX_RETRY_AFTER_MS) return 0;
    }
    return retryDelayMs(attempt, retryAfter, ctx.deadlines.get(key) ?? Infinity, ctx.retryBaseMs);
  }

  /** One attempt, redirects followed within the profile's origin. */
  async function send(first: URL, key: object, extra: Record<string, string> | undefined, onCancel: (cancel: (err: Error) => void) => void): Promise<Answer> {
    let url = first;
    for (let redirects = 0; ; redirects++) {
      if (url.origin !== ctx.allowedOrigin) {
        throw new CliError("failed", redirects === 0 ? `refusing to send credentials to ${url.origin}: it is not the profile's origin ${ctx.allowedOrigin}` : `refusing to follow a redirect to ${url.origin}: credentials go only to ${ctx.allowedOrigin}`, { vendor: ctx.vendor as never });
      }
      await ctx.atGate(key);
      writeScope.getStore()?.read();
      const headers: Record<string, string | undefined> = { "user-agent": "ticket-cli", ...ctx.headers, ...extra, accept: "application/json", "accept-encoding": "gzip, deflate, br" };
      if (ctx.authorize) await ctx.authorize({ headers, url, method: "GET" });
      await ctx.atPace(key);
      const answer = await exchange(url, headers, onCancel);
      const location = answer.headers.location;
      if (answer.statusCode >= 300 && answer.statusCode < 400 && location && [301, 302, 303, 307, 308].includes(answer.statusCode)) {
        if (redirects >= MAX_REDIRECTS) throw gotLike("MaxRedirectsError", `Redirected ${MAX_REDIRECTS} times. Aborting.`, { code: "ERR_TOO_MANY_REDIRECTS" });
        ctx.endPace(key);
        url = new URL(location, url);
        continue;
      }
      return answer;
    }
  }

  /** The request and its whole answer, decompressed, within the size cap and the timeouts. */
  function exchange(url: URL, headers: Record<string, string | undefined>, onCancel: (cancel: (err: Error) => void) => void): Promise<Answer> {
    const lib = builtin<typeof import("node:http")>(url.protocol === "https:" ? "node:https" : "node:http");
    return new Promise<Answer>((resolve, reject) => {
      let settled = false;
      let response: IncomingMessage | undefined;
      const clean: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) clean[k] = v;
      const req = lib.request(url, { method: "GET", headers: clean });
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(firstByte);
        ctx.signal?.removeEventListener("abort", aborted);
        req.destroy();
        response?.destroy();
        reject(err);
      };
      const aborted = () => fail(gotLike("AbortError", "This operation was aborted.", { code: "ABORT_ERR" }));
      if (ctx.signal?.aborted) return aborted();
      ctx.signal?.addEventListener("abort", aborted, { once: true });
      onCancel(fail);
      const timeout = (event: string) => () => fail(gotLike("TimeoutError", `Timeout awaiting '${event}' for ${event === "connect" ? ctx.connectTimeoutMs : ctx.responseTimeoutMs}ms`, { code: "ETIMEDOUT", event }));
      // Connect within connectTimeoutMs, then the first byte of the answer within responseTimeoutMs.
      let firstByte = setTimeout(timeout("connect"), ctx.connectTimeoutMs);
      req.once("socket", (socket) => {
        const connected = () => {
          clearTimeout(firstByte);
          firstByte = setTimeout(timeout("response"), ctx.responseTimeoutMs);
        };
        if (socket.connecting) socket.once("connect", connected);
        else connected();
      });
      req.once("error", (err) => fail(gotLike(response ? "ReadError" : "RequestError", err.message, { code: (err as { code?: string }).code, cause: err })));
      req.once("response", (res) => {
        response = res;
        clearTimeout(firstByte);
        const meta = { statusCode: res.statusCode ?? 0, statusMessage: res.statusMessage ?? "", headers: res.headers, url: url.href };
        const length = Number(res.headers["content-length"]);
        if (Number.isFinite(length) && length > ctx.maxBytes) return fail(ctx.tooLarge());
        const body = decoded(res);
        const chunks: Buffer[] = [];
        let size = 0;
        body.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > ctx.maxBytes) return fail(ctx.tooLarge());
          chunks.push(chunk);
        });
        const cut = (err?: Error) => fail(gotLike("ReadError", err?.message ?? "The server aborted pending request", { code: (err as { code?: string } | undefined)?.code ?? "ECONNRESET", response: meta }));
        res.once("aborted", () => cut());
        body.once("error", cut);
        body.once("end", () => {
          if (settled) return;
          if (!res.complete) return cut();
          settled = true;
          ctx.signal?.removeEventListener("abort", aborted);
          resolve({ ...meta, text: Buffer.concat(chunks).toString("utf8") });
        });
      });
      req.end();
    });
  }
}

/** The answer's body stream, decompressed as its content-encoding says (got's decompress option). */
function decoded(res: IncomingMessage): NodeJS.ReadableStream {
  const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase();
  if (!["gzip", "deflate", "br", "x-gzip"].includes(encoding)) return res;
  const zlib = builtin<typeof import("node:zlib")>("node:zlib");
  const stream = encoding === "br" ? zlib.createBrotliDecompress() : zlib.createUnzip();
  res.once("error", (err) => stream.destroy(err));
  return res.pipe(stream);
}

function queryOf(params: SearchParams): string {
  if (params instanceof URLSearchParams) return params.toString();
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out.append(k, v === null ? "" : String(v));
  return out.toString();
}

/** A 2xx answer's JSON (an empty body is "", as got gives it); a ParseError as got's otherwise. */
function parseJson(answer: Answer): unknown {
  if (answer.text === "") return "";
  try {
    return JSON.parse(answer.text) as unknown;
  } catch (err) {
    throw gotLike("ParseError", `${(err as Error).message} in "${answer.url}"`, { code: "ERR_BODY_PARSE_FAILURE", response: responseOf(answer) });
  }
}

function responseOf(answer: Answer): { statusCode: number; statusMessage: string; headers: IncomingMessage["headers"]; url: string; body: unknown } {
  let body: unknown = answer.text;
  try {
    if (answer.text) body = JSON.parse(answer.text);
  } catch {
    // an error page that is not JSON stays text
  }
  return { statusCode: answer.statusCode, statusMessage: answer.statusMessage, headers: answer.headers, url: answer.url, body };
}

function httpError(answer: Answer): Error {
  return gotLike("HTTPError", `Response code ${answer.statusCode} (${answer.statusMessage})`, { code: "ERR_NON_2XX_3XX_RESPONSE", response: responseOf(answer) });
}
