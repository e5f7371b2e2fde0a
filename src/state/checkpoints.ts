/**
 * Checkpoints of `ticket list --since @last --checkpoint NAME` (issue 10 item 5): one JSON file per
 * profile and name in the state folder (DESIGN.md section 6), `<stateDir>/checkpoints/<profile>/<name>.json`,
 * mode 0600 in 0700 folders, written atomically (temp file + rename), read and written under
 * withFileLock, which a list run holds from before it reads the mark until after it wrote the new
 * one, so overlapping cron runs serialize.
 *
 * The mark is a high-water mark of changes printed: the last-activity time (updatedAt, else
 * createdAt) of the newest change printed, plus the ids printed at exactly that instant, so a
 * ticket changed in the same millisecond as the mark is neither lost nor printed twice.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "../fs/lazy-promises.js";
import { join } from "node:path";
import { ConfigError, UsageError } from "../errors.js";
import { withFileLock } from "../fs/lock.js";
import { writePrivateFileAtomic } from "../fs/private-file.js";

/** Same shape as a profile name: it becomes a file name. */
export const CHECKPOINT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** How long a run waits for another run of the same checkpoint (cron runs that overlap). */
export const CHECKPOINT_WAIT_MS = 10 * 60_000;

export interface CheckpointMark {
  /** ISO-8601 UTC: last activity of the newest change printed. */
  at: string;
  /** Ids printed whose last activity is exactly `at`. */
  ids: string[];
}

export interface Checkpoint {
  version: 1;
  name: string;
  profile: string;
  vendor: string | null;
  /** Null until a run printed something. */
  mark: CheckpointMark | null;
  createdAt: string;
  /** The last successful run: when it started and how many tickets it printed. */
  lastRun: { at: string; printed: number } | null;
}

export function checkName(name: string): string {
  if (!CHECKPOINT_NAME.test(name)) throw new UsageError(`a checkpoint name is letters, digits, ".", "_" and "-" (up to 64, starting with a letter or digit), not "${name}"`);
  return name;
}

/** A path segment for a profile name: profile names are already file-safe; anything else is hex-encoded. */
function segment(s: string): string {
  return CHECKPOINT_NAME.test(s) ? s : `~${Buffer.from(s, "utf8").toString("hex")}`;
}

export function checkpointsDir(stateDir: string): string {
  return join(stateDir, "checkpoints");
}

export function checkpointFile(stateDir: string, profile: string, name: string): string {
  return join(checkpointsDir(stateDir), segment(profile), `${checkName(name)}.json`);
}

function isMark(v: unknown): v is CheckpointMark {
  const m = v as CheckpointMark;
  return typeof m === "object" && m !== null && typeof m.at === "string" && !Number.isNaN(Date.parse(m.at)) && Array.isArray(m.ids) && m.ids.every((i) => typeof i === "string");
}

function parse(text: string, file: string): Checkpoint {
  let v: Partial<Checkpoint> & Record<string, unknown>;
  try {
    v = JSON.parse(text) as typeof v;
  } catch {
    throw unreadable(file, "not JSON");
  }
  const ok =
    typeof v === "object" && v !== null && v.version === 1 && typeof v.name === "string" && typeof v.profile === "string" &&
    (v.mark === null || isMark(v.mark)) && typeof v.createdAt === "string" &&
    (v.lastRun === null || (typeof v.lastRun === "object" && typeof v.lastRun?.at === "string" && typeof v.lastRun?.printed === "number"));
  if (!ok) throw unreadable(file, "not a ticket checkpoint");
  return { version: 1, name: v.name!, profile: v.profile!, vendor: typeof v.vendor === "string" ? v.vendor : null, mark: v.mark ?? null, createdAt: v.createdAt!, lastRun: v.lastRun ?? null };
}

function unreadable(file: string, why: string): ConfigError {
  return new ConfigError(`the checkpoint file ${file} is unreadable (${why}); remove it or run \`ticket checkpoint reset NAME\``);
}

/** A state file's text (`what`: "checkpoint file"), or undefined when there is none; unreadable is exit 3. */
export async function readStateText(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(`cannot read the ${what} ${file}: ${(err as Error).message}`);
  }
}

/** The checkpoint in `file`, or undefined when there is none. */
export async function readCheckpoint(file: string): Promise<Checkpoint | undefined> {
  const text = await readStateText(file, "checkpoint file");
  if (text === undefined) return undefined;
  return parse(text, file);
}

export async function writeCheckpoint(file: string, cp: Checkpoint): Promise<void> {
  await writePrivateFileAtomic(file, `${JSON.stringify(cp, null, 2)}\n`);
}

export interface StoredCheckpoint extends Checkpoint {
  file: string;
}

/** Every checkpoint of every profile, ordered by profile then name. Unreadable files are reported through `warn` and skipped. */
export async function listCheckpoints(stateDir: string, warn: (line: string) => void): Promise<StoredCheckpoint[]> {
  const root = checkpointsDir(stateDir);
  if (!existsSync(root)) return [];
  const out: StoredCheckpoint[] = [];
  for (const dir of (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    for (const f of await readdir(join(root, dir.name))) {
      if (!f.endsWith(".json")) continue;
      const file = join(root, dir.name, f);
      try {
        const cp = await readCheckpoint(file);
        if (cp) out.push({ ...cp, file });
      } catch (err) {
        warn((err as Error).message);
      }
    }
  }
  return out.sort((a, b) => (a.profile === b.profile ? (a.name < b.name ? -1 : 1) : a.profile < b.profile ? -1 : 1));
}

/** Remove a checkpoint file (under its lock, so a running list does not write it back half-way). */
export async function removeCheckpoint(file: string, signal?: AbortSignal): Promise<boolean> {
  return withFileLock(
    file,
    async () => {
      if (!existsSync(file)) return false;
      await rm(file, { force: true });
      return true;
    },
    { signal, waitMs: CHECKPOINT_WAIT_MS },
  );
}

/**
 * Run `fn` holding the locks of every file (taken in sorted order, so two fan-out runs over the
 * same profiles cannot deadlock). `onWait` is called once per file another process holds.
 */
export async function withCheckpointLocks<T>(files: readonly string[], fn: () => Promise<T>, opts: { signal?: AbortSignal; onWait?: (file: string) => void } = {}): Promise<T> {
  const sorted = [...new Set(files)].sort();
  const step = async (i: number): Promise<T> => {
    if (i === sorted.length) return fn();
    const file = sorted[i]!;
    if (existsSync(`${file}.lock`)) opts.onWait?.(file);
    return withFileLock(file, () => step(i + 1), { signal: opts.signal, waitMs: CHECKPOINT_WAIT_MS });
  };
  return step(0);
}
