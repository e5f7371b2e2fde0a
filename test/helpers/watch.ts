/**
 * A spawned `ticket watch` for the watch tests (test/cli/watch*.test.ts): its output collected line
 * by line, waits on what it prints, and every watch a test started killed after the test (its own
 * process group, so its --exec commands too).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { afterEach } from "vitest";
import { BIN } from "./cli.js";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Event {
  type: string;
  at: string;
  profile: string;
  vendor: string;
  ticket: string;
  subject: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Every watch (or pipeline) a test started: killed after each test, so a failed one leaves nothing running. */
const started = new Set<{ pid?: number | undefined; exitCode: number | null; signalCode: NodeJS.Signals | null }>();
/** Kill `child` (and its process group) after the test, should it still run. */
export function killAfterTest(child: { pid?: number | undefined; exitCode: number | null; signalCode: NodeJS.Signals | null }): void {
  started.add(child);
}

afterEach(() => {
  for (const c of started) {
    if (c.exitCode === null && c.signalCode === null && c.pid !== undefined) {
      try {
        process.kill(-c.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  started.clear();
});

/** A spawned `ticket watch`, its output collected line by line. */
export class Watch {
  readonly child: ChildProcessWithoutNullStreams;
  out = "";
  err = "";
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string>) {
    // Its own process group, so a failed test can end it and its --exec commands (afterEach).
    this.child = spawn(process.execPath, [BIN, ...args], { env: { ...env }, stdio: ["pipe", "pipe", "pipe"], detached: true }) as ChildProcessWithoutNullStreams;
    started.add(this.child);
    this.child.stdout.on("data", (d: Buffer) => (this.out += d.toString()));
    this.child.stderr.on("data", (d: Buffer) => (this.err += d.toString()));
    this.exited = new Promise((resolve) => this.child.on("close", (code) => resolve(code)));
    this.child.stdin.end();
  }

  get events(): Event[] {
    return this.out.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Event);
  }

  async until(what: () => boolean, label: string, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!what()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${label}\nstdout:\n${this.out}\nstderr:\n${this.err}`);
      await sleep(25);
    }
  }

  waitErr(pattern: RegExp, timeoutMs?: number): Promise<void> {
    return this.until(() => pattern.test(this.err), String(pattern), timeoutMs);
  }

  waitEvents(n: number, timeoutMs?: number): Promise<void> {
    return this.until(() => this.events.length >= n, `${n} event(s)`, timeoutMs);
  }

  async stop(sig: NodeJS.Signals = "SIGINT"): Promise<number | null> {
    this.child.kill(sig);
    return this.exited;
  }
}
