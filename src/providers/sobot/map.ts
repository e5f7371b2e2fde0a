/**
 * Sobot <-> normalized model: status, priority, channel and author tables (tested both ways),
 * and the ticket / detail / message mapping.
 */
import type { AuthorType, Priority, Status } from "../../model/enums.js";
import type { Attachment, HistoryEvent, Message, Person, Satisfaction, Team, Ticket, TicketDetail } from "../../model/types.js";
import { UNKNOWN_STATUS_FALLBACK } from "./guesses.js";
import { lookup } from "../shared/lookup.js";
import { htmlToText, normalizeText } from "./html.js";
import type { WireFile, WireListTicket, WireReply, WireStatusInfo, WireTicketDetail, WireUpdateLog } from "./schema.js";
import { toEpoch, toIso } from "./time.js";

/* ---------------------------------------------------------------- status */

/** FACT: built-in ticket_status codes (0 Not received, 1 Processing, 2 Waiting for reply, 3 Resolved, 99 Closed, 98 Deleted). */
export const BUILTIN_STATUS: Readonly<Record<string, Status>> = {
  "0": "new",
  "1": "open",
  "2": "pending",
  "3": "resolved",
  "99": "closed",
  "98": "closed",
};

/** FACT: status_type of query_ticket_status_infos (1 New ... 7 Deleted). Deleted has no model status: closed. */
export const STATUS_TYPE: Readonly<Record<number, Status>> = {
  1: "new",
  2: "open",
  3: "pending",
  4: "on_hold",
  5: "resolved",
  6: "closed",
  7: "closed",
};

/** The built-in code a normalized status is written as (on_hold has none: it needs a custom "Pause" status). */
export const STATUS_TO_CODE: Readonly<Partial<Record<Status, string>>> = {
  new: "0",
  open: "1",
  pending: "2",
  resolved: "3",
  closed: "99",
};

/** Maps ticket_status codes, custom ones included, using the tenant's status infos when known. */
export class StatusTable {
  private byCode = new Map<string, Status>();
  private infos: WireStatusInfo[];

  constructor(infos: WireStatusInfo[] = []) {
    this.infos = infos;
    for (const info of infos) {
      const status = lookup(STATUS_TYPE, info.status_type);
      if (status) this.byCode.set(info.status_code, status);
    }
  }

  toStatus(code: string | null): Status {
    if (code === null) return UNKNOWN_STATUS_FALLBACK;
    return this.byCode.get(code) ?? lookup(BUILTIN_STATUS, code) ?? UNKNOWN_STATUS_FALLBACK;
  }

  /** Every code known to normalize to one of `statuses` (for a server-side filter). */
  codesFor(statuses: readonly Status[]): string[] {
    const codes = new Set<string>();
    for (const code of [...Object.keys(BUILTIN_STATUS), ...this.byCode.keys()]) {
      if (statuses.includes(this.toStatus(code))) codes.add(code);
    }
    return [...codes];
  }

  /** The code to write for a normalized status: built-in first, else a live custom status of that type. */
  codeFor(status: Status): string | undefined {
    const builtin = STATUS_TO_CODE[status];
    if (builtin !== undefined && this.toStatus(builtin) === status) return builtin;
    const custom = this.infos.find((i) => i.is_delete !== 1 && lookup(STATUS_TYPE, i.status_type) === status);
    return custom?.status_code ?? builtin;
  }
}

/* -------------------------------------------------------------- priority */

/** FACT: ticket_level 0 Low, 1 Medium, 2 High, 3 Urgent. */
export const LEVEL_TO_PRIORITY: Readonly<Record<string, Priority>> = { "0": "low", "1": "normal", "2": "high", "3": "urgent" };
export const PRIORITY_TO_LEVEL: Readonly<Record<Priority, string>> = { low: "0", normal: "1", high: "2", urgent: "3" };

export function toPriority(level: string | null): Priority | null {
  return lookup(LEVEL_TO_PRIORITY, level) ?? null;
}

/* --------------------------------------------------------------- channel */

/** FACT: ticket_from codes (the doc's list), as stable slugs. Unknown codes pass through as the code. */
export const CHANNELS: Readonly<Record<string, string>> = {
  "0": "ticket_center",
  "1": "desktop_site",
  "2": "mobile_site",
  "3": "wechat_official_account",
  "4": "app",
  "6": "desktop_site_livechat",
  "7": "crm",
  "8": "call_center",
  "9": "wechat_official_account_livechat",
  "10": "mobile_site_livechat",
  "11": "app_livechat",
  "12": "email",
  "13": "voice_message",
  "14": "wechat_mini_program_livechat",
  "15": "wecom_livechat",
  "16": "wechat_mini_program",
  "17": "wecom",
  "18": "bulk_import",
  "19": "wechat_agent",
  "20": "wecom_scrm",
  "21": "bot",
  "22": "facebook_livechat",
  "23": "facebook",
  "24": "whatsapp_livechat",
  "25": "whatsapp",
  "26": "instagram_livechat",
  "27": "instagram",
  "28": "line_livechat",
  "29": "line",
  "30": "discord_livechat",
  "31": "discord",
  "32": "telegram_livechat",
  "33": "telegram",
  "34": "shopify",
};
const CHANNEL_CODES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CHANNELS).map(([code, slug]) => [slug, code]));

