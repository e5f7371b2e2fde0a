/**
 * The order `ticket list` prints in (issue 10 item 3). No vendor orders its list the way we promise
 * (last activity, newest first), so the command reads every matching ticket and sorts here:
 * by the chosen date, newest first (or oldest first with --reverse), ties by id in the same
 * direction, then by profile (fan-out), so the order is total and every run prints the same one.
 * Tickets without the date go last in both directions; the caller says how many there were.
 * `--sort none` skips all this: the vendor's order, printed as it arrives (../list.ts).
 */
import { UsageError } from "../../errors.js";
import type { Ticket } from "../../model/types.js";

export const SORT_KEYS = ["updated", "created"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** --sort: a date to order by, or `none`: the vendor's own order, streamed as pages arrive (issue 12 item 2). */
export type ListSort = SortKey | "none";
export const LIST_SORTS: readonly ListSort[] = [...SORT_KEYS, "none"];

/** The --sort value given, or undefined when none was given (the command picks the default). */
export function parseSortKey(value: string | undefined): ListSort | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if ((LIST_SORTS as readonly string[]).includes(v)) return v as ListSort;
  throw new UsageError(`--sort takes ${LIST_SORTS.slice(0, -1).join(", ")} or ${LIST_SORTS.at(-1)}, not "${value}"`);
}

/** Milliseconds of a model date (ISO UTC), or undefined for null and anything unparseable. */
function ms(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * When the ticket last changed (updatedAt, else createdAt), or when it was created; undefined when
 * the ticket carries no such date.
 */
export function dateOf(t: Pick<Ticket, "createdAt" | "updatedAt">, key: SortKey = "updated"): number | undefined {
  return key === "created" ? ms(t.createdAt) : (ms(t.updatedAt) ?? ms(t.createdAt));
}

/** Ids compare as numbers when both are plain digits ("999" < "1040"), else as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface OrderOptions {
  key: SortKey;
  /** Oldest first. */
  reverse: boolean;
}

/** A total order: date (newest first unless reverse), then id, then profile; undated tickets last. */
export function compareTickets(opts: OrderOptions): (a: Ticket, b: Ticket) => number {
  const dir = opts.reverse ? 1 : -1;
  return (a, b) => {
    const da = dateOf(a, opts.key);
    const db = dateOf(b, opts.key);
    if (da === undefined || db === undefined) {
      if (da !== db) return da === undefined ? 1 : -1;
    } else if (da !== db) {
      return dir * (da - db);
    }
    return dir * compareIds(a.id, b.id) || (a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : 0);
  };
}

export interface Ordered {
  tickets: Ticket[];
  /** How many had no date to order by (they are at the end). */
  undated: number;
}

/** A sorted copy (Array.prototype.sort is stable; the order is total anyway). */
export function orderTickets(tickets: readonly Ticket[], opts: OrderOptions): Ordered {
  const sorted = [...tickets].sort(compareTickets(opts));
  return { tickets: sorted, undated: sorted.filter((t) => dateOf(t, opts.key) === undefined).length };
}
