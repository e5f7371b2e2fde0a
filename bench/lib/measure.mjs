// Timing one process: wall time from spawn to exit on this process's clock, optionally the peak RSS
// (GNU time's %M, KiB; else VmHWM polled from /proc; else null), the time of the first stdout line,
// and the number of stdout lines. Spawned asynchronously so proxies in this process keep serving.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const GNU_TIME = "/usr/bin/time";
export const rssMethod = existsSync(GNU_TIME) ? "GNU time %M" : existsSync("/proc/self/status") ? "VmHWM polled from /proc" : "n/a";
const running = new Set();
/** No single run may take longer (a stuck simulator must not hang the bench). */
export const RUN_TIMEOUT_MS = 300_000;

export function killRunning() {
  for (const child of running) child.kill("SIGKILL");
}

/**
 * Runs `cmd args`; resolves {ms, code, rssKiB, firstLineMs, lines, stderr, t0, stdoutText (with `capture`)}. `input` goes to stdin.
 * With `rss`, the peak resident set size of the command itself (not of the wrapper).
 */
export function measure(cmd, args, { env, input, rss = false, lines = false, capture = false, timeoutMs = RUN_TIMEOUT_MS } = {}) {
  const dir = rss && rssMethod === "GNU time %M" ? mkdtempSync(join(tmpdir(), "ticket-bench-rss-")) : null;
  const [file, argv] = dir ? [GNU_TIME, ["-f", "%M", "-o", join(dir, "rss"), cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { env, stdio: [input === undefined ? "ignore" : "pipe", lines || capture ? "pipe" : "ignore", "pipe"] });
    running.add(child);
    let stderr = "";
    let count = 0;
    let firstLineMs = null;
    let hwm = null;
    child.stderr.on("data", (d) => {
      if (stderr.length < 64 * 1024) stderr += d;
    });
    let stdoutText = "";
    if (capture) child.stdout.on("data", (d) => (stdoutText += d));
    if (lines) {
      child.stdout.on("data", (chunk) => {
        let at = chunk.indexOf(10);
        if (at >= 0 && firstLineMs === null) firstLineMs = performance.now() - t0;
        while (at >= 0) {
          count++;
          at = chunk.indexOf(10, at + 1);
        }
      });
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    const poll = rss && !dir ? setInterval(() => (hwm = readHwm(child.pid) ?? hwm), 20) : null;
    if (input !== undefined) child.stdin.end(input);
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      running.delete(child);
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let rssKiB = hwm;
      if (dir) {
        const text = timedOut ? "" : readFileSync(join(dir, "rss"), "utf8").trim().split("\n").pop();
        rssKiB = Number(text) || null;
        rmSync(dir, { recursive: true, force: true });
      }
      resolve({ ms, code: timedOut ? `killed after ${timeoutMs / 1000} s` : code, rssKiB, firstLineMs, lines: count, stderr, t0, stdoutText });
    });
  });
}

function readHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function median(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** `runs` measured runs after one warm-up; throws when a run fails (its first stderr line). */
export async function repeat(runs, label, fn, progress) {
  await fn(true);
  const results = [];
  for (let i = 0; i < runs; i++) {
    progress?.(`${label} ${i + 1}/${runs}`);
    results.push(await fn(false));
  }
  return results;
}

/**
 * Several commands timed in turn, A B C A B C ..., after one warm-up each: the machine's drift
 * (other load, CPU frequency) then falls on all of them alike, and their ratio holds. One array
 * of results per function.
 */
export async function interleave(runs, label, fns, progress) {
  for (const fn of fns) await fn(true);
  const results = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    progress?.(`${label} ${i + 1}/${runs}`);
    for (const [k, fn] of fns.entries()) results[k].push(await fn(false));
  }
  return results;
}

export function check(result, what) {
  if (typeof result.code === "string") throw new Error(`${what} did not finish: ${result.code}`);
  if (result.code !== 0) {
    const line = result.stderr.trim().split("\n").find(Boolean) ?? "";
    throw new Error(`${what} exited ${result.code}: ${line.slice(0, 300)}`);
  }
  return result;
}
