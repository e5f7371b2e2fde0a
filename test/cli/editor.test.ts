/**
 * The editor flow (issue 11 item 8) in a real pseudo-terminal (tmux, a private socket per test),
 * with a scripted $VISUAL against a Comm100 simulator: the file is created 0600 in a 0700 folder
 * of the state directory with a commented template (subject, status, the last customer message
 * quoted, how to cancel) that is never sent; after the editor comes Submit / Edit again / Cancel;
 * Cancel keeps the text as a draft that `ticket drafts send` delivers with its flags; a failing
 * editor is reported as such; and no editor opens without a terminal or in JSON mode.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { RecordedRequest, Simulator } from "../../src/sandbox/types.js";
import { BIN, createFlags, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile, sandboxProfileInput } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/editor.test.ts: tmux is not installed; the editor flow tests are skipped");

const PROFILE = "sandbox-comm100";

/**
 * The scripted editor. Call N (1, 2, ...) records the file's path, its mode, its folder's mode and
 * the content it was given in LOG, then replaces the text (keeping the # lines) with LOG/text-N
 * when there is one, and exits with LOG/exit-N (default 0).
 */
const EDITOR_SCRIPT = `#!/bin/sh
log="$EDITOR_LOG"
n=$(( $(cat "$log/calls" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$log/calls"
printf '%s' "$1" > "$log/path-$n"
stat -c %a "$1" > "$log/mode-$n"
stat -c %a "$(dirname "$1")" > "$log/dirmode-$n"
cp "$1" "$log/given-$n"
if [ -f "$log/text-$n" ]; then
  { cat "$log/text-$n"; echo; grep '^#' "$log/given-$n"; } > "$1"
fi
exit "$(cat "$log/exit-$n" 2>/dev/null || echo 0)"
`;

const writes = (sim: Simulator): RecordedRequest[] => sim.requests.filter((r) => r.method !== "GET" && !/token|oauth/i.test(r.path));
const bodyText = (r: RecordedRequest) => JSON.stringify(r.body ?? r.rawBody);

