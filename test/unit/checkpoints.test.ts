/** src/state/checkpoints.ts: one private file per profile and name, atomic writes, locks, listing. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../src/errors.js";
import { checkpointFile, listCheckpoints, readCheckpoint, removeCheckpoint, withCheckpointLocks, writeCheckpoint, type Checkpoint } from "../../src/state/checkpoints.js";

const stateDir = () => mkdtempSync(join(tmpdir(), "ticket-cp-"));
const cp = (profile: string, name: string): Checkpoint => ({ version: 1, name, profile, vendor: "zaia", mark: { at: "2026-01-01T00:00:00.000Z", ids: ["1"] }, createdAt: "2026-01-01T00:00:00.000Z", lastRun: null });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("checkpoint files", () => {
  it("one file per profile and name, 0600 in 0700 folders; read back as written; no temp file left", async () => {
    const dir = stateDir();
    const file = checkpointFile(dir, "work", "hourly");
    expect(file).toBe(join(dir, "checkpoints", "work", "hourly.json"));
    expect(await readCheckpoint(file)).toBeUndefined();
    await writeCheckpoint(file, cp("work", "hourly"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "checkpoints")).mode & 0o777).toBe(0o700);
    expect(await readCheckpoint(file)).toEqual(cp("work", "hourly"));
    expect(readdirSync(dirname(file))).toEqual(["hourly.json"]);
  });

  it("names are file-safe or a usage error; odd profile names are encoded, never a path", () => {
    expect(() => checkpointFile(stateDir(), "p", "../x")).toThrow(UsageError);
    expect(() => checkpointFile(stateDir(), "p", "")).toThrow(UsageError);
    const dir = stateDir();
    expect(dirname(checkpointFile(dir, "../etc", "n"))).toBe(join(dir, "checkpoints", "~2e2e2f657463"));
  });

  it("a torn or foreign file is a config error naming it", async () => {
    const file = checkpointFile(stateDir(), "p", "n");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, "{not json");
    await expect(readCheckpoint(file)).rejects.toThrow(ConfigError);
    writeFileSync(file, JSON.stringify({ version: 1, name: "n" }));
    await expect(readCheckpoint(file)).rejects.toThrow(new RegExp(file.replace(/[/.]/g, "\\$&")));
  });

  it("lists every profile's checkpoints in order, warning about unreadable ones", async () => {
    const dir = stateDir();
    await writeCheckpoint(checkpointFile(dir, "b", "x"), cp("b", "x"));
    await writeCheckpoint(checkpointFile(dir, "a", "y"), cp("a", "y"));
    await writeCheckpoint(checkpointFile(dir, "a", "x"), cp("a", "x"));
    writeFileSync(join(dir, "checkpoints", "a", "bad.json"), "");
    const warnings: string[] = [];
    const all = await listCheckpoints(dir, (l) => warnings.push(l));
    expect(all.map((c) => `${c.profile}/${c.name}`)).toEqual(["a/x", "a/y", "b/x"]);
    expect(warnings).toHaveLength(1);
    expect(await listCheckpoints(stateDir(), () => {})).toEqual([]);
  });

  it("remove: true when there was one, false when not", async () => {
    const dir = stateDir();
    const file = checkpointFile(dir, "p", "n");
    await writeCheckpoint(file, cp("p", "n"));
    expect(await removeCheckpoint(file)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(await removeCheckpoint(file)).toBe(false);
  });

  it("withCheckpointLocks serializes runs over the same files (in any order given) and reports a wait", async () => {
    const dir = stateDir();
    const a = checkpointFile(dir, "a", "n");
    const b = checkpointFile(dir, "b", "n");
    const events: string[] = [];
    const waited: string[] = [];
    const run = (label: string, files: string[]) =>
      withCheckpointLocks(
        files,
        async () => {
          events.push(`${label} in`);
          await sleep(60);
          events.push(`${label} out`);
        },
        { onWait: (f) => waited.push(f) },
      );
    const first = run("1", [a, b]);
    await sleep(20);
    await Promise.all([first, run("2", [b, a])]);
    expect(events).toEqual(["1 in", "1 out", "2 in", "2 out"]);
    expect(waited).toEqual([a]);
    expect(existsSync(`${a}.lock`) || existsSync(`${b}.lock`)).toBe(false);
  });
});
