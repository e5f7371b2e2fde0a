// A counting (and optionally delaying) HTTP proxy on 127.0.0.1 in front of a simulator. It records
// every request (method, path, arrival time on this process's performance.now() clock, and `end`, when
// the upstream's answer was complete) and rewrites
// the upstream origin in answers (bodies and Location) to its own, so absolute next-page links
// (Comm100's nextPage) come back through it. Used for request counts and "last page fetched at",
// never for the timed runs of the stream scenario (those go straight to the simulator).
import { createServer, request } from "node:http";
import { performance } from "node:perf_hooks";

export async function startProxy(upstream) {
  let target = new URL(upstream);
  const log = [];
  const server = createServer((req, res) => {
    const entry = { t: performance.now(), method: req.method, url: req.url };
    log.push(entry);
    const headers = { ...req.headers, host: target.host };
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      const chunks = [];
      answer.on("data", (c) => chunks.push(c));
      answer.on("end", () => {
        entry.status = answer.statusCode;
        entry.end = performance.now();
        let body = Buffer.concat(chunks);
        const type = String(answer.headers["content-type"] ?? "");
        if (/json|text/.test(type) && body.includes(target.origin)) body = Buffer.from(body.toString("utf8").replaceAll(target.origin, proxy.origin));
        const out = { ...answer.headers, "content-length": String(body.length) };
        delete out["transfer-encoding"];
        if (out.location) out.location = String(out.location).replace(target.origin, proxy.origin);
        res.writeHead(answer.statusCode ?? 502, out);
        res.end(body);
      });
      answer.on("error", () => res.destroy());
    });
    up.on("error", () => res.destroy());
    // Write bodies are kept (their first 4 KB) so a count can tell which ticket a request was for.
    if (req.method !== "GET" && req.method !== "HEAD") {
      entry.body = "";
      req.on("data", (c) => {
        if (entry.body.length < 4096) entry.body += c.toString("utf8");
      });
    }
    req.pipe(up);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxy = {
    origin: `http://127.0.0.1:${server.address().port}`,
    log,
    /** The same URL through the proxy. */
    wrap: (url) => url.replace(target.origin, proxy.origin),
    setUpstream(url) {
      target = new URL(url);
    },
    reset() {
      log.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