export function toChannel(code: string | null): string | null {
  if (code === null || code === "") return null;
  return lookup(CHANNELS, code) ?? code;
}

/** A ticket_from code for a slug or a numeric code; undefined when neither. */
export function channelCode(input: string): string | undefined {
  const v = input.trim().toLowerCase();
  if (/^\d+$/.test(v)) return v;
  return lookup(CHANNEL_CODES, v.replace(/[\s-]+/g, "_"));
}

/* ---------------------------------------------------------------- people */

/** FACT: deal_list start_type 0 Agent, 1 Customer, 2 Flow trigger, 3 Ticket bot, 6 Automations (logs add 4, 5). */
export const START_TYPE_TO_AUTHOR: Readonly<Record<string, AuthorType>> = {
  "0": "agent",
  "1": "customer",
  "2": "system",
  "3": "bot",
  "4": "bot",
  "5": "system",
  "6": "system",
};

export function toAuthorType(startType: string | null): AuthorType {
  return lookup(START_TYPE_TO_AUTHOR, startType) ?? "system";
}

const LIST_SEPARATOR = /[,;]/;

function firstOf(list: string | null): string | null {
  if (!list) return null;
  // What split(/[,;]/)[0] is, without an array of every part per ticket.
  const cut = list.search(LIST_SEPARATOR);
  const first = (cut < 0 ? list : list.slice(0, cut)).trim();
  return first ? first : null;
}

const nonEmpty = (v: string | null | undefined): string | null => (v === null || v === undefined || v.trim() === "" ? null : v);

/** Agent and group names -> ids (from get_data_dict), for list items that carry only names. */
export interface Directory {
  agentIdByName(name: string): string | null;
  groupIdByName(name: string): string | null;
}

/* ---------------------------------------------------------------- tickets */

export interface MapContext {
  profile: string;
  timeZone: string;
  statuses: StatusTable;
  raw: boolean;
  directory?: Directory | undefined;
}

export function mapTicket(w: WireListTicket, ctx: MapContext, rawPayload?: unknown): Ticket {
  const agentName = nonEmpty(w.deal_agent_name);
  const agentId = nonEmpty(w.deal_agentid) ?? (agentName && ctx.directory ? ctx.directory.agentIdByName(agentName) : null);
  const assignee: Person | null = agentId || agentName ? { id: agentId, name: agentName, email: null } : null;

  const groupName = nonEmpty(w.deal_group_name);
  const groupId = nonEmpty(w.deal_groupid) ?? (groupName && ctx.directory ? ctx.directory.groupIdByName(groupName) : null);
  const team: Team | null = groupId ? { id: groupId, name: groupName } : null;

  const requesterName = nonEmpty(w.user_name) ?? nonEmpty(w.user_nick);
  const requester =
    nonEmpty(w.userid) || requesterName || nonEmpty(w.user_emails) || nonEmpty(w.user_tels)
      ? { id: nonEmpty(w.userid), name: requesterName, email: firstOf(w.user_emails), phone: firstOf(w.user_tels) }
      : null;

  const ticket: Ticket = {
    id: w.ticketid,
    number: nonEmpty(w.ticket_code),
    subject: w.ticket_title ?? "",
    status: ctx.statuses.toStatus(w.ticket_status),
    vendorStatus: w.ticket_status ?? "",
    priority: toPriority(w.ticket_level),
    assignee,
    team,
    requester,
    channel: toChannel(w.ticket_from),
    tags: [],
    createdAt: toIso(w.create_datetime_ms, w.create_datetime, ctx.timeZone),
    updatedAt: toIso(w.update_datetime_ms, w.update_datetime, ctx.timeZone),
    vendor: "sobot",
    profile: ctx.profile,
  };
  if (ctx.raw) ticket.raw = rawPayload ?? w;
  return ticket;
}

const MIME_BY_EXT: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
};

