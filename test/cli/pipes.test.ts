/**
 * A closed stdout (issue 8 item 3, DESIGN.md section 4): `ticket … | head -1` and friends, through a
 * real shell pipeline. The ticket process never prints a stack trace and, for a read or --help,
 * exits 0 (its own status, from ${PIPESTATUS[0]}, not the reader's). `| true` closes the pipe
 * before ticket writes anything, so every write of the run meets a closed pipe; `| head -…`
 * closes it part-way.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";

interface PipeResult {
  /** The ticket process's exit status. */
  status: number;
  /** The ticket process's stderr. */
  stderr: string;
  /** What the reader printed. */
  read: string;
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Run `ticket ARGS | READER` in bash; ticket's stderr goes to a file so it is its own. */
function pipeline(dir: string, args: string[], reader: string): Promise<PipeResult> {
  const errFile = join(dir, `stderr-${process.hrtime.bigint()}.txt`);
  const script = `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(" ")} 2>${quote(errFile)} | ${reader}; exit "\${PIPESTATUS[0]}"`;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], {
      env: { PATH: process.env["PATH"] ?? "", HOME: dir, CI: "true", TICKET_CONFIG_DIR: dir },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let read = "";
    child.stdout.on("data", (d: Buffer) => (read += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stderr: readFileSync(errFile, "utf8"), read }));
  });
}

const DEMO_NOTICE = /^ticket: using the built-in demo/;
/** Nothing on stderr but the demo notice: no stack trace, no EPIPE, no error line. */
function expectQuietStderr(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at |EPIPE|Error|unexpected/);
  expect(stderr.split("\n").filter((l) => l && !DEMO_NOTICE.test(l)), stderr).toEqual([]);
}

describe("a closed stdout ends a read quietly, exit 0", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempConfigDir();
  });

  const FORMATS: [string, string[]][] = [
    ["plain (a pipe)", []],
    ["--json", ["--json"]],
    ["--ndjson", ["--ndjson"]],
    ["--csv", ["--csv"]],
  ];
  const READERS = ["true", "head -1", "head -c 100", "grep -m1 ."];

  for (const [name, flags] of FORMATS) {
    it.each(READERS)(`list --all ${name} | %s`, async (reader) => {
      const r = await pipeline(dir, ["-p", "demo", "list", "--all", ...flags], reader);
      expectQuietStderr(r.stderr);
      expect(r.status, r.stderr).toBe(0);
    });
  }

  it.each([
    [["--help"], "head -1"],
    [["--help"], "true"],
    [["-h"], "true"],
    [["list", "--help"], "head -1"],
    [["list", "-h"], "true"],
    [["reply", "--help"], "true"],
    [["profile", "add", "--help"], "true"],
    [[], "true"],
    [["--version"], "true"],
  ])("ticket %j | %s", async (args, reader) => {
    const r = await pipeline(dir, args, reader);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("show --json | head -c 10", async () => {
    const r = await pipeline(dir, ["-p", "demo", "show", "1300", "--json"], "head -c 10");
    expectQuietStderr(r.stderr);
    expect(r.status).toBe(0);
    expect(r.read).toHaveLength(10);
  });
});

describe("a closed stdout during a bulk write", () => {
  it("close A B C D -q | head -1: no new item after the pipe closed; C and D reported not done; exit 1", async () => {
    const dir = tempConfigDir();
    const list = await runCli(["-p", "demo", "list", "--status", "new,open", "--json", "--limit", "4", "--fields", "id"], { configDir: dir });
    expect(list.code, list.stderr).toBe(0);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id);
    expect(ids).toHaveLength(4);
    const [a, , c, d] = ids as [string, string, string, string];

    const r = await pipeline(dir, ["-p", "demo", "close", ...ids, "-q"], "head -1");
    expect(r.stderr).not.toMatch(/\n\s+at |EPIPE|unexpected/);
    expect(r.read.trim()).toBe(a);
    expect(r.status, r.stderr).toBe(1);
    // One stderr line names the tickets that were not done.
    expect(r.stderr).toMatch(new RegExp(`not[^\\n]*\\b${c}\\b[^\\n]*\\b${d}\\b|\\b${c}\\b[^\\n]*\\b${d}\\b[^\\n]*\\bnot\\b`));
    // ... and they really were left alone.
    for (const id of [c, d]) {
      const show = await runCli(["-p", "demo", "show", id, "--json", "--fields", "id,status"], { configDir: dir });
      expect(show.code, show.stderr).toBe(0);
      expect((JSON.parse(show.stdout) as { status: string }).status, id).not.toMatch(/closed|resolved/);
    }
  });
});
