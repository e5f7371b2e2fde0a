/** The plain node:http plumbing of the fault proxy: forwarding, raw answers, resets, listening. */
import { request as httpRequest, STATUS_CODES, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection", "upgrade", "te", "trailer"]);

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** An upstream answer, read whole (simulator answers are small). */
export interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function forward(upstream: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: upstream.host };
    delete headers["connection"];
    delete headers["keep-alive"];
    const out = httpRequest(
      { hostname: upstream.hostname.replace(/^\[|\]$/g, ""), port: upstream.port, method: req.method, path: req.url, headers, agent: false },
      (res) => {
        readAll(res).then((data) => {
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) h[k] = Array.isArray(v) ? v.join(", ") : v;
          resolve({ status: res.statusCode ?? 502, headers: h, body: data });
        }, reject);
      },
    );
    out.on("error", reject);
    out.end(body);
  });
}

/** Writes a status line and headers straight to the socket (for answers HTTP would not allow). */
export function rawHead(status: number, headers: Record<string, string | number>): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Unknown"}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), "connection: close"];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

export function reset(socket: Socket): void {
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

export async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  return `http://${a.family === "IPv6" ? `[${a.address}]` : a.address}:${a.port}`;
}
