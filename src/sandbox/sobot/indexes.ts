/**
 * The Sobot simulator's ticket lookups, so a request costs the same at 10,000 tickets as at 100
 * (issue 12: the benchmarks time the CLI, not the simulator). Replies, logs and files live inside
 * their ticket, so finding the ticket is the whole cost of a read or a write.
 *
 * Tickets are only ever appended (save_agent_ticket), but the state is also a test's to touch
 * (`SobotSimulator.state`), so the maps follow the array: a new array or a shorter one is read
 * afresh, appended tickets are taken in, a hit is checked against the id asked for (its id could
 * have been edited), and a miss reads the array again. Answers are the
 * scan's: the first ticket with that id or code. List answers (which tickets a window holds, in
 * order) are cached per query and dropped on every write (`changed()`, called by the write routes).
 */
import type { SimState, SimTicket } from "./state.js";
import { ListCache } from "../shared/list-cache.js";


export class SobotIndex {
  private indexed: readonly SimTicket[] | undefined;
  private seen = 0;
  private byId = new Map<string, SimTicket>();
  private byCode = new Map<string, SimTicket>();
  private readonly lists = new ListCache();

  constructor(private readonly state: SimState) {}

  private read(fresh: boolean): void {
    const tickets = this.state.tickets;
    if (fresh || tickets !== this.indexed || tickets.length < this.seen) {
      this.indexed = tickets;
      this.seen = 0;
      this.byId = new Map();
      this.byCode = new Map();
    }
    for (; this.seen < tickets.length; this.seen++) {
      const t = tickets[this.seen]!;
      if (!this.byId.has(t.ticketid)) this.byId.set(t.ticketid, t);
      if (!this.byCode.has(t.ticket_code)) this.byCode.set(t.ticket_code, t);
    }
  }

  private find(map: () => Map<string, SimTicket>, key: (t: SimTicket) => string, value: string): SimTicket | undefined {
    this.read(false);
    const hit = map().get(value);
    if (hit && key(hit) === value) return hit;
    this.read(true);
    return map().get(value);
  }

  /** `tickets.find((x) => x.ticketid === id)`. */
  ticket(id: string): SimTicket | undefined {
    return this.find(() => this.byId, (t) => t.ticketid, id);
  }

  /** `tickets.find((x) => x.ticket_code === code)`. */
  ticketByCode(code: string): SimTicket | undefined {
    return this.find(() => this.byCode, (t) => t.ticket_code, code);
  }

  /** Something was written: cached list answers are stale. */
  changed(): void {
    this.lists.changed();
  }

  /** Which tickets a list query matches, in order: computed once between two writes (and while `tickets` stays the same array). */
  list(key: string, compute: () => SimTicket[]): SimTicket[] {
    return this.lists.get(key, compute, this.state.tickets);
  }
}
