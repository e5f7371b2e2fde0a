/**
 * Horizontal bars drawn with plain block characters (issue 13, `ticket stats`): a whole cell is
 * "█", the last cell one of "▏▎▍▌▋▊▉" (eighths), so a bar has 8 steps per terminal column. No
 * colors here: the caller paints (only on a TTY, render/color.ts).
 */
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] as const;

/**
 * A bar for `value` out of `max`, at most `width` columns. A value above 0 always shows at least
 * "▏", so a small count is never mistaken for none; 0 (or max 0) is "".
 */
export function bar(value: number, max: number, width: number): string {
  if (!(value > 0) || !(max > 0) || width <= 0) return "";
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  const full = Math.floor(eighths / 8);
  return "█".repeat(full) + EIGHTHS[eighths % 8]!;
}
