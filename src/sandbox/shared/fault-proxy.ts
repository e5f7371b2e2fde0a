/**
 * A fault-injecting HTTP proxy on 127.0.0.1, in front of a simulator (or any origin on
 * loopback). It forwards each request, or answers in its place, as the SPEC says (grammar and
 * the list of faults: fault-spec.ts), and records every exchange: what it forwarded, what the
 * upstream answered (the write was processed), what the client got. Tests read `exchanges` to
 * say "the server received this write once" or "the write was processed but its answer lost".
 *
 *   const proxy = await startFaultProxy({ upstream: sim.baseUrl, spec: "reset-after:writes:1", vendor: "sobot" });
 *   const baseUrl = proxy.wrap(sim.baseUrl);      // what a profile points at
 *   ...
 *   writesReceived(proxy.exchanges)               // writes the simulator processed
 *
 * Answers are rewritten so links point back through the proxy (the upstream's origin becomes the
 * proxy's). A second listener, `foreignOrigin`, plays "another origin" for redirects and links and
 * records whatever reaches it (nothing should: credentials go only to the profile's origin).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { VendorName } from "../../model/enums.js";
import { deliver, refuse, send, type AnswerEnv } from "./fault-answers.js";
import { replaceOrigin } from "./fault-bodies.js";
import { forward, isLoopback, listen, readAll, type Upstream } from "./fault-net.js";
import type { ForeignRequest, ProxyExchange, RequestKind } from "./fault-record.js";
import { parseFaultSpec, ruleForwards, type FaultRule } from "./fault-spec.js";
import { FAULT_VENDORS } from "./fault-vendors.js";

export { isLoopback } from "./fault-net.js";
export { upstreamAccepted, writesLandedAnswerLost, writesReceived, type ForeignRequest, type ProxyExchange, type RequestKind } from "./fault-record.js";

export interface FaultProxyOptions {
  /** The upstream: any URL on a loopback host (its origin is used). */
  upstream: string;
  /** A SPEC (fault-spec.ts) or parsed rules. */
  spec?: string | FaultRule[];
  /** Enables `auth` targeting and the vendor's own `expired` answer. */
  vendor?: VendorName;
  host?: string;
  port?: number;
}

export interface FaultProxy {
  origin: string;
  /** The "other origin" redirects and foreign links point to. */
  foreignOrigin: string;
  rules: readonly FaultRule[];
  exchanges: ProxyExchange[];
  foreign: ForeignRequest[];
  /** The same URL through the proxy (upstream origin replaced). */
  wrap(url: string): string;
  close(): Promise<void>;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const KEEP = 64 * 1024;

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(opts.upstream);
  if (upstream.protocol !== "http:" || !isLoopback(upstream.hostname)) {
    throw new Error(`the fault proxy forwards only to http on loopback, not ${upstream.origin}`);
  }
  const rules = typeof opts.spec === "string" ? parseFaultSpec(opts.spec) : [...(opts.spec ?? [])];
  const vendor = opts.vendor ? FAULT_VENDORS[opts.vendor] : undefined;
  const host = opts.host ?? "127.0.0.1";
  const exchanges: ProxyExchange[] = [];
  const foreign: ForeignRequest[] = [];
  const seen = rules.map(() => 0);
  const struck = rules.map(() => 0);
  const replays = new Map<string, Upstream>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let sawWrite = false;
  let origin = "";
  let foreignOrigin = "";

  const kindOf = (method: string, path: string): RequestKind => (vendor?.authPath.test(path) ? "auth" : READS.has(method) ? "read" : "write");

