/**
 * One profile's watch: poll, compare, print, remember, wait; on its own timer, so a slow or dark
 * profile never delays another.
 *
 *   first poll: every ticket not resolved or closed, and every ticket active in the last
 *   BASELINE_DAYS (or since --since when earlier), is remembered; it prints nothing, or with
 *   --since the changes since then.
 *   later polls: `updatedSince` = the mark (newest activity seen) minus OVERLAP_MS, server-side
 *   where the vendor filters by it (provider.listFilters), else filtered here; each ticket is
 *   compared with what watch knew of it (./detect.ts), so the overlap never repeats an event.
 *
 * A ticket whose change is an event is remembered only once that event was printed (and flushed),
 * and the mark moves only after a poll printed all of its events, so stdout closing half-way loses
 * nothing for the next `--since @last`. The state file
 * is written after every poll that changed anything. Failures: network trouble and vendor
 * refusals are retried with backoff (./pace.ts), told once when the profile goes dark and once when
 * it comes back; a configuration, credential or permission error ends this profile's watch.
 */
import type { Deps, ResolvedProvider } from "../../deps.js";
import { CliError } from "../../errors.js";
import { STATUSES } from "../../model/enums.js";
import type { ListQuery } from "../../providers/types.js";
import { sanitize } from "../../render/sanitize.js";
import { readWatchState, writeWatchState, WATCH_STATE_TICKETS, type WatchState } from "../../state/watch-state.js";
import type { LaneFailure } from "../list/fanout.js";
import { compareIds } from "../list/order.js";
import type { Lane } from "../shared/lanes.js";
import { activityOf, BASELINE_DAYS, eventFor, Known, sameSnapshot, snapshotOf, type DiffContext, type Snapshot } from "./detect.js";
import type { WatchEvent } from "./event.js";
import type { WatchFlags } from "./flags.js";
import { backoffMs, describeRateLimit, duration, nextPollIn, perRequestMs, rateLimitOf, type RateLimit } from "./pace.js";

/** Each poll reads again this far before the mark: late-indexed changes and clock steps are not lost. */
export const OVERLAP_MS = 60_000;
const DAY_MS = 86_400_000;
const UNRESOLVED = STATUSES.filter((st) => st !== "resolved" && st !== "closed");

/** What every lane shares. */
export interface LaneEnv {
  deps: Deps;
  flags: WatchFlags;
  /** Aborted on Ctrl-C / SIGTERM and when stdout is gone. */
  stop: AbortSignal;
  /** Print these in order; `delivered` is called for each one printed. Returns how many were. */
  emit(events: readonly WatchEvent[], delivered: (e: WatchEvent) => void): Promise<number>;
  /** The checkpoint's file for a profile, with --since @last --checkpoint NAME. */
  stateFile?: (profile: string) => string;
}

/** Errors a watch waits out: the network, rate limits, vendor outages and refusals. */
const isTransient = (err: unknown) => !(err instanceof CliError) || err.code === "network" || err.code === "failed";

function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener("abort", done, { once: true });
  });
}

class Stopped extends Error {}

export class LaneWatch {
  private known: Known | undefined;
  /** The first poll has not run yet (no state from a checkpoint either). */
  private baseline = true;
  private dirty = false;
  private vendor: string | null = null;
  private limit: RateLimit | undefined;
  private printedReady = false;

  constructor(
    private readonly env: LaneEnv,
    private readonly lane: Lane,
  ) {}

  private note(line: string): void {
    this.env.deps.io.err(`ticket: profile ${sanitize(this.lane.profile)}: ${line}\n`);
  }

  /** Runs until stopped; returns the failure that ended this profile's watch, if one did. */
  async run(): Promise<LaneFailure | undefined> {
    const { stop, flags } = this.env;
    let resolved: ResolvedProvider | undefined;
    let failures = 0;
    let darkSince: number | undefined;
    try {
      while (!stop.aborted) {
        let wait: number;
        try {
          if (!resolved) {
            resolved = await this.lane.resolve();
            this.vendor = resolved.provider.vendor;
            this.limit = rateLimitOf(resolved.descriptor, this.env.deps.env);
            const floor = perRequestMs(this.limit);
            if (flags.intervalMs < floor) {
              this.note(`a poll every ${duration(floor)} at the fastest (half of ${resolved.descriptor.displayName}'s ${describeRateLimit(this.limit!)})`);
            }
          }
          if (!this.known) await this.load();
          const read = await this.poll(resolved);
          if (darkSince !== undefined) this.note(`back after ${duration(Date.now() - darkSince)}`);
          darkSince = undefined;
          failures = 0;
          if (!this.printedReady && !stop.aborted) {
            this.printedReady = true;
            this.note(`watching, a poll every ${duration(Math.max(flags.intervalMs, perRequestMs(this.limit)))} (${this.known!.map.size} ticket${this.known!.map.size === 1 ? "" : "s"} known)`);
          }
          wait = nextPollIn(flags.intervalMs, this.limit, read);
        } catch (err) {
          if (stop.aborted || err instanceof Stopped) break;
          if (!isTransient(err)) return { profile: this.lane.profile, error: err };
          failures++;
          wait = backoffMs(flags.intervalMs, failures, err, this.limit);
          if (darkSince === undefined) {
            darkSince = Date.now();
            const e = err as CliError;
            const what = e.httpStatus === 429 ? "rate limited" : e.code === "network" ? "unreachable" : "failing";
            this.note(`${what} (${sanitize(e.message ?? String(err))}), retrying in ${duration(wait)}`);
          }
        }
        await pause(wait, stop);
      }
      return undefined;
    } finally {
      await this.save().catch((err: unknown) => this.note(`could not save the checkpoint: ${sanitize((err as Error).message)}`));
    }
  }

