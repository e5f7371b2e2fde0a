/**
 * withFileLock(path, fn): run `fn` while holding an inter-process lock on `path`, so concurrent
 * `ticket` processes never lose each other's read-modify-write (DESIGN.md section 6: "every
 * read-modify-write of config, caches, drafts or checkpoints is done under a lock").
 *
 *     import { withFileLock } from "../fs/lock.js";
 *     await withFileLock(cacheFile, async () => {
 *       const cached = await readCache(cacheFile);      // read the current file inside the lock,
 *       await writePrivateFileAtomic(cacheFile, next);  // never a copy read before it
 *     }, { signal: ctx.signal });
 *
 * - The lock is the folder `${path}.lock` (proper-lockfile: mkdir is atomic on every file system,
 *   NFS included). `path` itself need not exist; its parent folder is created 0700.
 * - Stale-lock recovery: the holder refreshes the lock's mtime every staleMs/2; a lock not
 *   refreshed for `staleMs` (default 10 s, at least 2 s) belongs to a process that died (kill -9,
 *   power cut) and is taken over.
 * - Waiting: retried with jittered backoff for up to `waitMs` (default 15 s), then an
 *   OperationError (exit 1) naming the file. `signal` (pass deps.signal / ctx.signal) ends the
 *   wait at once with an InterruptedError.
 * - Not reentrant: a nested withFileLock on the same path in the same process waits for itself
 *   and fails after `waitMs`. Keep `fn` short (read, change, write) and do no network in it,
 *   except where the point is to serialize a fetch (one token request for many processes).
 * - If the lock was lost while `fn` ran (the process was paused longer than staleMs and another
 *   took it over), the run fails with an OperationError after `fn`, since its write may have
 *   raced another.
 * proper-lockfile is loaded on first use, so start-up (`--help`) never pays for it.
 */
import { mkdir } from "./lazy-promises.js";
import { dirname } from "node:path";
import { InterruptedError, OperationError } from "../errors.js";

export interface FileLockOptions {
  /** A lock not refreshed for this long is stale and taken over. Default 10 000 ms (minimum 2 000). */
  staleMs?: number;
  /** How long to wait for another holder. Default 15 000 ms. */
  waitMs?: number;
  /** Abort the wait (Ctrl-C). */
  signal?: AbortSignal;
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 15_000;
const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 200;

type Release = () => Promise<void>;

function interrupted(signal: AbortSignal): InterruptedError {
  return signal.reason instanceof InterruptedError ? signal.reason : new InterruptedError();
}

/** Sleep `ms`, or less when `signal` aborts (the caller checks it). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

async function acquire(path: string, opts: FileLockOptions, onCompromised: (err: Error) => void): Promise<Release> {
  const { lock } = await import("proper-lockfile");
  const deadline = Date.now() + (opts.waitMs ?? DEFAULT_WAIT_MS);
  let delay = FIRST_DELAY_MS;
  for (;;) {
    if (opts.signal?.aborted) throw interrupted(opts.signal);
    try {
      return await lock(path, { realpath: false, stale: opts.staleMs ?? DEFAULT_STALE_MS, retries: 0, onCompromised });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ELOCKED") throw new OperationError(`cannot lock ${path}: ${(err as Error).message}`, { cause: err });
      if (Date.now() >= deadline) {
        throw new OperationError(`${path} is locked by another ticket process (waited ${Math.round((opts.waitMs ?? DEFAULT_WAIT_MS) / 1000)} s); try again`, {
          cause: err,
        });
      }
    }
    // Jitter keeps twenty waiting processes from retrying in lockstep.
    await pause(Math.min(delay * (0.5 + Math.random()), Math.max(0, deadline - Date.now())), opts.signal);
    delay = Math.min(delay * 1.5, MAX_DELAY_MS);
  }
}

export async function withFileLock<T>(path: string, fn: () => T | Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  let lost: Error | undefined;
  const release = await acquire(path, opts, (err) => {
    lost = err; // proper-lockfile's default throws from a timer: an uncaught exception
  });
  let result: T;
  try {
    result = await fn();
  } finally {
    if (!lost) await release().catch(() => undefined);
  }
  if (lost) throw new OperationError(`the lock on ${path} was lost while writing (the process was paused too long); check the file and try again`, { cause: lost });
  return result;
}
