/**
 * The Comm100 simulator's lookups by id, so a request costs the same at 10,000 tickets as at 100
 * (issue 12: the benchmarks time the CLI, not the simulator). Every answer is what a scan of the
 * state's arrays gave: the first record with an id, a ticket's messages, notes and event logs in
 * array order (then sorted by the caller's stable comparator, as before).
 *
 * The state is also a test's to touch (`Comm100Simulator.state`: tests push tags, read tickets),
 * so nothing here trusts itself blindly: a lookup checks that the array is the one it indexed
 * (DELETE replaces `tickets`), takes in records pushed since, and confirms a hit before answering;
 * a miss looks again the slow way. The only in-place change that moves records between tickets
 * (a merge rewrites `ticketId`) calls `regroup()`. Cached list answers go on every write
 * (`changed()`, called by the route guard around each non-GET request).
 */
import type { Comm100State, WireEventLog, WireMessage, WireNote, WireTicket } from "./model.js";
import { ListCache } from "../shared/list-cache.js";

type ArrayKey = "tickets" | "messages" | "notes" | "eventLogs";

/** Positions by a key over one of the state's arrays (first record wins, as `Array.find`). */
class Positions<T> {
  private arr: readonly T[] | undefined;
  private seen = 0;
  private pos = new Map<unknown, number>();

  constructor(
    private readonly current: () => readonly T[],
    private readonly key: (item: T) => unknown,
  ) {}

  private sync(full: boolean): readonly T[] {
    const arr = this.current();
    if (full || arr !== this.arr || arr.length < this.seen) {
      this.arr = arr;
      this.seen = 0;
      this.pos = new Map();
    }
    for (; this.seen < arr.length; this.seen++) {
      const k = this.key(arr[this.seen]!);
      if (!this.pos.has(k)) this.pos.set(k, this.seen);
    }
    return arr;
  }

  get(k: unknown): T | undefined {
    let arr = this.sync(false);
    const i = this.pos.get(k);
    const hit = i === undefined ? undefined : arr[i];
    if (hit !== undefined && this.key(hit) === k) return hit;
    // Unknown here, or the array changed in place: index it afresh and look once more.
    arr = this.sync(true);
    const j = this.pos.get(k);
    return j === undefined ? undefined : arr[j];
  }
}

/** Records of one of the state's arrays grouped by ticket id, each group in array order. */
class ByTicket<T extends { ticketId: number }> {
  private arr: readonly T[] | undefined;
  private seen = 0;
  private groups = new Map<number, T[]>();

  constructor(private readonly current: () => readonly T[]) {}

  /** Forget the groups (records moved between tickets in place). */
  reset(): void {
    this.arr = undefined;
  }

  of(ticketId: number): T[] {
    const arr = this.current();
    if (arr !== this.arr || arr.length < this.seen) {
      this.arr = arr;
      this.seen = 0;
      this.groups = new Map();
    }
    for (; this.seen < arr.length; this.seen++) {
      const item = arr[this.seen]!;
      let group = this.groups.get(item.ticketId);
      if (!group) this.groups.set(item.ticketId, (group = []));
      group.push(item);
    }
    // A copy: callers sort it.
    return [...(this.groups.get(ticketId) ?? [])];
  }
}


export class Comm100Index {
  private readonly tickets: Positions<WireTicket>;
  private readonly messageIds: Positions<WireMessage>;
  private readonly messages: ByTicket<WireMessage>;
  private readonly notes: ByTicket<WireNote>;
  private readonly eventLogs: ByTicket<WireEventLog>;
  private readonly current: () => readonly WireTicket[];
  private readonly lists = new ListCache();

  constructor(state: Comm100State) {
    const live = <K extends ArrayKey>(k: K) => () => state[k];
    this.tickets = new Positions(live("tickets"), (t) => t.id);
    this.messageIds = new Positions(live("messages"), (m) => m.id);
    this.messages = new ByTicket(live("messages"));
    this.notes = new ByTicket(live("notes"));
    this.eventLogs = new ByTicket(live("eventLogs"));
    this.current = live("tickets");
  }

  ticket = (id: number): WireTicket | undefined => this.tickets.get(id);
  message = (id: string | null): WireMessage | undefined => (id === null ? undefined : this.messageIds.get(id));
  /** A ticket's messages in array order (a fresh array). */
  messagesOf = (ticketId: number): WireMessage[] => this.messages.of(ticketId);
  notesOf = (ticketId: number): WireNote[] => this.notes.of(ticketId);
  eventLogsOf = (ticketId: number): WireEventLog[] => this.eventLogs.of(ticketId);

  /** Messages and notes changed tickets in place (a merge). */
  regroup(): void {
    this.messages.reset();
    this.notes.reset();
    this.eventLogs.reset();
    this.changed();
  }

  /** Something was written: cached list answers are stale. */
  changed(): void {
    this.lists.changed();
  }

  /** The filtered, sorted tickets of a list query, computed once between two writes (and while `tickets` stays the same array). */
  list(key: string, compute: () => WireTicket[]): WireTicket[] {
    return this.lists.get(key, compute, this.current());
  }
}
