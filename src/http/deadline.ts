/**
 * The timers of one request (src/http/client.ts's got requests and ./lean-get.ts's GETs): one
 * deadline over the whole request, its retries and its answer included, moved on by time spent
 * waiting for a place under the rate limit (`holds`, called by the pacer's wait); and the notice
 * of a request still without its answer after `slowAfterMs` (onSlow; the timer keeps no process alive).
 */
export interface RequestTimerOptions {
  deadlineMs: number;
  /** Each request's deadline (epoch ms), read by the 429 gate and the retry delay. */
  deadlines: WeakMap<object, number>;
  holds: WeakMap<object, (ms: number) => void>;
  onExpire: () => void;
  slowAfterMs: number;
  onSlow?: ((waitedMs: number) => (() => void) | void) | undefined;
}

/** Starts the timers of the request `key`; `clear()` when it ends, however it ends. */
export function startRequestTimers(key: object, o: RequestTimerOptions): { clear(): void } {
  let end = Date.now() + o.deadlineMs;
  o.deadlines.set(key, end);
  let timer = setTimeout(o.onExpire, o.deadlineMs);
  o.holds.set(key, (ms) => {
    if (ms <= 0) return;
    end += ms;
    o.deadlines.set(key, end);
    clearTimeout(timer);
    timer = setTimeout(o.onExpire, Math.max(0, end - Date.now()));
  });
  const slow: { end?: (() => void) | void } = {};
  const slowTimer = o.onSlow ? setTimeout(() => (slow.end = o.onSlow?.(o.slowAfterMs)), o.slowAfterMs) : undefined;
  slowTimer?.unref();
  return {
    clear() {
      clearTimeout(timer);
      clearTimeout(slowTimer);
      slow.end?.();
    },
  };
}