  /** What watch knew at its last stop (--since @last), or a fresh memory for a baseline. */
  private async load(): Promise<void> {
    const now = this.env.deps.now().getTime();
    const since = this.env.flags.since;
    const horizon = Math.min(since ?? now, now - BASELINE_DAYS * DAY_MS);
    const file = this.env.stateFile?.(this.lane.profile);
    const saved = file ? await readWatchState(file) : undefined;
    if (file && !saved) this.note(`checkpoint "${this.env.flags.checkpoint}" is new: watching changes from now`);
    if (!saved) {
      this.known = new Known(horizon, undefined);
      return;
    }
    const known = new Known(Date.parse(saved.horizon), saved.mark === null ? undefined : Date.parse(saved.mark));
    for (const [id, s] of Object.entries(saved.tickets)) known.map.set(id, s);
    this.known = known;
    this.baseline = false;
  }

  /** One poll: read, compare, print, remember. Returns how many tickets it read. */
  private async poll(resolved: ResolvedProvider): Promise<number> {
    const { deps, flags, stop } = this.env;
    const known = this.known!;
    const { provider } = resolved;
    const first = this.baseline;
    const from = first ? known.horizon : known.mark !== undefined ? known.mark - OVERLAP_MS : known.horizon;
    const byUpdate = provider.listFilters.includes("updatedSince");
    const ctx: DiffContext = {
      profile: this.lane.profile,
      vendor: provider.vendor,
      // The first poll: only what --since asks for is an event. Later: whatever differs from memory.
      createdFrom: first ? (flags.since ?? Infinity) : known.horizon,
      reportFrom: first ? flags.since : from,
      now: deps.now().toISOString(),
    };
    // Tickets whose change makes an event wait here until it is printed; the others are remembered at once.
    const pending = new Map<string, { snap: Snapshot; event: WatchEvent }>();
    let read = 0;
    let newest: number | undefined;
    const walk = async (q: ListQuery, windowed: boolean) => {
      for await (const t of provider.list(q)) {
        if (stop.aborted) throw new Stopped();
        read++;
        const snap = snapshotOf(t);
        const at = activityOf(snap);
        if (windowed && at !== undefined && at < from) continue; // updatedSince, where the vendor cannot filter by it
        if (at !== undefined && (newest === undefined || at > newest)) newest = at;
        const before = known.get(t.id);
        if (before && sameSnapshot(before, snap)) {
          pending.delete(t.id);
          continue;
        }
        const event = eventFor(t, snap, before, ctx);
        if (event) pending.set(t.id, { snap, event });
        else {
          pending.delete(t.id);
          known.set(t.id, snap);
          this.dirty = true;
        }
      }
    };
    // The first poll also learns every ticket still to be handled, however long it has slept.
    if (first) await walk({ all: true, sort: "updated", ...(provider.listFilters.includes("status") ? { status: [...UNRESOLVED], statusSet: true } : {}) }, false);
    await walk({ all: true, sort: "updated", ...(byUpdate ? { updatedSince: new Date(from) } : {}) }, true);
    if (stop.aborted) throw new Stopped();

    const order = (p: { snap: Snapshot; event: WatchEvent }) => activityOf(p.snap) ?? Date.parse(p.event.at);
    const events = [...pending.values()].sort((a, b) => order(a) - order(b) || compareIds(a.event.ticket, b.event.ticket));
    const printed = await this.env.emit(
      events.map((p) => p.event),
      (e) => {
        known.set(e.ticket, pending.get(e.ticket)!.snap);
        this.dirty = true;
      },
    );
    if (printed === events.length) {
      // Only a poll printed in full moves the mark: the next one reads again from a little before it.
      const mark = known.mark;
      known.advance(newest);
      if (known.mark !== mark || first) this.dirty = true;
      this.baseline = false;
    }
    await this.save();
    return read;
  }

  /** Write the checkpoint, when there is one and something changed since the last write. */
  private async save(): Promise<void> {
    const file = this.env.stateFile?.(this.lane.profile);
    if (!file || !this.dirty || !this.known || this.env.deps.globals.dryRun) return;
    const { horizon, entries } = this.known.recent(WATCH_STATE_TICKETS);
    const state: WatchState = {
      version: 1,
      kind: "watch",
      name: this.env.flags.checkpoint!,
      profile: this.lane.profile,
      vendor: this.vendor,
      mark: this.known.mark === undefined ? null : new Date(this.known.mark).toISOString(),
      horizon: new Date(horizon).toISOString(),
      savedAt: this.env.deps.now().toISOString(),
      tickets: Object.fromEntries(entries),
    };
    await writeWatchState(file, state);
    this.dirty = false;
  }
}
