/**
 * Tables for people, fitted to the terminal (issue 11 item 1). Color only when io.colorLevel > 0
 * (a TTY, NO_COLOR, FORCE_COLOR, --no-color); dates humanized; every untrusted cell sanitized.
 * A table only goes to a terminal: on a pipe it is plain tab-separated lines with ISO dates
 * (./plain.ts).
 *
 * Which columns are shown at which width, and how they are cut: ./columns.ts. The layout is a
 * borderless grid, two spaces between columns, no trailing spaces, so no line is wider than the
 * terminal (io.columns) unless ids alone are. The `show` view lives in ./thread.ts.
 */
import type { ChalkInstance } from "chalk";
import type { IO } from "../io.js";
import { paint, priorityColor, statusColor } from "./color.js";
import { fitColumns, flexKeyOf, GAP, isDateKey, kindOf, type ColumnSpec } from "./columns.js";
import { cellText, HEADERS } from "./fields.js";
import { displayWidth, padEnd, relativeTime, relativeTimeShort, truncate } from "./format.js";
import { renderPlain } from "./plain.js";
import { sanitize } from "./sanitize.js";
import { inlineValue } from "./values.js";

export { paint } from "./color.js";
export { renderDetail, renderMessage, renderTicket } from "./thread.js";

/** A cell's text, one line: nested values as "key: value" text, never raw JSON. */
function cellValue(record: Record<string, unknown>, key: string): string {
  const v = record[key];
  if (key === "messages" && Array.isArray(v)) return `${v.length} message${v.length === 1 ? "" : "s"}`;
  if (key === "history" && Array.isArray(v)) return `${v.length} event${v.length === 1 ? "" : "s"}`;
  if (key === "customFields" || key === "satisfaction") return inlineValue(v);
  if (key !== "raw" && typeof v === "object" && v !== null && !["assignee", "requester", "team", "author", "tags", "attachments"].includes(key)) return inlineValue(v);
  return sanitize(cellText(record, key));
}

function colored(c: ChalkInstance, key: string, text: string): string {
  if (key === "status") return statusColor(c, text);
  if (key === "priority") return priorityColor(c, text);
  if (key === "id") return c.bold(text);
  return text;
}

/**
 * Render records as a borderless table fitted to io.columns (./columns.ts says what is dropped
 * and cut, and in which order). When stdout is not a terminal: plain lines instead
 * (tab-separated, no header, ISO dates).
 */
export function renderTable(io: IO, rows: Record<string, unknown>[], keys: readonly string[], now: Date): string {
  if (!io.isTTY) return renderPlain(rows, keys);
  const c = paint(io);
  const headers = keys.map((k) => HEADERS[k] ?? k.toUpperCase());
  const long = rows.map((r) => keys.map((k) => (isDateKey(k) ? relativeTime((r[k] as string | null) ?? null, now) : cellValue(r, k))));
  const short = rows.map((r) => keys.map((k) => (isDateKey(k) ? relativeTimeShort((r[k] as string | null) ?? null, now) : "")));
  const flexKey = flexKeyOf(keys);
  const specs: ColumnSpec[] = keys.map((key, i) => {
    const natural = Math.max(displayWidth(headers[i]!), ...long.map((row) => displayWidth(row[i]!)));
    const spec: ColumnSpec = { key, kind: kindOf(key, flexKey), natural, empty: long.every((row) => row[i] === "") };
    if (isDateKey(key)) spec.short = Math.max(displayWidth(headers[i]!), ...short.map((row) => displayWidth(row[i]!)));
    return spec;
  });
  const layout = fitColumns(specs, io.columns);
  const line = (cells: string[]) => cells.join(" ".repeat(GAP)).trimEnd();
  const last = layout.shown.length - 1;
  const out: string[] = [];
  out.push(
    line(
      layout.shown.map((i, n) => {
        const w = layout.widths[n]!;
        const h = truncate(headers[i]!, w);
        return n === last ? c.bold(h) : c.bold(padEnd(h, w));
      }),
    ),
  );
  rows.forEach((_, r) => {
    out.push(
      line(
        layout.shown.map((i, n) => {
          const w = layout.widths[n]!;
          const text = layout.shortDates && isDateKey(keys[i]!) ? short[r]![i]! : long[r]![i]!;
          const cut = truncate(text, w);
          const shown = colored(c, keys[i]!, cut);
          return n === last ? shown : padEnd(shown, w);
        }),
      ),
    );
  });
  return `${out.join("\n")}\n`;
}
