/**
 * How the fault proxy answers a struck request: in the upstream's place (refuse) or by spoiling
 * the upstream's answer (deliver): late, stalled, reset, cut, relabeled, rewritten, oversized.
 * Each records on the exchange what the client got.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { brokenJson, HTML_PAGE_200, HTML_PAGE_502, injectEscapes, parseJson, replaceOrigin, wrongShape } from "./fault-bodies.js";
import { rawHead, reset, type Upstream } from "./fault-net.js";
import type { ProxyExchange } from "./fault-record.js";
import type { FaultRule } from "./fault-spec.js";
import type { CannedAnswer, FaultVendor } from "./fault-vendors.js";

/** What answering needs from the proxy around it. */
export interface AnswerEnv {
  vendor: FaultVendor | undefined;
  /** The proxy's own origin and the "other origin" of redirects and foreign links. */
  origin: string;
  foreignOrigin: string;
  /** Pending delays, cleared when the proxy closes. */
  timers: Set<NodeJS.Timeout>;
}

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

const wait = (ms: number, res: ServerResponse, timers: Set<NodeJS.Timeout>) =>
  new Promise<boolean>((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve(!res.destroyed);
    }, ms);
    timers.add(t);
    res.once("close", () => {
      clearTimeout(t);
      timers.delete(t);
      resolve(false);
    });
  });

export function send(res: ServerResponse, ex: ProxyExchange, answer: { status: number; headers: Record<string, string>; body: Buffer | string }): void {
  const body = typeof answer.body === "string" ? Buffer.from(answer.body) : answer.body;
  ex.status = answer.status;
  ex.bytesSent = body.length;
  ex.ending = "answered";
  res.writeHead(answer.status, { ...answer.headers, "content-length": String(body.length) });
  res.end(body);
}

/** Headers, part of the body, then a reset or a clean close. */
function partial(res: ServerResponse, ex: ProxyExchange, up: Upstream, how: "reset" | "cut" | "stalled"): void {
  const socket = res.socket as Socket;
  const declared = Math.max(up.body.length, 64) + (how === "cut" ? 64 : 0);
  const part = how === "stalled" ? Buffer.alloc(0) : up.body.subarray(0, Math.floor(up.body.length / 2));
  ex.status = up.status;
  ex.bytesSent = part.length;
  ex.ending = how;
  socket.write(rawHead(up.status, { ...up.headers, "content-length": declared }));
  if (how === "stalled") return; // the client's deadline, or close(), ends it
  socket.write(part, () => (how === "reset" ? reset(socket) : socket.end()));
}

async function oversize(res: ServerResponse, ex: ProxyExchange, megabytes: number): Promise<void> {
  ex.status = 200;
  res.writeHead(200, JSON_TYPE);
  const chunk = Buffer.from(`"${"x".repeat(64 * 1024 - 3)}",`);
  const total = megabytes * 1024 * 1024;
  res.write('{"items":[');
  while (ex.bytesSent < total) {
    if (res.destroyed) {
      ex.ending = "client-gone";
      return;
    }
    ex.bytesSent += chunk.length;
    if (!res.write(chunk)) {
      const drained = await new Promise<boolean>((resolve) => {
        const done = (ok: boolean) => () => {
          res.off("drain", onDrain);
          res.off("close", onClose);
          resolve(ok);
        };
        const onDrain = done(true);
        const onClose = done(false);
        res.on("drain", onDrain);
        res.on("close", onClose);
      });
      if (!drained) {
        ex.ending = "client-gone";
        return;
      }
    }
  }
  res.end('"x"]}');
  ex.ending = "answered";
}

const jsonAnswer = (up: Upstream, transform: (v: unknown) => unknown): Upstream => {
  const parsed = parseJson(up.body);
  if (!parsed.ok) return up;
  return { ...up, body: Buffer.from(JSON.stringify(transform(parsed.value))) };
};