/** A URL path segment as a file name: percent-decoded, or as it is when it is not valid percent-encoding ("50%off.pdf"). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function mapFile(f: WireFile): Attachment {
  const url = nonEmpty(f.file_url);
  const name = nonEmpty(f.file_name) ?? (url ? decodeSegment(url.split("/").pop() ?? "") : "");
  const ext = (nonEmpty(f.file_type) ?? name.split(".").pop() ?? "").toLowerCase().replace(/^\./, "");
  return { id: null, name: name || "attachment", size: null, contentType: lookup(MIME_BY_EXT, ext) ?? null, url };
}

export function mapReply(r: WireReply, ticketId: string, index: number, timeZone: string): Message {
  const internal = r.reply_type === "1" || r.reply_type_new === "3";
  return {
    id: nonEmpty(r.replyid) ?? `${ticketId}:reply:${index}`,
    author: { type: toAuthorType(r.start_type), id: null, name: nonEmpty(r.update_user_name) },
    // Stored as HTML ("<p>343</p>", doc line 3527): people read its text.
    body: htmlToText(r.reply_content ?? ""),
    internal,
    createdAt: toIso(r.reply_datetime_ms, r.reply_datetime, timeZone),
    attachments: (r.file_list ?? []).map(mapFile),
  };
}

export function mapHistory(l: WireUpdateLog, timeZone: string): HistoryEvent {
  return {
    at: toIso(l.update_datetime_ms, l.update_datetime, timeZone),
    actor: nonEmpty(l.update_agent_name),
    action: nonEmpty(l.update_title) ?? "update",
    detail: nonEmpty(l.update_contents),
  };
}

/** score (1-5 stars), remark and evaluation time (doc lines 3442-3445); null when the ticket was not rated. */
export function mapSatisfaction(w: WireListTicket, timeZone: string): Satisfaction | null {
  const score = w.score === null || w.score === undefined || w.score === "" ? null : Number(w.score);
  const remark = nonEmpty(w.remark);
  const at = toIso(w.evaluation_datetime_ms, w.evaluation_datetime, timeZone);
  if ((score === null || !Number.isFinite(score)) && remark === null && at === null) return null;
  return { score: score !== null && Number.isFinite(score) ? score : null, remark, at };
}

/** The id of the message that stands for the ticket's problem description. */
export const descriptionMessageId = (ticketId: string) => `${ticketId}:description`;

export function mapDetail(w: WireTicketDetail, ctx: MapContext, history: boolean, rawPayload?: unknown): TicketDetail {
  const ticket = mapTicket(w, ctx, rawPayload);
  const tz = ctx.timeZone;
  const ticketFiles = (w.file_list ?? []).map(mapFile);

  // The problem description is the first message; replies follow, oldest first.
  const description: Message = {
    id: descriptionMessageId(w.ticketid),
    author: { type: toAuthorType(w.start_type), id: w.start_type === "1" ? nonEmpty(w.userid) : null, name: nonEmpty(w.start_name) },
    body: htmlToText(w.ticket_content ?? ""),
    internal: false,
    createdAt: ticket.createdAt,
    attachments: ticketFiles,
  };
  const replies = (w.deal_list ?? [])
    .map((r, i) => ({ r, i, at: toEpoch(r.reply_datetime_ms, r.reply_datetime, tz) }))
    // Status-only updates (assign, close) may leave entries with neither text nor files.
    .filter(({ r }) => normalizeText(r.reply_content ?? "") !== "" || (r.file_list ?? []).length > 0)
    .sort((a, b) => a.at - b.at || b.i - a.i)
    .map(({ r, i }) => mapReply(r, w.ticketid, i, tz));

  const seen = new Set<string>();
  const attachments: Attachment[] = [];
  for (const a of [...ticketFiles, ...replies.flatMap((m) => m.attachments)]) {
    const key = a.url ?? a.name;
    if (seen.has(key)) continue;
    seen.add(key);
    attachments.push(a);
  }

  const detail: TicketDetail = { ...ticket, messages: [description, ...replies], attachments, satisfaction: mapSatisfaction(w, tz) };
  const fields = w.extend_fields_list ?? [];
  if (fields.length > 0) {
    // A Map, not an object: a field named "__proto__" or "constructor" is a field like any other.
    const customFields = new Map<string, unknown>();
    for (const f of fields) {
      const name = nonEmpty(f.field_name) ?? nonEmpty(f.fieldid);
      if (!name) continue;
      const key = customFields.has(name) && f.fieldid ? f.fieldid : name;
      customFields.set(key, nonEmpty(f.field_text) ?? f.field_value ?? "");
    }
    detail.customFields = Object.fromEntries(customFields);
  }
  if (history) {
    detail.history = (w.update_log_list ?? [])
      .map((l, i) => ({ l, i, at: toEpoch(l.update_datetime_ms, l.update_datetime, tz) }))
      .sort((a, b) => a.at - b.at || b.i - a.i)
      .map(({ l }) => mapHistory(l, tz));
  }
  return detail;
}
