/**
 * Pickers (issue 11 item 6), driving the built binary: on a real terminal (tmux, a private socket
 * per test) a verb without its ticket id offers a searchable pick from recent open tickets, then
 * runs on the picked id against a Comm100 simulator; assign/escalate without --to ask for the
 * agent or team; create asks for every field the vendor requires before the editor opens;
 * profile add asks for every setting, re-asks on an empty or invalid answer and offers a test.
 * Without a terminal (runCli: pipes, CI=true) nothing is asked: exit 2 naming what is missing,
 * and nothing is sent.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { RecordedRequest, Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile, sandboxProfileInput } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/pickers.test.ts: tmux is not installed; the picker tests on a terminal are skipped");

const PROFILE = "sandbox-comm100";
const writes = (sim: Simulator): RecordedRequest[] => sim.requests.filter((r) => r.method !== "GET" && !/token|oauth/i.test(r.path));
const plain = (screen: string) => screen.replace(/\u001b\[[0-9;]*m/g, "");
/** The id on the highlighted line of a pick ("❯ 1042  Subject · open · ..."). */
const highlighted = (screen: string): string => {
  const line = plain(screen)
    .split("\n")
    .find((l) => l.startsWith("❯ "));
  if (!line) throw new Error(`no highlighted choice on the screen:\n${screen}`);
  return line.slice(2).trim().split(/\s+/)[0]!;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the screen, colors removed, until `test` passes (typed text and prompts differ in color). */
async function waitText(t: TtySession, test: RegExp | ((text: string) => boolean), timeoutMs = 30_000): Promise<string> {
  const ok = typeof test === "function" ? test : (text: string) => test.test(text);
  const end = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < end) {
    try {
      text = plain(t.screen());
    } catch {
      text = "";
    }
    if (ok(text)) return text;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${String(test)}; screen:\n${text}`);
}
const hasHighlight = (text: string) => text.split("\n").some((l) => /^❯ \d+ /.test(l));

let sim: Simulator;
let env: Record<string, string>;

/** A config folder with a profile for the simulator; `drop` leaves settings out (to be asked). */
async function profileDir(drop: string[] = []): Promise<string> {
  const dir = tempConfigDir();
  const settings = Object.fromEntries(Object.entries(sim.credentials.settings).filter(([k]) => !drop.includes(k)));
  await addSandboxProfile("comm100", { baseUrl: sim.baseUrl, credentials: { secrets: sim.credentials.secrets, settings } }, { configDir: dir, env });
  return dir;
}

beforeAll(async () => {
  sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 12 });
  env = sandboxProfileInput("comm100", sim).env;
});
afterAll(async () => {
  await sim?.close();
});

describe.skipIf(!hasTmux)("pickers on a terminal (tmux)", { timeout: 90_000 }, () => {
  let tty: TtySession | undefined;
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  function run(dir: string, args: string[], extra: Record<string, string> = {}): TtySession {
    tty = new TtySession(140, 40);
    tty.start([process.execPath, BIN, "-p", PROFILE, "--no-pager", ...args], { ...env, TICKET_CONFIG_DIR: dir, ...extra });
    return tty;
  }
  const exitOf = async (t: TtySession) => Number(/EXIT=(\d+)/.exec(await t.waitFor(/EXIT=\d+/, 30_000))![1]);

  it("show without an id: type to search recent open tickets, Enter shows the picked one", async () => {
    const dir = await profileDir();
    const t = run(dir, ["show"]);
    const first = await waitText(t, (text) => text.includes("Ticket (type to search") && hasHighlight(text));
    // Search by a word of the subject of the second ticket offered: the list narrows to matches.
    const lines = plain(first).split("\n").filter((l) => /^[❯ ] \d+ /.test(l));
    expect(lines.length).toBeGreaterThan(1);
    const target = lines[1]!.slice(2).trim();
    const targetId = target.split(/\s+/)[0]!;
    const word = target.split(/\s+/).slice(1).find((w) => w.length >= 5 && /^[A-Za-z]+$/.test(w))!;
    t.type(word);
    // The prompt echoes the word at once and redraws the list when the search answers: wait for the
    // narrowed list itself (a list that never narrows times out and fails here).
    const offeredIn = (text: string) => plain(text).split("\n").filter((l) => /^[❯ ] \d+ /.test(l));
    const narrowsTo = (text: string) => offeredIn(text).length > 0 && offeredIn(text).every((l) => l.toLowerCase().includes(word.toLowerCase()));
    const narrowed = await waitText(t, (text) => text.includes(`recent open tickets) ${word}`) && hasHighlight(text) && narrowsTo(text));
    const offered = offeredIn(narrowed);
    expect(offered.every((l) => l.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const picked = highlighted(narrowed);
    expect(offered.some((l) => l.includes(targetId))).toBe(true);
    const before = sim.requests.length;
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    const got = sim.requests.slice(before).filter((r) => r.method === "GET").map((r) => r.path);
    expect(got.some((p) => p.endsWith(`/ticketing/tickets/${picked}`))).toBe(true);
  });

  it("reply without an id: the picked ticket gets the reply", async () => {
    const dir = await profileDir();
    const t = run(dir, ["reply", "--body", "Picked and answered"]);
    const screen = await waitText(t, (text) => text.includes("Ticket (type to search") && hasHighlight(text));
    const first = highlighted(screen);
    t.keys("Down");
    const moved = await waitText(t, (text) => hasHighlight(text) && highlighted(text) !== first);
    const picked = highlighted(moved);
    const before = writes(sim).length;
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    const sent = writes(sim).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toMatch(/ticketing\/messages$/);
    expect(sent[0]!.body).toMatchObject({ ticketId: Number(picked), body: expect.stringContaining("Picked and answered") });
  });

  it("assign without an id or --to: a ticket pick, then the agent (picked or typed), then one write", async () => {
    const dir = await profileDir();
    const t = run(dir, ["assign"]);
    const screen = await waitText(t, (text) => text.includes("Ticket (type to search") && hasHighlight(text));
    const picked = highlighted(screen);
    t.keys("Enter");
    await t.waitFor(/Assign to/);
    // Typed in full, the agent's id is the only match in a directory pick, or the answer to the question.
    t.type(sim.fixtures.assigneeId);
    await t.waitFor(new RegExp(sim.fixtures.assigneeId));
    const before = writes(sim).length;
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    const sent = writes(sim).slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([expect.stringMatching(new RegExp(`^PUT .*ticketing/tickets/${picked}$`))]);
    expect(sent[0]!.body).toMatchObject({ assigneeId: sim.fixtures.assigneeId });
  });

  it("close without an id: the picked ticket is closed; escalate's target question can be left at none", async () => {
    const dir = await profileDir();
    let t = run(dir, ["close"]);
    const screen = await waitText(t, (text) => text.includes("Ticket (type to search") && hasHighlight(text));
    const picked = highlighted(screen);
    let before = writes(sim).length;
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    let sent = writes(sim).slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([expect.stringMatching(new RegExp(`^PUT .*ticketing/tickets/${picked}$`))]);
    expect(sent[0]!.body).toMatchObject({ status: "resolved" });
    tty?.close();

    t = run(dir, ["escalate"]);
    const again = await waitText(t, (text) => text.includes("Ticket (type to search") && hasHighlight(text));
    const escalated = highlighted(again);
    expect(escalated).not.toBe(picked); // closed tickets are no longer offered
    t.keys("Enter");
    await t.waitFor(/Escalate to/);
    before = writes(sim).length;
    t.keys("Enter"); // none: the vendor's default
    expect(await exitOf(t)).toBe(0);
    sent = writes(sim).slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([expect.stringMatching(new RegExp(`^PUT .*ticketing/tickets/${escalated}$`))]);
    expect(sent[0]!.body).toMatchObject({ priority: "urgent" });
  });

  it("create asks for the subject, channel and requester Comm100 requires before the editor opens, and sends them", async () => {
    const dir = await profileDir(["channelId"]);
    const log = mkdtempSync(join(tmpdir(), "ticket-pick-editor-"));
    const editor = join(log, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\ntouch "${log}/opened"\nprintf 'Body from the editor\\n' > "$1"\n`);
    chmodSync(editor, 0o755);
    const opened = () => existsSync(join(log, "opened"));
    const t = run(dir, ["create"], { VISUAL: editor });
    await t.waitFor(/Subject/, 30_000);
    t.keys("Enter"); // empty: asked again, nothing lost
    await t.waitFor(/required/);
    t.type("Picked printer");
    t.keys("Enter");
    await t.waitFor(/Channel/);
    t.type("Email");
    t.keys("Enter");
    await t.waitFor(/Requester/);
    expect(opened()).toBe(false); // every field asked before the editor
    t.type(sim.fixtures.create!.requester!);
    t.keys("Enter");
    await t.waitFor(/Send this first message\?|Submit/, 30_000);
    expect(opened()).toBe(true);
    const before = writes(sim).length;
    t.keys("Enter"); // Submit
    expect(await exitOf(t)).toBe(0);
    const created = writes(sim).slice(before).find((r) => r.method === "POST" && /ticketing\/tickets$/.test(r.path));
    expect(created?.body).toMatchObject({ subject: "Picked printer", channelId: "Email", contactOrVisitorId: sim.fixtures.create!.requester });
  });
});

