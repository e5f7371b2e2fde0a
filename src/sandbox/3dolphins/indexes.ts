/**
 * The 3Dolphins simulator's ticket lookups, so a request costs the same at 10,000 tickets as at
 * 100 (issue 12: the benchmarks time the CLI, not the simulator). Conversations are already kept
 * per ticketNumber in the state; what remained was finding a ticket by number (a scan) and
 * sorting every ticket again for each page of a list.
 *
 * The routes create no tickets, but `exportState()` hands out the live state, so the map follows
 * the array: a new array or another length is read afresh, a hit is checked against the number
 * asked for, and a miss reads the array again. Answers are the scan's: the first ticket with that
 * number. List answers are cached per query and dropped on every write (`changed()`, called by the
 * bearer guard around each non-GET request).
 */
import type { Rec, ThreeDolphinsState } from "./model.js";
import { ListCache } from "../shared/list-cache.js";


export class ThreeDolphinsIndex {
  private indexed: readonly Rec[] | undefined;
  private length = -1;
  private byNumber = new Map<unknown, Rec>();
  private readonly lists = new ListCache();

  constructor(private readonly state: ThreeDolphinsState) {}

  private read(): void {
    const tickets = this.state.tickets;
    this.indexed = tickets;
    this.length = tickets.length;
    this.byNumber = new Map();
    for (const t of tickets) if (!this.byNumber.has(t["ticketNumber"])) this.byNumber.set(t["ticketNumber"], t);
  }

  /** `tickets.find((t) => t["ticketNumber"] === n)`. */
  ticket(n: string): Rec | undefined {
    if (this.state.tickets !== this.indexed || this.state.tickets.length !== this.length) this.read();
    const hit = this.byNumber.get(n);
    if (hit && hit["ticketNumber"] === n) return hit;
    this.read();
    return this.byNumber.get(n);
  }

  /** Something was written: cached list answers are stale. */
  changed(): void {
    this.lists.changed();
  }

  /** The tickets of a list query, in order: computed once between two writes (and while `tickets` stays the same array). */
  list(key: string, compute: () => Rec[]): Rec[] {
    return this.lists.get(key, compute, this.state.tickets);
  }
}
