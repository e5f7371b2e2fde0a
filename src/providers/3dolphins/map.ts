/** 3Dolphins <-> normalized model: status and priority tables (both ways), tickets, messages, dates. */
import { toIsoUtc } from "../shared/dates.js";
import { matchesQuery } from "../shared/filters.js";
import type { Priority, Status } from "../../model/enums.js";
import type { Attachment, HistoryEvent, Message, Requester, Ticket } from "../../model/types.js";
import type { ListFilter, ListQuery } from "../types.js";
import { EXTRA_URGENT_SEVERITIES, VENDOR_STATUS } from "./guesses.js";
import type { WireMessage, WireTicket } from "./schema.js";

// ---------------------------------------------------------------- status

/** Vendor status -> normalized. Anything else maps to "open" (vendorStatus keeps the original). */
export const STATUS_FROM_VENDOR: Readonly<Record<string, Status>> = {
  [VENDOR_STATUS.unassigned]: "new",
  [VENDOR_STATUS.assigned]: "open",
  [VENDOR_STATUS.open]: "open",
  [VENDOR_STATUS.pending]: "pending",
  [VENDOR_STATUS.closed]: "closed",
};

/** Normalized -> the vendor statuses that map to it (for the assignment queue). */
export const STATUS_TO_VENDOR: Readonly<Record<Status, readonly string[]>> = {
  new: [VENDOR_STATUS.unassigned],
  open: [VENDOR_STATUS.assigned, VENDOR_STATUS.open],
  pending: [VENDOR_STATUS.pending],
  on_hold: [],
  resolved: [],
  closed: [VENDOR_STATUS.closed],
};

/** A table lookup that never reaches Object.prototype ("toString", "__proto__" are vendor values too). */
const own = <V>(table: Readonly<Record<string, V>>, key: string): V | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

export function statusFromVendor(vendorStatus: string | null | undefined): Status {
  if (!vendorStatus) return "open";
  const exact = own(STATUS_FROM_VENDOR, vendorStatus);
  if (exact) return exact;
  const folded = Object.entries(STATUS_FROM_VENDOR).find(([k]) => k.toLowerCase() === vendorStatus.trim().toLowerCase());
  return folded ? folded[1] : "open";
}

// ---------------------------------------------------------------- priority

/** Vendor severity -> normalized priority. "Not Set" (and anything unknown) is null. */
export const SEVERITY_FROM_VENDOR: Readonly<Record<string, Priority | null>> = {
  "Not Set": null,
  Low: "low",
  Medium: "normal",
  High: "high",
  ...Object.fromEntries(EXTRA_URGENT_SEVERITIES.map((s) => [s, "urgent" as const])),
};

/** Normalized priority -> what 3Dolphins shows for it: a severity, or the boolean priority flag. */
export const PRIORITY_TO_VENDOR: Readonly<Record<Priority, { severity?: string; priority?: true }>> = {
  low: { severity: "Low" },
  normal: { severity: "Medium" },
  high: { severity: "High" },
  urgent: { priority: true },
};

/** The `priority` flag (the vendor's priority queue) wins and means urgent; otherwise the severity decides. */
export function priorityFromVendor(severity: string | null | undefined, flag: boolean | null | undefined): Priority | null {
  if (flag === true) return "urgent";
  if (!severity) return null;
  const exact = own(SEVERITY_FROM_VENDOR, severity);
  if (exact !== undefined) return exact;
  const folded = Object.entries(SEVERITY_FROM_VENDOR).find(([k]) => k.toLowerCase() === severity.trim().toLowerCase());
  return folded ? folded[1] : null;
}

// ---------------------------------------------------------------- dates

/** Epoch milliseconds (or an ISO string) -> "YYYY-MM-DDTHH:mm:ss.sssZ"; null when absent or invalid. */
export function epochToIso(value: number | string | null | undefined): string | null {
  // 3Dolphins sends 0 (or a negative) for "not yet": that is no date, not 1970.
  if (typeof value === "number" ? value <= 0 : typeof value === "string" && /^-?\d+$/.test(value) && Number(value) <= 0) return null;
  return toIsoUtc(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value);
}

/**
 * A Java ZonedDateTime string ("2020-10-22T17:40:55.372+07:00[Asia/Jakarta]") -> epoch ms, or null.
 * The [zone] suffix is dropped (the offset before it is authoritative) and the fraction cut to ms.
 */
export function parseZonedDateTime(value: string | null | undefined): number | null {
  if (!value) return null;
  let s = value.trim().replace(/\[[^\]]*\]$/, "");
  s = s.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}

// ---------------------------------------------------------------- tickets

const clean = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