describe.skipIf(!hasTmux)("profile add on a terminal (tmux)", { timeout: 90_000 }, () => {
  let tty: TtySession | undefined;
  let sobot: Simulator | undefined;
  afterEach(async () => {
    tty?.close();
    tty = undefined;
    await sobot?.close();
    sobot = undefined;
  });

  it("asks every setting (an empty or invalid answer is asked again, earlier answers kept), the credential, then tests the profile", async () => {
    sobot = await (await VENDOR_DESCRIPTORS.sobot.loadSimulator!()).startSimulator({ tickets: 3 });
    const s = sobot.credentials.settings;
    const dir = tempConfigDir();
    tty = new TtySession(160, 40);
    const t = tty;
    t.start([process.execPath, BIN, "profile", "add", "typed"], { TICKET_CONFIG_DIR: dir });
    await t.waitFor(/Vendor/, 30_000);
    t.keys("Down", "Down", "Enter"); // 3Dolphins -> Comm100 -> Sobot
    await t.waitFor(/Base URL/);
    t.type("not a url");
    t.keys("Enter");
    await waitText(t, /must be an http\(s\) URL/);
    t.keys("C-u");
    t.type(sobot.baseUrl);
    t.keys("Enter");
    await t.waitFor(/appid:/);
    t.keys("Enter"); // empty: asked again
    await waitText(t, /required: type the appid/);
    for (const name of ["appid", "companyid", "agentId", "agentName"]) {
      await waitText(t, new RegExp(`\\? ${name}:`));
      t.type(s[name]!);
      t.keys("Enter");
    }
    await waitText(t, /category \(Enter to skip\)/);
    t.keys("Enter"); // skipped
    await t.waitFor(/app_key/);
    t.keys("Enter"); // empty: asked again
    await waitText(t, /required: type the app_key/);
    t.type(sobot.credentials.secrets["app_key"]!);
    t.keys("Enter");
    await t.waitFor(/Test profile typed now/);
    t.keys("Enter"); // yes (the default)
    const screen = await t.waitFor(/EXIT=\d+/, 30_000);
    expect(screen).toMatch(/EXIT=0/);
    expect(plain(screen)).toMatch(/✓ Added profile typed \(Sobot\)/);
    expect(plain(screen)).toMatch(/✓ Profile typed works/);
    expect(screen).not.toContain(sobot.credentials.secrets["app_key"]!);
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config.profiles.typed).toMatchObject({ vendor: "sobot", baseUrl: sobot.baseUrl.replace(/\/+$/, ""), settings: { appid: s["appid"], companyid: s["companyid"], agentId: s["agentId"], agentName: s["agentName"] } });
    expect(config.profiles.typed.settings.category).toBeUndefined();
  });
});

