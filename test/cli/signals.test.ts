/**
 * Ctrl-C and SIGTERM (issue 8 item 2): REAL signals sent to the spawned binary at each point of a
 * run (a request, a list walk, a bulk close, a reply being sent, stdin, a prompt on a real
 * terminal). Each ends with exactly one line `ticket: interrupted`, exit 130 (SIGINT) or 143
 * (SIGTERM), never a signal death the parent has to decode, and soon (the command unwinds; it
 * is not killed by the grace period). The profile is a configured one, so conf, whose dependency
 * when-exit re-raises signals, is loaded in every run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../src/sandbox/comm100/index.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

const TOKEN = "sbx-c100-signals-token-0123456789";
/**
 * The grace period is long here, so "ended at once" (the command unwound) is told apart from
 * "ended by the grace period" even on a loaded machine.
 */
const GRACE_MS = 15_000;
const UNWOUND_MS = 7_000;
const DEPS_JS = fileURLToPath(new URL("../../dist/deps.js", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// eslint-disable-next-line no-control-regex
const plain = (screen: string) => screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from the signal to the exit. */
  afterSignalMs: number;
}

interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Send `sig` now; resolves when the process has exited. */
  kill(sig: NodeJS.Signals): Promise<Ended>;
  ended: Promise<Omit<Ended, "afterSignalMs">>;
}