function requesterOf(w: WireTicket): Requester | null {
  const c = w.contact;
  const fullName = clean([c?.contactFirstName?.trim(), c?.contactLastName?.trim()].filter(Boolean).join(" "));
  const id = clean(w.contactId) ?? clean(c?.id) ?? clean(w.accountId);
  const name = fullName ?? clean(w.accountName) ?? clean(w.friendlyName);
  const email = clean(c?.contactEmail?.[0]) ?? clean(c?.contactEmailString?.split(",")[0]) ?? null;
  const phone = clean(c?.phones?.[0]) ?? clean(c?.phonesString?.split(",")[0]) ?? null;
  if (!id && !name && !email && !phone) return null;
  return { id, name, email, phone };
}

export function ticketFromVendor(w: WireTicket, profile: string, raw?: unknown): Ticket {
  const id = clean(w.ticketNumber);
  if (!id) throw new Error("3Dolphins sent a ticket without a ticketNumber");
  const vendorStatus = clean(w.status) ?? clean(w.timelineStatus) ?? "";
  const assigned = clean(w.assignedAgent);
  const team = clean(w.toGroup) ?? clean(w.group);
  const tags = [...new Set((w.ticketTags ?? []).map((t) => t.trim()).filter(Boolean))];
  const ticket: Ticket = {
    id,
    number: null,
    subject: w.subject ?? w.message ?? "",
    status: statusFromVendor(vendorStatus),
    vendorStatus,
    priority: priorityFromVendor(w.severity, w.priority),
    assignee: assigned ? { id: assigned, name: clean(w.agentName), email: null } : null,
    team: team && team !== "Bot" ? { id: team, name: null } : null,
    requester: requesterOf(w),
    channel: clean(w.channelType),
    tags,
    createdAt: epochToIso(w.createdDate),
    updatedAt: epochToIso(w.modifiedDate) ?? epochToIso(w.createdDate),
    // Issue 13 (stats). resolvedAt: closedDate (epoch ms, doc lines 71, 86), kept only while the
    // ticket is closed (a reopened one keeps its old closedDate). firstResponseAt: createdDate +
    // responseTime seconds; the unit is INFERRED from the doc's two samples (line 86: responseTime
    // 71 where openDate - createdDate is 73 s and pendingDate - createdDate 75 s; lines 71-72:
    // 1028 and 1031 s), like closeInterval (line 71: 1115 = closedDate - createdDate in seconds).
    // No customer-message time: the list rows carry only the last message's text.
    firstResponseAt: firstResponseOf(w),
    resolvedAt: statusFromVendor(vendorStatus) === "closed" ? epochToIso(w.closedDate) : null,
    vendor: "3dolphins",
    profile,
  };
  if (raw !== undefined) ticket.raw = raw;
  return ticket;
}

/** createdDate + responseTime (seconds), or null when either is missing or responseTime is 0 (no response yet). */
function firstResponseOf(w: WireTicket): string | null {
  const created = typeof w.createdDate === "number" ? w.createdDate : Number(w.createdDate);
  const seconds = Number(w.responseTime);
  if (!Number.isFinite(created) || created <= 0 || !Number.isFinite(seconds) || seconds <= 0) return null;
  return epochToIso(created + seconds * 1000);
}

// ---------------------------------------------------------------- messages

/** `replyAgent` values that are not people. */
export const BOT_AGENT = "Bot";
export const AUTOMATION_AGENT = "ticket-automation";

/** Who wrote a bubble: `answer` (or, failing that, `incoming`) tells customer from our side; replyAgent tells bot/automation/agent. */
export function authorOf(m: Pick<WireMessage, "answer" | "ticketAnswer" | "incoming" | "replyAgent" | "agentName" | "accountId" | "accountName" | "friendlyName">): Message["author"] {
  const fromUs = m.answer ?? m.ticketAnswer ?? (m.incoming === undefined || m.incoming === null ? undefined : !m.incoming) ?? false;
  if (!fromUs) {
    return { type: "customer", id: clean(m.accountId), name: clean(m.accountName) ?? clean(m.friendlyName) };
  }
  const agent = clean(m.replyAgent);
  if (agent && agent.toLowerCase() === BOT_AGENT.toLowerCase()) return { type: "bot", id: agent, name: BOT_AGENT };
  if (agent && agent.toLowerCase() === AUTOMATION_AGENT) return { type: "system", id: agent, name: "automation" };
  if (!agent) return { type: "system", id: null, name: clean(m.friendlyName) };
  return { type: "agent", id: agent, name: clean(m.agentName) };
}

export function messageFromVendor(m: WireMessage, fileLinkBase?: string): Message {
  const body = m.message ?? m.textMessage ?? m.cleanUpMessage ?? "";
  const id = clean(m.messageId) ?? clean(m.id) ?? `${clean(m.ticketNumber) ?? "msg"}-${m.createdDate ?? 0}`;
  return {
    id,
    author: authorOf(m),
    body,
    internal: false,
    createdAt: epochToIso(m.createdDate),
    attachments: fileLinkBase ? fileLinksIn(body, fileLinkBase) : [],
  };
}

