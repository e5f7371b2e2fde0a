/**
 * The state of `ticket watch --since @last --checkpoint NAME` (issue 13 item 2): one JSON file per
 * profile and name, `<stateDir>/watch/<profile>/<name>.json`, apart from list checkpoints
 * (./checkpoints.ts, whose format is unchanged), mode 0600 in 0700 folders, written atomically.
 * It holds the mark (the newest activity seen, the vendor's clock), the horizon the remembered
 * tickets are complete from, and the tickets changed most recently with what watch knew of them,
 * so a restart neither repeats an event nor misses one made while it was stopped.
 *
 * The file is locked for as long as the watch runs: a second watch of the same checkpoint refuses
 * at once (exit 1) instead of waiting.
 */
import { join } from "node:path";
import { ConfigError, OperationError } from "../errors.js";
import { withFileLock } from "../fs/lock.js";
import { writePrivateFileAtomic } from "../fs/private-file.js";
import { checkName, CHECKPOINT_NAME, readStateText } from "./checkpoints.js";

/** Remembered tickets kept in the file (the most recently active). */
export const WATCH_STATE_TICKETS = 2_000;

export interface WatchSnapshotRecord {
  status: string;
  priority: string | null;
  assignee: { id: string | null; name: string | null; email: string | null } | null;
  team: { id: string; name: string | null } | null;
  createdAt: string | null;
  updatedAt: string | null;
  lastCustomerMessageAt: string | null;
}

export interface WatchState {
  version: 1;
  kind: "watch";
  name: string;
  profile: string;
  vendor: string | null;
  /** ISO: the newest activity seen, or null when none was. */
  mark: string | null;
  /** ISO: every ticket active at or after it is in `tickets`. */
  horizon: string;
  savedAt: string;
  tickets: Record<string, WatchSnapshotRecord>;
}

const segment = (s: string) => (CHECKPOINT_NAME.test(s) ? s : `~${Buffer.from(s, "utf8").toString("hex")}`);

export function watchStateFile(stateDir: string, profile: string, name: string): string {
  return join(stateDir, "watch", segment(profile), `${checkName(name)}.json`);
}

const isIso = (v: unknown) => typeof v === "string" && !Number.isNaN(Date.parse(v));

function parse(text: string, file: string): WatchState {
  let v: Partial<WatchState>;
  try {
    v = JSON.parse(text) as Partial<WatchState>;
  } catch {
    throw unreadable(file, "not JSON");
  }
  const ok =
    typeof v === "object" && v !== null && v.version === 1 && v.kind === "watch" && typeof v.name === "string" && typeof v.profile === "string" &&
    (v.mark === null || isIso(v.mark)) && isIso(v.horizon) && typeof v.tickets === "object" && v.tickets !== null &&
    Object.values(v.tickets).every((t) => typeof t === "object" && t !== null && typeof (t as WatchSnapshotRecord).status === "string");
  if (!ok) throw unreadable(file, "not a ticket watch state");
  return v as WatchState;
}

function unreadable(file: string, why: string): ConfigError {
  return new ConfigError(`the watch checkpoint file ${file} is unreadable (${why}); remove it to start over`);
}

export async function readWatchState(file: string): Promise<WatchState | undefined> {
  const text = await readStateText(file, "watch checkpoint file");
  if (text === undefined) return undefined;
  return parse(text, file);
}

export async function writeWatchState(file: string, state: WatchState): Promise<void> {
  await writePrivateFileAtomic(file, `${JSON.stringify(state)}\n`);
}

/**
 * Run `fn` holding the lock of every file (sorted, so overlapping runs cannot deadlock). A file
 * another process holds is refused at once: `held(file)` names the error.
 */
export async function withWatchLocks<T>(files: readonly string[], fn: () => Promise<T>, held: (file: string) => OperationError, signal?: AbortSignal): Promise<T> {
  const sorted = [...new Set(files)].sort();
  const step = async (i: number): Promise<T> => {
    if (i === sorted.length) return fn();
    const file = sorted[i]!;
    let inside = false;
    try {
      return await withFileLock(
        file,
        () => {
          inside = true;
          return step(i + 1);
        },
        { signal, waitMs: 0 },
      );
    } catch (err) {
      const code = ((err as { cause?: NodeJS.ErrnoException }).cause as NodeJS.ErrnoException | undefined)?.code;
      if (!inside && err instanceof OperationError && code === "ELOCKED") throw held(file);
      throw err;
    }
  };
  return step(0);
}
