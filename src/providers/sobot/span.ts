/**
 * How far back a Sobot list goes when no --since bounds it. Sobot lists only by creation (or
 * update) time, in windows of at most one month (doc lines 2913-2914, 4929), and has no "every
 * ticket" query, so a walk needs a start:
 *
 *   - no --all, no --since: the last DEFAULT_LIST_DAYS days (guesses.ts), as before;
 *   - --all, no --since: TICKET_SOBOT_MAX_MONTHS calendar months (default 24) back from --until or
 *     now, and stderr says which span was covered, since older tickets are not listed.
 */
import { UsageError } from "../../errors.js";
import type { ListQuery } from "../types.js";

export const MAX_MONTHS_ENV = "TICKET_SOBOT_MAX_MONTHS";

/** The choice: `list --all` walks two years back unless TICKET_SOBOT_MAX_MONTHS says otherwise. */
export const DEFAULT_MAX_MONTHS = 24;

/** TICKET_SOBOT_MAX_MONTHS as a plain positive integer (unset or empty: the default); anything else exit 2 naming it. */
export function maxMonthsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[MAX_MONTHS_ENV];
  if (value === undefined || value === "") return DEFAULT_MAX_MONTHS;
  const n = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new UsageError(`${MAX_MONTHS_ENV} takes a positive whole number of months like ${DEFAULT_MAX_MONTHS}, not "${value}"`, { vendor: "sobot" });
  }
  return n;
}

/**
 * Whether the user asked for every ticket (--all). ListQuery.all says so when the list command
 * passes it (the command reads every ticket to sort them, so its limit is no sign); without it,
 * no limit means everything (types.ts: "undefined = everything (--all)").
 */
export function wantsEverything(q: ListQuery): boolean {
  const all = (q as ListQuery & { all?: boolean | undefined }).all;
  return all ?? q.limit === undefined;
}

/** The same UTC day and time `months` calendar months earlier (clamped to the month's last day); never before 1970. */
export function monthsBefore(ms: number, months: number): number {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  if (total < 1970 * 12) return 0;
  const [year, month] = [Math.floor(total / 12), total % 12];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What stderr says when the bound ended an `--all` walk: the span covered, inclusive, in UTC days. */
export function coveredNote(from: number, to: number, months: number): string {
  return `covered ${day(from)} .. ${day(to)} (${months} months; ${MAX_MONTHS_ENV} raises it)`;
}