  /**
   * The rule that strikes this request. Every rule counts the requests its selectors match (for
   * @N); the first rule in SPEC order that is due takes the request, and a count N limits how many
   * times a rule strikes. So `reset-before:writes:1,reset-after:writes:1` strikes the first write
   * with one and the second with the other, and `cut:@1,stall:@2` the first and second request.
   */
  function pick(kind: RequestKind, path: string, readback: boolean): FaultRule | undefined {
    let chosen: number | undefined;
    rules.forEach((rule, i) => {
      const targeted =
        rule.target === "all" ||
        (rule.target === "reads" && kind === "read") ||
        (rule.target === "writes" && kind === "write") ||
        (rule.target === "auth" && kind === "auth") ||
        (rule.target === "readback" && kind === "read" && readback);
      if (!targeted || !rule.paths.every((p) => path.includes(p))) return;
      if (rule.fault === "expired" && kind === "auth") return;
      if (rule.fault === "repeat" && kind !== "read") return;
      const n = (seen[i] = (seen[i] ?? 0) + 1);
      const due =
        (rule.times === undefined || (struck[i] ?? 0) < rule.times) &&
        (rule.nth === undefined || n === rule.nth || (rule.onward === true && n > rule.nth));
      if (due && chosen === undefined) chosen = i;
    });
    if (chosen === undefined) return undefined;
    struck[chosen] = (struck[chosen] ?? 0) + 1;
    return rules[chosen];
  }

  /** The upstream answer with links pointing back through the proxy. */
  function through(up: Upstream): Upstream {
    const headers = { ...up.headers };
    if (headers["location"]) headers["location"] = headers["location"].split(upstream.origin).join(origin);
    return { ...up, headers, body: replaceOrigin(up.body, upstream.origin, origin) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = req.url ?? "/";
    const path = new URL(url, "http://proxy.local").pathname;
    const kind = kindOf(method, path);
    const readback = sawWrite;
    if (kind === "write") sawWrite = true;
    const body = await readAll(req);
    const rule = pick(kind, path, readback);
    const ex: ProxyExchange = {
      seq: exchanges.length + 1,
      method,
      url,
      kind,
      ...(rule ? { fault: rule.text } : {}),
      forwarded: false,
      ending: "pending",
      requestHeaders: { ...req.headers },
      requestBody: body.subarray(0, KEEP).toString("utf8"),
      bytesSent: 0,
      intact: false,
      startedAt: Date.now(),
    };
    exchanges.push(ex);
    res.once("close", () => {
      ex.endedAt = Date.now();
      if (ex.ending === "pending") ex.ending = "client-gone";
    });

    const env: AnswerEnv = { vendor, origin, foreignOrigin, timers };
    if (rule && !ruleForwards(rule)) return refuse(rule, req, res, ex, env);
    const replayKey = `${method} ${path}`;
    const replay = rule?.fault === "repeat" ? replays.get(replayKey) : undefined;
    if (replay) return send(res, ex, replay);

    let up: Upstream;
    try {
      ex.forwarded = true;
      const raw = await forward(upstream, req, body);
      ex.upstreamStatus = raw.status;
      ex.upstreamBody = raw.body.subarray(0, KEEP).toString("utf8");
      up = through(raw);
    } catch (err) {
      return send(res, ex, { status: 502, headers: { "content-type": "text/plain" }, body: `fault proxy: upstream failed: ${(err as Error).message}` });
    }
    if (rule?.fault === "repeat") replays.set(replayKey, up);
    if (res.destroyed) {
      ex.ending = "client-gone";
      return;
    }
    await deliver(rule, res, ex, up, env);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`fault proxy crashed: ${(err as Error).message}`);
      } else {
        res.destroy();
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const foreignServer = createServer((req, res) => {
    foreign.push({ method: req.method ?? "GET", url: req.url ?? "/", headers: { ...req.headers } });
    req.resume();
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });

  origin = await listen(server, host, opts.port ?? 0);
  foreignOrigin = await listen(foreignServer, host, 0);

  return {
    origin,
    foreignOrigin,
    rules,
    exchanges,
    foreign,
    wrap: (u) => u.split(upstream.origin).join(origin),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all(
        [server, foreignServer].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
