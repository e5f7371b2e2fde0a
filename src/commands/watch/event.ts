/**
 * The events `ticket watch` prints, and how they look.
 *
 * With --ndjson, one JSON object per line, written and flushed as soon as its poll is read:
 *
 *   {"type":"status","at":"2026-11-26T03:12:09.000Z","profile":"work","vendor":"comm100",
 *    "ticket":"42","subject":"Printer on fire","changes":{"status":{"from":"open","to":"closed"}}}
 *
 *   type     created | status | assigned | priority | message, or updated when several kinds of
 *            change came together (or when watch had never seen the ticket: then changes is {})
 *   at       ISO-8601 UTC: the ticket's last activity (created: its creation; message: the
 *            customer's message) as the vendor gives it; the poll's time when the vendor says none
 *   profile  the profile it came from; vendor: its vendor
 *   ticket   the id every other verb takes; subject: as the vendor gives it (not sanitized: JSON
 *            stays faithful)
 *   changes  {field: {from, to}} for status, priority (strings or null), assignee ({id,name,email}
 *            or null), team ({id,name} or null) and lastCustomerMessageAt (ISO); a created ticket
 *            lists its first values with from null
 *
 * On a terminal, one readable line per event (time, profile, ticket, what changed, subject),
 * sanitized and colored; piped without --ndjson, the same fields tab-separated with ISO times.
 */
import type { ChalkInstance } from "chalk";
import type { Person, Team } from "../../model/types.js";
import { priorityColor, statusColor } from "../../render/color.js";
import { displayWidth, truncate } from "../../render/format.js";
import { sanitize } from "../../render/sanitize.js";

export type EventType = "created" | "status" | "assigned" | "priority" | "message" | "updated";

export type ChangeMap = Record<string, { from: unknown; to: unknown }>;

export interface WatchEvent {
  type: EventType;
  at: string;
  profile: string;
  vendor: string;
  ticket: string;
  subject: string;
  changes: ChangeMap;
}

/** One NDJSON line (key order as documented). */
export function eventJson(e: WatchEvent): string {
  return `${JSON.stringify({ type: e.type, at: e.at, profile: e.profile, vendor: e.vendor, ticket: e.ticket, subject: e.subject, changes: e.changes })}\n`;
}

const personText = (p: Person | null): string => (p === null ? "nobody" : sanitize(p.name ?? p.email ?? p.id ?? "?"));
const teamText = (t: Team | null): string => (t === null ? "no team" : sanitize(t.name ?? t.id));

/** "status open → pending", "assigned nobody → Alice", "priority normal → urgent", "new customer message". */
export function describeChanges(e: WatchEvent, c: ChalkInstance): string {
  const parts: string[] = [];
  const ch = e.changes;
  if (e.type === "created") {
    const first = [statusColor(c, String(ch["status"]?.to ?? ""))];
    if (ch["priority"]) first.push(priorityColor(c, String(ch["priority"].to)));
    if (ch["assignee"]) first.push(`→ ${personText(ch["assignee"].to as Person)}`);
    return `${c.green("created")} ${first.join(" ")}`;
  }
  if (ch["status"]) parts.push(`status ${statusColor(c, sanitize(String(ch["status"].from)))} → ${statusColor(c, sanitize(String(ch["status"].to)))}`);
  if (ch["assignee"]) parts.push(`assigned ${personText(ch["assignee"].from as Person | null)} → ${c.bold(personText(ch["assignee"].to as Person | null))}`);
  if (ch["team"]) parts.push(`team ${teamText(ch["team"].from as Team | null)} → ${teamText(ch["team"].to as Team | null)}`);
  if (ch["priority"]) parts.push(`priority ${priorityColor(c, sanitize(String(ch["priority"].from ?? "none")))} → ${priorityColor(c, sanitize(String(ch["priority"].to ?? "none")))}`);
  if (ch["lastCustomerMessageAt"]) parts.push(c.cyan("new customer message"));
  if (parts.length === 0) parts.push("updated");
  return parts.join(", ");
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Local "14:02:11", or "11-25 14:02" for another day than `now`. */
export function clockOf(iso: string, now: Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return sanitize(iso);
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}` : `${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** The terminal's line: `14:02:11  work  #42  status open → pending  Printer on fire`, cut to the width. */
export function eventLine(e: WatchEvent, c: ChalkInstance, opts: { now: Date; showProfile: boolean; columns: number }): string {
  const head = [c.dim(clockOf(e.at, opts.now)), ...(opts.showProfile ? [c.cyan(sanitize(e.profile))] : []), c.bold(`#${sanitize(e.ticket)}`), describeChanges(e, c)].join("  ");
  const room = opts.columns - displayWidth(head) - 2;
  const subject = sanitize(e.subject);
  return room >= 8 && subject ? `${head}  ${c.dim(truncate(subject, room))}\n` : `${head}\n`;
}

/** Piped without --ndjson: at, profile, ticket, type, what changed, subject; tab-separated, no color. */
export function eventPlain(e: WatchEvent, plain: ChalkInstance): string {
  return `${[e.at, e.profile, e.ticket, e.type, describeChanges(e, plain), e.subject].map((v) => sanitize(v).replace(/\t/g, " ")).join("\t")}\n`;
}
