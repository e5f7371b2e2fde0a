/**
 * One profile's walks for `ticket stats` (./figures.ts says which tickets each figure counts):
 *
 *   created   like `list --all --since S --until U`            -> counts, created per day, first response
 *   resolved  like `list --all --updated-since S --status resolved,closed` -> resolved per day, resolution
 *   open      like `list --all --status new,open,pending,on_hold`          -> backlog by age
 *
 * Each filter goes to the vendor where it can apply it (provider.listFilters), else it is applied
 * here as the tickets stream past (./figures.ts checks the window and statuses itself anyway).
 * Tickets are counted one by one and dropped: nothing is kept.
 */
import type { Provider, ListFilter, ListQuery } from "../../providers/types.js";
import { UnsupportedError } from "../../errors.js";
import type { Ticket } from "../../model/types.js";
import { DONE_STATUSES, OPEN_STATUSES, type Tally, type Window } from "./figures.js";

export type WalkName = "created" | "resolved" | "open";

/** The query of one walk, as the list command would send it. */
export function walkQuery(name: WalkName, w: Window): ListQuery {
  switch (name) {
    case "created":
      return { all: true, sort: "created", since: w.since, until: w.until };
    case "resolved":
      return { all: true, sort: "updated", updatedSince: w.since, status: [...DONE_STATUSES], statusSet: true };
    case "open":
      return { all: true, sort: "updated", status: [...OPEN_STATUSES], statusSet: true };
  }
}

/** The part of `q` the vendor filters on (the rest is left to the tally's own checks). */
export function serverSide(q: ListQuery, filters: readonly ListFilter[]): ListQuery {
  const out: ListQuery = { all: q.all, sort: q.sort, statusSet: q.statusSet };
  for (const key of Object.keys(q) as (keyof ListQuery)[]) {
    if (key === "all" || key === "sort" || key === "limit" || key === "statusSet") continue;
    if (q[key] !== undefined && filters.includes(key as ListFilter)) (out as Record<string, unknown>)[key] = q[key];
  }
  return out;
}

const ADD: Record<WalkName, (tally: Tally, t: Ticket) => void> = {
  created: (tally, t) => tally.addCreated(t),
  resolved: (tally, t) => tally.addResolved(t),
  open: (tally, t) => tally.addOpen(t),
};

/**
 * Every walk of one profile, one after the other (gentle on the vendor's rate limit). A vendor
 * that has none of a walk's statuses refuses the filter (UnsupportedError, before any ticket):
 * that walk is then read without it, the tally checking the statuses itself.
 */
export async function readProfile(provider: Provider, tally: Tally, stop: AbortSignal | undefined, onTicket?: () => void): Promise<void> {
  for (const name of ["created", "resolved", "open"] as const) {
    const q = serverSide(walkQuery(name, tally.window), provider.listFilters);
    let seen = 0;
    const walk = async (query: ListQuery) => {
      for await (const t of provider.list(query)) {
        if (stop?.aborted) return;
        seen++;
        ADD[name](tally, t);
        onTicket?.();
      }
    };
    try {
      await walk(q);
    } catch (err) {
      if (!(err instanceof UnsupportedError) || seen > 0 || q.status === undefined) throw err;
      await walk({ ...q, status: undefined });
    }
  }
}
