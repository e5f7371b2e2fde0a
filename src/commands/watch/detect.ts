/**
 * Change detection for `ticket watch` (issue 13 item 2): what watch remembers of each ticket (a
 * Snapshot), the bounded memory of them (Known), and the event one ticket makes against it.
 *
 * Known is complete from its `horizon` on: every ticket whose last activity is at or after the
 * horizon has been seen (the first poll reads BASELINE_DAYS back, and every ticket not yet resolved
 * or closed, however old). So a ticket watch does not know, created at or after the horizon, is a
 * new ticket ("created"); one created before it changed but watch never saw it ("updated", without
 * before-values: an old resolved ticket reopened, say). Evicting the least recently active entries
 * moves the horizon past them, so the rule stays true.
 */
import type { Person, Team, Ticket } from "../../model/types.js";
import { dateOf } from "../list/order.js";
import type { ChangeMap, EventType, WatchEvent } from "./event.js";

/** What watch keeps of a ticket: the fields whose change is an event, and its dates. */
export interface Snapshot {
  status: string;
  priority: string | null;
  assignee: Person | null;
  team: Team | null;
  createdAt: string | null;
  updatedAt: string | null;
  lastCustomerMessageAt: string | null;
}

/** How far back the first poll reads (tickets active since then are remembered, silently). */
export const BASELINE_DAYS = 30;
/** Tickets remembered at most; the oldest activity goes first. */
export const KNOWN_CAP = 20_000;

export function snapshotOf(t: Ticket): Snapshot {
  return {
    status: t.status,
    priority: t.priority,
    assignee: t.assignee ? { id: t.assignee.id, name: t.assignee.name, email: t.assignee.email } : null,
    team: t.team ? { id: t.team.id, name: t.team.name } : null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    lastCustomerMessageAt: t.lastCustomerMessageAt ?? null,
  };
}

const ms = (iso: string | null | undefined): number | undefined => {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

/** Last activity (updatedAt, else createdAt) in ms. */
export const activityOf = (s: Pick<Snapshot, "createdAt" | "updatedAt">): number | undefined => dateOf(s);

function samePerson(a: Person | null, b: Person | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.id !== null && b.id !== null) return a.id.toLowerCase() === b.id.toLowerCase();
  return (a.email ?? a.name) === (b.email ?? b.name);
}

const sameTeam = (a: Team | null, b: Team | null) => (a === null || b === null ? a === b : a.id.toLowerCase() === b.id.toLowerCase());

export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return (
    a.status === b.status && a.priority === b.priority && samePerson(a.assignee, b.assignee) && sameTeam(a.team, b.team) &&
    a.updatedAt === b.updatedAt && a.createdAt === b.createdAt && a.lastCustomerMessageAt === b.lastCustomerMessageAt
  );
}

const KIND: Record<string, EventType> = { status: "status", priority: "priority", assignee: "assigned", team: "assigned", lastCustomerMessageAt: "message" };

/** The event type of a set of changes: the one kind they are, or "updated" when several. */
function typeOf(changes: ChangeMap): EventType | undefined {
  const kinds = new Set(Object.keys(changes).map((k) => KIND[k] ?? "updated"));
  if (kinds.size === 0) return undefined;
  return kinds.size === 1 ? [...kinds][0]! : "updated";
}

/** The tracked fields that differ between what watch knew and what the ticket is now. */
function changesBetween(before: Snapshot, now: Snapshot): ChangeMap {
  const c: ChangeMap = {};
  if (before.status !== now.status) c["status"] = { from: before.status, to: now.status };
  if (!samePerson(before.assignee, now.assignee)) c["assignee"] = { from: before.assignee, to: now.assignee };
  if (!sameTeam(before.team, now.team)) c["team"] = { from: before.team, to: now.team };
  if (before.priority !== now.priority) c["priority"] = { from: before.priority, to: now.priority };
  // A new customer message: the vendor's timestamp of it moved forward (absent on vendors that do not say).
  const was = ms(before.lastCustomerMessageAt);
  const is = ms(now.lastCustomerMessageAt);
  if (is !== undefined && (was === undefined || is > was)) c["lastCustomerMessageAt"] = { from: before.lastCustomerMessageAt, to: now.lastCustomerMessageAt };
  return c;
}

