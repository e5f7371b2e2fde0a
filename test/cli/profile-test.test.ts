/**
 * `ticket profile test` (issue 10 item 8): the built CLI, spawned, checks profiles against
 * simulators over real HTTP, all at once, each with a fresh credential: one that works, one with a
 * wrong token (auth), one whose host is dead (network), one unknown name. The run exits by the
 * worst class (config 3 > auth 4 > network 7 > other 1) and no cached token is used or touched.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir } from "../helpers/cli.js";
import { deadPort, sandboxProfileInput } from "../helpers/sandbox-profile.js";

interface Check {
  name: string;
  vendor: string | null;
  baseUrl: string | null;
  ok: boolean;
  exitCode: number;
  step: "reachable" | "credentials" | "list" | null;
  ms: number;
  error?: { code: string; message: string; exitCode: number; vendor: string | null; httpStatus: number | null };
}

/** Adds `name` for the simulator the way `ticket sandbox` prints it; `secrets` overrides the values the profile sends. */
async function addProfile(dir: string, env: Record<string, string>, vendor: VendorName, sim: Simulator, name: string, opts: { baseUrl?: string; secrets?: Record<string, string> } = {}) {
  const names = Object.keys(sim.credentials.secrets);
  const { argv, envNames } = sandboxProfileInput(vendor, sim, { name, baseUrl: opts.baseUrl ?? sim.baseUrl });
  // One variable per profile and secret, so profiles can hold different values.
  const renamed = argv.map((a) => a.replace(/^TICKET_SANDBOX_/, `T_${name.toUpperCase()}_`).replace(/=TICKET_SANDBOX_/, `=T_${name.toUpperCase()}_`));
  for (const n of names) env[envNames[n]!.replace(/^TICKET_SANDBOX_/, `T_${name.toUpperCase()}_`)] = opts.secrets?.[n] ?? sim.credentials.secrets[n]!;
  const add = await runCli(renamed, { configDir: dir, env });
  expect(add.code, add.stderr).toBe(0);
}

const parse = (stdout: string) => JSON.parse(stdout) as Check[];

