/**
 * The slow-down gate, shared by every client of one profile (one HttpEnvironment, so every worker
 * of a bulk run): when any request is answered 429, every new request waits until the Retry-After
 * has passed (seconds or an HTTP date; without one, the first retry delay), not just the request
 * that was refused.
 */
import { InterruptedError } from "../errors.js";

const gates = new WeakMap<object, { until: number }>();

/** The gate of a profile's HTTP environment (created on first use). */
export function gateFor(env: object): { until: number } {
  let gate = gates.get(env);
  if (!gate) gates.set(env, (gate = { until: 0 }));
  return gate;
}

/** A 429 answer closes the profile's gate for its Retry-After (without one, `baseMs`). */
export function closeGate(gate: { until: number }, retryAfter: string | string[] | undefined, baseMs: number): void {
  gate.until = Math.max(gate.until, Date.now() + (retryAfterMs(retryAfter) ?? baseMs));
}

/** Retry-After in ms (seconds or an HTTP date), capped at 2 minutes; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === "") return undefined;
  const seconds = Number(text);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 120_000) : undefined;
}

/**
 * The wait before retry number `attempt` of a request (got's retries in client.ts, lean-get.ts's):
 * Retry-After when the answer sent one (seconds or an HTTP date, at least 1 ms; got's own reading
 * turns "0" into a full second), else a doubling backoff from `baseMs` with jitter, at most 30 s.
 * 0, no retry, when the retry could not end before the request's `deadline`: the error stands.
 */
export function retryDelayMs(attempt: number, retryAfter: string | string[] | undefined, deadline: number, baseMs: number): number {
  const fits = (ms: number) => (Date.now() + ms + 50 < deadline ? ms : 0);
  if (retryAfter !== undefined) return fits(Math.max(retryAfterMs(retryAfter) ?? baseMs, 1));
  return fits(Math.min(baseMs * 2 ** (attempt - 1) + Math.random() * baseMs, 30_000));
}

/** Sleep `ms`, or stop with an InterruptedError when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new InterruptedError());
    const done = () => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    signal?.addEventListener("abort", aborted, { once: true });
  });
}
