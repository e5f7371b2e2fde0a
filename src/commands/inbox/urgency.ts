/**
 * The order of `ticket inbox` (issue 13 item 1): most urgent first.
 * 1. priority: urgent, high, normal, low, then none (vendors without priorities: Zaia);
 * 2. waiting the longest first: since the customer's last message where the vendor tells
 *    (Ticket.lastCustomerMessageAt), else since the last activity (updatedAt, else createdAt);
 *    a ticket with no date at all goes after the dated ones of its priority;
 * 3. ties by id (numbers as numbers), then by profile: a total order, the same on every run.
 */
import type { Priority } from "../../model/enums.js";
import type { Ticket } from "../../model/types.js";
import { compareIds } from "../list/order.js";

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const NO_PRIORITY = 4;

function validIso(iso: string | null | undefined): string | null {
  return iso && !Number.isNaN(Date.parse(iso)) ? iso : null;
}

/** When the ticket started waiting: the customer's last message, else the last activity; null when undated. */
export function waitingSince(t: Ticket): string | null {
  return validIso(t.lastCustomerMessageAt) ?? validIso(t.updatedAt) ?? validIso(t.createdAt);
}

export function compareUrgency(a: Ticket, b: Ticket): number {
  const pa = a.priority === null ? NO_PRIORITY : PRIORITY_RANK[a.priority];
  const pb = b.priority === null ? NO_PRIORITY : PRIORITY_RANK[b.priority];
  if (pa !== pb) return pa - pb;
  const wa = waitingSince(a);
  const wb = waitingSince(b);
  if (wa === null || wb === null) {
    if (wa !== wb) return wa === null ? 1 : -1;
  } else {
    const d = Date.parse(wa) - Date.parse(wb);
    if (d !== 0) return d; // the earlier start has waited longer
  }
  return compareIds(a.id, b.id) || (a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : 0);
}

/** A sorted copy, most urgent first. */
export function byUrgency(tickets: readonly Ticket[]): Ticket[] {
  return [...tickets].sort(compareUrgency);
}
