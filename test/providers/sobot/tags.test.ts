/**
 * `--tag` on Sobot: Sobot tickets have no tags (no tag field in the list, detail or create tables,
 * doc lines 2456-2476, 2913-2923, 2937-2975; no tag endpoint anywhere in the Ticket API), so
 * `list --tag NAME` and `create --tag NAME` are refused with exit 6 before anything is sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UnsupportedError } from "../../../src/errors.js";
import { startSimulator, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import { runCli, tempConfigDir } from "../../helpers/cli.js";
import { addSandboxProfile } from "../../helpers/sandbox-profile.js";
import { collect, providerFor } from "../../helpers/provider.js";

let sim: SobotSimulator;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await startSimulator({ tickets: 20 });
  dir = tempConfigDir();
  ({ env } = await addSandboxProfile("sobot", sim, { configDir: dir }));
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.requests.length = 0;
});

const cli = (...args: string[]) => runCli(["-p", "sandbox-sobot", ...args], { configDir: dir, env });

describe("sobot --tag", () => {
  it("the provider refuses a tag filter (exit 6) before any request", async () => {
    const { provider } = await providerFor(sim);
    const err = await collect(provider.list({ tag: "vip" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as UnsupportedError).exitCode).toBe(6);
    expect((err as Error).message).toMatch(/\btag\b/);
    expect(sim.requests).toEqual([]);
  });

  it("the provider refuses tags on create, saying Sobot tickets have none, before any write", async () => {
    const { provider } = await providerFor(sim);
    const err = await provider.create!({ subject: "s", body: "b", tags: ["vip"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as Error).message).toMatch(/Sobot tickets have no tags/);
    expect(sim.requests).toEqual([]);
  });

  it("ticket list --tag NAME: exit 6, one line naming the tag filter, nothing sent", async () => {
    const r = await cli("list", "--tag", "vip");
    expect(r.code).toBe(6);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/Sobot cannot filter tickets by tag/);
    expect(sim.requests).toEqual([]);
  });

  it("ticket create --tag NAME: exit 6 saying Sobot tickets have no tags, before anything is asked or sent", async () => {
    const r = await cli("create", "--subject", "Printer", "--body", "Blank pages", "--tag", "vip");
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/--tag/);
    expect(r.stderr).toMatch(/Sobot tickets have no tags/);
    expect(r.stderr).toMatch(/Nothing was sent/);
    expect(sim.requests).toEqual([]);
  });

  it("ticket vendors says so for list and create", async () => {
    const r = await runCli(["vendors", "--json"], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/no --tag: Sobot tickets have no tags/);
  });
});
