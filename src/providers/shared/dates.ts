/**
 * Date helpers providers share: the model's dates are ISO-8601 UTC with milliseconds, or null.
 * Wall-clock strings in a vendor time zone (Sobot) are handled in that provider's time.ts.
 */

/** ISO UTC from an ISO string with any offset, an epoch in ms (number or digits), or a Date; null when absent/invalid. */
export function toIsoUtc(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (/^\d{10,}$/.test(value)) ms = Number(value);
  else ms = Date.parse(value);
  return isoOrNull(ms);
}

/** ISO UTC for epoch ms inside years 0000-9999 (the model's format), else null: never throws. */
export function isoOrNull(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) return null;
  return d.toISOString();
}
