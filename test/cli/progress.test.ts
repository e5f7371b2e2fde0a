/**
 * Progress on stderr (issue 11 item 4), driving the built binary in a real terminal (tmux, a
 * private socket per test) against simulators with latency: a list walk counts the tickets read,
 * a bulk write says "closing N of M", an upload says what it sends, and a request without an answer
 * for ~2 s says "waiting for Comm100… N s". Each line is on the screen while it is true and gone
 * when the run ends; with stderr piped, or with --json on a terminal, none of it is written.
 */
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator, SimulatorOptions } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/progress.test.ts: tmux is not installed; progress tests are skipped");

const TIMEOUT = 60_000;
const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");

interface Sandbox {
  sim: Simulator;
  dir: string;
  env: Record<string, string>;
  profile: string;
}

const sims: Simulator[] = [];

/** A vendor simulator with latency and a profile for it, added the way `ticket sandbox` prints it. */
async function sandbox(vendor: VendorName, opts: SimulatorOptions): Promise<Sandbox> {
  const d = VENDOR_DESCRIPTORS[vendor];
  const sim = await (await d.loadSimulator!()).startSimulator(opts);
  sims.push(sim);
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile(vendor, sim, { configDir: dir });
  return { sim, dir, env: { ...env, TICKET_CONFIG_DIR: dir }, profile: `sandbox-${vendor}` };
}

/** Every screen seen until the run's EXIT line (polled like waitFor), and the last one. */
async function screensUntilExit(tty: TtySession, timeoutMs = TIMEOUT): Promise<{ all: string[]; last: string }> {
  const all: string[] = [];
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    let screen = "";
    try {
      screen = tty.screen();
    } catch {
      // the server is still starting
    }
    all.push(screen);
    if (/EXIT=\d+/.test(screen)) return { all, last: screen };
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`timed out; screen:\n${all.at(-1) ?? ""}`);
}