describe("ticket profile test", () => {
  let comm100: Simulator;
  let sobot: Simulator;
  let dir: string;
  let tmp: string;
  const env: Record<string, string> = {};
  let secrets: string[];
  beforeAll(async () => {
    comm100 = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 5 });
    sobot = await (await VENDOR_DESCRIPTORS.sobot.loadSimulator!()).startSimulator({ tickets: 5 });
    dir = tempConfigDir();
    // The CLI's own temporary folder, to see that the fresh token caches are removed afterwards.
    tmp = mkdtempSync(join(tmpdir(), "ticket-profile-test-tmp-"));
    env["TMPDIR"] = tmp;
    const wrong = Object.fromEntries(Object.keys(comm100.credentials.secrets).map((k) => [k, "wrong-token-value-0000"]));
    await addProfile(dir, env, "comm100", comm100, "good");
    await addProfile(dir, env, "comm100", comm100, "badtoken", { secrets: wrong });
    await addProfile(dir, env, "comm100", comm100, "dead", { baseUrl: `http://127.0.0.1:${await deadPort()}/v4` });
    await addProfile(dir, env, "sobot", sobot, "cached");
    secrets = [...Object.values(comm100.credentials.secrets), ...Object.values(sobot.credentials.secrets)];
  });
  afterAll(async () => {
    await comm100?.close();
    await sobot?.close();
  });
  beforeEach(() => {
    comm100.requests.length = 0;
    sobot.requests.length = 0;
  });
  const run = (args: string[]) => runCli(args, { configDir: dir, env });
  const noSecret = (text: string) => {
    for (const s of secrets) expect(text).not.toContain(s);
    for (const r of sobot.requests) if (typeof r.headers["token"] === "string") expect(text).not.toContain(r.headers["token"]);
  };

  it("a good profile: exit 0, one list call with limit 1, the step and latency reported", async () => {
    const r = await run(["profile", "test", "good", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const [c, ...rest] = parse(r.stdout);
    expect(rest).toEqual([]);
    expect(c).toEqual({ name: "good", vendor: "comm100", baseUrl: comm100.baseUrl, ok: true, exitCode: 0, step: "list", ms: expect.any(Number) });
    expect(c!.ms).toBeGreaterThanOrEqual(0);
    const lists = comm100.requests.filter((x) => x.method === "GET");
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(comm100.requests.every((x) => x.method === "GET")).toBe(true);
    noSecret(r.stdout + r.stderr);
  });

  it("--all: every profile at once, one JSON array in config order, exit by the worst class (auth 4 over network 7)", async () => {
    const r = await run(["profile", "test", "--all", "--json"]);
    expect(r.code, r.stderr).toBe(4);
    const checks = parse(r.stdout);
    expect(checks.map((c) => c.name).sort()).toEqual(["badtoken", "cached", "dead", "good"]);
    const by = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(by["good"]).toMatchObject({ ok: true, exitCode: 0, step: "list" });
    expect(by["cached"]).toMatchObject({ vendor: "sobot", ok: true, exitCode: 0, step: "list" });
    expect(by["badtoken"]).toMatchObject({ ok: false, exitCode: 4, step: "reachable", error: { code: "auth", exitCode: 4, vendor: "comm100", httpStatus: 401 } });
    expect(by["dead"]).toMatchObject({ ok: false, exitCode: 7, step: null, error: { code: "network", exitCode: 7, vendor: "comm100", httpStatus: null } });
    for (const c of checks) expect(Object.keys(c).sort()).toEqual(["baseUrl", "exitCode", "ms", "name", "ok", "step", "vendor", ...(c.ok ? [] : ["error"])].sort());
    // The error is one JSON object on stderr (--json), with the worst class.
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: "auth", exitCode: 4 } });
    noSecret(r.stdout + r.stderr);
  });

  it("good and dead: exit 7 (network); plain tab-separated lines on a pipe, then one line on stderr", async () => {
    const r = await run(["profile", "test", "good", "dead"]);
    expect(r.code, r.stderr).toBe(7);
    const rows = r.stdout.trim().split("\n").map((l) => l.split("\t"));
    expect(rows.map((x) => x.slice(0, 2))).toEqual([["good", "comm100"], ["dead", "comm100"]]);
    expect(rows[0]![3]).toBe("yes");
    expect(rows[1]![3]).toBe("no");
    expect(rows[1]![6]).toMatch(/cannot connect to Comm100/);
    expect(r.stderr.trim().split("\n")).toEqual(["ticket: 1 of 2 profiles failed: dead (network)"]);
  });

  it("--ndjson: one object per profile", async () => {
    const r = await run(["profile", "test", "good", "badtoken", "--ndjson"]);
    expect(r.code).toBe(4);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Check);
    expect(lines.map((c) => [c.name, c.exitCode])).toEqual([["good", 0], ["badtoken", 4]]);
  });

  it("with no name: the default profile (the first one added)", async () => {
    const r = await run(["profile", "test", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(parse(r.stdout).map((c) => c.name)).toEqual(["good"]);
  });

  it("an unknown name: exit 3 naming it, nothing tested", async () => {
    const r = await run(["profile", "test", "good", "nope"]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/no profile named "nope"/);
    expect(r.stdout).toBe("");
    expect(comm100.requests).toEqual([]);
  });

  it("names and --all together: exit 2", async () => {
    const r = await run(["profile", "test", "good", "--all"]);
    expect(r.code).toBe(2);
  });

  it("a cached token is neither used nor touched: a fresh one is fetched, the real cache stays as it was, the temporary one is removed", async () => {
    // A normal command caches the Sobot token in the profile's cache folder.
    const list = await run(["-p", "cached", "list", "--limit", "1", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const cacheDir = join(dir, "cache", "cached");
    expect(existsSync(cacheDir)).toBe(true);
    const before = readdirSync(cacheDir).map((f) => [f, readFileSync(join(cacheDir, f), "utf8"), statSync(join(cacheDir, f)).mtimeMs]);
    expect(before.length).toBeGreaterThan(0);
    sobot.requests.length = 0;

    const r = await run(["profile", "test", "cached", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(parse(r.stdout)[0]).toMatchObject({ name: "cached", ok: true, step: "list" });
    // With the cached token, no token request would be made: this one is fresh.
    expect(sobot.requests.filter((x) => x.path.endsWith("/get_token"))).toHaveLength(1);
    const after = readdirSync(cacheDir).map((f) => [f, readFileSync(join(cacheDir, f), "utf8"), statSync(join(cacheDir, f)).mtimeMs]);
    expect(after).toEqual(before);
    expect(readdirSync(tmp).filter((f) => f.startsWith("ticket-profile-test-"))).toEqual([]);
    noSecret(r.stdout + r.stderr);
  });

  it("a profile whose credential is missing: exit 3 (config outranks auth and network), step null, nothing sent for it", async () => {
    const add = await run(["profile", "add", "noenv", "--vendor", "comm100", "--base-url", comm100.baseUrl, "--token-env", "T_NOENV_UNSET_TOKEN"]);
    expect(add.code, add.stderr).toBe(0);
    const r = await run(["profile", "test", "noenv", "badtoken", "dead", "--json"]);
    expect(r.code, r.stderr).toBe(3);
    const noenv = parse(r.stdout).find((c) => c.name === "noenv")!;
    expect(noenv).toMatchObject({ vendor: "comm100", baseUrl: comm100.baseUrl, ok: false, exitCode: 3, step: null, error: { code: "config" } });
    expect(noenv.error!.message).toContain("T_NOENV_UNSET_TOKEN");
    await run(["profile", "remove", "noenv"]);
  });
});
