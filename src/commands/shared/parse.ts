/** Turning raw option strings into typed values, with UsageErrors that say what was expected. */
import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { PRIORITIES, STATUSES, type Priority, type Status } from "../../model/enums.js";
import type { LocalFile } from "../../providers/types.js";

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "90d", "12h", "30m", "2w", or a date/time ("2026-01-31", ISO). */
export function parseWhen(value: string | undefined, flag: string, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const rel = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2]!]!);
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`${flag} takes a duration like 90d, 12h, 2w or a date like 2026-01-31, not "${value}"`);
  return new Date(t);
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

export function parseLimit(value: string | undefined, all: boolean | undefined): number | undefined {
  if (all) return undefined;
  const n = Number(value ?? "30");
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit takes a positive whole number, not "${value}"`);
  return n;
}

export function parsePositiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, not "${value}"`);
  return n;
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
