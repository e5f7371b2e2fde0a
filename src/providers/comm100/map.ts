/** Comm100 <-> normalized model. Status and priority tables are tested both ways. */
import type { Priority, Status } from "../../model/enums.js";
import type { Attachment, HistoryEvent, Message, Ticket } from "../../model/types.js";
import { toIsoUtc } from "../shared/dates.js";
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
    vendor: "comm100",
    profile,
  };
  if (raw !== undefined) ticket.raw = raw;
  return ticket;
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
