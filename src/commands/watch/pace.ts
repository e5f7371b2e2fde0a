/**
 * How often `ticket watch` may poll a profile, and how long it waits after a failure.
 *
 * - The floor: where the vendor documents a rate limit (descriptor `rateLimit`; Comm100: 300 calls
 *   per 5 minutes, vendor-notes 2.1) or TICKET_RATE_LIMIT sets one (../../http/pace.ts, which also
 *   paces every request under the whole limit), a watch never spends more than half of it: each
 *   request of a poll is worth 2 * perMs / calls of waiting (Comm100: 2 s), and a poll costs one
 *   request plus one per page beyond the first.
 * - Backoff: after the n-th failure in a row, the interval (at least 1 s) times 2^(n-1), capped at
 *   5 minutes (or the interval, when longer); never less than a 429's Retry-After.
 */
import type { VendorDescriptor } from "../../providers/descriptor.js";
import { retryAfterMs } from "../../http/gate.js";
import { rateLimitOf as paceLimitOf, type RateLimit } from "../../http/pace.js";

export { describeRateLimit, type RateLimit } from "../../http/pace.js";

/** Tickets a list page holds at least, for counting a poll's requests (Comm100 pages hold 50). */
const TICKETS_PER_PAGE = 50;
export const MAX_BACKOFF_MS = 5 * 60_000;

/** The profile's limit: TICKET_RATE_LIMIT (CALLS/SECONDS, or off), else the vendor's documented one. */
export function rateLimitOf(d: VendorDescriptor, env: NodeJS.ProcessEnv): RateLimit | undefined {
  const documented = (d as VendorDescriptor & { rateLimit?: RateLimit }).rateLimit;
  return paceLimitOf({ documented: documented ? { calls: documented.calls, perMs: documented.perMs } : undefined }, env) ?? undefined;
}

/** Waiting one request is worth under half the budget (ms); 0 without a documented limit. */
export function perRequestMs(limit: RateLimit | undefined): number {
  return limit ? Math.ceil((2 * limit.perMs) / limit.calls) : 0;
}

/** Requests a poll that read `tickets` tickets made (at least one). */
export const pollCost = (tickets: number) => 1 + Math.floor(Math.max(0, tickets - 1) / TICKETS_PER_PAGE);

export function nextPollIn(intervalMs: number, limit: RateLimit | undefined, tickets: number): number {
  return Math.max(intervalMs, perRequestMs(limit) * pollCost(tickets));
}

/** The wait after the `failures`-th failure in a row. */
export function backoffMs(intervalMs: number, failures: number, err: unknown, limit: RateLimit | undefined): number {
  const base = Math.max(intervalMs, 1000);
  const cap = Math.max(MAX_BACKOFF_MS, intervalMs);
  const exp = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  return Math.max(exp, retryAfterOf(err) ?? 0, perRequestMs(limit));
}

/** A 429's Retry-After (ms), found on the error or its causes (got's HTTPError keeps the response). */
export function retryAfterOf(err: unknown): number | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur; i++) {
    const headers = (cur as { response?: { headers?: Record<string, string | string[] | undefined> } }).response?.headers;
    const ms = headers ? retryAfterMs(headers["retry-after"]) : undefined;
    if (ms !== undefined) return ms;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** "0.6s", "40s", "2m", "1h 5m". */
export function duration(ms: number): string {
  if (ms < 10_000) return `${Math.round(ms / 100) / 10}s`;
  if (ms < 90_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)}m`;
  const m = Math.round(ms / 60_000);
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}
