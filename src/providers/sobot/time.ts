/**
 * Sobot times: `*_ms` epoch milliseconds (preferred) and "yyyy-MM-dd HH:mm:ss" strings in the
 * time zone named by the `timezoneid` header. Both become ISO-8601 UTC. Uses Intl only.
 */

import { isoOrNull } from "../shared/dates.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * True when Intl knows this IANA zone name. A canonical name is found in Intl's list of zones
 * (under half a MB); only another spelling (an alias, another case) builds a formatter, which maps
 * ICU's calendar and zone data: about 8 MB of resident memory that a list walk whose tickets carry
 * epoch milliseconds never needs (issue 12: a Sobot walk's peak RSS).
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (canonicalZones().has(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

let zones: Set<string> | undefined;
function canonicalZones(): Set<string> {
  try {
    zones ??= new Set(Intl.supportedValuesOf("timeZone"));
  } catch {
    zones = new Set();
  }
  return zones;
}

/** Epoch ms of a UTC wall clock; unlike Date.UTC, years 0-99 are those years, not 1900-1999. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return new Date(Date.UTC(1970, 0, 1, hour, minute, second)).setUTCFullYear(year, month - 1, day);
}

/** The zone's offset from UTC (ms) at the instant `epochMs`. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  let bc = false;
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type === "era") bc = p.value.startsWith("B");
    else if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  // The formatter counts years before 1 AD as "1 BC", "2 BC"...: astronomical year 0, -1...
  const year = parts.year === undefined ? 1970 : bc ? 1 - parts.year : parts.year;
  const asUtc = utcMs(year, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return asUtc - wholeSeconds;
}

const LOCAL_PATTERN = /^\s*(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?:[ T]+(\d{1,2})\s*:\s*(\d{1,2})(?:\s*:\s*(\d{1,2}))?)?\s*$/;

/**
 * Epoch ms of a wall-clock string in `timeZone`, or null when it does not parse.
 * Tolerates the doc's spaced examples ("2018- 09 - 18 12 :00: 00").
 */
export function parseZoned(text: string, timeZone: string): number | null {
  const m = LOCAL_PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = utcMs(year, month, day, hour, minute, second);
  // First guess with the offset at the wall time read as UTC, then correct once (DST edges).
  let epoch = wall - zoneOffsetMs(wall, timeZone);
  const corrected = wall - zoneOffsetMs(epoch, timeZone);
  if (corrected !== epoch) epoch = corrected;
  return epoch;
}

/** Plausible epoch-ms range: the doc's own examples contain a 14-digit typo (16780853234040). */
const MAX_PLAUSIBLE_MS = Date.UTC(2200, 0, 1);

function plausibleMs(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 0 || n >= MAX_PLAUSIBLE_MS) return null;
  return n;
}

/** ISO UTC from a `*_ms` value, falling back to the zoned string; null when neither is usable. */
export function toIso(ms: unknown, text: string | null | undefined, timeZone: string): string | null {
  const fromMs = plausibleMs(ms);
  if (fromMs !== null) return isoOrNull(fromMs);
  if (text) {
    // isoOrNull: a wall clock near the edge of year 9999 may land in year 10000 in UTC (or be past
    // what a Date holds), which has no ISO-8601 form: null, never a RangeError.
    const parsed = parseZoned(text, timeZone);
    if (parsed !== null) return isoOrNull(parsed);
  }
  return null;
}

/** Epoch ms for sorting: same preference as toIso; 0 when unknown. */
export function toEpoch(ms: unknown, text: string | null | undefined, timeZone: string): number {
  const iso = toIso(ms, text, timeZone);
  return iso === null ? 0 : Date.parse(iso);
}
