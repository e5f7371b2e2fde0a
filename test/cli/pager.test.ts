/**
 * The pager (issue 11 item 3), driving the built binary in a real terminal (tmux, a private socket
 * per test): output taller than the screen goes through $TICKET_PAGER, then $PAGER, then
 * `less -FRX`; output that fits, --no-pager, a pipe, JSON and CI never start one; `q` in less ends
 * the run quietly; a pager that cannot be found falls back to printing. The scripted pager is a
 * small sh script that writes what it gets to a file, so each test sees what the pager received.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, tempConfigDir } from "../helpers/cli.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/pager.test.ts: tmux is not installed; pager tests are skipped");
const hasLess = spawnSync("less", ["--version"]).status === 0;
if (hasTmux && !hasLess) console.warn("test/cli/pager.test.ts: less is not installed; the real-less test is skipped");

/** Rows of the terminal every test uses: a 60-ticket list is taller, a 5-ticket one is not. */
const ROWS = 30;
const TIMEOUT = 60_000;

/** A pager script: what it reads goes to `file`, then it says it ran (on the terminal). */
function scriptedPager(dir: string, name = "pager.sh", marker = "SCRIPTED-PAGER-RAN"): { path: string; file: string } {
  const path = join(dir, name);
  const file = join(dir, `${name}.got`);
  writeFileSync(path, `#!/bin/sh\ncat > '${file}'\necho ${marker} "LESS=$LESS"\n`);
  chmodSync(path, 0o755);
  return { path, file };
}

