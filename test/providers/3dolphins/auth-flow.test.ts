/**
 * 3Dolphins credentials over real HTTP: the username/password flow against the simulator (token
 * cache keyed by a credential fingerprint, expiry, one refresh), the fixed token expiring, and
 * login answers the simulator would never give (cut, not JSON, an error page holding a token)
 * from a scripted server: none is ever quoted, every token is registered with the redactor.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuthError, ConfigError, NetworkError, OperationError } from "../../../src/errors.js";
import { tokenCacheFile } from "../../../src/providers/3dolphins/auth.js";
import { startSimulator } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";
import { scriptedServer, type Scripted, type ScriptedServer } from "./scripted-server.js";

const G = "/dolphin/apiv1/graph";
const password = "sandbox-test-password";
const cacheRoot = () => mkdtempSync(join(tmpdir(), "t3d-cache-"));

async function withSim<T>(fn: (sim: Simulator) => Promise<T>, opts: { ttl?: number; now?: () => Date } = {}): Promise<T> {
  const sim = await startSimulator({ tickets: 30, secrets: { password }, ...(opts.ttl ? { tokenTtlSeconds: opts.ttl } : {}), ...(opts.now ? { now: opts.now } : {}) });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}
const passwordProvider = (sim: Simulator, root: string, extra: { now?: () => Date; password?: string } = {}) =>
  providerFor(sim, { secrets: { token: "", password: extra.password ?? password }, cacheRoot: root, ...(extra.now ? { now: extra.now } : {}) });

describe("3dolphins username/password token flow", () => {
  it("logs in at graph/auth, uses the token, and caches it under a fingerprint of the credentials (0600) for the next run", async () => {
    await withSim(async (sim) => {
      const root = cacheRoot();
      const first = await passwordProvider(sim, root);
      await collect(first.provider.list({ limit: 2 }), 2);
      const auth = sim.requests.filter((r) => r.path === `${G}/auth`);
      expect(auth).toHaveLength(1);
      expect(auth[0]!.method).toBe("POST");
      expect(auth[0]!.headers["content-type"]).toBe("application/json");
      expect(auth[0]!.body).toEqual({ username: sim.credentials.settings["username"], password });
      expect(auth[0]!.headers["authorization"]).toBeUndefined();
      const list = sim.requests.find((r) => r.path === `${G}/tickets`)!;
      const bearer = String(list.headers["authorization"]);
      expect(bearer).toMatch(/^Bearer sbx-3d-/);
      expect(bearer).not.toContain(sim.credentials.secrets["token"]!);
      // The token is registered with the redactor the moment it exists.
      expect(first.redactor.redact(bearer)).toBe("Bearer ***");

      const dir = first.ctx.cacheDir;
      const name = tokenCacheFile(sim.baseUrl, sim.credentials.settings["username"]!, password);
      expect(name).toMatch(/^3dolphins-token-[0-9a-f]{16}\.json$/);
      expect(readdirSync(dir).filter((f) => !f.endsWith(".lock"))).toEqual([name]);
      const file = join(dir, name);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const cached = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      expect(`Bearer ${cached["token"]}`).toBe(bearer);
      expect(cached["expireAt"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00\[Asia\/Jakarta\]$/);
      expect(Math.abs(Date.parse(cached["expiresAt"]!) - (Date.now() + 3600_000))).toBeLessThan(60_000);
      expect(readFileSync(file, "utf8")).not.toContain(password);

      sim.requests.length = 0;
      const second = await passwordProvider(sim, root);
      await second.provider.show(sim.fixtures.ticketId);
      expect(sim.requests.some((r) => r.path === `${G}/auth`)).toBe(false);
      expect(sim.requests[0]!.headers["authorization"]).toBe(bearer);
      expect(second.redactor.redact(bearer)).toBe("Bearer ***");
    });
  });

  it("a changed password never finds the old token: it logs in (and is refused) instead", async () => {
    await withSim(async (sim) => {
      const root = cacheRoot();
      const first = await passwordProvider(sim, root);
      await first.provider.show(sim.fixtures.ticketId);
      sim.requests.length = 0;
      const changed = await passwordProvider(sim, root, { password: "a-revoked-or-changed-password" });
      const err = await changed.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST ${G}/auth 401`]);
    });
  });

  it("a login replaces the cache files of earlier credentials", async () => {
    await withSim(async (sim) => {
      const root = cacheRoot();
      const tp = await passwordProvider(sim, root);
      const stale = join(tp.ctx.cacheDir, "3dolphins-token-0123456789abcdef.json");
      mkdirSync(tp.ctx.cacheDir, { recursive: true });
      writeFileSync(stale, JSON.stringify({ token: "sbx-3d-old", expiresAt: new Date(Date.now() + 3600_000).toISOString() }));
      await tp.provider.show(sim.fixtures.ticketId);
      expect(existsSync(stale)).toBe(false);
      expect(readdirSync(tp.ctx.cacheDir).filter((f) => f.endsWith(".json"))).toEqual([tokenCacheFile(sim.baseUrl, sim.credentials.settings["username"]!, password)]);
    });
  });

  it("logs in again when the cached token is past its expireAt", async () => {
    await withSim(async (sim) => {
      const root = cacheRoot();
      const first = await passwordProvider(sim, root);
      await first.provider.show(sim.fixtures.ticketId);
      sim.requests.length = 0;
      const later = await passwordProvider(sim, root, { now: () => new Date(Date.now() + 2 * 3600_000) });
      await later.provider.show(sim.fixtures.ticketId);
      expect(sim.requests.filter((r) => r.path === `${G}/auth`)).toHaveLength(1);
    });
  });

  it("refreshes once on 401 (a token the server no longer accepts) and retries the request", async () => {
    await withSim(async (sim) => {
      const root = cacheRoot();
      const first = await passwordProvider(sim, root);
      await first.provider.show(sim.fixtures.ticketId);
      const file = join(first.ctx.cacheDir, tokenCacheFile(sim.baseUrl, sim.credentials.settings["username"]!, password));
      const cached = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      writeFileSync(file, JSON.stringify({ ...cached, token: "sbx-3d-revoked" }));
      sim.requests.length = 0;
      const second = await passwordProvider(sim, root);
      const d = await second.provider.show(sim.fixtures.ticketId);
      expect(d.id).toBe(sim.fixtures.ticketId);
      expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `GET ${G}/tickets/${sim.fixtures.ticketId} 401`,
        `POST ${G}/auth 200`,
        `GET ${G}/tickets/${sim.fixtures.ticketId} 200`,
        `GET ${G}/tickets/conversations/${sim.fixtures.ticketId} 200`,
      ]);
      const renewed = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      expect(renewed["token"]).not.toBe("sbx-3d-revoked");
    });
  });

  it("a server-side expiry (the simulator's tokenTtlSeconds) is cured by one refresh", async () => {
    let offset = 0;
    await withSim(
      async (sim) => {
        const tp = await passwordProvider(sim, cacheRoot());
        await tp.provider.show(sim.fixtures.ticketId);
        offset = 10 * 60_000; // the server's clock moves past expireAt; the client's does not
        sim.requests.length = 0;
        await tp.provider.show(sim.fixtures.ticketId);
        expect(sim.requests.map((r) => r.status)).toEqual([401, 200, 200, 200]);
        expect(sim.requests[0]!.path).toBe(`${G}/tickets/${sim.fixtures.ticketId}`);
      },
      { ttl: 120, now: () => new Date(Date.now() + offset) },
    );
  });

  it("a wrong password is an AuthError that echoes neither the password nor a token, after one attempt", async () => {
    await withSim(async (sim) => {
      const tp = await passwordProvider(sim, cacheRoot(), { password: "not-the-password" });
      const err = await tp.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as Error).message).not.toContain("not-the-password");
      expect(sim.requests.filter((r) => r.path === `${G}/auth`)).toHaveLength(1);
      expect(sim.requests.filter((r) => r.path !== `${G}/auth`)).toHaveLength(0);
    });
  });
});

describe("3dolphins fixed token", () => {
  it("a refused static token is not retried and its value never reaches the error", async () => {
    await withSim(async (sim) => {
      const tp = await providerFor(sim, { secrets: { token: "sbx-3d-stale-token-value" } });
      const err = await tp.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as Error).message).toContain("Invalid access token");
      expect((err as Error).message).not.toContain("sbx-3d-stale-token-value");
      expect(sim.requests).toHaveLength(1);
    });
  });

  it("expires like the vendor's tokens when the simulator has a TTL: exit 4 saying it may have expired", async () => {
    let offset = 0;
    await withSim(
      async (sim) => {
        const tp = await providerFor(sim);
        await tp.provider.show(sim.fixtures.ticketId);
        offset = 5 * 60_000;
        sim.requests.length = 0;
        const err = await tp.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AuthError);
        expect((err as Error).message).toContain("Access token expired");
        expect((err as Error).message).not.toContain(sim.credentials.secrets["token"]!);
        expect((err as AuthError).hint).toMatch(/may have expired/);
        expect(sim.requests.map((r) => r.status)).toEqual([401]);
      },
      { ttl: 60, now: () => new Date(Date.now() + offset) },
    );
  });

  it("no token and no username/password is a ConfigError before any request", async () => {
    await withSim(async (sim) => {
      const tp = await providerFor(sim, { secrets: { token: "" }, settings: { username: "" } });
      const err = await tp.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect(sim.requests).toEqual([]);
    });
  });

  it("warns once when credentials would travel over plain http to a non-loopback host", async () => {
    await withSim(async (sim) => {
      const loop = await providerFor(sim);
      await loop.provider.show(sim.fixtures.ticketId);
      expect(loop.logs.filter((l) => l.startsWith("warning:"))).toEqual([]);
      // 0.0.0.0 reaches the local simulator on Linux but is not a loopback name.
      const remote = await providerFor(sim, { baseUrl: sim.baseUrl.replace("127.0.0.1", "0.0.0.0") });
      await remote.provider.show(sim.fixtures.ticketId);
      const warnings = remote.logs.filter((l) => l.startsWith("warning:"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/unencrypted over plain http to 0\.0\.0\.0:\d+/);
    });
  });
});

describe("3dolphins login answers are never quoted", () => {
  const LIVE = "eyJhbGciOiJIUzI1NiJ9.LIVE-TOKEN-abcdef0123456789.sig";
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A provider in password mode against a server whose graph/auth answers `login`; tickets answer normally. */
  async function attempt(login: Scripted) {
    server = await scriptedServer((r) => (r.path.endsWith("/graph/auth") ? login : { body: { status: "success", data: { ticketNumber: "T1", status: "Assigned" } } }));
    const tp = await providerFor(server.asSim({ password: "pw-secret-value" }, { username: "agent1" }), { cacheRoot: cacheRoot() });
    const err = await tp.provider.show("T1").catch((e: unknown) => e);
    return { err: err as Error, tp, received: server.received };
  }

  const neverQuoted = (err: Error) => {
    const all = `${err.message}\n${(err as AuthError).hint ?? ""}\n${String((err as { cause?: unknown }).cause ?? "")}`;
    for (const piece of ["LIVE-TOKEN", "eyJhbGci", "pw-secret-value", "<html"]) expect(all).not.toContain(piece);
  };

  it("a cut answer: exit 7, unreadable, nothing of it quoted, no request made with it", async () => {
    const body = JSON.stringify({ token: LIVE, expireAt: "2030-01-01T00:00:00.000+07:00[Asia/Jakarta]" });
    const { err, received } = await attempt({ body: JSON.parse(body) as unknown, cutAfterBytes: 30 });
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe("3Dolphins sent an unreadable answer to graph/auth (HTTP 200): the connection was cut mid-answer");
    neverQuoted(err);
    expect(received.filter((r) => r.path.endsWith("/graph/tickets/T1"))).toEqual([]);
  });

  it("an answer that is not JSON (HTML with 200, or JSON followed by junk): exit 7, not quoted", async () => {
    for (const body of [`<html><body>token ${LIVE}</body></html>`, `{"token":"${LIVE}"} trailing junk`]) {
      const { err, tp } = await attempt({ body, headers: { "content-type": "text/html" } });
      expect(err, body).toBeInstanceOf(NetworkError);
      expect(err.message).toBe("3Dolphins sent an unreadable answer to graph/auth (HTTP 200, text/html)");
      neverQuoted(err);
      if (body.startsWith("{")) expect(tp.redactor.redact(LIVE)).toBe("***");
      await server?.close();
      server = undefined;
    }
  });

  it("an error status whose body holds a token: exit 7 (5xx) or 4 (401), not quoted", async () => {
    const failing = await attempt({ status: 500, body: { error: "boom", token: LIVE } });
    expect(failing.err).toBeInstanceOf(NetworkError);
    expect(failing.err.message).toBe("3Dolphins' graph/auth is failing (HTTP 500)");
    neverQuoted(failing.err);
    await server?.close();
    const refused = await attempt({ status: 401, body: { message: `Bad credentials for token ${LIVE}` } });
    expect(refused.err).toBeInstanceOf(AuthError);
    expect(refused.err.message).toBe('3Dolphins refused the username "agent1" and password at graph/auth (HTTP 401)');
    neverQuoted(refused.err);
  });

  it("an envelope refusal or an answer without a token: exit 4 or 1, not quoted", async () => {
    const refused = await attempt({ body: { status: "failed", message: `invalid user, last token ${LIVE}` } });
    expect(refused.err).toBeInstanceOf(AuthError);
    expect((refused.err as AuthError).vendorCode).toBe("failed");
    neverQuoted(refused.err);
    await server?.close();
    const shapeless = await attempt({ body: { access: LIVE } });
    expect(shapeless.err).toBeInstanceOf(OperationError);
    expect(shapeless.err.message).toBe("unexpected answer from 3Dolphins graph/auth: field token is missing or not a string");
    neverQuoted(shapeless.err);
  });

  it("a login answer inside an envelope is taken, and its token registered at once", async () => {
    const { err, tp, received } = await attempt({ body: { status: "success", data: { token: LIVE, expireAt: "2030-01-01T00:00:00.000+07:00[Asia/Jakarta]" } } });
    expect(err).toMatchObject({ id: "T1", vendorStatus: "Assigned" });
    expect(received.find((r) => r.path.endsWith("/graph/tickets/T1"))?.headers["authorization"]).toBe(`Bearer ${LIVE}`);
    expect(tp.redactor.redact(`Bearer ${LIVE}`)).toBe("Bearer ***");
  });
});
