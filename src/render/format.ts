/** Small formatting helpers for people: relative dates and truncation. */
import { sanitize } from "./sanitize.js";

const UNITS: [limitSeconds: number, seconds: number, name: string][] = [
  [60, 1, "second"],
  [3600, 60, "minute"],
  [86400, 3600, "hour"],
  [86400 * 30, 86400, "day"],
  [86400 * 365, 86400 * 30, "month"],
  [Infinity, 86400 * 365, "year"],
];

/** "3 minutes ago", "in 2 days", "just now"; "" for null. */
export function relativeTime(iso: string | null, now: Date): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return sanitize(iso);
  const diff = Math.round((now.getTime() - t) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return "just now";
  for (const [limit, size, name] of UNITS) {
    if (abs < limit) {
      const n = Math.max(1, Math.round(abs / size));
      const label = `${n} ${name}${n === 1 ? "" : "s"}`;
      return diff >= 0 ? `${label} ago` : `in ${label}`;
    }
  }
  return sanitize(iso);
}

/** Cut to `width` display characters with an ellipsis. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return "";
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}
