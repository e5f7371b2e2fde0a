/** Client-side list filtering for the normalized fields a vendor's API cannot filter on. */
import type { Ticket } from "../../model/types.js";
import type { ListFilter, ListQuery } from "../types.js";

/** True when `t` passes every filter in `only` that `q` sets. */
export function matchesQuery(t: Ticket, q: ListQuery, only: readonly ListFilter[]): boolean {
  const on = (f: ListFilter) => only.includes(f) && q[f] !== undefined;
  if (on("status") && q.status!.length > 0 && !q.status!.includes(t.status)) return false;
  if (on("priority") && q.priority!.length > 0 && (t.priority === null || !q.priority!.includes(t.priority))) return false;
  if (on("assignee") && ![t.assignee?.id, t.assignee?.email, t.assignee?.name].some((v) => sameId(v, q.assignee))) return false;
  if (on("team") && !sameId(t.team?.id, q.team)) return false;
  if (on("requester") && ![t.requester?.id, t.requester?.email, t.requester?.phone].some((v) => sameId(v, q.requester))) return false;
  if (on("channel") && !sameId(t.channel, q.channel)) return false;
  if (on("tag") && !t.tags.some((tag) => sameId(tag, q.tag))) return false;
  if (on("since") && (t.createdAt === null || Date.parse(t.createdAt) < q.since!.getTime())) return false;
  if (on("until") && (t.createdAt === null || Date.parse(t.createdAt) >= q.until!.getTime())) return false;
  if (on("updatedSince") && (t.updatedAt === null || Date.parse(t.updatedAt) < q.updatedSince!.getTime())) return false;
  if (on("query") && !t.subject.toLowerCase().includes(q.query!.toLowerCase())) return false;
  return true;
}

function sameId(a: string | null | undefined, b: string | undefined): boolean {
  return a != null && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
