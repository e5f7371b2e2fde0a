/**
 * The pacer: keeps a profile's requests under a vendor's documented rate limit (issue 12 item 3),
 * the way the slow-down gate (gate.ts) keeps them behind a 429 nobody documented. One pacer per
 * profile's HTTP environment, so every worker of a bulk run and every client of the provider (the
 * token request on the profile's origin too) draws on the same budget.
 *
 * A sliding window: at most `calls` requests in any `perMs`. A request holds its place from the
 * moment it is sent until `perMs` after its answer (or its failure) arrived. The vendor counted it
 * at some moment in between, so a place is given again only once that moment is surely a whole
 * window back, however long the request took: the vendor never sees more than `calls` in any
 * window of its own, whether it counts in a sliding or a fixed one. Waiting requests go in the order
 * they asked.
 */
import { InterruptedError, UsageError } from "../errors.js";

export interface RateLimit {
  calls: number;
  perMs: number;
}

/** A request's place in the window: `end` is when it stops counting (Infinity while it is in flight). */
export interface PaceSlot {
  end: number;
}

/** "300 calls per 5 min". */
export function describeRateLimit(limit: RateLimit): string {
  const s = limit.perMs / 1000;
  const per = s % 60 === 0 && s >= 60 ? `${s / 60} min` : `${s} s`;
  return `${limit.calls} calls per ${per}`;
}

/**
 * A limit as written by a user: `CALLS/SECONDS` ("600/300" is 600 calls per 5 minutes), or `off`
 * (no pacing). `from` names where it came from, for the usage error.
 */
export function parseRateLimit(text: string, from: string): RateLimit | null {
  const value = text.trim().toLowerCase();
  if (value === "off" || value === "none") return null;
  const m = /^([1-9][0-9]*)\s*\/\s*([0-9]+(?:\.[0-9]+)?)$/.exec(value);
  const calls = m ? Number(m[1]) : NaN;
  const seconds = m ? Number(m[2]) : NaN;
  if (!Number.isSafeInteger(calls) || !(seconds > 0) || seconds > 86_400) {
    throw new UsageError(`${from} takes CALLS/SECONDS like 300/300 (300 calls per 5 minutes), or off, not "${text}"`);
  }
  return { calls, perMs: Math.round(seconds * 1000) };
}

export class Pacer {
  /** Requests that still count against the window. */
  private live: PaceSlot[] = [];
  private waiters: { signal: AbortSignal | undefined; go: () => void; stop: () => void }[] = [];
  private readonly watched = new WeakSet<AbortSignal>();
  private timer: NodeJS.Timeout | undefined;
  /** Whether a terminal has been told that requests wait on the limit (said once per run). */
  told = false;

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A place for one request: at once when the window has room and nobody waits before it, else
   * when it has. `onWait` is told how long the wait looks (Infinity: until a request in flight
   * ends) when this request has to wait.
   */
  acquire(signal?: AbortSignal, onWait?: (ms: number) => void): Promise<PaceSlot> {
    if (signal?.aborted) return Promise.reject(new InterruptedError());
    if (this.waiters.length === 0 && this.hasRoom()) return Promise.resolve(this.take());
    onWait?.(this.nextRoomIn());
    return new Promise<PaceSlot>((resolve, reject) => {
      this.waiters.push({ signal, go: () => resolve(this.take()), stop: () => reject(new InterruptedError()) });
      // One listener per signal however many wait on it (a bulk run's workers share the run's).
      if (signal && !this.watched.has(signal)) {
        this.watched.add(signal);
        signal.addEventListener("abort", () => this.abandon(signal), { once: true });
      }
      this.schedule();
    });
  }

  /** Every request waiting under `signal` stops with an interruption. */
  private abandon(signal: AbortSignal): void {
    const gone = this.waiters.filter((w) => w.signal === signal);
    this.waiters = this.waiters.filter((w) => w.signal !== signal);
    for (const w of gone) w.stop();
    this.schedule();
  }

  /** The request of `slot` has ended (answered or failed): it counts for one more window. Idempotent. */
  release(slot: PaceSlot | undefined): void {
    if (!slot || slot.end !== Infinity) return;
    slot.end = this.now() + this.limit.perMs;
    this.pump();
  }

  /** How many requests count against the window now (tests). */
  get inWindow(): number {
    this.prune();
    return this.live.length;
  }

  private take(): PaceSlot {
    const slot: PaceSlot = { end: Infinity };
    this.live.push(slot);
    return slot;
  }

  private prune(): void {
    const now = this.now();
    if (this.live.some((s) => s.end <= now)) this.live = this.live.filter((s) => s.end > now);
  }

  private hasRoom(): boolean {
    this.prune();
    return this.live.length < this.limit.calls;
  }

  /** When a place frees up by time alone (Infinity: only when a request in flight ends). */
  private nextRoomIn(): number {
    this.prune();
    if (this.live.length < this.limit.calls) return 0;
    const ends = this.live.map((s) => s.end).sort((a, b) => a - b);
    const nth = ends[this.live.length - this.limit.calls] ?? Infinity;
    return nth === Infinity ? Infinity : Math.max(0, nth - this.now());
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.hasRoom()) this.waiters.shift()!.go();
    this.schedule();
  }

  /** Wake the queue when the earliest place frees up by time (a release wakes it otherwise). */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiters.length === 0) return;
    const wait = this.nextRoomIn();
    if (wait === Infinity) return;
    this.timer = setTimeout(() => this.pump(), Math.max(1, wait));
  }
}

const pacers = new WeakMap<object, Pacer | null>();

/** The pacer of a profile's HTTP environment (created on first use), or null when its limit is null. */
export function pacerFor(env: object, limit: () => RateLimit | null): Pacer | null {
  if (pacers.has(env)) return pacers.get(env)!;
  const known = limit();
  const pacer = known ? new Pacer(known) : null;
  pacers.set(env, pacer);
  return pacer;
}

/** Where a profile's limit comes from: the run's own setting, else TICKET_RATE_LIMIT, else the vendor's documented one. */
export interface PaceSource {
  /** Set by whoever builds the environment: a limit, or null for none. Undefined: look further. */
  rateLimit?: RateLimit | null | undefined;
  /** The vendor's documented limit (its descriptor's rateLimit), or undefined when it documents none. */
  documented?: RateLimit | undefined;
}

/** TICKET_RATE_LIMIT=CALLS/SECONDS (or off) overrides every profile's limit for the run. */
export function rateLimitOf(source: PaceSource, processEnv: NodeJS.ProcessEnv = process.env): RateLimit | null {
  if (source.rateLimit !== undefined) return source.rateLimit;
  const override = processEnv["TICKET_RATE_LIMIT"];
  if (override !== undefined && override.trim() !== "") return parseRateLimit(override, "TICKET_RATE_LIMIT");
  return source.documented ?? null;
}
