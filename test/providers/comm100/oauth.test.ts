/**
 * Comm100 OAuth (vendor-notes 2.1): the password grant with the profile's email and clientId and
 * its password secret, tokens cached with their expiry under a credential fingerprint, renewed with
 * the refresh token, one retry after a 401, and an auth endpoint whose answers are never quoted.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, CliError, ConfigError, NetworkError, OperationError } from "../../../src/errors.js";
import { SANDBOX_OAUTH_SETTINGS, startSimulator, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";
import type { RecordedRequest } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const PASSWORD = "oauth-test-password-77";
let sim: Comm100Simulator;
let clock = Date.now();
const now = () => new Date(clock);

const tokenCalls = (reqs: RecordedRequest[]) => reqs.filter((r) => r.path === "/oauth/token");
const grants = (reqs: RecordedRequest[]) => tokenCalls(reqs).map((r) => (r.body as Record<string, string>)["grant_type"]);
const freshCache = () => mkdtempSync(join(tmpdir(), "c100-oauth-"));
const oauthProvider = (cacheRoot = freshCache(), extra: Parameters<typeof providerFor>[1] = {}) =>
  providerFor(sim, { cacheRoot, now, ...extra, secrets: { password: PASSWORD, ...extra.secrets }, settings: { ...SANDBOX_OAUTH_SETTINGS, ...extra.settings } });

beforeAll(async () => {
  sim = await startSimulator({ tickets: 20, secrets: { password: PASSWORD }, tokenTtlSeconds: 3600, now });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

describe("comm100 OAuth: the password grant", () => {
  it("an OAuth-only simulator offers the password and the settings it needs", () => {
    expect(sim.credentials.secrets).toEqual({ password: PASSWORD });
    expect(sim.credentials.settings).toMatchObject(SANDBOX_OAUTH_SETTINGS);
  });

  it("signs in form-encoded with email, password and client_id, then sends Bearer; every token is a registered secret", async () => {
    const { provider, redactor } = await oauthProvider();
    expect(await collect(provider.list({ limit: 3 }))).toHaveLength(3);
    const [call, list] = sim.requests;
    expect(call!.method).toBe("POST");
    expect(call!.path).toBe("/oauth/token");
    expect(call!.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call!.headers["authorization"]).toBeUndefined();
    expect(call!.body).toEqual({ grant_type: "password", email: "agent@sandbox.example.com", password: PASSWORD, client_id: SANDBOX_OAUTH_SETTINGS.clientId });
    const access = String(list!.headers["authorization"]).replace(/^Bearer /, "");
    expect(access).toMatch(/^c100-at-/);
    expect(redactor.redact(`a ${access} b ${PASSWORD}`)).toBe("a *** b ***");
  });

  it("caches the token under a fingerprint of the credential (0600, no password in it) and reuses it in the next run", async () => {
    const cacheRoot = freshCache();
    await collect((await oauthProvider(cacheRoot)).provider.list({ limit: 1 }));
    const dir = join(cacheRoot, "test");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^comm100-oauth-[0-9a-f]{16}\.json$/);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    const text = readFileSync(join(dir, files[0]!), "utf8");
    expect(text).not.toContain(PASSWORD);
    expect(JSON.parse(text)).toMatchObject({ version: 1, accessToken: expect.stringMatching(/^c100-at-/), refreshToken: expect.any(String), expiresAt: expect.any(Number) });
    sim.requests.length = 0;
    const second = await oauthProvider(cacheRoot);
    await collect(second.provider.list({ limit: 1 }));
    expect(tokenCalls(sim.requests)).toHaveLength(0);
    // The token read from the cache is a secret of that run too.
    expect(second.redactor.redact(JSON.parse(text).accessToken)).toBe("***");
  });

  it("a changed password never finds the old token: it signs in again (and is refused)", async () => {
    const cacheRoot = freshCache();
    await collect((await oauthProvider(cacheRoot)).provider.list({ limit: 1 }));
    sim.requests.length = 0;
    const other = await oauthProvider(cacheRoot, { secrets: { password: "a-different-password" } });
    const err = await collect(other.provider.list({ limit: 1 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).message).toBe("Comm100 refused the OAuth sign-in of agent@sandbox.example.com (HTTP 400)");
    expect(grants(sim.requests)).toEqual(["password"]);
    expect(sim.requests.filter((r) => r.path.startsWith("/v4/"))).toHaveLength(0);
  });

  it("renews an expired token with the refresh token, before sending the request", async () => {
    const cacheRoot = freshCache();
    await collect((await oauthProvider(cacheRoot)).provider.list({ limit: 1 }));
    clock += 3_600_000;
    sim.requests.length = 0;
    const later = await oauthProvider(cacheRoot);
    expect(await collect(later.provider.list({ limit: 1 }))).toHaveLength(1);
    expect(grants(sim.requests)).toEqual(["refresh_token"]);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it("after a 401 it renews once and sends the request again", async () => {
    const { provider } = await oauthProvider();
    await collect(provider.list({ limit: 1 }));
    sim.expireTokens();
    sim.requests.length = 0;
    const d = await provider.show(sim.fixtures.ticketId);
    expect(d.id).toBe(sim.fixtures.ticketId);
    const [refused, renewal, again] = sim.requests;
    expect([refused!.path, refused!.status]).toEqual([`/v4/ticketing/tickets/${sim.fixtures.ticketId}`, 401]);
    expect((renewal!.body as Record<string, string>)["grant_type"]).toBe("refresh_token");
    expect([again!.path, again!.status]).toEqual([`/v4/ticketing/tickets/${sim.fixtures.ticketId}`, 200]);
    expect(again!.headers["authorization"]).not.toBe(refused!.headers["authorization"]);
  });

  it("a 401 after the renewal is an AuthError: one retry, not a loop", async () => {
    // Tokens from another site's token endpoint: this API refuses every one of them.
    const other = await startSimulator({ tickets: 1, secrets: { password: PASSWORD } });
    try {
      const { provider } = await oauthProvider(freshCache(), { settings: { tokenUrl: `${new URL(other.baseUrl).origin}/oauth/token` } });
      const err = await provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect(sim.requests.map((r) => r.status)).toEqual([401, 401]);
      expect(grants(other.requests)).toEqual(["password", "refresh_token"]);
    } finally {
      await other.close();
    }
  });

  it("a reply refused with 401 is sent again once with the new token (a 401 means nothing happened)", async () => {
    const { provider } = await oauthProvider();
    await collect(provider.list({ limit: 1 }));
    sim.expireTokens();
    sim.requests.length = 0;
    const msg = await provider.reply!(sim.fixtures.ticketId, { body: "Sent after a renewal", internal: true });
    expect(msg.body).toBe("Sent after a renewal");
    const posts = sim.requests.filter((r) => r.path === "/v4/ticketing/notes");
    expect(posts.map((r) => r.status)).toEqual([401, 201]);
    expect(sim.state.notes.filter((n) => n.text === "Sent after a renewal")).toHaveLength(1);
  });

  it("a refused refresh token falls back to the password grant", async () => {
    const cacheRoot = freshCache();
    await collect((await oauthProvider(cacheRoot)).provider.list({ limit: 1 }));
    const dir = join(cacheRoot, "test");
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith(".json"))!);
    const cached = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...cached, refreshToken: "revoked-refresh-token", expiresAt: clock - 1 }));
    sim.requests.length = 0;
    await collect((await oauthProvider(cacheRoot)).provider.list({ limit: 1 }));
    expect(grants(sim.requests)).toEqual(["refresh_token", "password"]);
  });

  it("two runs sharing a cache sign in once", async () => {
    const cacheRoot = freshCache();
    const [a, b] = await Promise.all([oauthProvider(cacheRoot), oauthProvider(cacheRoot)]);
    await Promise.all([collect(a.provider.list({ limit: 1 })), collect(b.provider.list({ limit: 1 }))]);
    expect(tokenCalls(sim.requests)).toHaveLength(1);
  });

  it("a token endpoint on another origin (tokenUrl, like a real site's dash host) is reached directly", async () => {
    const tokenUrl = `${new URL(sim.baseUrl).origin.replace("127.0.0.1", "localhost")}/oauth/token`;
    const { provider } = await oauthProvider(freshCache(), { settings: { tokenUrl } });
    expect(await collect(provider.list({ limit: 2 }))).toHaveLength(2);
    expect(grants(sim.requests)).toEqual(["password"]);
    expect(tokenCalls(sim.requests)[0]!.headers["host"]).toMatch(/^localhost:/);
  });

  it("without the clientId setting it is a config error before any request", async () => {
    const { provider } = await oauthProvider(freshCache(), { settings: { clientId: "" } });
    const err = await collect(provider.list({ limit: 1 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/needs the setting clientId/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe("comm100 OAuth: the token endpoint's answers are never quoted", () => {
  const fail = async (status: number, body: string) => {
    sim.fail({ kind: "status", status, body });
    const { provider, logs } = await oauthProvider();
    const err = (await collect(provider.list({ limit: 1 })).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(CliError);
    expect(logs.join("\n")).not.toContain("LEAK");
    return err;
  };

  it("a cut answer that carried a token: exit 7, no token in the message", async () => {
    const err = await fail(200, '{"access_token":"LEAK-c100-access-token-9","refresh_token":"LEAK-refresh","expires_in":');
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe("Comm100's token endpoint sent an unreadable answer (HTTP 200, text/plain)");
    expect(err.message).not.toContain("LEAK");
  });

  it("an HTML page with 200: exit 7 naming its content type", async () => {
    const err = await fail(200, "<html><body>LEAK-sign-in page</body></html>");
    expect(err.exitCode).toBe(7);
    expect(err.message).not.toContain("LEAK");
  });

  it("a refusal with a description: exit 4 naming only the status", async () => {
    const err = await fail(400, JSON.stringify({ error: "invalid_grant", error_description: "LEAK password hunter2 is wrong" }));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toBe("Comm100 refused the OAuth sign-in of agent@sandbox.example.com (HTTP 400)");
  });

  it("JSON without access_token: exit 1 naming the field, the rest of the answer unquoted", async () => {
    const err = await fail(200, JSON.stringify({ token: "LEAK-wrong-field", expires_in: 3600 }));
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toBe("unexpected answer from Comm100's token endpoint: access_token is missing");
  });

  it("a failing token endpoint is asked again, then exit 7", async () => {
    sim.fail({ kind: "status", status: 503, body: "LEAK" }, 3);
    const { provider } = await oauthProvider();
    const err = (await collect(provider.list({ limit: 1 })).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe("Comm100's token endpoint is failing (HTTP 503) after retries");
    expect(tokenCalls(sim.requests)).toHaveLength(3);
  });
});
