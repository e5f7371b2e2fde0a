/** Date helpers every provider shares: the model's dates are ISO-8601 UTC with milliseconds, or null. */

/** ISO UTC from an ISO string with any offset, an epoch in ms (number or digits), or a Date; null when absent/invalid. */
export function toIsoUtc(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (/^\d{10,}$/.test(value)) ms = Number(value);
  else ms = Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toISOString();
}

/**
 * ISO UTC from a wall-clock "yyyy-MM-dd HH:mm:ss" in an IANA time zone (Sobot), using Intl:
 * no time-zone database dependency.
 */
export function zonedToIsoUtc(wall: string | null | undefined, timeZone: string): string | null {
  if (!wall) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return toIsoUtc(wall);
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at that instant (two passes settle DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (positive east of UTC). */
export function offsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(ms / 1000) * 1000;
}