describe("without a terminal nothing is asked: exit 2 naming what is missing, nothing sent", () => {
  const cases: [string[], RegExp][] = [
    [["show"], /show needs a ticket id/],
    [["reply", "--body", "x"], /reply needs a ticket id/],
    [["close"], /close needs ticket ids/],
    [["escalate"], /escalate needs ticket ids/],
    [["assign", "--to", "someone"], /assign needs ticket ids/],
    [["assign", "1001"], /assign needs --to AGENT/],
    [["create", "--body", "x"], /Comm100 needs a subject|--subject/],
  ];
  it.each(cases)("ticket %j", async (args, message) => {
    const dir = await profileDir();
    const before = writes(sim).length;
    const r = await runCli(["-p", PROFILE, ...args], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(writes(sim).length).toBe(before);
  });

  it("--no-input on a terminal does not ask either", { skip: !hasTmux, timeout: 60_000 }, async () => {
    const dir = await profileDir();
    const t = new TtySession(120, 20);
    try {
      t.start([process.execPath, BIN, "-p", PROFILE, "--no-input", "close"], { ...env, TICKET_CONFIG_DIR: dir });
      const screen = await t.waitFor(/EXIT=\d+/, 30_000);
      expect(screen).toMatch(/EXIT=2/);
      expect(screen).toMatch(/close needs ticket ids/);
      expect(screen).not.toMatch(/type to search/);
    } finally {
      t.close();
    }
  });
});
