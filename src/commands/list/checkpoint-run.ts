/**
 * One profile's part of `list --since @last --checkpoint NAME` (issue 10 item 5): what to ask the
 * vendor, which tickets count as changed after the mark, and where the mark moves once the run
 * printed its tickets. The file, its lock and its atomic write are ../../state/checkpoints.ts.
 *
 * A checkpoint run prints oldest change first, so `--limit N` makes batches: the mark moves only
 * over what was printed, and the next run starts with the first change not printed.
 */
import type { Ticket } from "../../model/types.js";
import type { ListFilter, ListQuery } from "../../providers/types.js";
import type { Checkpoint, CheckpointMark } from "../../state/checkpoints.js";
import { dateOf } from "./order.js";

/**
 * The vendor query: `updatedSince` at the mark where the vendor filters by it (server- or
 * client-side in its provider; inclusive, so the mark's own instant is read again and sorted out
 * by id below), and never less than an `--updated-since` the user gave.
 */
export function queryAfterMark(q: ListQuery, mark: CheckpointMark | null | undefined, filters: readonly ListFilter[]): ListQuery {
  if (!mark || !filters.includes("updatedSince")) return q;
  const at = new Date(mark.at);
  return { ...q, updatedSince: q.updatedSince && q.updatedSince > at ? q.updatedSince : at };
}

/**
 * Strictly after the mark: a later last activity, or the mark's own instant and not printed at it.
 * A ticket with no date cannot be placed against any mark and never is.
 */
export function isAfterMark(t: Ticket, mark: CheckpointMark | null | undefined): boolean {
  const at = dateOf(t);
  if (at === undefined) return false;
  if (!mark) return true;
  const m = Date.parse(mark.at);
  return at > m || (at === m && !mark.ids.includes(t.id));
}

/**
 * The mark after printing `printed` (oldest change first, all after `previous`): the last one's
 * instant and every id printed at it, plus the ids already at the mark when the instant is the same.
 */
export function advanceMark(previous: CheckpointMark | null, printed: readonly Ticket[]): CheckpointMark | null {
  let mark = previous;
  for (const t of printed) {
    const at = dateOf(t);
    if (at === undefined) continue;
    const iso = new Date(at).toISOString();
    const current = mark ? Date.parse(mark.at) : undefined;
    if (current === undefined || at > current) mark = { at: iso, ids: [t.id] };
    else if (at === current && !mark!.ids.includes(t.id)) mark = { at: mark!.at, ids: [...mark!.ids, t.id] };
  }
  return mark;
}

/** The checkpoint as written after a successful run. */
export function nextCheckpoint(previous: Checkpoint | undefined, base: { name: string; profile: string; vendor: string | null }, printed: readonly Ticket[], startedAt: Date): Checkpoint {
  return {
    version: 1,
    name: base.name,
    profile: base.profile,
    vendor: base.vendor,
    mark: advanceMark(previous?.mark ?? null, printed),
    createdAt: previous?.createdAt ?? startedAt.toISOString(),
    lastRun: { at: startedAt.toISOString(), printed: printed.length },
  };
}