function start(cmd: string[], env: Record<string, string>, stdin: "ignore" | "pipe" = "ignore"): Running {
  const child = spawn(process.execPath, cmd, { env: { PATH: process.env["PATH"] ?? "", CI: "true", TICKET_RETRY_BASE_MS: "5", ...env }, stdio: [stdin, "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<Omit<Ended, "afterSignalMs">>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    ended,
    async kill(sig) {
      const at = Date.now();
      child.kill(sig);
      const end = await ended;
      return { ...end, afterSignalMs: Date.now() - at };
    },
  };
}

async function until(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Exactly one stderr line, `ticket: interrupted…`, no stack trace. */
function expectInterruptedLine(stderr: string): string {
  const lines = stderr.split("\n").filter(Boolean);
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ticket: interrupted\b/);
  expect(stderr).not.toMatch(/\n\s+at |unexpected error/);
  return lines[0]!;
}

describe("signals sent to the spawned binary", () => {
  let sim: Simulator;
  let dir: string;
  let running: Running | undefined;
  const env = () => ({ HOME: dir, TICKET_CONFIG_DIR: dir, C100_TOKEN: TOKEN, TICKET_INTERRUPT_GRACE_MS: String(GRACE_MS) });
  const ticket = (args: string[], stdin: "ignore" | "pipe" = "ignore") => (running = start([BIN, ...args], env(), stdin));
  const writes = () => sim.requests.filter((r) => r.method !== "GET");

  beforeAll(async () => {
    // Every answer takes 700 ms: long enough to be caught in flight, short enough for a walk.
    sim = await startSimulator({ tickets: 160, latencyMs: 700, secrets: { token: TOKEN } });
    dir = tempConfigDir();
    const add = await runCli(["profile", "add", "work", "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-env", "C100_TOKEN", "--set", `agentId=${sim.credentials.settings["agentId"]}`], { configDir: dir });
    expect(add.code, add.stderr).toBe(0);
  });
  afterEach(() => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill("SIGKILL");
    running = undefined;
  });
  afterAll(() => sim.close());

  it("SIGTERM during a request: one line, exit 143, at once", async () => {
    sim.requests.length = 0;
    const run = ticket(["show", sim.fixtures.ticketId]);
    await until("the request", () => sim.requests.length > 0);
    const end = await run.kill("SIGTERM");
    expect(end.signal).toBeNull();
    expect(end.code).toBe(143);
    expectInterruptedLine(end.stderr);
    expect(end.afterSignalMs).toBeLessThan(UNWOUND_MS); // unwound, not ended by the grace period
  });

  it("SIGINT during a list walk: one line, exit 130, no page fetched after it", async () => {
    sim.requests.length = 0;
    const run = ticket(["list", "--all"]);
    await until("a second page", () => sim.requests.length >= 2, 15_000);
    const end = await run.kill("SIGINT");
    expect(end.signal).toBeNull();
    expect(end.code).toBe(130);
    expectInterruptedLine(end.stderr);
    const seen = sim.requests.length;
    await sleep(800);
    expect(sim.requests.length).toBe(seen);
  });

  it("SIGINT during a bulk close: one line, exit 130, no later ticket touched", async () => {
    const list = await runCli(["list", "--status", "new,open", "--json", "--limit", "4", "--fields", "id"], { configDir: dir, env: { C100_TOKEN: TOKEN } });
    expect(list.code, list.stderr).toBe(0);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id);
    expect(ids).toHaveLength(4);
    sim.requests.length = 0;
    const run = ticket(["close", ...ids]);
    await until("the first close", () => sim.requests.some((r) => r.path.endsWith(`/${ids[0]}`)));
    const end = await run.kill("SIGINT");
    expect(end.signal).toBeNull();
    expect(end.code).toBe(130);
    expectInterruptedLine(end.stderr);
    await sleep(800);
    for (const later of ids.slice(2)) expect(sim.requests.filter((r) => r.path.includes(`/${later}`)), later).toEqual([]);
  });

  it("SIGINT while a reply is being sent: exit 130, and the text is kept as a draft", async () => {
    sim.requests.length = 0;
    const text = `Signals test reply ${Date.now()}`;
    const run = ticket(["reply", sim.fixtures.ticketId, "--body", text]);
    await until("the reply's POST", () => writes().length > 0, 15_000);
    const end = await run.kill("SIGINT");
    expect(end.signal).toBeNull();
    expect(end.code).toBe(130);
    const line = expectInterruptedLine(end.stderr);
    const drafts = join(dir, "state", "drafts");
    expect(existsSync(drafts), "a drafts folder").toBe(true);
    const saved = readdirSync(drafts).map((f) => readFileSync(join(drafts, f), "utf8"));
    expect(saved).toContain(text);
    expect(line).toContain(drafts); // says where
  });

  it("SIGTERM while waiting for stdin: exit 143 at once", async () => {
    const run = ticket(["reply", sim.fixtures.ticketId, "--body-file", "-"], "pipe");
    await sleep(1_500); // started, now blocked reading a stdin that never ends
    const end = await run.kill("SIGTERM");
    expect(end.signal).toBeNull();
    expect(end.code).toBe(143);
    expectInterruptedLine(end.stderr);
    expect(end.afterSignalMs).toBeLessThan(UNWOUND_MS);
  });
});

describe("a run that does not unwind (the process layer, createDeps from dist/)", () => {
  // A run that has loaded the config (so conf and its when-exit are in) and whose command ignores
  // the abort, waiting forever on a live timer. Were when-exit's handler still installed, its
  // re-raised signal would count as a second one and end the run at once, skipping the grace.
  const stuck = (graceMs: number) =>
    start(
      [
        "--input-type=module",
        "-e",
        `import { createDeps } from ${JSON.stringify(DEPS_JS)}; const deps = createDeps({ argv: [], interruptGraceMs: ${graceMs} }); await deps.config(); process.stderr.write("ready\\n"); setInterval(() => {}, 1000);`,
      ],
      { TICKET_CONFIG_DIR: tempConfigDir() },
    );

  it("is ended after the grace period with one line and the signal's code", async () => {
    const run = stuck(400);
    await until("ready", () => run.stderr().includes("ready"));
    const end = await run.kill("SIGTERM");
    expect(end.signal).toBeNull();
    expect(end.code).toBe(143);
    expect(end.stderr).toBe("ready\nticket: interrupted\n");
    expect(end.afterSignalMs).toBeGreaterThanOrEqual(350);
    expect(end.afterSignalMs).toBeLessThan(10_000);
  });

  it("a second signal ends it at once, with the first one's code", async () => {
    const run = stuck(20_000);
    await until("ready", () => run.stderr().includes("ready"));
    run.child.kill("SIGINT");
    await sleep(200);
    const end = await run.kill("SIGTERM");
    expect(end.signal).toBeNull();
    expect(end.code).toBe(130);
    expect(end.stderr).toBe("ready\nticket: interrupted\n");
    expect(end.afterSignalMs).toBeLessThan(UNWOUND_MS); // the grace period is 20 s here
  });
});

