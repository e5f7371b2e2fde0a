/**
 * `ticket watch --exec CMD`: CMD runs through the shell once per event, the event's JSON line on
 * its stdin, at most `concurrency` at once, one at a time per ticket in event order (so a script
 * never sees a ticket's "closed" before its "assigned"). Its stdout and stderr go to watch's
 * stderr, so watch's own stdout stays the event feed. A command that fails (non-zero exit, killed,
 * or not found: the shell's 127) is reported on stderr with its event and its exit code; the watch
 * goes on. At the end, no queued command starts; those running get `graceMs`, then are killed
 * (their whole process group).
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { IO } from "../../io.js";
import { sanitize } from "../../render/sanitize.js";
import { eventJson, type WatchEvent } from "./event.js";

export const EXEC_GRACE_MS = 1_000;

export interface ExecRunner {
  push(e: WatchEvent): void;
  /** Start nothing more; wait up to `graceMs` for what runs, then kill it. */
  close(graceMs: number): Promise<void>;
  /** Resolves when nothing is queued or running (tests, the end of a finite run). */
  idle(): Promise<void>;
}

export function createExecRunner(cmd: string, concurrency: number, io: IO, env: NodeJS.ProcessEnv): ExecRunner {
  const queue: WatchEvent[] = [];
  const running = new Map<ChildProcess, string>();
  const busy = new Set<string>();
  let closed = false;
  let idleWaiters: (() => void)[] = [];
  const keyOf = (e: WatchEvent) => `${e.profile}\u0000${e.ticket}`;

  const label = (e: WatchEvent) => `${e.type} event of ticket ${sanitize(e.ticket)} (profile ${sanitize(e.profile)})`;

  const settleIdle = () => {
    if (queue.length === 0 && running.size === 0) for (const w of idleWaiters.splice(0)) w();
  };

  const pump = () => {
    while (!closed && running.size < concurrency) {
      // The first queued event whose ticket has no command running: per-ticket order holds.
      const i = queue.findIndex((e) => !busy.has(keyOf(e)));
      if (i < 0) break;
      const [e] = queue.splice(i, 1);
      start(e!);
    }
    settleIdle();
  };

  const start = (e: WatchEvent) => {
    const key = keyOf(e);
    busy.add(key);
    const child = spawn(cmd, { shell: true, stdio: ["pipe", "pipe", "pipe"], detached: true, env });
    running.set(child, key);
    child.stdout?.on("data", (d: Buffer) => io.err(d.toString()));
    child.stderr?.on("data", (d: Buffer) => io.err(d.toString()));
    child.stdin?.on("error", () => undefined); // a command that never reads its stdin
    child.stdin?.end(eventJson(e));
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      if (done) return;
      done = true;
      running.delete(child);
      busy.delete(key);
      if (spawnError) io.err(`ticket: --exec could not start for the ${label(e)}: ${sanitize(spawnError.message)}\n`);
      else if (code !== 0) io.err(`ticket: --exec failed for the ${label(e)}: ${signal ? `killed by ${signal}` : `exit ${code}${code === 127 ? " (command not found)" : ""}`}\n`);
      pump();
    };
    child.on("error", (err) => finish(null, null, err));
    child.on("close", (code, signal) => finish(code, signal));
  };

  const killAll = (sig: NodeJS.Signals) => {
    for (const child of running.keys()) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    }
  };

  return {
    push(e) {
      if (closed) return;
      queue.push(e);
      pump();
    },
    async close(graceMs) {
      closed = true;
      queue.length = 0;
      if (running.size === 0) return settleIdle();
      const allDone = new Promise<void>((resolve) => idleWaiters.push(resolve));
      const wait = (ms: number) => Promise.race([allDone, new Promise<void>((r) => setTimeout(r, ms).unref())]);
      await wait(graceMs);
      if (running.size === 0) return;
      killAll("SIGTERM");
      await wait(200);
      if (running.size > 0) killAll("SIGKILL");
      idleWaiters = [];
    },
    idle() {
      if (queue.length === 0 && running.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
