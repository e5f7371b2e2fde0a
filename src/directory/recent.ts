/**
 * The directory of a vendor that documents none: the assignees, teams and requesters of its most
 * recent tickets (one `list` walk of RECENT_TICKETS, through the guarded provider, so filters,
 * paging and errors behave as in `ticket list`). One walk fills all three kinds.
 */
import type { Ticket } from "../model/types.js";
import type { Provider } from "../providers/types.js";
import type { DirectoryEntry, DirectoryKind } from "./index.js";

/** How many tickets are read: a few pages at every vendor's page size, and enough to meet most of a team. */
export const RECENT_TICKETS = 200;

export type Seen = Record<DirectoryKind, DirectoryEntry[]>;

/**
 * Agents and teams need an id. A requester some vendor lists without one (Sobot's list rows carry
 * no userid) is kept with an empty id, keyed by email, phone or name: `ticket contacts` can still
 * find the person, and resolveRef never offers it as an id.
 */
function add(into: Map<string, DirectoryEntry>, kind: DirectoryKind, id: string | null | undefined, name: string | null | undefined, email: string | null | undefined, phone?: string | null) {
  const key = id ? id.toLowerCase() : kind === "contact" ? `~${(email || phone || name || "").toLowerCase()}` : "";
  if (!key || key === "~") return;
  id ||= "";
  const had = into.get(key);
  if (!had) {
    const e: DirectoryEntry = { kind, id, name: name || undefined, email: email || undefined };
    if (phone) e.phone = phone;
    into.set(key, e);
    return;
  }
  had.name ??= name || undefined;
  had.email ??= email || undefined;
  if (phone) had.phone ??= phone;
}

/** Sorted by name (those without one last, by id). */
export function byName(a: DirectoryEntry, b: DirectoryEntry): number {
  if (a.name && b.name) return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  if (a.name || b.name) return a.name ? -1 : 1;
  return a.id.localeCompare(b.id);
}

export function seenOn(tickets: Iterable<Ticket>): Seen {
  const maps: Record<DirectoryKind, Map<string, DirectoryEntry>> = { agent: new Map(), team: new Map(), contact: new Map() };
  for (const t of tickets) {
    add(maps.agent, "agent", t.assignee?.id, t.assignee?.name, t.assignee?.email);
    add(maps.team, "team", t.team?.id, t.team?.name, null);
    add(maps.contact, "contact", t.requester?.id, t.requester?.name, t.requester?.email, t.requester?.phone);
  }
  return { agent: [...maps.agent.values()].sort(byName), team: [...maps.team.values()].sort(byName), contact: [...maps.contact.values()].sort(byName) };
}

/** Reads the recent tickets and what they name. */
export async function seenOnRecentTickets(provider: Provider, limit = RECENT_TICKETS): Promise<Seen> {
  const tickets: Ticket[] = [];
  for await (const t of provider.list({ limit })) {
    tickets.push(t);
    if (tickets.length >= limit) break;
  }
  return seenOn(tickets);
}