describe.skipIf(!hasTmux)("the editor flow on a terminal (tmux)", { timeout: 90_000 }, () => {
  let sim: Simulator;
  let env: Record<string, string>;
  let editor: string;
  let tty: TtySession | undefined;

  beforeAll(async () => {
    sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 5 });
    env = sandboxProfileInput("comm100", sim).env;
    const bin = mkdtempSync(join(tmpdir(), "ticket-editor-bin-"));
    editor = join(bin, "scripted-editor");
    writeFileSync(editor, EDITOR_SCRIPT);
    chmodSync(editor, 0o755);
  });
  afterAll(async () => {
    await sim?.close();
  });
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  /** A config folder with the profile, and an editor log folder with the texts for each call. */
  async function setup(texts: string[], exits: number[] = []) {
    const dir = tempConfigDir();
    await addSandboxProfile("comm100", sim, { configDir: dir, env });
    const log = mkdtempSync(join(tmpdir(), "ticket-editor-log-"));
    texts.forEach((t, i) => writeFileSync(join(log, `text-${i + 1}`), t));
    exits.forEach((e, i) => writeFileSync(join(log, `exit-${i + 1}`), String(e)));
    const calls = () => (existsSync(join(log, "calls")) ? Number(readFileSync(join(log, "calls"), "utf8")) : 0);
    const given = (n: number) => readFileSync(join(log, `given-${n}`), "utf8");
    const at = (n: number, what: "path" | "mode" | "dirmode") => readFileSync(join(log, `${what}-${n}`), "utf8").trim();
    return { dir, log, calls, given, at };
  }

  function run(dir: string, log: string, args: string[], extra: Record<string, string> = {}): TtySession {
    tty = new TtySession(120, 40);
    tty.start([process.execPath, BIN, "-p", PROFILE, ...args], { ...env, TICKET_CONFIG_DIR: dir, VISUAL: editor, EDITOR_LOG: log, ...extra });
    return tty;
  }

  /** The screen as text: colors removed and wrapped lines joined, for phrases that may wrap. */
  const flat = (screen: string) => screen.replace(/\u001b\[[0-9;]*m/g, "").replace(/\n/g, "");
  const flatLines = (screen: string) => screen.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
  const exitOf = async (t: TtySession) => Number(/EXIT=(\d+)/.exec(await t.waitFor(/EXIT=\d+/, 30_000))![1]);

  it("reply: a 0600 file in the state folder with the ticket's subject, status and last customer message; Submit sends only the text", async () => {
    const id = sim.fixtures.ticketId;
    const detail = await runCli(["-p", PROFILE, "show", id, "--json"], { configDir: (await setup([])).dir, env });
    const ticket = JSON.parse(detail.stdout) as { subject: string; status: string; messages: { author: { type: string }; body: string; internal: boolean }[] };
    const lastCustomer = [...ticket.messages].reverse().find((m) => m.author.type === "customer" && !m.internal);

    const text = `Hello,\n\nthe fix is deployed.\n  # not a comment: indented\nRegards ${Date.now()}`;
    const { dir, log, calls, given, at } = await setup([text]);
    const t = run(dir, log, ["reply", id]);
    const screen = await t.waitFor(/Send this reply\?/, 30_000);
    expect(screen).toContain("Submit");
    expect(screen).toContain("Edit again");
    expect(screen).toContain("Cancel");
    expect(screen).toContain("the fix is deployed."); // the preview
    const before = writes(sim).length;
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    expect(await t.waitFor(/✓ Replied to ticket/)).toBeTruthy();

    expect(calls()).toBe(1);
    expect(at(1, "path").startsWith(join(dir, "state", "drafts", "editing"))).toBe(true);
    expect(at(1, "mode")).toBe("600");
    expect(at(1, "dirmode")).toBe("700");
    const template = given(1);
    expect(template.split("\n").filter((l) => l && !l.startsWith("#"))).toEqual([]); // all comments
    expect(template).toContain(ticket.subject);
    expect(template).toContain(`Status: ${ticket.status}`);
    expect(template).toMatch(/To cancel, leave the text empty/);
    expect(lastCustomer).toBeDefined();
    expect(template).toMatch(/# Last message from .+:/);
    expect(template).toContain(`# > ${lastCustomer!.body.split("\n")[0]!.trim().slice(0, 30)}`);

    const received = writes(sim).slice(before);
    expect(received).toHaveLength(1);
    const sent = bodyText(received[0]!);
    expect(sent).toContain("the fix is deployed.");
    expect(sent).toContain("# not a comment: indented");
    expect(sent).not.toContain("# Write the");
    expect(sent).not.toContain("lines starting with #");
    expect(sent).not.toContain("Status:");
    // The editing file is gone once the text went on.
    expect(readdirSync(join(dir, "state", "drafts", "editing"))).toEqual([]);
  });

  it("Edit again reopens the file; only the last text is sent", async () => {
    const { dir, log, calls } = await setup(["first try, to be replaced", `second try ${Date.now()}`]);
    const t = run(dir, log, ["reply", sim.fixtures.ticketId]);
    await t.waitFor(/Send this reply\?/, 30_000);
    t.keys("Down", "Enter");
    await t.waitFor(/second try[\s\S]*Send this reply\?/, 30_000);
    const before = writes(sim).length;
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    expect(calls()).toBe(2);
    const received = writes(sim).slice(before);
    expect(received).toHaveLength(1);
    expect(bodyText(received[0]!)).toContain("second try");
    expect(bodyText(received[0]!)).not.toContain("first try");
  });

  it("Cancel keeps an internal note as a draft (nothing sent); drafts send delivers it as an internal note", async () => {
    const note = `Customer is a VIP ${Date.now()}`;
    const { dir, log } = await setup([note]);
    const t = run(dir, log, ["reply", sim.fixtures.ticketId, "--internal"]);
    await t.waitFor(/Send this internal note\?/, 30_000);
    const before = writes(sim).length;
    t.keys("Down", "Down", "Enter");
    expect(await exitOf(t)).toBe(1);
    const screen = flat(t.screen());
    expect(screen).toMatch(/cancelled; the text is kept as draft 1 \(/);
    expect(screen).toContain(`ticket -p ${PROFILE} drafts send 1`);
    expect(writes(sim).slice(before)).toEqual([]);
    const meta = JSON.parse(readFileSync(join(dir, "state", "drafts", "draft-1.json"), "utf8"));
    expect(meta).toMatchObject({ id: 1, profile: PROFILE, ticket: sim.fixtures.ticketId, verb: "reply", internal: true });
    expect(readFileSync(join(dir, "state", "drafts", "draft-1.txt"), "utf8")).toBe(note);

    // On a terminal `ticket drafts` is a table.
    t.close();
    const table = run(dir, log, ["drafts"]);
    expect(await exitOf(table)).toBe(0);
    const rows = flatLines(table.screen());
    expect(rows.find((l) => /^ID\s+PROFILE\s+VERB\s+TICKET\s+CREATED\s+BODY/.test(l))).toBeDefined();
    expect(rows.find((l) => new RegExp(`^1\\s+${PROFILE}\\s+note\\s+${sim.fixtures.ticketId}\\s+.*Customer is a VIP`).test(l))).toBeDefined();

    const sent = await runCli(["drafts", "send", "1"], { configDir: dir, env });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toContain(`✓ Added an internal note to ticket ${sim.fixtures.ticketId}`);
    const received = writes(sim).slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toMatch(/notes$/);
    expect(bodyText(received[0]!)).toContain("Customer is a VIP");
  });

  it("Ctrl-C at the choice: exit 130, nothing sent, the text kept as a draft", async () => {
    const { dir, log } = await setup([`Interrupted answer ${Date.now()}`]);
    const t = run(dir, log, ["reply", sim.fixtures.ticketId]);
    await t.waitFor(/Send this reply\?/, 30_000);
    const before = writes(sim).length;
    t.keys("C-c");
    expect(await exitOf(t)).toBe(130);
    expect(flat(t.screen())).toMatch(/interrupted; the text is kept as draft 1/);
    expect(writes(sim).slice(before)).toEqual([]);
    expect(readFileSync(join(dir, "state", "drafts", "draft-1.txt"), "utf8")).toMatch(/^Interrupted answer/);
  });

  it("a failing editor is reported as such, its text kept as a draft; an editor that cannot start says so", async () => {
    const { dir, log } = await setup(["half-written answer"], [3]);
    const t = run(dir, log, ["reply", sim.fixtures.ticketId]);
    expect(await exitOf(t)).toBe(1);
    const screen = flat(t.screen());
    expect(screen).toMatch(/exited with status 3; the text is kept as draft 1/);
    expect(screen).not.toMatch(/is empty/);
    expect(readFileSync(join(dir, "state", "drafts", "draft-1.txt"), "utf8")).toBe("half-written answer");
    t.close();

    const other = await setup([]);
    const t2 = run(other.dir, other.log, ["reply", sim.fixtures.ticketId], { VISUAL: "/nonexistent/editor-xyz" });
    expect(await exitOf(t2)).toBe(1);
    expect(flat(t2.screen())).toMatch(/cannot start the editor "\/nonexistent\/editor-xyz"/);
    expect(existsSync(join(other.dir, "state", "drafts", "draft-1.txt"))).toBe(false);
  });

  it("an empty text is nothing to send (exit 2), and nothing is kept", async () => {
    const { dir, log, calls } = await setup(["   \n\n"]);
    const t = run(dir, log, ["reply", sim.fixtures.ticketId]);
    expect(await exitOf(t)).toBe(2);
    expect(flat(t.screen())).toMatch(/nothing to send: the reply is empty/);
    expect(calls()).toBe(1);
    expect(readdirSync(join(dir, "state", "drafts")).filter((f) => f !== "editing")).toEqual([]);
  });

  it("create: the template names the new ticket's subject; Submit creates it with the text as its first message", async () => {
    const c = sim.fixtures.create!;
    const subject = `Editor-made ticket ${Date.now()}`;
    const { dir, log, given } = await setup(["The printer is on fire again."]);
    const t = run(dir, log, ["create", ...createFlags(c, subject, "")]);
    await t.waitFor(/Send this first message\?/, 30_000);
    const before = writes(sim).length;
    t.keys("Enter");
    expect(await exitOf(t)).toBe(0);
    expect(given(1)).toContain(`# New ticket: ${subject}`);
    const received = writes(sim).slice(before);
    expect(received.length).toBeGreaterThan(0);
    const all = received.map(bodyText).join("\n");
    expect(all).toContain(subject);
    expect(all).toContain("The printer is on fire again.");
    expect(all).not.toContain("New ticket:");
  });

  it("no editor in JSON mode on a terminal, nor without a terminal", async () => {
    const { dir, log, calls } = await setup(["should never be used"]);
    const t = run(dir, log, ["reply", sim.fixtures.ticketId, "--json"]);
    expect(await exitOf(t)).toBe(2);
    expect(calls()).toBe(0);
    const piped = await runCli(["-p", PROFILE, "reply", sim.fixtures.ticketId], { configDir: dir, env: { ...env, VISUAL: editor, EDITOR_LOG: log } });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain("the reply is empty");
    expect(calls()).toBe(0);
  });
});
