/** Comm100 <-> normalized model. Status and priority tables are tested both ways. */
import type { Priority, Status } from "../../model/enums.js";
import type { Attachment, HistoryEvent, Message, Ticket } from "../../model/types.js";
import { toIsoUtc } from "../shared/dates.js";
import { RESPONSE_SPAN_UNIT_MS } from "./guesses.js";
import { lookup } from "../shared/lookup.js";
import type { WireMessage, WireNote, WireTicket } from "./schema.js";

export const STATUS_FROM_COMM100: Record<string, Status> = {
  new: "new",
  pendingInternal: "open",
  pendingExternal: "pending",
  onHold: "on_hold",
  resolved: "resolved",
};

/** Comm100 has no "closed": closing a ticket resolves it. */
export const STATUS_TO_COMM100: Record<Status, string> = {
  new: "new",
  open: "pendingInternal",
  pending: "pendingExternal",
  on_hold: "onHold",
  resolved: "resolved",
  closed: "resolved",
};

export const PRIORITY_FROM_COMM100: Record<string, Priority> = { low: "low", normal: "normal", high: "high", urgent: "urgent" };
export const PRIORITY_TO_COMM100: Record<Priority, string> = { low: "low", normal: "normal", high: "high", urgent: "urgent" };

export function statusFromComm100(value: string | null | undefined): Status {
  return lookup(STATUS_FROM_COMM100, value) ?? "open";
}

/** Message bodies may be plain or `data:text/plain;base64,...` (vendor-notes 2.1). */
export function decodeBody(body: string | null | undefined): string {
  if (!body) return "";
  const m = /^data:([^;,]*)(;charset=[^;,]+)?;base64,(.*)$/s.exec(body);
  if (!m) return body;
  try {
    return Buffer.from(m[3]!, "base64").toString("utf8");
  } catch {
    return body;
  }
}

export function ticketFromComm100(w: WireTicket, profile: string, raw: unknown | undefined): Ticket {
  const contact = w.contactOrVisitor;
  const ticket: Ticket = {
    id: w.id,
    number: null,
    subject: w.subject,
    status: statusFromComm100(w.status),
    vendorStatus: w.status ?? "",
    priority: lookup(PRIORITY_FROM_COMM100, w.priority) ?? null,
    assignee: w.assigneeId
      ? { id: w.assigneeId, name: w.assignee?.name ?? null, email: w.assignee?.email ?? null }
      : null,
    team: w.departmentAssigneeId ? { id: w.departmentAssigneeId, name: w.departmentAssignee?.name ?? null } : null,
    requester: w.contactOrVisitorId
      ? { id: w.contactOrVisitorId, name: contact?.name ?? null, email: contact?.email ?? null, phone: contact?.phoneNumber ?? null }
      : null,
    channel: w.channelId ?? null,
    tags: w.tags?.map((t) => t.name ?? t.id) ?? w.tagIds ?? [],
    createdAt: toIsoUtc(w.createdTime),
    updatedAt: toIsoUtc(w.lastUpdatedTime),
    ...timestampsOf(w),
    vendor: "comm100",
    profile,
  };
  if (raw !== undefined) ticket.raw = raw;
  return ticket;
}

/** Who a customer is, in lastRepliedByType ([S1] line 46: "contact", "visitor", ...). */
const CUSTOMER_TYPES = new Set(["contact", "visitor"]);

/**
 * The stats timestamps (issue 13), from the list answer's own fields ([S1] lines 46-67):
 * lastCustomerMessageAt = lastRepliedTime when lastRepliedByType is the contact or visitor (line
 * 55, 46), else null (the last reply was ours, so the customer is not waiting on one);
 * resolvedAt = resolvedTime (line 57; kept as sent, also on a reopened ticket: its status says so);
 * firstResponseAt = createdTime + firstResponseTimeSpan (line 67; unit: guesses.ts), null while
 * the span is 0 or absent (no response yet).
 */
function timestampsOf(w: WireTicket): Pick<Ticket, "lastCustomerMessageAt" | "firstResponseAt" | "resolvedAt"> {
  const created = w.createdTime == null ? null : toIsoUtc(w.createdTime);
  const span = Number(w.firstResponseTimeSpan ?? 0);
  const firstResponseAt = created !== null && Number.isFinite(span) && span > 0 ? toIsoUtc(Date.parse(created) + span * RESPONSE_SPAN_UNIT_MS) : null;
  const byCustomer = w.lastRepliedByType != null && CUSTOMER_TYPES.has(w.lastRepliedByType);
  return {
    lastCustomerMessageAt: byCustomer ? toIsoUtc(w.lastRepliedTime) : null,
    firstResponseAt,
    resolvedAt: toIsoUtc(w.resolvedTime),
  };
}

function attachmentsOf(list: { id?: string | null | undefined; fileKey?: string | null | undefined; name?: string | null | undefined; size?: number | null | undefined; type?: string | null | undefined; url?: string | null | undefined }[] | null | undefined): Attachment[] {
  return (list ?? []).map((a) => ({
    id: a.id ?? a.fileKey ?? null,
    name: a.name ?? "attachment",
    size: a.size ?? null,
    contentType: a.type ?? null,
    url: a.url ?? null,
  }));
}

const AUTHOR_FROM_ROLE: Record<string, Message["author"]["type"]> = {
  agent: "agent",
  contact: "customer",
  visitor: "customer",
  chatbot: "bot",
  channelAccount: "system",
  system: "system",
  outreachCampaign: "system",
};

export function messageFromComm100(m: WireMessage): Message {
  return {
    id: m.id,
    author: { type: lookup(AUTHOR_FROM_ROLE, m.sentByType) ?? "system", id: m.sentById ?? null, name: null },
    body: decodeBody(m.body),
    internal: m.isInternal ?? false,
    createdAt: toIsoUtc(m.time),
    attachments: attachmentsOf(m.attachments),
  };
}

export function noteFromComm100(n: WireNote): Message {
  return {
    id: n.id,
    author: { type: "agent", id: n.agentId ?? null, name: null },
    body: decodeBody(n.text),
    internal: true,
    createdAt: toIsoUtc(n.createdTime),
    attachments: attachmentsOf(n.attachments),
  };
}

export function historyFromComm100(w: WireTicket): HistoryEvent[] {
  return (w.eventLogs ?? []).map((e) => ({
    at: toIsoUtc(e.time),
    actor: e.operatorType ?? null,
    action: e.type ?? "event",
    detail: e.description ?? null,
  }));
}
