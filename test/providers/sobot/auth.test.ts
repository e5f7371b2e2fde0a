/**
 * Sobot tokens over real HTTP against the simulator: signing, the on-disk cache shared by runs
 * and keyed by a fingerprint of appid + app_key, one refresh on 900002, concurrent runs sharing
 * one token, and stale lock files.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { credentialFingerprint } from "../../../src/providers/shared/fingerprint.js";
import { AuthError } from "../../../src/errors.js";
import { signFor, tokenFileName } from "../../../src/providers/sobot/auth.js";
import { startSimulator, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import type { RecordedRequest } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const isToken = (r: RecordedRequest) => r.path === "/api/get_token";
const summary = (reqs: RecordedRequest[]) =>
  reqs.map((r) => (isToken(r) ? "get_token" : `${r.path.split("/").pop()} ${String(r.headers["token"] ?? "").slice(0, 6)}`));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freshRoot = () => mkdtempSync(join(tmpdir(), "sobot-cache-"));
/** The cache file of a simulator's credentials (or of another app_key). */
const cacheFile = (sim: SobotSimulator, key = sim.credentials.secrets.app_key!) => tokenFileName(credentialFingerprint(sim.credentials.settings.appid!, key));

describe("sobot sign", () => {
  it("is md5(appid + create_time + app_key) in lower-case hex (the doc's example)", () => {
    expect(signFor("1", "1569397773", "2")).toBe("258eec3118705112b2c53dc8043d4d34");
  });
});

