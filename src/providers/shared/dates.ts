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
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toISOString();
}
