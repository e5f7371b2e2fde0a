/**
 * Confirmations (issue 11 item 7), driving the built binary against a Comm100 simulator: on a
 * real terminal (tmux, a private socket per test) merge, a write on several tickets and profile
 * remove show what will change and ask; "no" sends nothing (exit 1), "yes" sends, --yes skips the
 * question and --dry-run never asks. Without a terminal (runCli) merge needs --yes (exit 2, it
 * cannot be undone) and the other writes proceed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { RecordedRequest, Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile, sandboxProfileInput } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/confirm.test.ts: tmux is not installed; the confirmation tests on a terminal are skipped");

const PROFILE = "sandbox-comm100";
const writes = (sim: Simulator): RecordedRequest[] => sim.requests.filter((r) => r.method !== "GET" && !/token|oauth/i.test(r.path));
const plain = (screen: string) => screen.replace(/\u001b\[[0-9;]*m/g, "");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitText(t: TtySession, test: RegExp, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < end) {
    try {
      text = plain(t.screen());
    } catch {
      text = "";
    }
    if (test.test(text)) return text;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${String(test)}; screen:\n${text}`);
}

let sim: Simulator;
let env: Record<string, string>;
/** Open tickets of the simulator, with their subjects, in list order. */
let open: { id: string; subject: string }[];

async function profileDir(): Promise<string> {
  const dir = tempConfigDir();
  await addSandboxProfile("comm100", sim, { configDir: dir, env });
  return dir;
}

/** Two open tickets no other test of this file uses. */
let used = 0;
const take = (n: number) => {
  const picked = open.slice(used, used + n);
  used += n;
  if (picked.length < n) throw new Error("the simulator has too few open tickets for this file");
  return picked;
};

beforeAll(async () => {
  sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 40 });
  env = sandboxProfileInput("comm100", sim).env;
  const dir = await profileDir();
  const r = await runCli(["-p", PROFILE, "list", "--status", "new,open,pending", "--all", "--json", "--fields", "id,subject"], { configDir: dir, env });
  expect(r.code, r.stderr).toBe(0);
  open = JSON.parse(r.stdout) as { id: string; subject: string }[];
});
afterAll(async () => {
  await sim?.close();
});

