import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePaths } from "../../src/config/paths.js";
import { ProfileStore } from "../../src/config/store.js";
import { parseKeyValues, parseLimit, parseStatuses, parseWhen } from "../../src/commands/shared/parse.js";
import { AuthError, ConfigError, EXIT_CODES, exitCodeFor, NetworkError, NotFoundError, OperationError, UnsupportedError, UsageError, InterruptedError } from "../../src/errors.js";
import { Redactor, redactBody, redactUrl } from "../../src/http/redact.js";
import { toCliError, vendorMessage } from "../../src/http/errors.js";

describe("paths", () => {
  it("follows XDG, and TICKET_CONFIG_DIR isolates config, cache and state", () => {
    expect(resolvePaths({ HOME: "/h" })).toEqual({ configDir: "/h/.config/ticket", configFile: "/h/.config/ticket/config.json", cacheDir: "/h/.cache/ticket", stateDir: "/h/.local/state/ticket" });
    expect(resolvePaths({ HOME: "/h", XDG_CONFIG_HOME: "/x" }).configDir).toBe("/x/ticket");
    const t = resolvePaths({ HOME: "/h", TICKET_CONFIG_DIR: "/t" });
    expect([t.configDir, t.cacheDir, t.stateDir]).toEqual(["/t", "/t/cache", "/t/state"]);
  });
});

describe("ProfileStore", () => {
  it("saves profiles with mode 0600 and makes the first one the default", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ticket-store-"));
    const paths = resolvePaths({ TICKET_CONFIG_DIR: dir });
    const store = await ProfileStore.open(paths);
    await store.save("work", { vendor: "comm100", baseUrl: "https://api15.comm100.io/v4", settings: {}, secrets: { token: { env: "T" } } }, { makeDefault: false, replace: false });
    expect(store.defaultProfile).toBe("work");
    expect(statSync(paths.configFile).mode & 0o777).toBe(0o600);
    const again = await ProfileStore.open(paths);
    expect(again.get("work")?.secrets["token"]).toEqual({ env: "T" });
  });
  it("names the file and the problem when the config is invalid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ticket-store-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ profiles: { w: { vendor: "comm100", baseUrl: "ftp://x" } } }));
    await expect(ProfileStore.open(resolvePaths({ TICKET_CONFIG_DIR: dir }))).rejects.toThrow(ConfigError);
    await expect(ProfileStore.open(resolvePaths({ TICKET_CONFIG_DIR: dir }))).rejects.toThrow(/config\.json is invalid at profiles\.w\.baseUrl/);
  });
});

describe("option parsing", () => {
  const now = new Date("2026-03-01T00:00:00Z");
  it("reads durations and dates", () => {
    expect(parseWhen("90d", "--since", now)?.toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(parseWhen("12h", "--since", now)?.toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(parseWhen("2026-01-31", "--since", now)?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(() => parseWhen("soon", "--since", now)).toThrow(UsageError);
  });
  it("checks statuses, limits and key=value", () => {
    expect(parseStatuses("new, OPEN")).toEqual(["new", "open"]);
    expect(() => parseStatuses("sleeping")).toThrow(/--status takes/);
    expect(parseLimit("5", false)).toBe(5);
    expect(parseLimit(undefined, true)).toBeUndefined();
    expect(parseLimit(undefined, false)).toBe(30);
    expect(() => parseLimit("5", true)).toThrow(/--all and --limit contradict/);
    expect(() => parseLimit("0", false)).toThrow(UsageError);
    expect(parseKeyValues(["a=1", "b=x=y"], "--set")).toEqual({ a: "1", b: "x=y" });
    expect(() => parseKeyValues(["nokey"], "--set")).toThrow(UsageError);
  });
});

describe("errors and exit codes (DESIGN.md section 5)", () => {
  it("maps each class to its documented code", () => {
    expect([new OperationError("x"), new UsageError("x"), new ConfigError("x"), new AuthError("x"), new NotFoundError("x"), new UnsupportedError("x"), new NetworkError("x"), new InterruptedError()].map(exitCodeFor)).toEqual([1, 2, 3, 4, 5, 6, 7, 130]);
    expect(exitCodeFor(new Error("boom"))).toBe(EXIT_CODES.failed);
  });
  it("turns HTTP statuses into the right class with the vendor's message", () => {
    const http = (statusCode: number, body: unknown) => Object.assign(new Error("HTTPError"), { name: "HTTPError", response: { statusCode, body, headers: {} } });
    const ctx = { vendor: "comm100" as const, displayName: "Comm100", subject: "ticket 7" };
    expect(toCliError(http(401, { message: "denied" }), ctx)).toBeInstanceOf(AuthError);
    expect(toCliError(http(404, {}), ctx).message).toBe("Comm100: ticket 7 not found");
    expect(toCliError(http(400, { message: "The subject field is required." }), ctx).message).toMatch(/rejected the request \(HTTP 400\): The subject field is required\./);
    expect(toCliError(http(503, ""), ctx)).toBeInstanceOf(NetworkError);
    expect(toCliError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }), ctx)).toBeInstanceOf(NetworkError);
    expect(vendorMessage('{"ret_msg":"Token expired"}')).toBe("Token expired");
  });
});

describe("redaction", () => {
  it("masks registered secrets, secret query params and body keys", () => {
    const r = new Redactor();
    r.add("s3cr3t-token");
    expect(r.redact("Bearer s3cr3t-token and s3cr3t-token")).toBe("Bearer *** and ***");
    expect(redactUrl("https://x/api/get_token?appid=1&sign=abc&token=t")).toBe("https://x/api/get_token?appid=1&sign=***&token=***");
    expect(redactBody({ username: "u", password: "p", nested: { app_key: "k" } })).toEqual({ username: "u", password: "***", nested: { app_key: "***" } });
  });
});
