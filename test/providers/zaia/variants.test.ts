/**
 * The Zaia provider against the simulator's other readings (src/sandbox/zaia/readings.ts), over
 * real HTTP: the auth form it falls back to and remembers, the status enum it learns, the chat
 * message shapes it reads, and a key that dies mid-run. Each assertion looks at what the server
 * received as well as at what the user gets.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuthError } from "../../../src/errors.js";
import { TicketDetailSchema } from "../../../src/model/schema.js";
import { startSimulator } from "../../../src/sandbox/zaia/index.js";
import type { Simulator, SimulatorOptions } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const sims: Simulator[] = [];
async function sim(opts: SimulatorOptions): Promise<Simulator> {
  const s = await startSimulator({ tickets: 40, ...opts });
  sims.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});
const cacheRoot = () => mkdtempSync(join(tmpdir(), "zaia-cache-"));
const authOf = (s: Simulator) => s.requests.map((r) => String(r.headers["authorization"]).startsWith("Bearer ") ? "bearer" : "raw");

describe("auth form: raw key, then Bearer once, remembered per profile and key", () => {
  it("falls back to Bearer after a 401, says so once, and the next run sends Bearer first", async () => {
    const s = await sim({ variant: "bearer-auth" });
    const root = cacheRoot();
    const first = await providerFor(s, { cacheRoot: root });
    const got = await collect(first.provider.list({ limit: 2 }), 2);
    expect(got).toHaveLength(2);
    expect(s.requests.map((r) => r.status)).toEqual([401, 200]);
    expect(authOf(s)).toEqual(["raw", "bearer"]);
    expect(first.logs.filter((l) => l.includes("Bearer"))).toHaveLength(1);

    // The cache file is named by a fingerprint and holds only the form: never the key.
    const key = s.credentials.secrets["apiKey"]!;
    const files = readdirSync(join(root, "test"));
    const authFile = files.find((f) => f.startsWith("zaia-auth-"))!;
    expect(authFile).toMatch(/^zaia-auth-[0-9a-f]{16}\.json$/);
    const text = readFileSync(join(root, "test", authFile), "utf8");
    expect(text).not.toContain(key);
    expect(JSON.parse(text)).toEqual({ form: "bearer" });

    s.requests.length = 0;
    const second = await providerFor(s, { cacheRoot: root });
    await second.provider.show(s.fixtures.ticketId);
    expect(s.requests.every((r) => r.status === 200)).toBe(true);
    expect(authOf(s)).toEqual(["bearer", "bearer"]);
  });

  it("a changed key starts again from the raw form (the cache is keyed by the key's fingerprint)", async () => {
    const root = cacheRoot();
    const bearer = await sim({ variant: "bearer-auth", secrets: { apiKey: "sbx-zaia-old-key-1234" } });
    await collect((await providerFor(bearer, { cacheRoot: root })).provider.list({ limit: 1 }), 1);
    const raw = await sim({ secrets: { apiKey: "sbx-zaia-new-key-5678" } });
    await collect((await providerFor(raw, { cacheRoot: root })).provider.list({ limit: 1 }), 1);
    expect(authOf(raw)).toEqual(["raw"]);
  });

  it("a remembered Bearer form that Zaia now refuses falls back to raw once, and is forgotten", async () => {
    const root = cacheRoot();
    const key = "sbx-zaia-same-key-0001";
    const bearer = await sim({ variant: "bearer-auth", secrets: { apiKey: key } });
    await collect((await providerFor(bearer, { cacheRoot: root, baseUrl: bearer.baseUrl })).provider.list({ limit: 1 }), 1);
    // Same origin is needed for the same cache: restart a raw-reading simulator on the same port.
    const port = Number(new URL(bearer.baseUrl).port);
    await bearer.close();
    sims.splice(sims.indexOf(bearer), 1);
    const raw = await sim({ port, secrets: { apiKey: key } });
    const tp = await providerFor(raw, { cacheRoot: root });
    await collect(tp.provider.list({ limit: 1 }), 1);
    expect(authOf(raw)).toEqual(["bearer", "raw"]);
    expect(raw.requests.map((r) => r.status)).toEqual([401, 200]);
    const authFile = readdirSync(join(root, "test")).find((f) => f.startsWith("zaia-auth-"))!;
    expect(JSON.parse(readFileSync(join(root, "test", authFile), "utf8"))).toEqual({ form: "raw" });
  });

  it("a key refused in both forms is one AuthError that quotes neither the key nor Zaia's answer", async () => {
    const s = await sim({ variant: "bearer-auth" });
    const tp = await providerFor(s, { secrets: { apiKey: "sbx-zaia-wrong-key-999" } });
    const err = (await collect(tp.provider.list({ limit: 1 })).catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe('Zaia refused the API key (HTTP 401, sent both raw and as "Bearer <key>")');
    expect(s.requests).toHaveLength(2);
    // The derived Bearer value is registered with the redactor the moment it exists.
    expect(tp.redactor.redact("Bearer sbx-zaia-wrong-key-999")).not.toContain("wrong-key");
  });

  it("a write refused with 401 is sent once more as Bearer, and only once", async () => {
    const s = await sim({ variant: "bearer-auth" });
    const tp = await providerFor(s);
    const t = await tp.provider.assign!(s.fixtures.ticketId, { assignee: s.fixtures.assigneeId });
    expect(t.assignee?.id).toBe(s.fixtures.assigneeId);
    const patches = s.requests.filter((r) => r.method === "PATCH");
    expect(patches.map((r) => r.status)).toEqual([401, 200]);
  });

  it("a key that expires mid-run (tokenTtlSeconds) ends in AuthError after one retry, never a loop", async () => {
    let now = Date.parse("2024-06-01T12:00:00Z");
    const s = await sim({ tokenTtlSeconds: 30, now: () => new Date(now) });
    const tp = await providerFor(s);
    await tp.provider.show(s.fixtures.ticketId);
    now += 31_000;
    s.requests.length = 0;
    const err = await tp.provider.show(s.fixtures.ticketId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    // Zaia accepted the key earlier in this run: a 401 now is final, no second form is tried.
    expect(s.requests).toHaveLength(1);
  });
});

describe("status enum: learned when Zaia refuses the guess", () => {
  it("reads the allowed values from the refusal (status-upper), walks them all, and remembers them", async () => {
    const s = await sim({ variant: "status-upper" });
    const root = cacheRoot();
    const tp = await providerFor(s, { cacheRoot: root });
    const all = await collect(tp.provider.list({}));
    expect(all).toHaveLength(s.fixtures.listAllCount);
    expect(new Set(all.map((t) => t.vendorStatus))).toEqual(new Set(["PENDING", "ONGOING", "COMPLETED"]));
    expect(new Set(all.map((t) => t.status))).toEqual(new Set(["new", "open", "closed"]));
    expect(s.requests[0]).toMatchObject({ status: 400, query: { status: "pending" } });
    expect(s.requests.slice(1).every((r) => r.status === 200)).toBe(true);
    expect(tp.logs.some((l) => l.includes("PENDING, ONGOING, COMPLETED"))).toBe(true);

    s.requests.length = 0;
    const again = await providerFor(s, { cacheRoot: root });
    await collect(again.provider.list({ status: ["open"], limit: 1 }), 1);
    expect(s.requests.map((r) => r.query["status"])).toEqual(["ONGOING"]);
  });

  it("tries the other spellings when the refusal lists none (status-ui-names), and create sends the learned value", async () => {
    const s = await sim({ variant: "status-ui-names" });
    const tp = await providerFor(s);
    const t = await tp.provider.create!({ subject: "", fields: s.fixtures.create!.fields!, status: "open" });
    const post = s.requests.find((r) => r.method === "POST")!;
    expect((post.body as { status: string }).status).toBe("in_progress");
    expect(t).toMatchObject({ status: "open", vendorStatus: "in_progress" });
    // Only one-row GETs were spent finding it out.
    for (const r of s.requests.filter((x) => x.method === "GET" && x.path === "/api/v1/tickets/details")) expect(r.query["pageSize"]).toBe("1");
    const closed = await tp.provider.close!(t.id, {});
    expect(closed).toMatchObject({ status: "closed", vendorStatus: "finished" });
  });

  it("a status pinned in the profile's settings is never second-guessed", async () => {
    const s = await sim({ variant: "status-upper" });
    const tp = await providerFor(s, { settings: { statuses: "pending" } });
    const err = await collect(tp.provider.list({})).catch((e: unknown) => e);
    expect((err as Error).message).toContain('listing status "pending"');
    expect(s.requests).toHaveLength(1);
  });
});

describe("chat message shapes", () => {
  const now = () => new Date("2024-06-01T12:00:00.000Z");
  async function conversation(variant?: "messages-envelope" | "messages-parts") {
    const s = await sim(variant ? { variant, now } : { now });
    const tp = await providerFor(s);
    // An ongoing ticket: its chat has the customer, the AI responder and a human agent.
    const [open] = await collect(tp.provider.list({ status: ["open"], limit: 1 }), 1);
    const d = await tp.provider.show(open!.id);
    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
    return d.messages.map((m) => [m.author.type, m.author.id, m.body, m.createdAt]);
  }

  it("reads the envelope and the content-parts shapes into the same messages as the flat one", async () => {
    const flat = await conversation();
    expect(new Set(flat.map(([type]) => type))).toEqual(new Set(["customer", "bot", "agent"]));
    expect(flat.some(([, , body]) => !body)).toBe(false);
    expect(await conversation("messages-envelope")).toEqual(flat);
    expect(await conversation("messages-parts")).toEqual(flat);
  });
});
