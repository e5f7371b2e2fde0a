/**
 * Reading a whole list before printing any of it: the order `list` promises is not one any vendor
 * serves (./order.ts), so every matching ticket is read (each provider's PageGuard bounds the walk,
 * TICKET_MAX_PAGES), then sorted, then cut at --limit.
 */
import type { Ticket } from "../../model/types.js";

/**
 * Every ticket of `source`; stops early (and ends the walk) when `stop` aborts (stdout closed).
 * `onTicket` is told of each one (the progress counter).
 */
export async function readAll(source: AsyncIterable<Ticket>, stop?: AbortSignal, onTicket?: () => void): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for await (const t of source) {
    if (stop?.aborted) break;
    out.push(t);
    onTicket?.();
  }
  return out;
}

export async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}