/** The ticket's own record is the first customer message of its conversation. */
export function firstMessageOf(w: WireTicket, fileLinkBase?: string): Message | null {
  const body = w.message ?? null;
  if (body === null) return null;
  return messageFromVendor(
    {
      id: w.id,
      messageId: w.messageId,
      ticketNumber: w.ticketNumber,
      message: body,
      answer: w.answer ?? false,
      incoming: w.incoming,
      replyAgent: w.replyAgent,
      agentName: undefined,
      accountId: w.accountId ?? w.contactId,
      accountName: w.accountName,
      friendlyName: w.friendlyName,
      createdDate: w.createdDate,
    },
    fileLinkBase,
  );
}

/** Links to files on the profile's own server (graph/tickets/files/...) found in a message body. */
export function fileLinksIn(body: string, fileLinkBase: string): Attachment[] {
  const out: Attachment[] = [];
  const base = fileLinkBase.replace(/\/+$/, "");
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`${escaped}/[^\\s"'<>]+`, "g");
  for (const match of body.matchAll(re)) {
    const url = match[0].replace(/[).,;]+$/, "");
    const path = url.slice(base.length + 1).split("?")[0] ?? "";
    const segments = path.split("/").filter(Boolean);
    const last = segments[segments.length - 1] ?? "file";
    let name = last;
    try {
      name = decodeURIComponent(last);
    } catch {
      /* keep as is */
    }
    out.push({ id: segments.length > 1 ? (segments[0] ?? null) : null, name, size: null, contentType: contentTypeFor(name), url });
  }
  return out;
}

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  zip: "application/zip",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  mp4: "video/mp4",
};

export function contentTypeFor(name: string): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext ? (own(CONTENT_TYPES, ext) ?? null) : null;
}

// ---------------------------------------------------------------- history

/** The ticket's lifecycle, read from its own timestamps (3Dolphins has no separate event log). */
export function historyOf(w: WireTicket): HistoryEvent[] {
  const events: { ms: number | null | undefined; actor: string | null; action: string; detail: string | null }[] = [
    { ms: w.createdDate, actor: clean(w.accountName) ?? clean(w.contactId), action: "created", detail: clean(w.channelType) },
    { ms: w.transferedDate, actor: clean(w.transferedFrom), action: "transferred", detail: clean(w.toGroup) ? `to group ${w.toGroup}` : null },
    { ms: w.assignedDate, actor: null, action: "assigned", detail: clean(w.assignedAgent) ? `to ${w.agentName ?? w.assignedAgent}` : null },
    { ms: w.openDate, actor: null, action: "opened", detail: null },
    { ms: w.pendingDate, actor: null, action: "pending", detail: null },
    {
      ms: w.escalated === false ? null : w.escalatedDate,
      actor: clean(w.escalatedFrom),
      action: "escalated",
      detail: clean(w.escalatedTo) ?? clean(w.supervisor) ? `to supervisor ${w.escalatedTo ?? w.supervisor}` : null,
    },
    {
      ms: w.closedDate,
      actor: clean(w.closedBy),
      action: "closed",
      detail: [clean(w.closureType), clean(w.remark)].filter(Boolean).join(": ") || null,
    },
  ];
  return events
    .filter((e) => typeof e.ms === "number" && e.ms > 0)
    .sort((a, b) => (a.ms as number) - (b.ms as number))
    .map((e) => ({ at: epochToIso(e.ms), actor: e.actor, action: e.action, detail: e.detail }));
}

// ---------------------------------------------------------------- client-side filters

/**
 * `--query`: `FIELD=VALUE` compares a field of the vendor's ticket record (case-insensitive,
 * substring); anything else is free text matched in subject, first message and requester name.
 */
export function matchesText(w: WireTicket, raw: Record<string, unknown>, query: string): boolean {
  const q = query.trim();
  const eq = /^([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(q);
  if (eq) {
    const [, field, value] = eq as unknown as [string, string, string];
    const actual = field.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), raw);
    const values = Array.isArray(actual) ? actual : [actual];
    return values.some((v) => v !== undefined && v !== null && String(v).toLowerCase().includes(value.toLowerCase()));
  }
  const hay = [w.subject, w.message, w.accountName, w.friendlyName, w.ticketNumber].filter(Boolean).join("\n").toLowerCase();
  return hay.includes(q.toLowerCase());
}

/** Filters applied on the normalized ticket by the shared helper; requester and query also look at the wire record. */
const SHARED_FILTERS: ListFilter[] = ["status", "priority", "assignee", "team", "channel", "tag", "since", "until", "updatedSince"];

/** Every filter of `q` this provider honors, checked on the normalized ticket (and the wire record for requester/query). */
export function matchesFilters(t: Ticket, w: WireTicket, raw: Record<string, unknown>, q: ListQuery): boolean {
  if (!matchesQuery(t, q, SHARED_FILTERS)) return false;
  if (q.requester !== undefined && !matchesQuery(t, q, ["requester"]) && w.accountId?.toLowerCase() !== q.requester.toLowerCase()) return false;
  if (q.query !== undefined && q.query.trim() !== "" && !matchesText(w, raw, q.query)) return false;
  return true;
}
