/** withFileLock (src/fs/lock.ts): mutual exclusion, release on failure, stale-lock recovery, bounded waits. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InterruptedError, OperationError } from "../../src/errors.js";
import { withFileLock } from "../../src/fs/lock.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tempDir = () => mkdtempSync(join(tmpdir(), "ticket-lock-"));

describe("withFileLock", () => {
  it("serializes read-modify-writes: 20 concurrent increments all land", async () => {
    const file = join(tempDir(), "counter");
    writeFileSync(file, "0");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(file, async () => {
          const n = Number(readFileSync(file, "utf8"));
          await sleep(2); // widen the window a lost update would need
          writeFileSync(file, String(n + 1));
        }),
      ),
    );
    expect(readFileSync(file, "utf8")).toBe("20");
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("returns fn's result; releases the lock when fn throws, and rethrows", async () => {
    const file = join(tempDir(), "f");
    expect(await withFileLock(file, () => 42)).toBe(42);
    await expect(withFileLock(file, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(await withFileLock(file, () => "again")).toBe("again");
  });

  it("creates the parent folder 0700; the file itself need not exist", async () => {
    const dir = join(tempDir(), "a", "b");
    await withFileLock(join(dir, "cache.json"), () => undefined);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dir, "cache.json"))).toBe(false);
  });

  it("takes over a stale lock (its holder died and stopped refreshing it)", async () => {
    const file = join(tempDir(), "config.json");
    mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    const started = Date.now();
    expect(await withFileLock(file, () => "mine", { waitMs: 5_000 })).toBe("mine");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("waits for a live holder, then gives up with an OperationError naming the file", async () => {
    const file = join(tempDir(), "config.json");
    let release!: () => void;
    const held = withFileLock(file, () => new Promise<void>((r) => (release = r)));
    await sleep(50);
    const err = await withFileLock(file, () => "never", { waitMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect((err as Error).message).toContain(file);
    // A waiter that outlasts the holder gets the lock.
    const waiter = withFileLock(file, () => "after", { waitMs: 5_000 });
    await sleep(100);
    release();
    await held;
    expect(await waiter).toBe("after");
  });

  it("an aborted signal ends the wait with the run's InterruptedError", async () => {
    const file = join(tempDir(), "config.json");
    let release!: () => void;
    const held = withFileLock(file, () => new Promise<void>((r) => (release = r)));
    await sleep(50);
    const controller = new AbortController();
    const waiting = withFileLock(file, () => "never", { signal: controller.signal, waitMs: 10_000 }).catch((e: unknown) => e);
    await sleep(50);
    const started = Date.now();
    controller.abort(new InterruptedError("interrupted", "SIGTERM"));
    const err = await waiting;
    expect(Date.now() - started).toBeLessThan(500);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).exitCode).toBe(143);
    release();
    await held;
  });
});
