/**
 * The figures of `ticket stats` (issue 13), counted while the tickets stream past (nothing but
 * counters and, for the times, one number per ticket is kept). Which tickets each figure counts:
 *
 * - created, byStatus, byPriority, byAssignee, byTeam, perDay[].created: tickets CREATED in the
 *   window, since <= createdAt < until (what `list --all --since S --until U` lists; a ticket with
 *   no createdAt cannot be placed and is not counted, as list --since leaves it out too).
 * - resolved, perDay[].resolved: tickets whose status is now resolved or closed and that were
 *   resolved in the window: at resolvedAt where the vendor gives it, else at updatedAt (the
 *   last change of a resolved ticket); `resolvedDatedBy` says how many were dated each way.
 *   They are read like `list --all --updated-since S` (a ticket resolved in the window was updated
 *   in it) and may have been created before the window.
 * - backlog: every ticket open NOW (new, open, pending, on_hold), whenever it was created (what
 *   `list --all --status new,open,pending,on_hold` lists), by age = now - createdAt.
 * - times.firstResponse: tickets created in the window with a first response (firstResponseAt -
 *   createdAt); times.resolution: the resolved tickets above with a resolvedAt (resolvedAt -
 *   createdAt). null where the vendor gives no such timestamp (./vendors.ts).
 *
 * Days are UTC calendar days.
 */
import { PRIORITIES, STATUSES, type Priority, type Status, type VendorName } from "../../model/enums.js";
import type { Ticket } from "../../model/types.js";
import { summarize, type Durations } from "./quantiles.js";
import { VENDOR_TIMES } from "./vendors.js";

export const OPEN_STATUSES: readonly Status[] = ["new", "open", "pending", "on_hold"];
export const DONE_STATUSES: readonly Status[] = ["resolved", "closed"];

export const AGE_BUCKETS = ["<1h", "<1d", "<3d", "<7d", "older"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number] | "undated";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AGE_LIMITS: readonly [AgeBucket, number][] = [
  ["<1h", HOUR],
  ["<1d", DAY],
  ["<3d", 3 * DAY],
  ["<7d", 7 * DAY],
];

export interface Window {
  since: Date;
  until: Date;
}

export interface Who {
  id: string | null;
  name: string | null;
  count: number;
}

export interface DayRow {
  day: string;
  created: number;
  resolved: number;
}

/** The figures of one profile (or, with `profiles`, of several together). */
export interface Figures {
  created: number;
  byStatus: Record<Status, number>;
  byPriority: Record<Priority | "none", number>;
  byAssignee: Who[];
  byTeam: Who[];
  perDay: DayRow[];
  resolved: number;
  resolvedDatedBy: { resolvedAt: number; updatedAt: number };
  backlog: { open: number; byAge: Record<AgeBucket, number> };
  times: { firstResponse: Durations | null; resolution: Durations | null };
}

export interface ProfileFigures extends Figures {
  profile: string;
  vendor: VendorName;
}

const ms = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

export const dayOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Every UTC day the window touches, oldest first. */
export function windowDays(w: Window): string[] {
  const days: string[] = [];
  const last = w.until.getTime() - 1;
  for (let t = Date.UTC(w.since.getUTCFullYear(), w.since.getUTCMonth(), w.since.getUTCDate()); t <= last; t += DAY) days.push(dayOf(t));
  return days;
}

/** When a resolved ticket was resolved: resolvedAt where given, else updatedAt. */
export function resolutionOf(t: Ticket): { at: number; by: "resolvedAt" | "updatedAt" } | null {
  const r = ms(t.resolvedAt);
  if (r !== null) return { at: r, by: "resolvedAt" };
  const u = ms(t.updatedAt);
  return u === null ? null : { at: u, by: "updatedAt" };
}

export function ageBucket(createdAt: string | null, now: Date): AgeBucket {
  const c = ms(createdAt);
  if (c === null) return "undated";
  const age = now.getTime() - c;
  for (const [bucket, limit] of AGE_LIMITS) if (age < limit) return bucket;
  return "older";
}

const inWindow = (t: number, w: Window) => t >= w.since.getTime() && t < w.until.getTime();

class WhoCounter {
  private map = new Map<string, Who>();
  add(id: string | null, name: string | null, count = 1, key = id ?? name ?? ""): void {
    const who = this.map.get(key);
    if (who) who.count += count;
    else this.map.set(key, { id, name, count });
  }
  /** Most first; then by name or id; the unassigned (no id, no name) last. */
  list(): Who[] {
    const label = (w: Who) => w.name ?? w.id ?? "";
    return [...this.map.values()].sort((a, b) => b.count - a.count || Number(label(a) === "") - Number(label(b) === "") || label(a).localeCompare(label(b)));
  }
}

/** One profile's figures, fed ticket by ticket from its three walks. */
export class Tally {
  private created = 0;
  private byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  private byPriority = Object.fromEntries([...PRIORITIES, "none"].map((p) => [p, 0])) as Record<Priority | "none", number>;
  private assignees = new WhoCounter();
  private teams = new WhoCounter();
  private days = new Map<string, DayRow>();
  private resolved = 0;
  private datedBy = { resolvedAt: 0, updatedAt: 0 };
  private open = 0;
  private byAge = Object.fromEntries([...AGE_BUCKETS, "undated"].map((b) => [b, 0])) as Record<AgeBucket, number>;
  private firstResponses: number[] = [];
  private resolutions: number[] = [];

