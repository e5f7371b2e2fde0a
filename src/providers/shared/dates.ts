/**
 * Date helpers providers share: the model's dates are ISO-8601 UTC with milliseconds, or null.
 * Wall-clock strings in a vendor time zone (Sobot) are handled in that provider's time.ts.
 */

/** ISO UTC from an ISO string with any offset, an epoch in ms (number or digits), or a Date; null when absent/invalid. */
export function toIsoUtc(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string" && isCanonicalIso(value)) return value;
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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `text` is already what toIsoUtc would print for it: "YYYY-MM-DDTHH:mm:ss.sssZ" with
 * every field in range (hour 24, day 31 of a 30-day month and the like are left to Date.parse,
 * which moves them). Most vendor dates are; this spares a Date and a new string per date on a
 * long list (issue 12). Read digit by digit: a RegExp match would allocate its groups.
 */
function isCanonicalIso(text: string): boolean {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return false;
  if (!at(text, 4, 45 /* - */) || !at(text, 7, 45) || !at(text, 10, 84 /* T */) || !at(text, 13, 58 /* : */) || !at(text, 16, 58) || !at(text, 19, 46 /* . */)) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 0 || digits(text, 20, 23) < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** Whether `text` has the character `code` at `i`. (Module functions, not closures: a closure is an allocation per call.) */
function at(text: string, i: number, code: number): boolean {
  return text.charCodeAt(i) === code;
}

/** The decimal number text[from..to) spells, or -1 when a character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
