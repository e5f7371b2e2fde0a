/**
 * Plain output for a pipe (DESIGN.md section 4): what a table becomes when stdout is not a terminal
 * and no format was chosen. One line per record, fields separated by one tab, no padding, no
 * color, no header line (like `gh`: `ticket list | wc -l` counts tickets, `| head -1` is the first
 * ticket, `--fields id | ticket close -` reads ids only; `--csv` has a header), dates as the
 * model's ISO-8601 UTC text. Every cell is sanitized onto one line: tabs, newlines and terminal
 * controls in vendor text cannot add a field or a line.
 */
import { cellText } from "./fields.js";
import { sanitize } from "./sanitize.js";

/** One record as one tab-separated line, ending in "\n". */
export function plainLine(record: Record<string, unknown>, keys: readonly string[]): string {
  return `${keys.map((k) => sanitize(cellText(record, k))).join("\t")}\n`;
}

export function renderPlain(rows: readonly Record<string, unknown>[], keys: readonly string[]): string {
  return rows.map((r) => plainLine(r, keys)).join("");
}
