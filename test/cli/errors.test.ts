/**
 * Exit codes and messages of the built binary for each error class (DESIGN.md section 5):
 * one line on stderr, never a stack trace, never a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { startSimulator } from "../../src/sandbox/comm100/index.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir } from "../helpers/cli.js";

const TOKEN = "sbx-c100-secret-token-0123456789";

function expectOneErrorLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ticket: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("exit codes of the spawned binary", () => {
  let sim: Simulator;
  let dir: string;
  const cli = (args: string[], env: Record<string, string> = {}, input?: string) => runCli(args, { configDir: dir, env: { C100_TOKEN: TOKEN, ...env }, ...(input !== undefined ? { input } : {}) });

  beforeAll(async () => {
    sim = await startSimulator({ tickets: 20, secrets: { token: TOKEN } });
    dir = tempConfigDir();
    const add = await cli(["profile", "add", "work", "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-env", "C100_TOKEN", "--set", `agentId=${sim.credentials.settings["agentId"]}`]);
    expect(add.code).toBe(0);
    expect(add.stderr).toMatch(/✓ Added profile work \(Comm100\), the default/);
  });
  afterAll(() => sim.close());

  it("0: a configured profile lists over HTTP with the token from the environment", async () => {
    const r = await cli(["list", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(20);
    expect(sim.requests.at(-1)!.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
  });

  it("0: --help and --version; every verb has an example", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const verb of ["list", "show", "create", "reply", "assign", "escalate", "merge", "close", "upload", "profile", "vendors", "sandbox"]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${verb}\\b`, "m"));
      const sub = await cli([verb, "--help"]);
      expect(sub.code, verb).toBe(0);
      expect(sub.stdout, verb).toMatch(/Examples:\n  \$ ticket /);
    }
    const v = await cli(["--version"]);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("2: unknown flag, missing argument, bad value", async () => {
    const a = await cli(["list", "--bogus"]);
    expect(a.code).toBe(2);
    expectOneErrorLine(a.stderr, /unknown option '--bogus'/);
    const b = await cli(["show"]);
    expect(b.code).toBe(2);
    expectOneErrorLine(b.stderr, /show needs a ticket id/);
    const c = await cli(["list", "--status", "sleeping"]);
    expect(c.code).toBe(2);
    expectOneErrorLine(c.stderr, /--status takes new, open, pending/);
    const d = await cli(["list", "--since", "yesterday-ish"]);
    expect(d.code).toBe(2);
    const e = await cli(["show", "abc"]);
    expect(e.code).toBe(2);
    expectOneErrorLine(e.stderr, /Comm100 ticket ids are numbers/);
  });

  it("3: unknown profile (never a silent demo), missing env var, corrupt config", async () => {
    const a = await cli(["-p", "nope", "list"]);
    expect(a.code).toBe(3);
    expectOneErrorLine(a.stderr, /no profile named "nope"/);
    const env = await runCli(["list"], { configDir: dir });
    expect(env.code).toBe(3);
    expectOneErrorLine(env.stderr, /environment variable C100_TOKEN \(the token of profile "work"\) is not set/);
    const bad = tempConfigDir();
    writeFileSync(join(bad, "config.json"), "{ not json");
    const c = await runCli(["list"], { configDir: bad });
    expect(c.code).toBe(3);
    expectOneErrorLine(c.stderr, new RegExp(`config file ${join(bad, "config.json").replace(/[/.]/g, "\\$&")} cannot be read: it is not valid JSON`));
    writeFileSync(join(bad, "config.json"), JSON.stringify({ profiles: { x: { vendor: "acme", baseUrl: "https://x" } } }));
    const d = await runCli(["list"], { configDir: bad });
    expect(d.code).toBe(3);
    expectOneErrorLine(d.stderr, /is invalid at profiles\.x\.vendor/);
  });

  it("4: the server answers 401, and the wrong token is not printed", async () => {
    const r = await cli(["list", "--verbose"], { C100_TOKEN: "wrong-token-abcdef" });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^ticket: Comm100 refused the credentials \(HTTP 401\)/m);
    expect(r.stderr + r.stdout).not.toContain("wrong-token-abcdef");
  });

  it("5: a missing ticket", async () => {
    const r = await cli(["show", "424242"]);
    expect(r.code).toBe(5);
    expectOneErrorLine(r.stderr, /Comm100: ticket 424242 not found/);
  });

  it("6: an unsupported verb says why, before any request", async () => {
    sim.requests.length = 0;
    const r = await cli(["upload", sim.fixtures.ticketId, "package.json"]);
    expect(r.code).toBe(6);
    expectOneErrorLine(r.stderr, /Comm100's v4 API documents no file upload endpoint/);
    expect(sim.requests).toHaveLength(0);
  });

  it("7: a refused connection; the unsent reply is saved and the message says where", async () => {
    const d2 = tempConfigDir();
    await runCli(["profile", "add", "dead", "--vendor", "comm100", "--base-url", "http://127.0.0.1:9/v4", "--token-env", "C100_TOKEN"], { configDir: d2 });
    const r = await runCli(["reply", "1001", "--body", "Please do not lose me"], { configDir: d2, env: { C100_TOKEN: TOKEN } });
    expect(r.code).toBe(7);
    // The hint names the profile, so following it can never post to another helpdesk.
    expectOneErrorLine(r.stderr, /cannot connect to Comm100: connection refused\. The text is saved in (\S+); send it with: ticket -p dead reply 1001 --body-file /);
    const path = /saved in (\S+);/.exec(r.stderr)![1]!;
    expect(readFileSync(path, "utf8")).toBe("Please do not lose me");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("7: a 503 that persists after retries", async () => {
    sim.requests.length = 0;
    sim.fail({ kind: "status", status: 503 }, 3);
    const r = await cli(["list"]);
    expect(sim.requests.map((q) => q.status)).toEqual([503, 503, 503]); // one try + two retries
    expect(r.code).toBe(7);
    expectOneErrorLine(r.stderr, /Comm100 is failing \(HTTP 503\) after retries/);
  });

  it("--json errors are one JSON object on stderr", async () => {
    const r = await cli(["show", "424242", "--json"]);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stderr)).toEqual({
      error: { code: "not_found", message: "Comm100: ticket 424242 not found", exitCode: 5, vendor: "comm100", httpStatus: 404 },
    });
  });

  it("--verbose logs requests on stderr with the token redacted", async () => {
    const r = await cli(["show", sim.fixtures.ticketId, "--verbose"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^> GET http:\/\/127\.0\.0\.1:\d+\/v4\/ticketing\/tickets\//m);
    expect(r.stderr).toMatch(/^> authorization: \*\*\*$/m);
    expect(r.stderr).toMatch(/^< 200 GET /m);
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
  });

  it("--token-stdin stores the secret in a 0600 config file, never in output", async () => {
    const d3 = tempConfigDir();
    const add = await runCli(["profile", "add", "s", "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-stdin"], { configDir: d3, input: `${TOKEN}\n` });
    expect(add.code).toBe(0);
    const file = join(d3, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const shown = await runCli(["profile", "show", "s", "--json"], { configDir: d3 });
    expect(JSON.parse(shown.stdout).secrets.token).toBe("stored (config file, mode 0600)");
    expect(shown.stdout + shown.stderr).not.toContain(TOKEN);
    const list = await runCli(["list", "--verbose", "--limit", "1"], { configDir: d3 });
    expect(list.code).toBe(0);
    expect(list.stdout + list.stderr).not.toContain(TOKEN);
    const files = readdirSync(d3);
    expect(files).toContain("config.json");
  });

  it("profile list/use/remove", async () => {
    const d4 = tempConfigDir();
    for (const n of ["a", "b"]) await runCli(["profile", "add", n, "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-env", "C100_TOKEN"], { configDir: d4 });
    expect((await runCli(["profile", "use", "b"], { configDir: d4 })).code).toBe(0);
    const list = JSON.parse((await runCli(["profile", "list", "--json"], { configDir: d4 })).stdout);
    expect(list.map((p: { name: string; default: boolean }) => [p.name, p.default])).toEqual([["a", false], ["b", true]]);
    expect((await runCli(["profile", "remove", "b"], { configDir: d4 })).code).toBe(0);
    const after = JSON.parse((await runCli(["profile", "list", "--json"], { configDir: d4 })).stdout);
    expect(after.map((p: { name: string }) => p.name)).toEqual(["a"]);
    const dup = await runCli(["profile", "add", "a", "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-env", "C100_TOKEN"], { configDir: d4 });
    expect(dup.code).toBe(2);
    const noCred = await runCli(["profile", "add", "c", "--vendor", "comm100", "--base-url", sim.baseUrl], { configDir: d4 });
    expect(noCred.code).toBe(2);
    expect(noCred.stderr).toMatch(/a credential is required/);
  });

  it("a bulk close reports each failure and exits 1", async () => {
    const r = await cli(["close", sim.fixtures.ticketId, "424242", "-q"]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe(sim.fixtures.ticketId);
    expect(r.stderr).toMatch(/ticket 424242 not found/);
    expect(r.stderr).toMatch(/1 of 2 tickets failed: 424242/);
  });
});