/** Lines of a ticket table: an id, then a status. */
const tableRows = (text: string) => text.split("\n").filter((l) => /^\d+\s{2,}(new|open|pending|on_hold|resolved|closed)\b/.test(l.replace(/\u001b\[[0-9;]*m/g, "")));

describe.skipIf(!hasTmux)("the pager, on a terminal (tmux)", () => {
  let tty: TtySession | undefined;
  let dir: string;
  let tools: string;
  beforeAll(() => {
    dir = tempConfigDir();
    tools = mkdtempSync(join(tmpdir(), "ticket-pager-tools-"));
  });
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  const run = (args: string[], env: Record<string, string>) => {
    tty = new TtySession(140, ROWS);
    tty.start([process.execPath, BIN, "-p", "demo", ...args], { TICKET_CONFIG_DIR: dir, ...env });
    return tty;
  };

  it(
    "a list taller than the screen goes to TICKET_PAGER (all of it, colored); stderr notes come after it closes",
    async () => {
      const pager = scriptedPager(tools, "tall.sh");
      const t = run(["list", "--limit", "60"], { TICKET_PAGER: pager.path });
      const screen = await t.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).toContain("SCRIPTED-PAGER-RAN LESS=FRX"); // LESS is set for the pager when unset
      const got = readFileSync(pager.file, "utf8");
      expect(tableRows(got)).toHaveLength(60);
      expect(got).toMatch(/\u001b\[[0-9;]*m/); // the terminal's colors reach the pager
      // The note about --limit was held while the pager ran and printed after it.
      const plain = screen.replace(/\u001b\[[0-9;]*m/g, "");
      expect(plain.indexOf("60 of 300 shown")).toBeGreaterThan(plain.indexOf("SCRIPTED-PAGER-RAN"));
      expect(tableRows(plain)).toHaveLength(0); // the table went to the pager, not the screen
    },
    TIMEOUT,
  );

  it(
    "output that fits the screen is printed, and the pager never starts",
    async () => {
      const pager = scriptedPager(tools, "short.sh");
      const t = run(["list", "--limit", "5"], { TICKET_PAGER: pager.path });
      const screen = await t.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=0/);
      expect(tableRows(screen)).toHaveLength(5);
      expect(screen).not.toContain("SCRIPTED-PAGER-RAN");
      expect(existsSync(pager.file)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "PAGER is used when TICKET_PAGER is not set, and TICKET_PAGER wins over it",
    async () => {
      const general = scriptedPager(tools, "general.sh", "GENERAL-PAGER-RAN");
      const t = run(["list", "--limit", "40"], { PAGER: general.path });
      expect(await t.waitFor(/EXIT=\d+/, TIMEOUT)).toMatch(/GENERAL-PAGER-RAN[\s\S]*EXIT=0/);
      expect(tableRows(readFileSync(general.file, "utf8"))).toHaveLength(40);
      t.close();

      const own = scriptedPager(tools, "own.sh", "OWN-PAGER-RAN");
      const general2 = scriptedPager(tools, "general2.sh", "GENERAL2-PAGER-RAN");
      const t2 = run(["list", "--limit", "40"], { PAGER: general2.path, TICKET_PAGER: own.path });
      const screen = await t2.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/OWN-PAGER-RAN[\s\S]*EXIT=0/);
      expect(existsSync(general2.file)).toBe(false);
    },
    TIMEOUT,
  );

  it.each([
    ["--no-pager", ["--no-pager", "list", "--limit", "40"], {}],
    ["CI", ["list", "--limit", "40"], { CI: "true" }],
    ["TICKET_PAGER=cat", ["list", "--limit", "40"], { TICKET_PAGER: "cat", PAGER: "__PAGER__" }],
  ] as [string, string[], Record<string, string>][])(
    "%s: a tall list is printed without a pager",
    async (_name, args, extra) => {
      const pager = scriptedPager(tools, `none-${_name.replace(/\W/g, "")}.sh`);
      const env: Record<string, string> = { TICKET_PAGER: pager.path, ...extra };
      if (env["PAGER"] === "__PAGER__") env["PAGER"] = pager.path;
      const t = run(args, env);
      const screen = await t.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).not.toContain("SCRIPTED-PAGER-RAN");
      expect(existsSync(pager.file)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "never when stdout is piped, nor with --json on a terminal",
    async () => {
      const pager = scriptedPager(tools, "piped.sh");
      const out = join(tools, "piped-out.txt");
      tty = new TtySession(140, ROWS);
      const script = `"$0" "$1" -p demo list --limit 60 | cat > '${out}'; "$0" "$1" -p demo list --limit 60 --json`;
      tty.start(["sh", "-c", script, process.execPath, BIN], { TICKET_CONFIG_DIR: dir, TICKET_PAGER: pager.path });
      const screen = await tty.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=0/);
      expect(existsSync(pager.file)).toBe(false);
      expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(60);
      expect(screen).toContain("]"); // the JSON array's end reached the screen itself
    },
    TIMEOUT,
  );

  it(
    "a pager that does not exist: one warning, and the output is printed",
    async () => {
      // stderr to a file: the warning comes first and would scroll off a screen of 40 rows.
      const errFile = join(tools, "missing-err.txt");
      tty = new TtySession(140, ROWS);
      tty.start(["sh", "-c", `"$0" "$1" -p demo list --limit 40 2>'${errFile}'`, process.execPath, BIN], { TICKET_CONFIG_DIR: dir, TICKET_PAGER: join(tools, "no-such-pager") });
      const screen = await tty.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=0/);
      const err = readFileSync(errFile, "utf8");
      expect(err).toMatch(/^ticket: warning: pager ".*no-such-pager" not found; printing instead/m);
      expect(err.trim().split("\n")).toHaveLength(1); // the warning, nothing else (no trace)
      // 40 rows on a 30-row screen: the last ones are what is left on it.
      expect(tableRows(screen).length).toBeGreaterThan(20);
    },
    TIMEOUT,
  );

  it(
    "a shell-command pager that is not found (exit 127) falls back to printing too",
    async () => {
      const t = run(["list", "--limit", "40"], { TICKET_PAGER: "no-such-pager-zz '-R'" });
      const screen = await t.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).toContain("40 of 300 shown");
      expect(tableRows(screen).length).toBeGreaterThan(20);
    },
    TIMEOUT,
  );

  it.skipIf(!hasLess)(
    "real less -FRX: shows the first screen, q ends the run quietly with exit 0",
    async () => {
      // PAGER and LESS unset: the default `less -FRX` runs. 300 tickets: far more than a screen.
      tty = new TtySession(140, ROWS);
      tty.start(["env", "-u", "PAGER", "-u", "LESS", "-u", "TICKET_PAGER", process.execPath, BIN, "-p", "demo", "list", "--all"], { TICKET_CONFIG_DIR: dir });
      const paged = await tty.waitFor(/^:\s*$/m, TIMEOUT); // less's prompt on the last row
      expect(paged).not.toMatch(/EXIT=/);
      expect(tableRows(paged).length).toBeGreaterThan(20);
      tty.keys("q");
      const screen = await tty.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=0/);
      expect(screen).not.toMatch(/ticket: (?!using the built-in demo)|EPIPE|\n\s+at /);
    },
    TIMEOUT,
  );

  it.skipIf(!hasLess)(
    "Ctrl-C while less shows the list ends the run (exit 130) and the pager with it",
    async () => {
      tty = new TtySession(140, ROWS);
      tty.start(["env", "-u", "PAGER", "-u", "LESS", "-u", "TICKET_PAGER", process.execPath, BIN, "-p", "demo", "list", "--all"], { TICKET_CONFIG_DIR: dir });
      await tty.waitFor(/^:\s*$/m, TIMEOUT);
      tty.keys("C-c");
      const screen = await tty.waitFor(/EXIT=\d+/, TIMEOUT);
      expect(screen).toMatch(/EXIT=130/);
      expect(screen).toContain("ticket: interrupted");
      expect(screen).not.toMatch(/^:\s*$/m); // less is gone: the shell got the terminal back
    },
    TIMEOUT,
  );
});
