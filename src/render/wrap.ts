/**
 * Wrapping text to the terminal width (wrap-ansi: display widths, hard breaks in words longer
 * than a line). A line's own indentation (a quoted reply, a list) is kept on every piece of it.
 */
import wrapAnsi from "wrap-ansi";
import { displayWidth } from "./format.js";

const TAB = 8;

function expandLeadingTabs(line: string): string {
  const lead = /^[ \t]*/.exec(line)![0];
  let col = 0;
  for (const ch of lead) col = ch === "\t" ? col + TAB - (col % TAB) : col + 1;
  return " ".repeat(col) + line.slice(lead.length);
}

/**
 * `text` (lines separated by \n) as lines of at most `width` display columns. Blank lines stay;
 * trailing spaces go. A line's leading spaces (tabs expanded) are repeated on its continuation
 * lines, up to half the width.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = expandLeadingTabs(raw).trimEnd();
    const indent = " ".repeat(Math.min(/^ */.exec(line)![0].length, Math.floor(w / 2)));
    const rest = line.slice(indent.length).trimStart();
    if (!rest) {
      out.push("");
      continue;
    }
    for (const piece of wrapAnsi(rest, Math.max(1, w - indent.length), { hard: true, trim: true }).split("\n")) out.push(indent + piece);
  }
  return out;
}

/**
 * `text` wrapped to `width` with `first` before its first line and `rest` before every other one
 * (a label and its hanging indent: "Tags      a, b," / "          c").
 */
export function hang(first: string, rest: string, text: string, width: number): string[] {
  const room = Math.max(1, width - Math.max(displayWidth(first), displayWidth(rest)));
  return wrapText(text, room).map((line, i) => `${i === 0 ? first : rest}${line}`.trimEnd());
}
