/**
 * Reading one profile's queue for `ticket inbox`: every ticket of the scope (the profile's agent,
 * or a team) that is not resolved or closed. The filters the provider honors (provider.listFilters)
 * go to it, server-side where its vendor can; the others are checked here on each ticket as it
 * arrives, so only matching tickets are kept while the walk streams. The whole queue is read
 * (no --limit reaches the vendor: the order is ours, ./urgency.ts), and --all lets a vendor that
 * lists within a time span (Sobot) go back as far as it can, since an old open ticket still waits.
 */
import type { Status } from "../../model/enums.js";
import type { Ticket } from "../../model/types.js";
import { matchesQuery } from "../../providers/shared/filters.js";
import type { ListFilter, ListQuery, Provider } from "../../providers/types.js";
import type { Scope } from "./who.js";

/** Statuses that still need someone: everything but resolved and closed. */
export const WAITING_STATUSES: readonly Status[] = ["new", "open", "pending", "on_hold"];

export interface InboxQuery {
  /** What the provider is asked for. */
  query: ListQuery;
  /** The full filter, checked on every ticket for the filters the provider does not honor. */
  wanted: ListQuery;
  clientSide: ListFilter[];
}

export function inboxQuery(scope: Scope, honored: readonly ListFilter[]): InboxQuery {
  const wanted: ListQuery = {
    status: [...WAITING_STATUSES],
    ...(scope.kind === "mine" ? { assignee: scope.agentId } : { team: scope.teamId }),
  };
  // statusSet: inbox's own set of statuses; one a vendor lacks matches nothing, with no warning.
  const query: ListQuery = { all: true, limit: undefined, statusSet: true };
  const clientSide: ListFilter[] = [];
  for (const key of ["status", "assignee", "team"] as const) {
    if (wanted[key] === undefined) continue;
    if (honored.includes(key)) Object.assign(query, { [key]: wanted[key] });
    else clientSide.push(key);
  }
  return { query, wanted, clientSide };
}

/** The lane's waiting tickets, in the vendor's order. `onTicket` counts every ticket read (progress). */
export async function readQueue(provider: Provider, scope: Scope, stop: AbortSignal | undefined, onTicket?: () => void): Promise<Ticket[]> {
  const { query, wanted, clientSide } = inboxQuery(scope, provider.listFilters);
  const kept: Ticket[] = [];
  for await (const t of provider.list(query)) {
    if (stop?.aborted) break;
    onTicket?.();
    // Resolved and closed never wait, whatever a vendor's status filter let through.
    if (!WAITING_STATUSES.includes(t.status)) continue;
    if (clientSide.length > 0 && !matchesQuery(t, wanted, clientSide)) continue;
    kept.push(t);
  }
  return kept;
}