describe("sobot token cache", () => {
  let sim: SobotSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ tickets: 30 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.requests.length = 0;
  });

  it("caches the token with its expiry in the cache folder, and the next run reuses it", async () => {
    const cacheRoot = freshRoot();
    const first = await providerFor(sim, { cacheRoot });
    await first.provider.show(sim.fixtures.ticketId);
    expect(sim.requests.filter(isToken)).toHaveLength(1);
    const tokenQuery = sim.requests.find(isToken)!.query;
    expect(tokenQuery.appid).toBe(sim.credentials.settings.appid);
    expect(tokenQuery.sign).toBe(signFor(String(tokenQuery.appid), String(tokenQuery.create_time), sim.credentials.secrets.app_key!));

    const dir = first.ctx.cacheDir;
    expect(dir.startsWith(cacheRoot)).toBe(true);
    expect(readdirSync(dir)).toEqual([cacheFile(sim)]);
    expect(cacheFile(sim)).toMatch(/^sobot-token-[0-9a-f]{16}\.json$/);
    const cached = JSON.parse(readFileSync(join(dir, cacheFile(sim)), "utf8"));
    expect(cached).toMatchObject({ version: 1, appid: sim.credentials.settings.appid, origin: sim.baseUrl, token: sim.state.token!.value });
    expect(cached.expiresAt - cached.obtainedAt).toBe(86_400_000);
    expect(statSync(join(dir, cacheFile(sim))).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(cached)).not.toContain(sim.credentials.secrets.app_key);

    sim.requests.length = 0;
    const second = await providerFor(sim, { cacheRoot });
    await collect(second.provider.list({ limit: 2 }), 2);
    expect(sim.requests.filter(isToken)).toEqual([]);
    expect(new Set(sim.requests.map((r) => r.headers["token"]))).toEqual(new Set([cached.token]));
  });

  it("ignores a cached token of another appid, and a corrupt cache file", async () => {
    const cacheRoot = freshRoot();
    const dir = join(cacheRoot, "test");
    mkdirSync(dir, { recursive: true });
    const foreign = { version: 1, origin: sim.baseUrl, appid: "another", token: "f".repeat(32), obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000 };
    writeFileSync(join(dir, cacheFile(sim)), JSON.stringify(foreign));
    const p = await providerFor(sim, { cacheRoot });
    await p.provider.show(sim.fixtures.ticketId);
    expect(sim.requests.filter(isToken)).toHaveLength(1);
    expect(sim.requests.some((r) => r.headers["token"] === foreign.token)).toBe(false);

    writeFileSync(join(dir, cacheFile(sim)), '{"version":1,"tok');
    sim.requests.length = 0;
    const q = await providerFor(sim, { cacheRoot });
    await q.provider.show(sim.fixtures.ticketId);
    expect(sim.requests.filter(isToken)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, cacheFile(sim)), "utf8")).token).toBe(sim.state.token!.value);
  });

  it("a changed app_key never finds the token the old key obtained: the cache is keyed by appid + app_key", async () => {
    const cacheRoot = freshRoot();
    const good = await providerFor(sim, { cacheRoot });
    await good.provider.show(sim.fixtures.ticketId);
    sim.requests.length = 0;
    // The same profile, its key changed to one Sobot refuses: the valid cached token must not hide it.
    const changed = await providerFor(sim, { cacheRoot, secrets: { app_key: "a-revoked-or-mistyped-key" } });
    const err = await changed.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).vendorCode).toBe("900003");
    expect(summary(sim.requests)).toEqual(["get_token"]);
    expect(readdirSync(good.ctx.cacheDir)).toEqual([cacheFile(sim)]);
  });

  it("a key Sobot revoked ends its cached token: 900002, one get_token, then AuthError 900003", async () => {
    const revoking = await startSimulator({ tickets: 5 });
    try {
      const cacheRoot = freshRoot();
      await (await providerFor(revoking, { cacheRoot })).provider.show(revoking.fixtures.ticketId);
      revoking.state.app_key = "rotated-by-the-admin";
      revoking.requests.length = 0;
      const err = await (await providerFor(revoking, { cacheRoot })).provider.show(revoking.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as AuthError).vendorCode).toBe("900003");
      expect(summary(revoking.requests).map((x) => x.split(" ")[0])).toEqual(["get_ticket_by_id", "get_token"]);
    } finally {
      await revoking.close();
    }
  });

  it("refreshes once and retries when Sobot says the token was replaced (900002)", async () => {
    const mine = await providerFor(sim, { cacheRoot: freshRoot() });
    await mine.provider.show(sim.fixtures.ticketId);
    // Another client (its own cache) asks for a token: Sobot invalidates ours.
    const other = await providerFor(sim, { cacheRoot: freshRoot() });
    await other.provider.show(sim.fixtures.ticketId);
    sim.requests.length = 0;

    const detail = await mine.provider.show(sim.fixtures.ticketId);
    expect(detail.id).toBe(sim.fixtures.ticketId);
    const seq = summary(sim.requests);
    expect(seq).toHaveLength(3);
    expect(seq[0]).toMatch(/^get_ticket_by_id /);
    expect(seq[1]).toBe("get_token");
    expect(seq[2]).toMatch(/^get_ticket_by_id /);
    expect(sim.requests[0]!.headers["token"]).not.toBe(sim.requests[2]!.headers["token"]);
    expect(sim.requests[2]!.headers["token"]).toBe(sim.state.token!.value);
  });

  it("does not loop: a token refused again after the refresh is an AuthError with Sobot's text", async () => {
    // Tokens born expired: every call is refused with 900002.
    const fake = await startSimulator({ tickets: 5, tokenTtlSeconds: -1 });
    try {
      const q = await providerFor(fake, { cacheRoot: freshRoot() });
      const err = await q.provider.show(fake.fixtures.ticketId).catch((e: unknown) => e);
      expect((err as Error).name).toBe("AuthError");
      expect((err as Error).message).toContain("Token expired. Get a new one");
      expect(fake.requests.filter(isToken)).toHaveLength(2);
      expect(fake.requests.filter((r) => !isToken(r))).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});

describe("sobot token expiry", () => {
  let sim: SobotSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ tickets: 30, tokenTtlSeconds: 0.3 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("an expired token (tiny tokenTtlSeconds) costs exactly one extra get_token, and the call succeeds", async () => {
    // The provider's clock stands still, so only Sobot's 900002 can tell it the token expired.
    const frozen = new Date();
    const p = await providerFor(sim, { cacheRoot: freshRoot(), now: () => frozen });
    await p.provider.show(sim.fixtures.ticketId);
    expect(sim.requests.filter(isToken)).toHaveLength(1);
    await sleep(400);
    sim.requests.length = 0;
    const detail = await p.provider.show(sim.fixtures.ticketId);
    expect(detail.id).toBe(sim.fixtures.ticketId);
    expect(sim.requests.filter(isToken)).toHaveLength(1);
    expect(summary(sim.requests)[0]).toMatch(/^get_ticket_by_id /);
    expect(summary(sim.requests)[1]).toBe("get_token");
  });

  it("refreshes ahead of expiry when the cached expiry has passed, without a refused call", async () => {
    const p = await providerFor(sim, { cacheRoot: freshRoot() });
    await p.provider.show(sim.fixtures.ticketId);
    await sleep(400);
    sim.requests.length = 0;
    await p.provider.show(sim.fixtures.ticketId);
    expect(summary(sim.requests).map((s) => s.split(" ")[0])).toEqual(["get_token", "get_ticket_by_id"]);
  });
});

describe("sobot token sharing between concurrent runs", () => {
  let sim: SobotSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ tickets: 30 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.requests.length = 0;
  });

  it("two providers sharing a cacheRoot fetch one token between them, and both succeed", async () => {
    const cacheRoot = freshRoot();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => providerFor(sim, { cacheRoot })));
    const results = await Promise.all([
      a!.provider.show(sim.fixtures.ticketId),
      collect(b!.provider.list({ limit: 3 }), 3),
      c!.provider.show(sim.fixtures.ticketId),
    ]);
    expect(results[0].id).toBe(sim.fixtures.ticketId);
    expect(results[1]).toHaveLength(3);
    expect(sim.requests.filter(isToken)).toHaveLength(1);
    expect(new Set(sim.requests.filter((r) => !isToken(r)).map((r) => r.headers["token"])).size).toBe(1);
    const dir = a!.ctx.cacheDir;
    expect(readdirSync(dir)).toEqual([cacheFile(sim)]);
    expect(JSON.parse(readFileSync(join(dir, cacheFile(sim)), "utf8")).token).toBe(sim.state.token!.value);
  });

  it("takes over a lock left by a run that died (not refreshed for longer than its staleness), then refreshes", async () => {
    const cacheRoot = freshRoot();
    const dir = join(cacheRoot, "test");
    mkdirSync(dir, { recursive: true });
    // The lock is proper-lockfile's folder beside the cache file (src/fs/lock.ts).
    const lock = join(dir, `${cacheFile(sim)}.lock`);
    mkdirSync(lock);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, old, old);
    const started = Date.now();
    const p = await providerFor(sim, { cacheRoot });
    await p.provider.show(sim.fixtures.ticketId);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(sim.requests.filter(isToken)).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([cacheFile(sim)]);
  });
});
