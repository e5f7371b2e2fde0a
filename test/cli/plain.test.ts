/**
 * Issue 10 items 3, 8 and 11 as a user meets them, through the built binary:
 * - plain output to a pipe (no format flag, stdout not a terminal): one line per ticket, fields
 *   separated by one tab, no padding, no header, ISO dates, vendor text folded onto its line;
 *   a terminal still gets the table;
 * - the note "N shown; --all for more" on a terminal's stderr when --limit cut the list, and only then;
 * - `list --fail-on-empty`: exit 1 with one line when nothing matched, the output still valid.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../src/sandbox/comm100/index.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

const TOKEN = "sbx-c100-plain-token-0123456789";
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * A real shell pipeline, `ticket ARGS | READER`, run asynchronously (the simulator answers from this
 * process). status is ticket's own exit status (PIPESTATUS[0]), stdout what the reader printed,
 * stderr ticket's stderr.
 */
function pipeline(configDir: string, args: string[], reader: string, env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const errFile = join(mkdtempSync(join(tmpdir(), "ticket-plain-")), "stderr.txt");
  const script = `${[process.execPath, BIN, ...args].map(q).join(" ")} 2>${q(errFile)} | ${reader}; exit "\${PIPESTATUS[0]}"`;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], {
      env: { PATH: process.env["PATH"] ?? "", HOME: configDir, CI: "true", TICKET_CONFIG_DIR: configDir, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr: readFileSync(errFile, "utf8") }));
  });
}

type Row = { id: string; status: string; priority: string | null; subject: string; assignee: { name: string | null } | null; requester: { name: string | null } | null; updatedAt: string | null; createdAt: string | null; tags: string[] };