describe.skipIf(!hasTmux)("progress on a terminal (tmux)", () => {
  let tty: TtySession | undefined;
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });
  afterAll(async () => {
    for (const sim of sims.splice(0)) await sim.close();
  });

  it(
    "a list walk counts the tickets read while it lasts; the line is gone when the table is printed",
    async () => {
      // 300 tickets in pages of 50, each answer 400 ms late: a walk of about 3 s.
      const sb = await sandbox("comm100", { tickets: 300, latencyMs: 400 });
      tty = new TtySession(140, 40);
      tty.start([process.execPath, BIN, "-p", sb.profile, "list", "--limit", "5"], sb.env);
      const { all, last: end } = await screensUntilExit(tty);
      // The counter went up as pages arrived: several counts seen, the last ones past the first page.
      const counts = all.flatMap((screen) => [...plain(screen).matchAll(/reading tickets… (\d+)/g)].map((m) => Number(m[1])));
      expect(new Set(counts).size, `counts seen: ${counts.join(",")}`).toBeGreaterThanOrEqual(2);
      expect(Math.max(...counts)).toBeGreaterThan(50);
      expect(Math.max(...counts)).toBeLessThanOrEqual(300);
      expect(end).toMatch(/EXIT=0/);
      expect(end).not.toContain("reading tickets");
      expect(plain(end)).toMatch(/^ID\s+STATUS/m); // the table, on the line where progress was
      expect(plain(end)).toContain("5 of 300 shown");
      // The walk really went page by page (what the counter counted).
      expect(sb.sim.requests.filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(6);
    },
    TIMEOUT,
  );

  it(
    "a request without an answer for 2 s says so, counting the seconds, and the line goes when it answers",
    async () => {
      const sb = await sandbox("comm100", { tickets: 3, latencyMs: 4500 });
      tty = new TtySession(140, 40);
      tty.start([process.execPath, BIN, "-p", sb.profile, "list"], sb.env);
      const during = await tty.waitFor(/waiting for Comm100… \d+ s/, TIMEOUT);
      expect(plain(during)).toMatch(/waiting for Comm100… [234] s/);
      const end = await tty.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(end).toMatch(/EXIT=0/);
      expect(end).not.toMatch(/waiting for|reading tickets/);
      expect(plain(end)).toMatch(/^ID\s+STATUS/m);
    },
    TIMEOUT,
  );

  it(
    "a bulk write says `closing N of M`; the ✓ lines stay and the progress line goes",
    async () => {
      const sb = await sandbox("comm100", { tickets: 12, latencyMs: 400 });
      const list = await runCli(["-p", sb.profile, "list", "--limit", "4", "--status", "open,new,pending,on_hold", "--fields", "id", "--json"], { configDir: sb.dir, env: sb.env });
      expect(list.code, list.stderr).toBe(0);
      const targets = (JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id);
      expect(targets.length).toBeGreaterThanOrEqual(3);
      tty = new TtySession(140, 40);
      tty.start([process.execPath, BIN, "-p", sb.profile, "--yes", "close", ...targets, "--concurrency", "1"], sb.env);
      const during = await tty.waitFor(new RegExp(`closing \\d of ${targets.length}`), TIMEOUT);
      expect(plain(during)).toMatch(new RegExp(`closing [1-${targets.length}] of ${targets.length}`));
      const end = await tty.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(end).toMatch(/EXIT=0/);
      expect(end).not.toMatch(/closing \d of/);
      expect(plain(end).match(/✓ (Closed|Resolved) ticket/g) ?? []).toHaveLength(targets.length);
    },
    TIMEOUT,
  );

  it(
    "an upload says what it sends while it is under way",
    async () => {
      const sb = await sandbox("3dolphins", { tickets: 5, latencyMs: 1500 });
      const files = mkdtempSync(join(tmpdir(), "ticket-progress-files-"));
      const file = join(files, "report.txt");
      writeFileSync(file, "x".repeat(2048));
      const ticket = sb.sim.fixtures.ticketId; // open: an upload to it is accepted
      tty = new TtySession(140, 40);
      tty.start([process.execPath, BIN, "-p", sb.profile, "upload", ticket!, file], sb.env);
      // Each answer takes 1.5 s (under the 2 s of "waiting for"): the upload's own line is what shows.
      await tty.waitFor(/uploading report\.txt \(2 KB\)…/, TIMEOUT);
      const end = await tty.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(end).toMatch(/EXIT=0/);
      expect(end).not.toMatch(/uploading report|waiting for/);
      expect(plain(end)).toContain("✓ Uploaded 1 file");
      expect(sb.sim.requests.some((r) => r.method === "POST" && (r.status ?? 500) < 400 && /upload|attach|file/i.test(r.path))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "with stderr piped nothing of it is written, and with --json on a terminal none of it shows",
    async () => {
      const sb = await sandbox("comm100", { tickets: 3, latencyMs: 2600 });
      const errDir = mkdtempSync(join(tmpdir(), "ticket-progress-err-"));
      const errFile = join(errDir, "stderr.txt");
      tty = new TtySession(140, 40);
      const script = `"$0" "$1" -p ${sb.profile} list 2>'${errFile}'; "$0" "$1" -p ${sb.profile} list --json`;
      tty.start(["sh", "-c", script, process.execPath, BIN], sb.env);
      const { all, last } = await screensUntilExit(tty);
      expect(last).toMatch(/EXIT=0/);
      // Both runs waited over 2 s for their answer, and the screen never said so.
      for (const screen of all) expect(screen).not.toMatch(/waiting for|reading tickets/);
      const err = readFileSync(errFile, "utf8");
      expect(err).not.toMatch(/waiting for|reading tickets|\u001b/);
      expect(plain(last)).toContain('"id"'); // the JSON run printed its tickets
      expect(sb.sim.requests.filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(2);
    },
    TIMEOUT,
  );
});
