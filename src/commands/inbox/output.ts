/**
 * What `ticket inbox` prints. Every format carries the profile (the queue spans profiles) and when
 * each ticket started waiting:
 * - a table on a terminal: PROFILE, ID, PRIORITY, WAITING ("3h", "2d"), STATUS, SUBJECT, REQUESTER
 *   (with --team also ASSIGNEE), fitted to the width by src/render/table.ts, cells sanitized;
 * - plain lines on a pipe: the same columns, tab-separated, with `waitingSince` as ISO-8601;
 * - --json / --ndjson: the ticket objects as `ticket list` gives them plus `waitingSince` (ISO UTC,
 *   or null), faithful; --csv: every field. --fields picks any of INBOX_FIELDS (and `waiting` in
 *   the table).
 * PROFILE shows even when one profile is read: inbox is a cross-profile view, and the columns of
 * its plain lines must not move with the number of profiles configured (scripts cut by position).
 */
import { pagesOf } from "../../model/paged.js";
import type { Ticket } from "../../model/types.js";
import { writeCsv } from "../../render/csv.js";
import { parseFields, pick, TICKET_FIELDS } from "../../render/fields.js";
import { writeJsonArray, writeNdjson } from "../../render/json.js";
import type { Output } from "../../render/output.js";
import { plainLine } from "../../render/plain.js";
import { renderTable } from "../../render/table.js";
import { waitingSince } from "./urgency.js";

/** Every ticket field (the issue-13 timestamps included, whether or not TICKET_FIELDS lists them yet), then waitingSince. */
export const INBOX_FIELDS: readonly string[] = [...new Set<string>([...TICKET_FIELDS, "lastCustomerMessageAt", "firstResponseAt", "resolvedAt", "waitingSince"])];

export type InboxTicket = Ticket & { waitingSince: string | null };

/** The ticket as inbox prints it: every ticket field, then waitingSince (then raw, with --raw). */
export function inboxTicket(t: Ticket): InboxTicket {
  const { raw, ...rest } = t;
  const out: InboxTicket = { ...rest, waitingSince: waitingSince(t) };
  if (raw !== undefined) out.raw = raw;
  return out;
}

/** "<1m", "45m", "3h", "2d", "4mo", "1y": how long it has waited, in its largest whole unit. */
export function waitingText(iso: string | null, now: Date): string {
  if (!iso) return "";
  const s = Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);
  const units: [number, string][] = [
    [365 * 86400, "y"],
    [30 * 86400, "mo"],
    [86400, "d"],
    [3600, "h"],
    [60, "m"],
  ];
  for (const [size, unit] of units) if (s >= size) return `${Math.floor(s / size)}${unit}`;
  return "<1m";
}

/** The columns when --fields is not given: the table's, or the plain lines' (ISO instead of "3h"). */
function defaultColumns(team: boolean, plain: boolean): string[] {
  const cols = ["profile", "id", "priority", plain ? "waitingSince" : "waiting", "status", "subject", "requester"];
  if (team) cols.splice(cols.indexOf("subject"), 0, "assignee");
  return cols;
}

/** The --fields of this output, checked before anything is read (exit 2 naming the unknown ones). */
export function inboxFields(o: Output): string[] | undefined {
  const allowed: string[] = o.format === "table" ? [...INBOX_FIELDS, "waiting"] : [...INBOX_FIELDS, "raw"];
  return parseFields(o.fieldsRaw, allowed);
}

/** Prints the queue in the chosen format; returns how many tickets were printed. */
export async function writeInbox(o: Output, tickets: readonly InboxTicket[], team: boolean, counter: { count: number }): Promise<number> {
  const fields = inboxFields(o);
  const write = o.io.out;
  const stop = () => Boolean(o.io.closed?.aborted);
  async function* items(): AsyncIterable<InboxTicket> {
    for (const t of tickets) {
      if (stop()) return;
      yield t;
    }
  }
  switch (o.format) {
    case "json":
      return writeJsonArray(write, pagesOf(items()), (t) => pick(t, fields), counter);
    case "ndjson":
      return writeNdjson(write, pagesOf(items()), (t) => pick(t, fields), counter);
    case "csv":
      return writeCsv(write, items(), fields ?? INBOX_FIELDS, counter);
    case "table": {
      if (!o.io.isTTY) {
        const keys = fields ?? defaultColumns(team, true);
        for await (const t of items()) {
          write(plainLine(t as unknown as Record<string, unknown>, keys));
          counter.count++;
        }
        return counter.count;
      }
      if (tickets.length === 0) return 0;
      const rows = tickets.map((t) => ({ ...t, waiting: waitingText(t.waitingSince, o.now) }) as Record<string, unknown>);
      write(renderTable(o.io, rows, fields ?? defaultColumns(team, false), o.now));
      counter.count = rows.length;
      return rows.length;
    }
  }
}
