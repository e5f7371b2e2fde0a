/**
 * Tables that fit (issue 11 item 1), seen the way a person sees them: the built binary in a real
 * pseudo-terminal (tmux, a private socket per test, `new-session -x WIDTH`) against the Comm100
 * simulator (4-digit ids) and the Sobot simulator (32-character ids), at 60, 80, 120 and 200
 * columns. Every row is one screen line no wider than the pane, every id is whole (and is the id a
 * verb takes: `ticket show` answers it), the subject is at least as wide as any other text
 * column, and status is colored on the terminal but not with NO_COLOR. Skipped (visibly) without tmux.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/widths.test.ts: tmux is not installed; terminal width tests are skipped");

const SGR = /\u001b\[[0-9;]*m/g;
const WIDTHS = [60, 80, 120, 200];
const ROWS = 8;

interface Rig {
  sim: Simulator;
  dir: string;
  env: Record<string, string>;
  profile: string;
  /** The first ROWS ids as `list --json` gives them (the order the table shows). */
  ids: string[];
}

/** A simulator and a profile for it, added the way `ticket sandbox` prints it. */
async function rig(vendor: VendorName): Promise<Rig> {
  const d = VENDOR_DESCRIPTORS[vendor];
  const sim = await (await d.loadSimulator!()).startSimulator({ tickets: 40 });
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile(vendor, sim, { configDir: dir });
  const profile = `sandbox-${vendor}`;
  const list = await runCli(["-p", profile, "list", "--limit", String(ROWS), "--fields", "id", "--json"], { configDir: dir, env });
  expect(list.code, list.stderr).toBe(0);
  const ids = (JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id);
  expect(ids).toHaveLength(ROWS);
  return { sim, dir, env, profile, ids };
}

/** The pane's lines with soft-wrapped lines joined back (tmux capture-pane -J), without colors. */
function joinedScreen(tty: TtySession): string[] {
  // TtySession keeps its tmux runner private; -J is what tells a wrapped line from two lines.
  const run = (tty as unknown as { tmux(...args: string[]): string }).tmux.bind(tty);
  return run("capture-pane", "-p", "-J", "-t", "t")
    .split("\n")
    .map((l) => l.trimEnd());
}

/** Start column of each header word, and each column's width (up to the next column, or the widest cell for the last). */
function columnWidths(header: string, rows: string[]): Record<string, number> {
  const starts = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], at: m.index! }));
  const widths: Record<string, number> = {};
  starts.forEach((s, i) => {
    const next = starts[i + 1];
    widths[s.name] = next ? next.at - s.at - 2 : Math.max(...rows.map((r) => r.length - s.at));
  });
  return widths;
}

describe.skipIf(!hasTmux)("list tables fit the terminal (tmux)", () => {
  const rigs: Partial<Record<VendorName, Rig>> = {};
  let tty: TtySession | undefined;

  beforeAll(async () => {
    rigs.comm100 = await rig("comm100");
    rigs.sobot = await rig("sobot");
  }, 60_000);
  afterAll(async () => {
    await Promise.all(Object.values(rigs).map((r) => r.sim.close()));
  });
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  async function listOnScreen(r: Rig, width: number, env: Record<string, string> = {}) {
    r.sim.requests.length = 0;
    tty = new TtySession(width, 40);
    tty.start([process.execPath, BIN, "-p", r.profile, "list", "--limit", String(ROWS), "--no-pager"], { TICKET_CONFIG_DIR: r.dir, ...r.env, ...env });
    const colored = await tty.waitFor(/EXIT=\d+/, 30_000);
    expect(colored).toMatch(/EXIT=0/);
    const lines = joinedScreen(tty);
    const top = lines.findIndex((l) => l.startsWith("ID "));
    expect(top, lines.join("\n")).toBeGreaterThanOrEqual(0);
    return { colored, header: lines[top]!, rows: lines.slice(top + 1, top + 1 + ROWS), after: lines[top + 1 + ROWS] ?? "" };
  }

  for (const vendor of ["comm100", "sobot"] as const) {
    for (const width of WIDTHS) {
      it(`${vendor} at ${width} columns: one line per ticket, none wider than the pane, ids whole, the subject the widest text column`, async () => {
        const r = rigs[vendor]!;
        const { header, rows, after } = await listOnScreen(r, width);
        // The simulator was asked for tickets (the table shows what the server answered).
        expect(r.sim.requests.some((q) => q.method === "GET" || q.method === "POST")).toBe(true);
        // Exactly ROWS rows, each starting with its whole id: a wrapped row would break this.
        rows.forEach((row, i) => expect(row.startsWith(`${r.ids[i]}  `), `${row}\n(expected id ${r.ids[i]})`).toBe(true));
        expect(after).not.toMatch(/^\S+\s{2}/); // no ninth row-like line
        for (const line of [header, ...rows]) expect([...line].length, line).toBeLessThanOrEqual(width);
        const widths = columnWidths(header, rows);
        expect(widths["SUBJECT"]).toBeDefined();
        for (const other of ["ASSIGNEE", "REQUESTER"]) if (widths[other] !== undefined) expect(widths["SUBJECT"]!).toBeGreaterThanOrEqual(widths[other]!);
        if (width >= 120) expect(header).toMatch(/ASSIGNEE/);
        if (width === 200) expect(header).toMatch(/^ID\s+STATUS\s+PRIORITY\s+SUBJECT\s+ASSIGNEE\s+REQUESTER\s+UPDATED$/);
        if (width === 60) expect(header).not.toMatch(/REQUESTER/); // dropped first among the defaults
      }, 40_000);
    }
  }

  it("what the table shows is what a verb takes: the first id on screen opens with show", async () => {
    const r = rigs.sobot!;
    const { rows } = await listOnScreen(r, 60);
    const shown = rows[0]!.split(/\s+/)[0]!;
    const show = await runCli(["-p", r.profile, "show", shown, "--json", "--fields", "id"], { configDir: r.dir, env: r.env });
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual({ id: shown });
  }, 40_000);

  it("status is colored on a terminal; NO_COLOR turns every color off", async () => {
    const r = rigs.comm100!;
    const { colored } = await listOnScreen(r, 120);
    const statusCell = new RegExp(`\\u001b\\[[0-9;]*m(new|open|pending|resolved|closed|on_hold)`);
    expect(colored).toMatch(statusCell);
    tty?.close();
    const plain = await listOnScreen(r, 120, { NO_COLOR: "1" });
    expect(plain.colored).not.toMatch(SGR);
    expect(plain.rows).toHaveLength(ROWS);
  }, 60_000);
});