/** Answers a struck request without forwarding it. */
export function refuse(rule: FaultRule, req: IncomingMessage, res: ServerResponse, ex: ProxyExchange, env: AnswerEnv): void {
  const now = Date.now();
  switch (rule.fault) {
    case "status":
    case "429-date": {
      const status = rule.fault === "status" ? rule.arg! : 429;
      const headers: Record<string, string> = { ...JSON_TYPE };
      if (rule.fault === "429-date") {
        headers["retry-after"] = new Date(now + rule.arg! * 1000).toUTCString();
        ex.retryAt = Date.parse(headers["retry-after"]);
      } else if (rule.retryAfter !== undefined) {
        headers["retry-after"] = String(rule.retryAfter);
        ex.retryAt = now + rule.retryAfter * 1000;
      }
      send(res, ex, { status, headers, body: JSON.stringify({ message: STATUS_CODES[status] ?? "Error", proxy: "fault" }) });
      return;
    }
    case "reset-before":
      ex.ending = "reset";
      reset(req.socket);
      return;
    case "html-502":
      send(res, ex, { status: 502, headers: { "content-type": "text/html" }, body: HTML_PAGE_502 });
      return;
    case "401":
      send(res, ex, { status: 401, headers: JSON_TYPE, body: JSON.stringify({ message: "Unauthorized" }) });
      return;
    case "expired": {
      const canned: CannedAnswer = env.vendor
        ? env.vendor.expired(req.headers)
        : { status: 401, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: "invalid_token", error_description: "The access token expired" }) };
      send(res, ex, canned);
      return;
    }
    case "redirect":
      send(res, ex, { status: rule.arg!, headers: { location: `${env.foreignOrigin}${req.url ?? "/"}` }, body: "" });
      return;
    default:
      throw new Error(`fault ${rule.fault} forwards`);
  }
}

/** Delivers an upstream answer (already through the proxy) as the rule says. */
export async function deliver(rule: FaultRule | undefined, res: ServerResponse, ex: ProxyExchange, up: Upstream, env: AnswerEnv): Promise<void> {
  switch (rule?.fault) {
    case undefined:
    case "none":
    case "repeat":
      ex.intact = true;
      return send(res, ex, up);
    case "latency":
      if (!(await wait(rule.arg!, res, env.timers))) return;
      ex.intact = true;
      return send(res, ex, up);
    case "stall":
      return partial(res, ex, up, "stalled");
    case "reset-after":
      ex.ending = "reset";
      return reset(res.socket as Socket);
    case "reset-mid":
      return partial(res, ex, up, "reset");
    case "cut":
      return partial(res, ex, up, "cut");
    case "malformed":
      return send(res, ex, { status: up.status, headers: { ...up.headers, ...JSON_TYPE }, body: brokenJson(up.body) });
    case "html":
      return send(res, ex, { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: HTML_PAGE_200 });
    case "json-as-html":
      return send(res, ex, { ...up, headers: { ...up.headers, "content-type": "text/html; charset=utf-8" } });
    case "text-as-json":
      return send(res, ex, { status: up.status, headers: { ...up.headers, ...JSON_TYPE }, body: "OK: request accepted" });
    case "wrong-shape":
      return send(res, ex, jsonAnswer(up, (v) => wrongShape(v, env.vendor?.envelopeKeys)));
    case "escapes":
      return send(res, ex, jsonAnswer(up, (v) => injectEscapes(v).value));
    case "foreign-links":
      return send(res, ex, { ...up, body: replaceOrigin(up.body, env.origin, env.foreignOrigin) });
    case "status-after":
      return send(res, ex, { status: rule.arg!, headers: JSON_TYPE, body: JSON.stringify({ message: STATUS_CODES[rule.arg!] ?? "Error", proxy: "fault" }) });
    case "oversize":
      return oversize(res, ex, rule.arg!);
    default:
      throw new Error(`fault ${rule?.fault} does not forward`);
  }
}
