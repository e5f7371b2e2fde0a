/**
 * src/http/lazy-got.ts: a got instance that loads got on its first request. Over real HTTP on
 * 127.0.0.1: each call form ticket uses answers as got's own, a failed request is an error for the
 * caller and never an unhandled rejection, and a call ticket does not make is refused at once.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import got from "got";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazyGot } from "../../src/http/lazy-got.js";

let server: Server;
let base = "";
const seen: { method?: string; url?: string; body: string; header?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, body, header: req.headers["x-extra"] as string | undefined });
      if (req.url === "/fail") return void res.writeHead(500, { "content-type": "application/json" }).end('{"message":"boom"}');
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

describe("lazyGot", () => {
  it("loads got only on the first request, once", async () => {
    let loads = 0;
    const client = lazyGot(async () => {
      loads++;
      return got.extend({ prefixUrl: base, retry: { limit: 0 } });
    });
    expect(loads).toBe(0);
    expect(await client.get("a").json()).toEqual({ method: "GET", body: "" });
    expect(await client.post("b", { json: { x: 1 } }).text()).toBe(JSON.stringify({ method: "POST", body: '{"x":1}' }));
    const res = await client("c", { method: "PUT", json: { y: 2 } });
    expect(res.statusCode).toBe(200);
    expect(loads).toBe(1);
  });

  it("extend adds to the loaded instance", async () => {
    const client = lazyGot(async () => got.extend({ prefixUrl: base, retry: { limit: 0 } })).extend({ headers: { "x-extra": "yes" } });
    seen.length = 0;
    await client.patch("d").json();
    expect(seen).toEqual([{ method: "PATCH", url: "/d", body: "", header: "yes" }]);
  });

  it("a failed request rejects for the caller, as got's HTTPError, and leaves no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on("unhandledRejection", onUnhandled);
    try {
      const client = lazyGot(async () => got.extend({ prefixUrl: base, retry: { limit: 0 } }));
      await expect(client.get("fail").json()).rejects.toMatchObject({ name: "HTTPError", response: { statusCode: 500 } });
      await expect(client.delete("fail")).rejects.toMatchObject({ name: "HTTPError" });
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a call ticket does not make is refused at once, naming it", () => {
    const client = lazyGot(async () => got);
    expect(() => (client as unknown as { paginate: unknown }).paginate).toThrow('ticket\'s lazy got client has no "paginate"');
    expect((client as unknown as { then?: unknown }).then).toBeUndefined();
  });
});
