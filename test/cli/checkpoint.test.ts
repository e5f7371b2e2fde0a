/**
 * `ticket list --since @last --checkpoint NAME` (issue 10 item 5), spawned against the Comm100
 * simulator with real changes between runs (replies and closes through the CLI): the first run
 * lists everything, an idle run nothing, a run after two changes exactly those two, oldest change
 * first; a failed run leaves the mark; two overlapping runs print each change once in total;
 * --limit makes batches; a closed stdout leaves the mark; and `ticket checkpoint list|show|reset`.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

const PROFILE = "sandbox-comm100";
const lines = (s: string) => s.split("\n").filter(Boolean);
const idsOf = (stdout: string) => lines(stdout).map((l) => (JSON.parse(l) as { id: string }).id);

describe("list --since @last --checkpoint (Comm100 simulator)", () => {
  let sim: Simulator;
  let dir: string;
  let env: Record<string, string>;
  let ids: string[];
  const cli = (...args: string[]) => runCli(args, { configDir: dir, env });
  const cron = (...extra: string[]) => cli("list", "--since", "@last", "--checkpoint", "cron", "--ndjson", ...(extra.includes("--limit") ? extra : ["--all", ...extra]));
  const file = () => join(dir, "state", "checkpoints", PROFILE, "cron.json");
  const start = async (opts: { port?: number; state?: unknown; secrets?: Record<string, string> } = {}) => {
    sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 25, ...opts });
  };
  const change = async (id: string, how: "reply" | "close") => {
    const r = how === "reply" ? await cli("reply", id, "--body", "Looking into it", "-q") : await cli("close", id, "-q");
    expect(r.code, r.stderr).toBe(0);
  };

  beforeAll(async () => {
    await start();
    dir = tempConfigDir();
    ({ env } = await addSandboxProfile("comm100", sim, { configDir: dir }));
    const all = await cli("list", "--all", "--json", "--fields", "id");
    ids = (JSON.parse(all.stdout) as { id: string }[]).map((t) => t.id);
    expect(ids.length).toBe(sim.fixtures.listAllCount);
  });
  afterAll(() => sim.close());

  it("run 1 lists everything, oldest change first, and says the checkpoint is new; the mark file is private", async () => {
    const r = await cron();
    expect(r.code, r.stderr).toBe(0);
    expect(idsOf(r.stdout)).toEqual([...ids].reverse());
    expect(r.stderr).toBe(`ticket: checkpoint "cron" is new for profile "${PROFILE}": listing every matching ticket\n`);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file(), "utf8")) as { mark: { ids: string[] } };
    expect(saved.mark.ids).toEqual([ids[0]]);
  });

  it("run 2 with no change lists nothing (exit 0, silent), and the vendor was asked for changes since the mark", async () => {
    sim.requests.length = 0;
    const r = await cron();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    const list = sim.requests.filter((q) => q.method === "GET" && /\/tickets$/.test(q.path));
    expect(list.length).toBeGreaterThan(0);
    // Comm100 filters by update time itself: the query carries the mark (the provider's name for it varies).
    expect(JSON.stringify(list[0]!.query)).toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("run 3 after two changes lists exactly those two, oldest change first", async () => {
    const [a, b] = [ids[10]!, ids[20]!];
    await change(a, "reply");
    await change(b, "close");
    const r = await cron();
    expect(r.code, r.stderr).toBe(0);
    expect(idsOf(r.stdout)).toEqual([a, b]);
    expect((await cron()).stdout).toBe("");
  });

  it("a failing run (simulator stopped) exits 7 and leaves the mark; the next run lists the change", async () => {
    const c = ids[5]!;
    await change(c, "close");
    const before = readFileSync(file(), "utf8");
    const port = Number(new URL(sim.baseUrl).port);
    const state = sim.exportState();
    const secrets = sim.credentials.secrets;
    await sim.close();
    const failed = await cron();
    expect(failed.code).toBe(7);
    expect(failed.stdout).toBe("");
    expect(readFileSync(file(), "utf8")).toBe(before);
    await start({ port, state, secrets });
    const r = await cron();
    expect(r.code, r.stderr).toBe(0);
    expect(idsOf(r.stdout)).toEqual([c]);
  });

  it("two overlapping runs print each change once in total", async () => {
    const [d, e] = [ids[3]!, ids[4]!];
    await change(d, "reply");
    await change(e, "reply");
    const [r1, r2] = await Promise.all([cron(), cron()]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.code, r2.stderr).toBe(0);
    expect([...idsOf(r1.stdout), ...idsOf(r2.stdout)]).toEqual([d, e]);
    expect(idsOf(r1.stdout).length === 0 || idsOf(r2.stdout).length === 0).toBe(true);
  });

  it("--limit makes batches: the mark moves only over what was printed", async () => {
    const batch = [ids[7]!, ids[8]!, ids[9]!];
    for (const id of batch) await change(id, "reply");
    const first = await cron("--limit", "2");
    expect(first.code, first.stderr).toBe(0);
    expect(idsOf(first.stdout)).toEqual(batch.slice(0, 2));
    expect(idsOf((await cron("--limit", "2")).stdout)).toEqual(batch.slice(2));
    expect((await cron("--limit", "2")).stdout).toBe("");
  });

  it("checkpoint list / show / reset; reset of a missing checkpoint is exit 5", async () => {
    const list = await cli("checkpoint", "list", "--json");
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as { name: string; profile: string; mark: string; markIds: string[]; lastRun: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "cron", profile: PROFILE, markIds: [ids[9]] });
    expect(Date.parse(rows[0]!.mark)).toBeGreaterThan(0);
    const show = await cli("checkpoint", "show", "cron", "--json");
    expect(JSON.parse(show.stdout)).toMatchObject({ name: "cron", profile: PROFILE, mark: rows[0]!.mark });
    const plain = await cli("checkpoint", "show", "cron");
    expect(plain.stdout).toMatch(new RegExp(`mark\\s+${rows[0]!.mark.replace(/\./g, "\\.")}`));
    const reset = await cli("checkpoint", "reset", "cron");
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stderr).toMatch(/Reset checkpoint "cron" of profile sandbox-comm100/);
    expect((await cli("checkpoint", "list", "--json")).stdout.trim()).toBe("[]");
    const again = await cli("checkpoint", "reset", "cron");
    expect(again.code).toBe(5);
    expect(again.stderr).toBe('ticket: no checkpoint named "cron"; see `ticket checkpoint list`\n');
    expect((await cli("checkpoint", "show", "cron")).code).toBe(5);
    // After a reset the next run starts over.
    const r = await cron();
    expect(idsOf(r.stdout)).toHaveLength(ids.length);
    expect(r.stderr).toMatch(/is new/);
  });

  it.each([
    [["list", "--since", "@last"], "--since @last needs --checkpoint NAME"],
    [["list", "--checkpoint", "cron"], "--checkpoint works with --since @last"],
    [["list", "--since", "7d", "--checkpoint", "cron"], "--checkpoint works with --since @last"],
    [["list", "--since", "@last", "--checkpoint", "cron", "--reverse"], "--checkpoint prints changes oldest first"],
    [["list", "--since", "@last", "--checkpoint", "cron", "--sort", "created"], "--checkpoint prints changes oldest first"],
    [["list", "--since", "@last", "--checkpoint", "../etc"], "a checkpoint name is letters"],
  ])("%j is a usage error (exit 2), nothing sent", async (args, message) => {
    sim.requests.length = 0;
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(sim.requests).toEqual([]);
  });
});

describe("a reader that closes the pipe early (`| head -1`)", () => {
  let sim: Simulator;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    // Enough tickets that the output outgrows the pipe's buffer: the write after head exits fails.
    sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 1000 });
    dir = tempConfigDir();
    ({ env } = await addSandboxProfile("comm100", sim, { configDir: dir }));
  });
  afterAll(() => sim.close());

  it("exit 0, and the checkpoint is not advanced (the next run lists everything again)", async () => {
    const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const script = `${q(process.execPath)} ${q(BIN)} list --since @last --checkpoint cron --all --ndjson | head -1`;
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn("bash", ["-c", `set -o pipefail; ${script}`], { env: { PATH: process.env["PATH"] ?? "", HOME: dir, CI: "true", TICKET_CONFIG_DIR: dir, ...env } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code, r.stderr).toBe(0); // pipefail: ticket's own exit
    expect(lines(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/is new/);
    expect(r.stderr).not.toMatch(/error|EPIPE/i);
    expect(existsSync(join(dir, "state", "checkpoints", PROFILE, "cron.json"))).toBe(false);
    const again = await runCli(["list", "--since", "@last", "--checkpoint", "cron", "--all", "--ndjson"], { configDir: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(lines(again.stdout)).toHaveLength(sim.fixtures.listAllCount);
    expect(existsSync(join(dir, "state", "checkpoints", PROFILE, "cron.json"))).toBe(true);
  });
});
