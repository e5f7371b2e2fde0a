/** RFC 4180 CSV, streamed. Cells are sanitized for the terminal (no escape sequences), newlines kept inside quotes. */
import { cellText } from "./fields.js";
import { sanitize } from "./sanitize.js";

export function csvCell(text: string): string {
  const safe = sanitize(text, { multiline: true });
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function writeCsv<T extends object>(write: (s: string) => void, items: AsyncIterable<T>, fields: readonly string[], counter: { count: number } = { count: 0 }): Promise<number> {
  write(`${fields.map(csvCell).join(",")}\r\n`);
  for await (const item of items) {
    write(`${fields.map((f) => csvCell(cellText(item as Record<string, unknown>, f))).join(",")}\r\n`);
    counter.count++;
  }
  return counter.count;
}