describe("plain output to a pipe", () => {
  let sim: Simulator;
  let dir: string;
  const env = { C100_TOKEN: TOKEN };
  const cli = (...args: string[]) => runCli(args, { configDir: dir, env });
  const HOSTILE = "Tab\there\nnew line\r\n\u001b[31mred\u001b[0m \u001b]8;;http://evil\u0007link\u001b]8;;\u0007 \u202eevil";

  beforeAll(async () => {
    sim = await startSimulator({ tickets: 12, secrets: { token: TOKEN } });
    dir = tempConfigDir();
    const add = await cli("profile", "add", "work", "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-env", "C100_TOKEN", "--set", `agentId=${sim.credentials.settings["agentId"]}`);
    expect(add.code, add.stderr).toBe(0);
    const c = sim.fixtures.create!;
    const made = await cli("create", "--subject", HOSTILE, "--body", "hi", "--requester", c.requester!, "--channel", c.channel!, "--json");
    expect(made.code, made.stderr).toBe(0);
  });
  afterAll(() => sim.close());

  it("one tab-separated line per ticket: the default columns, no header, no padding, ISO dates, same data as --json", async () => {
    const json = JSON.parse((await cli("list", "--all", "--json")).stdout) as Row[];
    expect(json).toHaveLength(13);
    const r = await pipeline(dir, ["list", "--all"], "cat", env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.endsWith("\n")).toBe(true);
    const lines = r.stdout.slice(0, -1).split("\n");
    expect(lines).toHaveLength(13); // no header line
    expect(r.stdout).not.toMatch(/^ID\b/m);
    expect(r.stdout).not.toMatch(/ago\b|just now/); // not humanized
    expect(r.stdout).not.toMatch(/ {2}|\u001b/); // no padding, no color
    lines.forEach((line, i) => {
      const cells = line.split("\t");
      expect(cells, line).toHaveLength(7); // id, status, priority, subject, assignee, requester, updated
      const t = json[i]!;
      expect(cells[0]).toBe(t.id);
      expect(cells[1]).toBe(t.status);
      expect(cells[2]).toBe(t.priority ?? "");
      expect(cells[4]).toBe(t.assignee?.name ?? "");
      expect(cells[6]).toBe(t.updatedAt ?? "");
      if (t.updatedAt) expect(cells[6]).toMatch(ISO);
    });
  });

  it("vendor text cannot add a field or a line, or reach the terminal: tabs and line breaks fold, controls go", async () => {
    const r = await pipeline(dir, ["list", "--all", "--fields", "subject,id"], "cat", env);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(13);
    for (const line of lines) expect(line.split("\t")).toHaveLength(2);
    const hostile = lines.find((l) => l.startsWith("Tab"))!;
    expect(hostile.split("\t")[0]).toBe("Tab here new line red link evil");
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it("--fields picks the columns; cut -f1 gives the ids, wc -l counts the tickets", async () => {
    const json = JSON.parse((await cli("list", "--limit", "5", "--json")).stdout) as Row[];
    const ids = await pipeline(dir, ["list", "--limit", "5", "--fields", "id,createdAt,tags"], "cut -f1", env);
    expect(ids.stdout).toBe(json.map((t) => `${t.id}\n`).join(""));
    const dates = await pipeline(dir, ["list", "--limit", "5", "--fields", "id,createdAt,tags"], "cut -f2", env);
    expect(dates.stdout).toBe(json.map((t) => `${t.createdAt ?? ""}\n`).join(""));
    const tags = await pipeline(dir, ["list", "--limit", "5", "--fields", "id,createdAt,tags"], "cut -f3", env);
    expect(tags.stdout).toBe(json.map((t) => `${t.tags.join(";")}\n`).join(""));
    const count = await pipeline(dir, ["list", "--limit", "7"], "wc -l", env);
    expect(count.stdout.trim()).toBe("7");
  });

  it("other tables go plain on a pipe too: profile list is one tab-separated line per profile", async () => {
    const r = await pipeline(dir, ["profile", "list"], "cat", env);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split("\t").slice(0, 4)).toEqual(["work", "comm100", sim.baseUrl, "true"]);
  });

  it("--fail-on-empty: nothing matched is exit 1 with one line; --json still prints []", async () => {
    sim.requests.length = 0;
    const json = await cli("list", "--query", "no-such-words-anywhere-zq", "--fail-on-empty", "--json");
    expect(json.code).toBe(1);
    expect(json.stdout).toBe("[]\n");
    expect(JSON.parse(json.stdout)).toEqual([]);
    const errLines = json.stderr.trim().split("\n");
    expect(errLines).toHaveLength(1);
    expect(JSON.parse(errLines[0]!)).toEqual({ error: expect.objectContaining({ code: "failed", exitCode: 1, message: expect.stringMatching(/no tickets match.*--fail-on-empty/) }) });
    expect(sim.requests.length).toBeGreaterThan(0); // the vendor was asked

    const plain = await pipeline(dir, ["list", "--status", "closed", "--query", "no-such-words-anywhere-zq", "--fail-on-empty"], "cat", env);
    expect(plain.status).toBe(1);
    expect(plain.stdout).toBe("");
    expect(plain.stderr).toBe("ticket: no tickets match (--fail-on-empty)\n");

    // As a CI step would use it.
    const ci = await pipeline(dir, ["list", "--query", "no-such-words-anywhere-zq", "--fail-on-empty", "--ndjson"], "wc -l", env);
    expect(ci.status).toBe(1);
    expect(ci.stdout.trim()).toBe("0");
  });

  it("--fail-on-empty with matches is exit 0 and prints them; without the flag an empty list is exit 0", async () => {
    const some = await cli("list", "--limit", "2", "--fail-on-empty", "--json");
    expect(some.code, some.stderr).toBe(0);
    expect(JSON.parse(some.stdout)).toHaveLength(2);
    const none = await cli("list", "--query", "no-such-words-anywhere-zq", "--json");
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("[]\n");
    expect(none.stderr).toBe("");
  });

  it("when stderr is not a terminal, a cut list prints no note", async () => {
    sim.requests.length = 0;
    const r = await cli("list", "--limit", "3", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});

if (!hasTmux) console.warn("test/cli/plain.test.ts: tmux is not installed; terminal tests are skipped");

describe.skipIf(!hasTmux)("on a terminal (tmux)", () => {
  let tty: TtySession | undefined;
  let sim: Simulator;
  let dir: string;
  const env = { C100_TOKEN: TOKEN };

  beforeAll(async () => {
    sim = await startSimulator({ tickets: 5, secrets: { token: TOKEN } });
    dir = tempConfigDir();
    const add = await runCli(["profile", "add", "work", "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-env", "C100_TOKEN", "--set", `agentId=${sim.credentials.settings["agentId"]}`], { configDir: dir, env });
    expect(add.code, add.stderr).toBe(0);
  });
  afterAll(() => sim.close());
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  const run = async (argv: string[]) => {
    tty = new TtySession();
    tty.start(argv, { TICKET_CONFIG_DIR: dir, HOME: dir, ...env });
    const screen = await tty.waitFor(/EXIT=\d+/);
    tty.close();
    tty = undefined;
    return screen;
  };

  it("--limit that cuts the list: a table with N rows, then 'N of M shown; --all for more'", async () => {
    sim.requests.length = 0;
    const screen = await run([process.execPath, BIN, "list", "--limit", "3"]);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/ID.*STATUS.*PRIORITY.*SUBJECT/); // still a table on a terminal
    expect(screen).toMatch(/ago|just now/); // humanized dates on a terminal
    expect(screen).toMatch(/^3 of 5 shown; --all for more$/m);
    const rows = screen.split("\n").filter((l) => /^\s*(\u001b\[[0-9;]*m)*\d+\b/.test(l) && !/ shown; /.test(l));
    expect(rows).toHaveLength(3); // the peeked ticket is not printed
  });

  it("no note when the list was not cut: exactly --limit tickets exist, or --all", async () => {
    for (const args of [["list", "--limit", "5"], ["list", "--all"], ["list"]]) {
      const screen = await run([process.execPath, BIN, ...args]);
      expect(screen, args.join(" ")).toMatch(/EXIT=0/);
      expect(screen, args.join(" ")).not.toMatch(/shown; --all for more/);
    }
  });

  it("stdout piped but stderr a terminal: plain lines, and the note still on stderr", async () => {
    const cmd = `${[process.execPath, BIN, "list", "--limit", "2", "--fields", "id,status"].map(q).join(" ")} | sed 's/\t/<TAB>/g'`;
    const screen = await run(["sh", "-c", cmd]);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen.match(/^\d+<TAB>\w+$/gm)).toHaveLength(2);
    expect(screen).toMatch(/^2 of 5 shown; --all for more$/m);
    expect(screen).not.toMatch(/\u001b\[[0-9;]*m\d+<TAB>/); // no color in plain output
  });
});
