/**
 * Small formatting helpers for people: dates (relative, compact relative, absolute local time)
 * and cutting text to a display width.
 *
 * Widths are display columns, not UTF-16 units: a CJK character or an emoji takes two columns,
 * a combining mark none (string-width). A table that counts code points overflows the terminal
 * on the first Chinese subject.
 */
import stringWidth from "string-width";
import { sanitize } from "./sanitize.js";

const UNITS: [limitSeconds: number, seconds: number, name: string, short: string][] = [
  [60, 1, "second", "s"],
  [3600, 60, "minute", "m"],
  [86400, 3600, "hour", "h"],
  [86400 * 30, 86400, "day", "d"],
  [86400 * 365, 86400 * 30, "month", "mo"],
  [Infinity, 86400 * 365, "year", "y"],
];

function relative(iso: string | null, now: Date, compact: boolean): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return sanitize(iso);
  const diff = Math.round((now.getTime() - t) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return "just now";
  for (const [limit, size, name, short] of UNITS) {
    if (abs < limit) {
      const n = Math.max(1, Math.round(abs / size));
      const label = compact ? `${n}${short}` : `${n} ${name}${n === 1 ? "" : "s"}`;
      return diff >= 0 ? `${label} ago` : `in ${label}`;
    }
  }
  return sanitize(iso);
}

/** "3 minutes ago", "in 2 days", "just now"; "" for null. */
export function relativeTime(iso: string | null, now: Date): string {
  return relative(iso, now, false);
}

/** The same, short, for narrow tables: "3m ago", "11h ago", "2d ago", "4mo ago", "in 2h". */
export function relativeTimeShort(iso: string | null, now: Date): string {
  return relative(iso, now, true);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * "2026-11-20 14:03" in the local time zone (TZ), the way people read a clock; "" for null, the
 * text itself (sanitized) when it is not a date.
 */
export function absoluteTime(iso: string | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return sanitize(iso);
  const d = new Date(t);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** "2026-11-20 14:03 (3 days ago)": both, for a thread where the order and the age both matter. */
export function whenText(iso: string | null, now: Date): string {
  const abs = absoluteTime(iso);
  if (!abs || abs === sanitize(iso ?? "")) return abs;
  return `${abs} (${relativeTime(iso, now)})`;
}

/** Display columns the text takes on a terminal (ANSI colors take none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cut to `width` display columns, ending in "…" when anything was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (stringWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const { segment } of segmenter().segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Pad with spaces to `width` display columns (never cuts). */
export function padEnd(text: string, width: number): string {
  const w = stringWidth(text);
  return w >= width ? text : text + " ".repeat(width - w);
}

let graphemes: Intl.Segmenter | undefined;
/** Grapheme clusters, so a cut never splits an emoji sequence or a letter from its accent. */
function segmenter(): Intl.Segmenter {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return graphemes;
}
