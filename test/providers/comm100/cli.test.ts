/**
 * The Comm100 fixes through the built binary: an OAuth profile (password secret, email and clientId
 * settings) signs in and caches its token; --attach is refused with exit 6 before anything is sent;
 * an unknown agent is exit 5 naming it; no secret ever reaches the output.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_OAUTH_SETTINGS, startSimulator, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";
import { runCli, tempConfigDir } from "../../helpers/cli.js";

const PASSWORD = "cli-oauth-password-5150";
let sim: Comm100Simulator;
let dir: string;
const env = { C100_PASSWORD: PASSWORD };
const cli = (...args: string[]) => runCli(["-p", "oauth", ...args], { configDir: dir, env });

beforeAll(async () => {
  sim = await startSimulator({ tickets: 30, secrets: { password: PASSWORD } });
  dir = tempConfigDir();
  const add = await runCli(
    ["profile", "add", "oauth", "--vendor", "comm100", "--base-url", sim.baseUrl, "--secret-env", "password=C100_PASSWORD",
      "--set", `email=${SANDBOX_OAUTH_SETTINGS.email}`, "--set", `clientId=${SANDBOX_OAUTH_SETTINGS.clientId}`, "--set", `agentId=${sim.credentials.settings["agentId"]}`, "--set", "channelId=Email"],
    { configDir: dir, env },
  );
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await sim.close();
});

const leaks = (text: string) => {
  const tokens = sim.requests.flatMap((r) => (r.headers["authorization"] ? [String(r.headers["authorization"]).replace(/^Bearer /, "")] : []));
  return [PASSWORD, ...tokens].filter((s) => text.includes(s));
};

describe("comm100 through the CLI", () => {
  it("an OAuth profile signs in once, caches the token, and lists", async () => {
    const first = await cli("list", "--json", "--limit", "3", "--verbose");
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toHaveLength(3);
    const second = await cli("list", "--json", "--limit", "3");
    expect(second.code, second.stderr).toBe(0);
    expect(sim.requests.filter((r) => r.path === "/oauth/token")).toHaveLength(1);
    expect(leaks(first.stdout + first.stderr + second.stdout + second.stderr)).toEqual([]);
    const cacheFiles = readdirSync(join(dir, "cache", "oauth")).filter((f) => f.startsWith("comm100-oauth-"));
    expect(cacheFiles).toHaveLength(1);
  });

  it("reply --attach exits 6 before anything is sent", async () => {
    sim.requests.length = 0;
    const r = await runCli(["-p", "oauth", "reply", sim.fixtures.ticketId, "--body", "see screenshot", "--attach", join(dir, "config.json")], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(6);
    // Refused by the command from the vendor's declaration: before the editor, a draft or any request.
    expect(r.stderr).toMatch(/cannot carry --attach on reply.*no upload.*Nothing was sent/);
    expect(sim.requests).toEqual([]);
  });

  it("assign --to an unknown agent exits 5 naming it; the ticket is unchanged", async () => {
    const before = sim.state.tickets.find((t) => String(t.id) === sim.fixtures.ticketId)!.assigneeId;
    const r = await cli("assign", sim.fixtures.ticketId, "--to", sim.fixtures.missingAgentId!);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain(`Comm100 has no agent "${sim.fixtures.missingAgentId}" (--to)`);
    expect(sim.state.tickets.find((t) => String(t.id) === sim.fixtures.ticketId)!.assigneeId).toBe(before);
    expect(leaks(r.stderr)).toEqual([]);
  });
});
