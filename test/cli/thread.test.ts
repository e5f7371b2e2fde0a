/**
 * Readable threads (issue 11 item 2), seen in a real pseudo-terminal (tmux, a private socket per
 * test): `ticket show` from the built binary against the Comm100 simulator, after the CLI itself
 * sent an HTML reply, an internal note and a long reply; and against the Zaia simulator, whose
 * tickets carry nested custom fields. Bodies are wrapped to the pane, HTML is text, the note is
 * marked, authors are named, times are absolute with the relative one, custom field labels are
 * whole and nested values are "key: value" lines. Skipped (visibly) without tmux.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { VendorName } from "../../src/model/enums.js";
import type { TicketDetail } from "../../src/model/types.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/thread.test.ts: tmux is not installed; thread rendering tests are skipped");

const SGR = /\u001b\[[0-9;]*m/g;
const HTML_REPLY = "<p>Hello <b>there</b>,</p><p>Your refund is issued &amp; confirmed.</p>";
const NOTE = "VIP customer: handle with care.";
const LONG = `${Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ")} end.`;
const WHEN = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} \((just now|in \d+ \w+|\d+ \w+ ago)\)/;

interface Rig {
  sim: Simulator;
  dir: string;
  env: Record<string, string>;
  profile: string;
}

/** A simulator and a profile for it, added the way `ticket sandbox` prints it. */
async function rig(vendor: VendorName): Promise<Rig> {
  const d = VENDOR_DESCRIPTORS[vendor];
  const sim = await (await d.loadSimulator!()).startSimulator({ tickets: 20 });
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile(vendor, sim, { configDir: dir });
  return { sim, dir, env, profile: `sandbox-${vendor}` };
}

async function cli(r: Rig, args: string[]) {
  const res = await runCli(["-p", r.profile, ...args], { configDir: r.dir, env: r.env });
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
}

/** The pane's lines with soft-wrapped lines joined back (tmux capture-pane -J), without colors. */
function joinedScreen(tty: TtySession): string[] {
  // TtySession keeps its tmux runner private; -J is what tells a wrapped line from two lines.
  const run = (tty as unknown as { tmux(...args: string[]): string }).tmux.bind(tty);
  return run("capture-pane", "-p", "-J", "-t", "t")
    .split("\n")
    .map((l) => l.trimEnd());
}

describe.skipIf(!hasTmux)("show threads on a terminal (tmux)", () => {
  const rigs: Partial<Record<VendorName, Rig>> = {};
  let tty: TtySession | undefined;
  let ticketId = "";

  beforeAll(async () => {
    rigs.comm100 = await rig("comm100");
    rigs.zaia = await rig("zaia");
    const r = rigs.comm100;
    ticketId = r.sim.fixtures.ticketId;
    await cli(r, ["reply", ticketId, "--body", HTML_REPLY, "-q"]);
    await cli(r, ["reply", ticketId, "--internal", "--body", NOTE, "-q"]);
    await cli(r, ["reply", ticketId, "--body", LONG, "-q"]);
    // What the server received: the HTML as written (rendering it is the reader's job), the note as a note.
    const bodies = JSON.stringify(r.sim.requests.filter((q) => q.method === "POST").map((q) => q.body));
    expect(bodies).toContain("Your refund is issued &amp; confirmed.");
    expect(bodies).toContain(NOTE);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(Object.values(rigs).map((r) => r.sim.close()));
  });
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  async function showOnScreen(r: Rig, id: string, width: number) {
    r.sim.requests.length = 0;
    tty = new TtySession(width, 120);
    tty.start([process.execPath, BIN, "-p", r.profile, "show", id, "--no-pager"], { TICKET_CONFIG_DIR: r.dir, ...r.env });
    const colored = await tty.waitFor(/EXIT=\d+/, 30_000);
    expect(colored).toMatch(/EXIT=0/);
    expect(r.sim.requests.some((q) => q.method === "GET" && q.path.includes(id))).toBe(true);
    const lines = joinedScreen(tty);
    return { colored, lines: lines.slice(0, lines.findIndex((l) => l.startsWith("EXIT="))) };
  }

  for (const width of [60, 100]) {
    it(`Comm100 at ${width} columns: wrapped bodies, HTML as text, the note marked, authors named, times absolute and relative`, async () => {
      const r = rigs.comm100!;
      const detail = JSON.parse(await cli(r, ["show", ticketId, "--json"])) as TicketDetail;
      const { colored, lines } = await showOnScreen(r, ticketId, width);
      const text = lines.join("\n");
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);

      // HTML rendered as text.
      expect(text).toContain("Hello there,");
      expect(text).toContain("Your refund is issued & confirmed.");
      expect(text).not.toMatch(/<\/?p>|<b>|&amp;/);

      // The internal note: its header says so, its body carries the bar; in color on a terminal.
      const noteHeader = lines.findIndex((l) => l.startsWith("── ") && l.includes("internal note"));
      expect(noteHeader).toBeGreaterThanOrEqual(0);
      const noteBody = lines.slice(noteHeader + 1).find((l) => l.includes(NOTE));
      expect(noteBody).toMatch(/^\s+│ VIP customer/);
      expect(colored).toMatch(/\u001b\[[0-9;]*m[^\u001b]*internal note/);

      // The long reply wrapped over several lines, every word kept in order.
      const longLines = lines.filter((l) => /^\s+word\d+/.test(l));
      expect(longLines.length).toBeGreaterThanOrEqual(width === 60 ? 5 : 3);
      expect(longLines.join(" ").replace(/\s+/g, " ").trim()).toBe(LONG);

      // Each message's header names its author and says when: absolute, then relative.
      const headers = lines.filter((l) => l.startsWith("── "));
      expect(headers.length).toBe(detail.messages.length);
      for (const m of detail.messages.filter((m) => m.author.name)) expect(text).toContain(`── ${m.author.name}`);
      expect(text.replace(/\n {3}/g, " · ")).toMatch(new RegExp(`── [^\\n]+ · ${WHEN.source}`));
      expect(text).toMatch(/Created\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(/);
      expect(colored.replace(SGR, "")).not.toMatch(/\u001b/);
    }, 60_000);
  }

  it("Zaia at 80 columns: custom field labels whole, nested values as key: value lines, no raw JSON", async () => {
    const r = rigs.zaia!;
    const list = JSON.parse(await cli(r, ["list", "--limit", "1", "--json", "--fields", "id"])) as { id: string }[];
    const id = list[0]!.id;
    const detail = JSON.parse(await cli(r, ["show", id, "--json"])) as TicketDetail;
    const fields = Object.entries(detail.customFields ?? {});
    expect(fields.length).toBeGreaterThan(0);
    const { lines } = await showOnScreen(r, id, 80);
    const text = lines.join("\n");
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(lines).toContain("Fields");
    for (const [key, value] of fields) {
      expect(lines.some((l) => l.trimStart().startsWith(key)), key).toBe(true);
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) if (v !== null && typeof v !== "object") expect(text, `${key}.${k}`).toMatch(new RegExp(`\\b${k}: ${String(v).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      }
    }
    expect(text).not.toMatch(/[{}]|":/);
    // The author of every message is named.
    for (const m of detail.messages.filter((m) => m.author.name)) expect(text).toContain(`── ${m.author.name}`);
  }, 60_000);
});
