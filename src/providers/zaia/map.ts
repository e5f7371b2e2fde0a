/**
 * Zaia <-> normalized model. The status enum is a GUESS (guesses.ts, statuses.ts); this file
 * applies it. Zaia dates are already ISO; they are re-printed as "YYYY-MM-DDTHH:mm:ss.sssZ".
 * Zaia has no subject (the model's subject is the ticket `summary`), no priority and no tags
 * on the rows (tags can be filtered by id, not read back).
 */
import { toIsoUtc } from "../shared/dates.js";
import { lookup } from "../shared/lookup.js";
import type { AuthorType } from "../../model/enums.js";
import type { HistoryEvent, Message, Requester, Ticket } from "../../model/types.js";
import { SENDER_TO_AUTHOR } from "./guesses.js";
import type { ChatMessage, DetailRow, TicketEntity } from "./schema.js";
import { modelStatus } from "./statuses.js";

export { modelStatus } from "./statuses.js";

/** ISO UTC with milliseconds, or null for null/empty/unparseable input. */
export function toIso(value: string | null | undefined): string | null {
  if (value == null) return null;
  // Trimmed only when it has to be: a trim copies the string (10,000 tickets carry 30,000 dates).
  const text = EDGE_SPACE.test(value) ? value.trim() : value;
  return text === "" ? null : toIsoUtc(text);
}

/** White space at either end: what trim() removes (JS \s is trim's set). */
const EDGE_SPACE = /^\s|\s$/;

/** The latest of three dates (ISO strings of one form compare as text); no array per ticket. */
function latest(a: string | null, b: string | null, c: string | null): string | null {
  return later(later(toIso(a), toIso(b)), toIso(c));
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b !== null && b > a ? b : a;
}

const PHONE = /^\+?[\d\s().-]{6,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The chat owner as requester. A platform user carries ownerEmail; an external user carries
 * ownerIdentifier (a phone number on WhatsApp, a handle on Instagram, ...): it fills phone or
 * email when it looks like one.
 */
export function requesterFromRow(row: DetailRow): Requester | null {
  const ident = row.ownerIdentifier?.trim() || null;
  const phone = ident && PHONE.test(ident) ? ident : null;
  const email = row.ownerEmail ?? (ident && EMAIL.test(ident) ? ident : null);
  const name = row.ownerName ?? (ident && !phone && !email ? ident : null);
  if (!row.chatOwnerId && !name && !email && !phone) return null;
  return { id: row.chatOwnerId, name, email, phone };
}

export interface MapContext {
  profile: string;
  raw: boolean;
}

/** A detail row (list/show) -> Ticket. updatedAt = the latest lifecycle timestamp (rows carry no updatedAt). */
export function rowToTicket(row: DetailRow, payload: unknown, ctx: MapContext): Ticket {
  const ticket: Ticket = {
    id: row.id,
    number: null,
    subject: row.summary,
    status: modelStatus(row.status),
    vendorStatus: row.status,
    priority: null,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName, email: row.assigneeEmail } : null,
    team: row.ticketingTeamId ? { id: row.ticketingTeamId, name: row.ticketingTeamName } : null,
    requester: requesterFromRow(row),
    channel: row.channelType ?? row.channelName,
    tags: [],
    createdAt: toIso(row.createdAt),
    updatedAt: latest(row.createdAt, row.ongoingAt, row.completedAt),
    // Issue 13 (stats): resolvedAt = completedAt ("When the ticket was completed", doc lines
    // 64-66). firstResponseAt = ongoingAt ("When the ticket entered the ongoing state", lines
    // 80-82): INFERRED as the first human answer from the Inbox guide's stages "Unanswered" ->
    // "In Progress" (vendor-notes line 69). No customer-message time: only a count
    // (pendingChatMessages, line 101).
    firstResponseAt: toIso(row.ongoingAt),
    resolvedAt: toIso(row.completedAt),
    vendor: "zaia",
    profile: ctx.profile,
  };
  if (ctx.raw) ticket.raw = payload;
  return ticket;
}

/** The bare ticket entity (write responses) -> Ticket; used only when the detail row cannot be read. */
export function entityToTicket(entity: TicketEntity, payload: unknown, ctx: MapContext): Ticket {
  const ticket: Ticket = {
    id: entity.id,
    number: null,
    subject: entity.summary,
    status: modelStatus(entity.status),
    vendorStatus: entity.status,
    priority: null,
    assignee: entity.assigneeId ? { id: entity.assigneeId, name: null, email: null } : null,
    team: entity.ticketingTeamId ? { id: entity.ticketingTeamId, name: null } : null,
    requester: null,
    channel: null,
    tags: [],
    createdAt: toIso(entity.createdAt),
    updatedAt: toIso(entity.updatedAt),
    firstResponseAt: toIso(entity.ongoingAt),
    resolvedAt: toIso(entity.completedAt),
    vendor: "zaia",
    profile: ctx.profile,
  };
  if (ctx.raw) ticket.raw = payload;
  return ticket;
}

/** Zaia facts with no slot in the model, for `show` (customFields). */
export function rowCustomFields(row: DetailRow): Record<string, unknown> {
  return {
    chatId: row.chatId,
    responder: row.responderId
      ? {
          id: row.responderId,
          entity: row.responderEntity,
          name: row.responderName,
          versionId: row.responderVersionId,
          versionNumber: row.responderVersionNumber,
        }
      : null,
    pendingChatMessages: row.pendingChatMessages,
    channelId: row.channelId,
    channelName: row.channelName,
    ownerEntity: row.ownerEntity,
    isOwnerBlocked: row.isOwnerBlocked,
    chatIsRemoved: row.chatIsRemoved,
    ongoingAt: toIso(row.ongoingAt),
    completedAt: toIso(row.completedAt),
  };
}

/** Zaia keeps no event log; `show --history` gets the lifecycle timestamps as events. */
export function rowHistory(row: DetailRow): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const push = (at: string | null, action: string, detail: string | null) => {
    const iso = toIso(at);
    if (iso) events.push({ at: iso, actor: null, action, detail });
  };
  push(row.createdAt, "created", null);
  push(row.ongoingAt, "ongoing", "a human took the chat over from the AI responder");
  push(row.completedAt, "completed", null);
  return events;
}

/** A chat message -> Message. The chat owner is the customer; otherwise the sender entity decides (GUESS). */
export function chatMessageToModel(m: ChatMessage, chatOwnerId: string | null): Message {
  const senderId = m.senderId ?? m.sender?.id ?? null;
  const entity = m.senderEntity ?? m.sender?.entity ?? null;
  let type: AuthorType;
  if (senderId !== null && senderId === chatOwnerId) type = "customer";
  else type = lookup(SENDER_TO_AUTHOR, entity) ?? "system";
  return {
    id: m.id,
    author: { type, id: senderId, name: m.sender?.name ?? null },
    body: m.content,
    internal: false,
    createdAt: toIso(m.createdAt),
    attachments: [],
  };
}
