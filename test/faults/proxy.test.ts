/**
 * The fault proxy itself: the SPEC grammar, and each fault doing what it says, checked from both
 * ends (what a client receives over a raw socket, what the upstream processed). The CLI suite
 * relies on these records to tell a write that landed from one that did not, so they are proven
 * here against a tiny upstream and against real simulators.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESCAPE_PAYLOAD } from "../../src/sandbox/shared/fault-bodies.js";
import { startFaultProxy, writesLandedAnswerLost, writesReceived, type FaultProxy } from "../../src/sandbox/shared/fault-proxy.js";
import { FAULTS, FaultSpecError, parseFaultSpec } from "../../src/sandbox/shared/fault-spec.js";

interface Seen {
  status?: number;
  headers?: IncomingHttpHeaders;
  body: string;
  /** How the exchange ended for the client. */
  end: "complete" | "error" | "timeout";
  error?: string;
}

/** One request over a fresh connection; `waitMs` bounds how long we wait for the end. */
function fetchRaw(url: string, opts: { method?: string; body?: string; headers?: Record<string, string>; waitMs?: number } = {}): Promise<Seen> {
  return new Promise((resolve) => {
    const seen: Seen = { body: "", end: "timeout" };
    const req = request(url, { method: opts.method ?? "GET", headers: { "content-type": "application/json", ...opts.headers }, agent: false }, (res) => {
      seen.status = res.statusCode;
      seen.headers = res.headers;
      res.setEncoding("utf8");
      res.on("data", (d: string) => (seen.body += d));
      res.on("end", () => {
        if (seen.end === "timeout") seen.end = res.complete ? "complete" : "error";
        clearTimeout(timer);
        resolve(seen);
      });
      res.on("error", (e) => {
        seen.end = "error";
        seen.error = (e as NodeJS.ErrnoException).code ?? e.message;
        clearTimeout(timer);
        resolve(seen);
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(seen);
    }, opts.waitMs ?? 2_000);
    req.on("error", (e) => {
      clearTimeout(timer);
      seen.end = "error";
      seen.error = (e as NodeJS.ErrnoException).code ?? e.message;
      resolve(seen);
    });
    req.end(opts.body);
  });
}

/** A tiny upstream: a paged list with absolute next links, a write that counts, a token endpoint. */
let upstream: Server;
let upstreamOrigin = "";
let writes = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    req.resume();
    req.on("end", () => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === "/items") {
        const page = Number(url.searchParams.get("page") ?? "1");
        return json(200, {
          items: [{ id: `t${page}`, subject: "Printer on fire", status: "open", createdAt: "2026-01-02 10:00:00" }],
          next: page < 3 ? `${upstreamOrigin}/items?page=${page + 1}` : null,
        });
      }
      if (url.pathname === "/write" && req.method === "POST") {
        writes += 1;
        return json(201, { id: `w${writes}`, note: "written and stored" });
      }
      if (url.pathname === "/moved") return json(302, {}, { location: `${upstreamOrigin}/items` });
      if (url.pathname === "/api/get_token") return json(200, { ret_code: "000000", item: { token: "tok-1234567890abcdef" } });
      json(404, { message: "no such route" });
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

async function withProxy<T>(spec: string, fn: (p: FaultProxy) => Promise<T>, vendor?: "sobot" | "3dolphins"): Promise<T> {
  const p = await startFaultProxy({ upstream: upstreamOrigin, spec, ...(vendor ? { vendor } : {}) });
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

describe("the SPEC grammar", () => {
  it("parses faults, arguments and selectors", () => {
    expect(parseFaultSpec("reset-after:writes:1,latency=6000:reads")).toEqual([
      { text: "reset-after:writes:1", fault: "reset-after", target: "writes", times: 1, paths: [] },
      { text: "latency=6000:reads", fault: "latency", arg: 6000, target: "reads", paths: [] },
    ]);
    expect(parseFaultSpec("429")[0]).toMatchObject({ fault: "status", arg: 429, retryAfter: 1 });
    expect(parseFaultSpec("503=7:@2")[0]).toMatchObject({ fault: "status", arg: 503, retryAfter: 7, nth: 2 });
    expect(parseFaultSpec("502-after")[0]).toMatchObject({ fault: "status-after", arg: 502 });
    expect(parseFaultSpec("cut:~/tickets:@2+")[0]).toMatchObject({ fault: "cut", paths: ["/tickets"], nth: 2, onward: true });
    expect(parseFaultSpec("oversize")[0]).toMatchObject({ fault: "oversize", arg: 64 });
    expect(parseFaultSpec("  ")).toEqual([]);
  });

  it.each([
    ["bogus", /unknown fault "bogus"/],
    ["latency", /latency needs =MS/],
    ["stall=3", /takes no argument/],
    ["reset-after:sometimes", /unknown selector "sometimes"/],
    ["status=42", /not an HTTP status/],
    ["cut:0", /counts start at 1/],
    ["cut,,stall", /empty rule/],
  ])("refuses %s", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

describe("the fault proxy", () => {
  it("passes answers through and points links at itself", async () => {
    await withProxy("", async (p) => {
      const r = await fetchRaw(`${p.origin}/items?page=1`);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).next).toBe(`${p.origin}/items?page=2`);
      const moved = await fetchRaw(`${p.origin}/moved`);
      expect(moved.headers?.location).toBe(`${p.origin}/items`);
      expect(p.exchanges.map((e) => [e.kind, e.forwarded, e.upstreamStatus, e.ending, e.intact])).toEqual([
        ["read", true, 200, "answered", true],
        ["read", true, 302, "answered", true],
      ]);
    });
  });

  it("refuses an upstream that is not on loopback", async () => {
    await expect(startFaultProxy({ upstream: "http://example.com/" })).rejects.toThrow(/loopback/);
  });

  it("reset-before: the write is not forwarded; reset-after: it is, and its answer is lost", async () => {
    await withProxy("reset-before:writes:1,reset-after:writes:1", async (p) => {
      const before = writes;
      const a = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      expect(a).toMatchObject({ end: "error", error: "ECONNRESET" });
      expect(writes).toBe(before);
      const b = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      expect(b).toMatchObject({ end: "error", error: "ECONNRESET" });
      expect(writes).toBe(before + 1);
      const c = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      expect(c.status).toBe(201);
      expect(writesReceived(p.exchanges)).toHaveLength(2);
      expect(writesLandedAnswerLost(p.exchanges).map((e) => e.seq)).toEqual([2]);
      expect(p.exchanges.map((e) => e.fault ?? null)).toEqual(["reset-before:writes:1", "reset-after:writes:1", null]);
    });
  });

  it("reset-mid and cut send part of the body; stall sends only headers", async () => {
    await withProxy("reset-mid:@1,cut:@2,stall:@3", async (p) => {
      const mid = await fetchRaw(`${p.origin}/items`);
      expect(mid.status).toBe(200);
      expect(mid.end).toBe("error");
      const cut = await fetchRaw(`${p.origin}/items`);
      expect(cut.status).toBe(200);
      expect(cut.end).toBe("error");
      expect(Number(cut.headers?.["content-length"])).toBeGreaterThan(cut.body.length);
      expect(cut.body.length).toBeGreaterThan(0);
      const stall = await fetchRaw(`${p.origin}/items`, { waitMs: 400 });
      expect(stall).toMatchObject({ status: 200, end: "timeout", body: "" });
      expect(p.exchanges.map((e) => e.ending)).toEqual(["reset", "cut", "stalled"]);
    });
  });

  it("latency holds the answer; the client gets it whole, late", async () => {
    await withProxy("latency=300", async (p) => {
      const t = Date.now();
      const r = await fetchRaw(`${p.origin}/items`);
      expect(r.end).toBe("complete");
      expect(Date.now() - t).toBeGreaterThanOrEqual(290);
      expect(p.exchanges[0]!.intact).toBe(true);
    });
  });

  it("status faults answer without forwarding, with Retry-After in seconds or as a date", async () => {
    await withProxy("429=3:@1,429-date=5:@2,503:@3,status=418:@4", async (p) => {
      const before = writes;
      const a = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      const b = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      const c = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      const d = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      expect([a.status, b.status, c.status, d.status]).toEqual([429, 429, 503, 418]);
      expect(a.headers?.["retry-after"]).toBe("3");
      const date = Date.parse(String(b.headers?.["retry-after"]));
      expect(date - Date.now()).toBeGreaterThan(3_000);
      expect(p.exchanges[1]!.retryAt).toBe(date);
      expect(c.headers?.["retry-after"]).toBeUndefined();
      expect(writes).toBe(before);
    });
  });

  it("502-after forwards, then answers 502: the write landed", async () => {
    await withProxy("502-after:writes", async (p) => {
      const before = writes;
      const r = await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      expect(r.status).toBe(502);
      expect(writes).toBe(before + 1);
      expect(writesLandedAnswerLost(p.exchanges)).toHaveLength(1);
    });
  });

  it("body faults: malformed, html, html-502, json-as-html, text-as-json, wrong-shape", async () => {
    await withProxy("malformed:@1,html:@2,html-502:@3,json-as-html:@4,text-as-json:@5,wrong-shape:@6", async (p) => {
      const got: Seen[] = [];
      for (let i = 0; i < 6; i++) got.push(await fetchRaw(`${p.origin}/items`));
      expect(() => JSON.parse(got[0]!.body)).toThrow();
      expect(got[0]!.headers?.["content-type"]).toMatch(/json/);
      expect(got[1]).toMatchObject({ status: 200, end: "complete" });
      expect(got[1]!.headers?.["content-type"]).toMatch(/text\/html/);
      expect(got[2]!.status).toBe(502);
      expect(got[2]!.body).toContain("<html>");
      expect(got[3]!.headers?.["content-type"]).toMatch(/text\/html/);
      expect(JSON.parse(got[3]!.body).items).toHaveLength(1);
      expect(got[4]!.headers?.["content-type"]).toMatch(/json/);
      expect(() => JSON.parse(got[4]!.body)).toThrow();
      expect(JSON.parse(got[5]!.body)).toEqual({
        items__renamed: [{ id__renamed: "t1", subject__renamed: "Printer on fire", status__renamed: "open", createdAt__renamed: "2026-01-02 10:00:00" }],
        next__renamed: `${p.origin}/items?page=2`,
      });
      expect(p.exchanges.map((e) => e.forwarded)).toEqual([true, true, false, true, true, true]);
    });
  });

  it("401, expired (the vendor's own answer, never on the auth endpoint), and auth targeting", async () => {
    await withProxy(
      "expired,401:auth:1,wrong-shape:auth",
      async (p) => {
        const token = await fetchRaw(`${p.origin}/api/get_token`);
        expect(token.status).toBe(401);
        const r = await fetchRaw(`${p.origin}/items`, { headers: { language: "en" } });
        expect(r.status).toBe(200);
        expect(JSON.parse(r.body)).toEqual({ ret_code: "900002", ret_msg: "Token expired. Get a new one" });
        // wrong-shape keeps Sobot's envelope: the answer still says success.
        expect(JSON.parse((await fetchRaw(`${p.origin}/api/get_token`)).body)).toEqual({ ret_code: "000000", item__renamed: { token__renamed: "tok-1234567890abcdef" } });
        expect(p.exchanges.map((e) => [e.kind, e.fault])).toEqual([
          ["auth", "401:auth:1"],
          ["read", "expired"],
          ["auth", "wrong-shape:auth"],
        ]);
      },
      "sobot",
    );
    await withProxy(
      "expired",
      async (p) => {
        const r = await fetchRaw(`${p.origin}/items`, { headers: { authorization: "Bearer sekrit-token-123" } });
        expect(r.status).toBe(401);
        // 3Dolphins (Spring) quotes the token back: a client must never print vendor text raw.
        expect(JSON.parse(r.body).error_description).toContain("sekrit-token-123");
      },
      "3dolphins",
    );
  });

  it("repeat: every read of a path gets its first answer, so a list repeats its first page", async () => {
    await withProxy("repeat:reads", async (p) => {
      const one = JSON.parse((await fetchRaw(`${p.origin}/items?page=1`)).body);
      const two = JSON.parse((await fetchRaw(one.next)).body);
      expect(two).toEqual(one);
      expect(p.exchanges.map((e) => e.forwarded)).toEqual([true, false]);
    });
  });

  it("redirect and foreign-links point at another origin, which records whatever reaches it", async () => {
    await withProxy("redirect:@1,foreign-links:@2", async (p) => {
      const r = await fetchRaw(`${p.origin}/items?page=1`);
      expect(r.status).toBe(307);
      expect(r.headers?.location).toBe(`${p.foreignOrigin}/items?page=1`);
      const links = JSON.parse((await fetchRaw(`${p.origin}/items?page=1`)).body);
      expect(links.next).toBe(`${p.foreignOrigin}/items?page=2`);
      expect(p.foreign).toEqual([]);
      await fetchRaw(links.next, { headers: { authorization: "Bearer x" } });
      expect(p.foreign).toMatchObject([{ method: "GET", url: "/items?page=2" }]);
    });
  });

  it("oversize streams until the client gives up, and records that it did", async () => {
    await withProxy("oversize=32", async (p) => {
      const got = await new Promise<number>((resolve) => {
        let n = 0;
        const req = request(`${p.origin}/items`, { agent: false }, (res) => {
          res.on("data", (d: Buffer) => {
            n += d.length;
            if (n > 1024 * 1024) {
              req.destroy();
              resolve(n);
            }
          });
        });
        req.end();
      });
      expect(got).toBeGreaterThan(1024 * 1024);
      await expect.poll(() => p.exchanges[0]!.ending).toBe("client-gone");
      expect(p.exchanges[0]!.bytesSent).toBeLessThan(32 * 1024 * 1024);
    });
  });

  it("escapes go into text fields, never into ids, dates, links or enums", async () => {
    await withProxy("escapes", async (p) => {
      const body = JSON.parse((await fetchRaw(`${p.origin}/items?page=1`)).body);
      expect(body.items[0]).toEqual({ id: "t1", subject: `Printer on fire${ESCAPE_PAYLOAD}`, status: "open", createdAt: "2026-01-02 10:00:00" });
      expect(body.next).toBe(`${p.origin}/items?page=2`);
    });
  });

  it("counts: N times, the Nth, the Nth onward, paths, and readback after a write", async () => {
    await withProxy("500:~/items:@2+,503:readback:1,status=418:reads:1", async (p) => {
      const statuses: (number | undefined)[] = [];
      statuses.push((await fetchRaw(`${p.origin}/items`)).status); // reads:1 -> 418 (first matching read); @2+ counts it as 1st
      statuses.push((await fetchRaw(`${p.origin}/items`)).status); // @2 -> 500
      statuses.push((await fetchRaw(`${p.origin}/nope`)).status); // passes: 404
      await fetchRaw(`${p.origin}/write`, { method: "POST", body: "{}" });
      statuses.push((await fetchRaw(`${p.origin}/nope`)).status); // readback:1 -> 503
      statuses.push((await fetchRaw(`${p.origin}/nope`)).status); // 404 again
      statuses.push((await fetchRaw(`${p.origin}/items`)).status); // @2+ -> 500
      expect(statuses).toEqual([418, 500, 404, 503, 404, 500]);
    });
  });

  it("close() ends stalled and held exchanges at once", async () => {
    const p = await startFaultProxy({ upstream: upstreamOrigin, spec: "stall:@1,latency=60000:@2" });
    const stalled = fetchRaw(`${p.origin}/items`, { waitMs: 10_000 });
    const held = fetchRaw(`${p.origin}/items`, { waitMs: 10_000 });
    await expect.poll(() => p.exchanges.length).toBe(2);
    await expect.poll(() => p.exchanges[0]!.ending).toBe("stalled");
    const t = Date.now();
    await p.close();
    const [a, b] = await Promise.all([stalled, held]);
    expect(Date.now() - t).toBeLessThan(2_000);
    expect(a.end).toBe("error");
    expect(b.end).toBe("error");
  });

  it("every fault in FAULTS is served by the proxy", async () => {
    for (const name of Object.keys(FAULTS)) {
      const info = FAULTS[name as keyof typeof FAULTS];
      const spec = info.arg?.required ? `${name}=${name === "latency" ? 10 : 418}` : name === "oversize" ? "oversize=1" : name;
      await withProxy(spec, async (p) => {
        await fetchRaw(`${p.origin}/items`, { waitMs: 300 });
        expect(p.exchanges[0]!.fault, name).toBe(spec);
        if (name !== "repeat") expect(p.exchanges[0]!.forwarded, name).toBe(info.forwards);
      });
    }
  });
});