if (!hasTmux) console.warn("test/cli/signals.test.ts: tmux is not installed; the prompt tests are skipped");

describe.skipIf(!hasTmux)("at a prompt on a real terminal (tmux)", () => {
  let tty: TtySession | undefined;
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  it("Ctrl-C typed at a prompt: `ticket: interrupted`, exit 130, nothing saved", async () => {
    const dir = tempConfigDir();
    tty = new TtySession();
    tty.start([process.execPath, BIN, "profile", "add", "typed"], { TICKET_CONFIG_DIR: dir, HOME: dir });
    await tty.waitFor(/Vendor/);
    tty.keys("C-c");
    const screen = plain(await tty.waitFor(/EXIT=\d+/));
    expect(screen).toMatch(/EXIT=130/);
    expect(screen).toMatch(/^ticket: interrupted$/m);
    expect(screen).not.toMatch(/unexpected error|force closed|\n\s+at /);
    expect(existsSync(join(dir, "config.json")) && readFileSync(join(dir, "config.json"), "utf8").includes("typed")).toBe(false);
  });

  it("SIGTERM while a prompt is open: the prompt closes, exit 143", async () => {
    const dir = tempConfigDir();
    const pidFile = join(dir, "pid");
    tty = new TtySession();
    // The shell writes its pid and becomes the ticket process, so the signal reaches ticket itself.
    tty.start(["sh", "-c", `echo $$ > ${pidFile}; exec ${process.execPath} ${BIN} profile add typed --vendor comm100`], { TICKET_CONFIG_DIR: dir, HOME: dir });
    await tty.waitFor(/Base URL/);
    process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGTERM");
    const screen = plain(await tty.waitFor(/EXIT=\d+/));
    expect(screen).toMatch(/EXIT=143/);
    expect(screen).toMatch(/^ticket: interrupted$/m);
    expect(screen).not.toMatch(/unexpected error|\n\s+at /);
  });

  it("SIGTERM while the editor is open: exit 143 at once, though the editor child lives on", async () => {
    const dir = tempConfigDir();
    const pidFile = join(dir, "pid");
    const editor = join(dir, "slow-editor.sh");
    writeFileSync(editor, `#!/bin/sh\necho $$ > ${join(dir, "editor-pid")}\nsleep 30\n`, { mode: 0o700 });
    tty = new TtySession();
    tty.start(["sh", "-c", `echo $$ > ${pidFile}; exec ${process.execPath} ${BIN} -p demo reply 1300`], { TICKET_CONFIG_DIR: dir, HOME: dir, EDITOR: editor, VISUAL: editor, TICKET_INTERRUPT_GRACE_MS: String(GRACE_MS) });
    await until("the editor", () => existsSync(join(dir, "editor-pid")));
    const started = Date.now();
    process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGTERM");
    const screen = plain(await tty.waitFor(/EXIT=\d+/));
    expect(Date.now() - started).toBeLessThan(UNWOUND_MS); // not held by the editor until the grace period
    expect(screen).toMatch(/EXIT=143/);
    expect(screen).toMatch(/^ticket: interrupted/m);
    expect(screen).not.toMatch(/unexpected error|\n\s+at /);
    try {
      process.kill(Number(readFileSync(join(dir, "editor-pid"), "utf8").trim()), "SIGKILL");
    } catch {
      // already gone
    }
  });
});