describe.skipIf(!hasTmux)("confirmation on a terminal (tmux)", { timeout: 90_000 }, () => {
  let tty: TtySession | undefined;
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  function run(dir: string, args: string[]): TtySession {
    tty = new TtySession(140, 40);
    tty.start([process.execPath, BIN, "-p", PROFILE, "--no-pager", ...args], { ...env, TICKET_CONFIG_DIR: dir });
    return tty;
  }
  const exitOf = async (t: TtySession) => Number(/EXIT=(\d+)/.exec(await t.waitFor(/EXIT=\d+/, 30_000))![1]);

  it("close on several tickets shows them and asks; no sends nothing (exit 1), yes closes each", async () => {
    const dir = await profileDir();
    const [a, b] = take(2);
    let t = run(dir, ["close", a!.id, b!.id, "--comment", "Duplicate"]);
    let screen = await waitText(t, /Close these 2 tickets\?/);
    expect(screen).toContain(a!.subject.slice(0, 30));
    expect(screen).toContain(b!.subject.slice(0, 30));
    expect(screen).toMatch(/internal note "Duplicate"/);
    const before = writes(sim).length;
    t.type("n");
    t.keys("Enter");
    expect(await exitOf(t)).toBe(1);
    expect(plain(t.screen())).toMatch(/cancelled: nothing was sent/);
    expect(writes(sim).length).toBe(before);
    tty?.close();

    t = run(dir, ["close", a!.id, b!.id]);
    screen = await waitText(t, /Close these 2 tickets\?/);
    t.type("y");
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    const sent = writes(sim).slice(before).map((r) => `${r.method} ${r.path}`);
    expect(sent).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^PUT .*tickets/${a!.id}$`)), expect.stringMatching(new RegExp(`^PUT .*tickets/${b!.id}$`))]));
    expect(sent).toHaveLength(2);
  });

  it("merge shows target and sources and asks; no sends nothing, yes merges", async () => {
    const dir = await profileDir();
    const [target, source] = take(2);
    let t = run(dir, ["merge", target!.id, source!.id]);
    let screen = await waitText(t, /Merge this ticket into ticket \d+\? It cannot be undone/);
    expect(screen).toContain(target!.subject.slice(0, 30));
    expect(screen).toContain(source!.subject.slice(0, 30));
    const before = writes(sim).length;
    t.keys("Enter"); // the default is no
    expect(await exitOf(t)).toBe(1);
    expect(writes(sim).length).toBe(before);
    tty?.close();

    t = run(dir, ["merge", target!.id, source!.id]);
    screen = await waitText(t, /It cannot be undone/);
    t.type("y");
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    const sent = writes(sim).slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([expect.stringMatching(new RegExp(`^POST .*tickets/${target!.id}:merge$`))]);
  });

  it("--yes skips the question; --dry-run never asks", async () => {
    const dir = await profileDir();
    const [a, b] = take(2);
    const before = writes(sim).length;
    let t = run(dir, ["--dry-run", "merge", a!.id, b!.id]);
    expect(await exitOf(t)).toBe(0);
    expect(plain(t.screen())).not.toMatch(/cannot be undone\?|\? Merge/);
    expect(writes(sim).length).toBe(before);
    tty?.close();

    t = run(dir, ["-y", "close", a!.id, b!.id]);
    expect(await exitOf(t)).toBe(0);
    expect(plain(t.screen())).not.toMatch(/Close these/);
    expect(writes(sim).slice(before)).toHaveLength(2);
  });

  it("one ticket is not asked about", async () => {
    const dir = await profileDir();
    const [a] = take(1);
    const before = writes(sim).length;
    const t = run(dir, ["close", a!.id]);
    expect(await exitOf(t)).toBe(0);
    expect(plain(t.screen())).not.toMatch(/Close this/);
    expect(writes(sim).slice(before)).toHaveLength(1);
  });

  it("profile remove shows the profile and asks; no keeps it, yes removes it", async () => {
    const dir = await profileDir();
    const profiles = () => Object.keys((JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { profiles: object }).profiles);
    tty = new TtySession(140, 20);
    tty.start([process.execPath, BIN, "profile", "remove", PROFILE], { TICKET_CONFIG_DIR: dir });
    let screen = await waitText(tty, /Remove profile sandbox-comm100\?/);
    expect(screen).toMatch(/Comm100 at http:\/\/127\.0\.0\.1/);
    tty.type("n");
    tty.keys("Enter");
    expect(await exitOf(tty)).toBe(1);
    expect(profiles()).toContain(PROFILE);
    tty.close();

    tty = new TtySession(140, 20);
    tty.start([process.execPath, BIN, "profile", "remove", PROFILE], { TICKET_CONFIG_DIR: dir });
    screen = await waitText(tty, /Remove profile sandbox-comm100\?/);
    tty.type("y");
    tty.keys("Enter");
    expect(await exitOf(tty)).toBe(0);
    expect(profiles()).not.toContain(PROFILE);
  });
});

describe("without a terminal", () => {
  it("merge needs --yes: exit 2 naming it, nothing sent; with --yes it merges", async () => {
    const dir = await profileDir();
    const [target, source] = take(2);
    const before = writes(sim).length;
    const r = await runCli(["-p", PROFILE, "merge", target!.id, source!.id], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/merge cannot be undone: add --yes/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(writes(sim).length).toBe(before);

    const ok = await runCli(["-p", PROFILE, "merge", "--yes", target!.id, source!.id], { configDir: dir, env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(writes(sim).slice(before).map((w) => `${w.method} ${w.path}`)).toEqual([expect.stringMatching(new RegExp(`^POST .*tickets/${target!.id}:merge$`))]);
  });

  it("merge --dry-run needs no --yes", async () => {
    const dir = await profileDir();
    const [target, source] = take(2);
    const before = writes(sim).length;
    const r = await runCli(["-p", PROFILE, "--dry-run", "merge", target!.id, source!.id], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(writes(sim).length).toBe(before);
  });

  it("other writes on several tickets proceed without asking, and so does profile remove", async () => {
    const dir = await profileDir();
    const [a, b] = take(2);
    const before = writes(sim).length;
    const r = await runCli(["-p", PROFILE, "close", a!.id, b!.id], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(writes(sim).slice(before)).toHaveLength(2);
    const rm = await runCli(["profile", "remove", PROFILE], { configDir: dir });
    expect(rm.code, rm.stderr).toBe(0);
    expect(rm.stderr).toMatch(/✓ Removed profile/);
  });
});