  constructor(
    readonly window: Window,
    readonly now: Date,
  ) {
    for (const day of windowDays(window)) this.days.set(day, { day, created: 0, resolved: 0 });
  }

  /** Created in the window (the walk's server-side filters are not trusted to be exact). */
  isCreated(t: Ticket): boolean {
    const c = ms(t.createdAt);
    return c !== null && inWindow(c, this.window);
  }

  /** A ticket of the "created" walk. */
  addCreated(t: Ticket): void {
    if (!this.isCreated(t)) return;
    const c = ms(t.createdAt)!;
    this.created++;
    this.byStatus[t.status]++;
    this.byPriority[t.priority ?? "none"]++;
    this.assignees.add(t.assignee?.id ?? null, t.assignee?.name ?? t.assignee?.email ?? null);
    this.teams.add(t.team?.id ?? null, t.team?.name ?? null);
    this.days.get(dayOf(c))!.created++;
    const f = ms(t.firstResponseAt);
    if (f !== null && f >= c) this.firstResponses.push((f - c) / 1000);
  }

  /** A ticket of the "resolved" walk: counted when resolved or closed within the window. */
  addResolved(t: Ticket): void {
    if (!DONE_STATUSES.includes(t.status)) return;
    const r = resolutionOf(t);
    if (r === null || !inWindow(r.at, this.window)) return;
    this.resolved++;
    this.datedBy[r.by]++;
    this.days.get(dayOf(r.at))!.resolved++;
    const c = ms(t.createdAt);
    if (r.by === "resolvedAt" && c !== null && r.at >= c) this.resolutions.push((r.at - c) / 1000);
  }

  /** A ticket of the "open" walk. */
  addOpen(t: Ticket): void {
    if (!OPEN_STATUSES.includes(t.status)) return;
    this.open++;
    this.byAge[ageBucket(t.createdAt, this.now)]++;
  }

  durations(): { firstResponse: number[]; resolution: number[] } {
    return { firstResponse: this.firstResponses, resolution: this.resolutions };
  }

  figures(vendor: VendorName): Figures {
    const can = VENDOR_TIMES[vendor];
    return {
      created: this.created,
      byStatus: { ...this.byStatus },
      byPriority: { ...this.byPriority },
      byAssignee: this.assignees.list(),
      byTeam: this.teams.list(),
      perDay: [...this.days.values()].map((d) => ({ ...d })),
      resolved: this.resolved,
      resolvedDatedBy: { ...this.datedBy },
      backlog: { open: this.open, byAge: { ...this.byAge } },
      times: {
        firstResponse: can.firstResponse ? summarize(this.firstResponses) : null,
        resolution: can.resolution ? summarize(this.resolutions) : null,
      },
    };
  }
}

/**
 * Several profiles together: counts summed; assignees and teams merged by name (by id when they
 * have none: different helpdesks have different ids for the same person); the times recomputed
 * over every profile's tickets that have them (null when no profile's vendor gives them).
 */
export function combine(parts: readonly { figures: Figures; durations: { firstResponse: number[]; resolution: number[] } }[], window: Window): Figures {
  const sum = <K extends string>(pick: (f: Figures) => Record<K, number>): Record<K, number> => {
    const out = { ...pick(parts[0]?.figures ?? emptyFigures(window)) };
    for (const k of Object.keys(out) as K[]) out[k] = parts.reduce((n: number, p) => n + pick(p.figures)[k], 0);
    return out;
  };
  const who = (pick: (f: Figures) => Who[]) => {
    const c = new WhoCounter();
    for (const p of parts) for (const w of pick(p.figures)) c.add(w.id, w.name, w.count, w.name ?? w.id ?? "");
    return c.list();
  };
  const days = new Map<string, DayRow>(windowDays(window).map((day) => [day, { day, created: 0, resolved: 0 }]));
  for (const p of parts) {
    for (const d of p.figures.perDay) {
      const row = days.get(d.day);
      if (row) {
        row.created += d.created;
        row.resolved += d.resolved;
      }
    }
  }
  const times = (key: "firstResponse" | "resolution") =>
    parts.some((p) => p.figures.times[key] !== null) ? summarize(parts.flatMap((p) => (p.figures.times[key] === null ? [] : p.durations[key]))) : null;
  return {
    created: parts.reduce((n, p) => n + p.figures.created, 0),
    byStatus: sum((f) => f.byStatus),
    byPriority: sum((f) => f.byPriority),
    byAssignee: who((f) => f.byAssignee),
    byTeam: who((f) => f.byTeam),
    perDay: [...days.values()],
    resolved: parts.reduce((n, p) => n + p.figures.resolved, 0),
    resolvedDatedBy: sum((f) => f.resolvedDatedBy),
    backlog: { open: parts.reduce((n, p) => n + p.figures.backlog.open, 0), byAge: sum((f) => f.backlog.byAge) },
    times: { firstResponse: times("firstResponse"), resolution: times("resolution") },
  };
}

function emptyFigures(window: Window): Figures {
  return new Tally(window, new Date()).figures("sobot");
}