export interface DiffContext {
  profile: string;
  vendor: string;
  /** Unknown tickets created at or after this are new ("created"). */
  createdFrom: number;
  /** Unknown tickets active before this make no event (the first poll: --since, or no event at all). */
  reportFrom: number | undefined;
  /** When nothing in the ticket says when (ISO). */
  now: string;
}

/** The event `t` makes against what watch knew of it (`before`), if any. */
export function eventFor(t: Ticket, now: Snapshot, before: Snapshot | undefined, ctx: DiffContext): WatchEvent | undefined {
  let changes: ChangeMap;
  let type: EventType | undefined;
  let at: string | null;
  if (before !== undefined) {
    changes = changesBetween(before, now);
    type = typeOf(changes);
    at = type === "message" ? now.lastCustomerMessageAt : (now.updatedAt ?? now.createdAt);
  } else {
    const active = activityOf(now);
    if (ctx.reportFrom === undefined || active === undefined || active < ctx.reportFrom) return undefined;
    const created = ms(now.createdAt);
    if (created !== undefined && created >= ctx.createdFrom) {
      type = "created";
      at = now.createdAt;
      changes = { status: { from: null, to: now.status } };
      if (now.priority !== null) changes["priority"] = { from: null, to: now.priority };
      if (now.assignee !== null) changes["assignee"] = { from: null, to: now.assignee };
      if (now.team !== null) changes["team"] = { from: null, to: now.team };
    } else {
      // Changed, but watch never saw it before: what changed cannot be told.
      const message = ms(now.lastCustomerMessageAt);
      const fresh = message !== undefined && message >= ctx.reportFrom;
      type = fresh ? "message" : "updated";
      changes = fresh ? { lastCustomerMessageAt: { from: null, to: now.lastCustomerMessageAt } } : {};
      at = fresh ? now.lastCustomerMessageAt : (now.updatedAt ?? now.createdAt);
    }
  }
  if (type === undefined) return undefined;
  return { type, at: at ?? ctx.now, profile: ctx.profile, vendor: ctx.vendor, ticket: t.id, subject: t.subject, changes };
}

/** What one profile's watch remembers: a bounded map of snapshots, the horizon and the mark. */
export class Known {
  readonly map = new Map<string, Snapshot>();

  constructor(
    /** Complete from here on (ms). */
    public horizon: number,
    /** The newest activity seen (ms, the vendor's clock); the next poll reads from a little before it. */
    public mark: number | undefined,
    private readonly cap = KNOWN_CAP,
  ) {}

  get(id: string): Snapshot | undefined {
    return this.map.get(id);
  }

  /** Remember `s` (the mark is moved by the poll, once its events were printed). */
  set(id: string, s: Snapshot): void {
    this.map.delete(id);
    this.map.set(id, s);
    if (this.map.size > this.cap) this.evict(Math.ceil(this.cap / 10));
  }

  /** The newest activity a complete poll saw. */
  advance(at: number | undefined): void {
    if (at !== undefined && (this.mark === undefined || at > this.mark)) this.mark = at;
  }

  /** Forget the `n` least recently active; the horizon moves past them. */
  private evict(n: number): void {
    const oldest = [...this.map.entries()].sort((a, b) => (activityOf(a[1]) ?? -Infinity) - (activityOf(b[1]) ?? -Infinity)).slice(0, n);
    for (const [id, s] of oldest) {
      this.map.delete(id);
      const at = activityOf(s);
      if (at !== undefined && at + 1 > this.horizon) this.horizon = at + 1;
    }
  }

  /** The `limit` most recently active entries, newest first, and the horizon they are complete from. */
  recent(limit: number): { horizon: number; entries: [string, Snapshot][] } {
    const all = [...this.map.entries()].sort((a, b) => (activityOf(b[1]) ?? -Infinity) - (activityOf(a[1]) ?? -Infinity));
    if (all.length <= limit) return { horizon: this.horizon, entries: all };
    const kept = all.slice(0, limit);
    const firstDropped = activityOf(all[limit]![1]);
    return { horizon: firstDropped === undefined ? this.horizon : Math.max(this.horizon, firstDropped + 1), entries: kept };
  }
}
