/** Turning raw option strings into typed values, with UsageErrors that say what was expected. */
import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { PRIORITIES, STATUSES, type Priority, type Status } from "../../model/enums.js";
import type { LocalFile } from "../../providers/types.js";

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

const WHEN_FORMS = "a span (15m, 24h, 7d, 2w), an ISO-8601 date (2026-01-31) or date-time with a zone (2026-01-31T10:00:00Z, 2026-01-31T10:00+02:00)";

/** A span: a plain positive integer and a unit, m(inutes) h(ours) d(ays) w(eeks). */
const SPAN = /^([1-9][0-9]{0,8})([mhdw])$/;
/** An ISO-8601 calendar date, optionally with a time that then needs a zone (Z or ±HH:MM). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Date.UTC without its 0..99 -> 1900s year mapping. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/**
 * `--since`-style values: a span back from now ("15m", "24h", "7d", "2w"), an ISO-8601 date
 * ("2026-01-31", midnight UTC) or an ISO-8601 date-time with a zone ("2026-01-31T10:00:00Z",
 * "2026-01-31T10:00:00+02:00"). Anything else ("1", "Nov 1", a time without a zone) and dates that
 * are not on the calendar ("2026-02-30") are usage errors naming the flag. No Date.parse guessing.
 */
export function parseWhen(value: string | undefined, flag: string, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const span = SPAN.exec(v);
  if (span) return new Date(now.getTime() - Number(span[1]) * UNIT_MS[span[2]!]!);
  const iso = ISO.exec(v);
  if (!iso) throw new UsageError(`${flag} takes ${WHEN_FORMS}, not "${value}"`);
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = iso;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) throw new UsageError(`${flag}: ${v.slice(0, 10)} is not a date on the calendar`);
  if (h === undefined) return new Date(utc(year, month, day));
  if (!zulu && !sign) throw new UsageError(`${flag}: "${value}" has a time but no zone; add Z or an offset like +02:00`);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? "0");
  if (hour > 23 || minute > 59 || second > 59) throw new UsageError(`${flag}: "${value}" is not a valid time of day`);
  let offsetMin = 0;
  if (sign) {
    const ohn = Number(oh);
    const omn = Number(om);
    if (ohn > 23 || omn > 59) throw new UsageError(`${flag}: "${value}" has an invalid zone offset`);
    offsetMin = (sign === "-" ? -1 : 1) * (ohn * 60 + omn);
  }
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  return new Date(utc(year, month, day, hour, minute, second, ms) - offsetMin * 60_000);
}

function parseEnumList<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (bad.length || items.length === 0) throw new UsageError(`${flag} takes ${allowed.join(", ")} (comma-separated), not "${value}"`);
  return items as T[];
}

export const parseStatuses = (v: string | undefined) => parseEnumList<Status>(v, STATUSES, "--status");
export const parsePriorities = (v: string | undefined) => parseEnumList<Priority>(v, PRIORITIES, "--priority");

export function parseOne<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  const list = parseEnumList(value, allowed, flag);
  if (list && list.length > 1) throw new UsageError(`${flag} takes one value`);
  return list?.[0];
}

/**
 * A plain positive integer, as people write it in decimal: "30". Refused: "0", "-1", "1.5", "1e2",
 * "0x10", "+5", surrounding spaces, and a leading zero ("010": octal to some tools, decimal to
 * others, so neither guess is made). Usage error naming the flag.
 */
export function parsePositiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    const hint = /^0[0-9]+$/.test(value) ? " (no leading zeros)" : "";
    throw new UsageError(`${flag} takes a positive whole number like 30${hint}, not "${value}"`);
  }
  return n;
}

/** DEFAULT_LIMIT applies when neither --limit nor --all was given; both together are a usage error. */
export const DEFAULT_LIMIT = 30;

export function parseLimit(value: string | undefined, all: boolean | undefined): number | undefined {
  if (all) {
    if (value !== undefined) throw new UsageError("--all and --limit contradict each other: use one (--all lists every matching ticket)");
    return undefined;
  }
  return parsePositiveInt(value, "--limit") ?? DEFAULT_LIMIT;
}

/** ["a=1", "b=2"] -> { a: "1", b: "2" } */
export function parseKeyValues(items: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const i = item.indexOf("=");
    if (i <= 0) throw new UsageError(`${flag} takes key=value, not "${item}"`);
    out[item.slice(0, i).trim()] = item.slice(i + 1);
  }
  return out;
}

/** Check local files exist before anything is sent. */
export function localFiles(paths: string[] | undefined): LocalFile[] {
  return (paths ?? []).map((p) => {
    const full = resolve(p);
    let size: number;
    try {
      const st = statSync(full);
      if (!st.isFile()) throw new Error("not a file");
      size = st.size;
    } catch {
      throw new UsageError(`cannot read file ${p}`);
    }
    return { path: full, name: basename(full), size };
  });
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
export function strs(v: unknown): string[] | undefined {
  return Array.isArray(v) ? (v as string[]) : undefined;
}

/** The flags given to this command, as typed (`bodyFile` -> `--body-file`, which also counts as `--body`). */
export function flagsGiven(opts: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(opts)) {
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue;
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    out.push(flag);
    if (flag === "--body-file") out.push("--body");
  }
  return out;
}
