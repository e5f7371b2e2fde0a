/**
 * What the Zaia simulator puts on the wire: the detail row (doc lines 23-153, 236-366), the ticket
 * entity of the write routes (doc lines 395-427 and the same list for create/takeover/assignee),
 * chat messages (GUESS, readings.ts) and ticketing teams (vendor-notes.md 1.4).
 * Statuses travel in the reading's spelling; the state keeps the simulator's own lifecycle names.
 */
import { HUMAN_SENDER_ENTITY, type Lifecycle, type Reading } from "./readings.js";
import type { ZaiaIndex } from "./indexes.js";
import type { MessageRec, TicketRec, ZaiaState } from "./seed.js";

/** Every field of the documented detail row, nullable ones as null (doc: each is "Required"). */
export function detailRow(ix: ZaiaIndex, t: TicketRec, reading: Reading): Record<string, unknown> {
  const s = ix.state;
  const chat = ix.chat(t.chatId)!;
  const channel = ix.channel(chat.channelId) ?? null;
  const owner = ix.owner(chat.ownerId)!;
  const responder = ix.responder(chat.responderId)!;
  const assignee = ix.user(t.assigneeId) ?? null;
  const team = ix.team(t.ticketingTeamId) ?? null;
  return {
    assigneeEmail: assignee?.email ?? null,
    assigneeId: assignee?.id ?? null,
    assigneeName: assignee?.name ?? null,
    assigneePicture: assignee?.picture ?? null,
    channelId: channel?.id ?? null,
    channelName: channel?.name ?? null,
    channelType: channel?.type ?? null,
    chatId: chat.id,
    chatIsRemoved: chat.isRemoved,
    chatOwnerId: owner.id,
    completedAt: t.completedAt,
    createdAt: t.createdAt,
    id: t.id,
    isOwnerBlocked: owner.isBlocked,
    ongoingAt: t.ongoingAt,
    ownerEmail: owner.email,
    ownerEntity: owner.entity,
    ownerIdentifier: owner.identifier,
    ownerName: owner.name,
    pendingChatMessages: pendingMessages(ix, t, owner.id),
    responderEntity: responder.entity,
    responderId: responder.id,
    responderName: responder.name,
    responderPicture: responder.picture,
    responderVersionId: responder.versionId,
    responderVersionNumber: responder.versionNumber,
    status: reading.statusNames[t.status as Lifecycle] ?? t.status,
    summary: t.summary,
    ticketingTeamId: team?.id ?? null,
    ticketingTeamName: team?.name ?? null,
    ticketingTeamPicture: team?.picture ?? null,
    workspaceId: s.workspaceId,
  };
}

/** The ticket entity the write routes answer with (doc lines 395-427). */
export function ticketEntity(t: TicketRec, reading: Reading): Record<string, unknown> {
  return {
    createdAt: t.createdAt,
    id: t.id,
    updatedAt: t.updatedAt,
    assigneeId: t.assigneeId,
    chatId: t.chatId,
    circumstance: t.circumstance,
    completedAt: t.completedAt,
    lastViewedAt: t.lastViewedAt,
    ongoingAt: t.ongoingAt,
    status: reading.statusNames[t.status as Lifecycle] ?? t.status,
    summary: t.summary,
    ticketingTeamId: t.ticketingTeamId,
  };
}

function senderOf(ix: ZaiaIndex, m: MessageRec): Record<string, unknown> {
  const user = ix.user(m.senderId);
  const responder = ix.responder(m.senderId);
  const owner = ix.owner(m.senderId);
  return {
    id: m.senderId,
    entity: m.senderEntity,
    name: user?.name ?? responder?.name ?? owner?.name ?? null,
    picture: user?.picture ?? responder?.picture ?? null,
  };
}

/** One chat message in the reading's shape (GUESS, readings.ts). */
function messageWire(ix: ZaiaIndex, m: MessageRec, reading: Reading, withSender: boolean): Record<string, unknown> {
  const common = { id: m.id, chatId: m.chatId, chatThreadId: m.chatThreadId, ticketId: m.ticketId };
  if (reading.messages === "parts") {
    // The sender is always nested here, and only there.
    return { ...common, content: [{ type: "text", text: m.content }], sender: senderOf(ix, m), createdAt: m.createdAt };
  }
  const body = reading.messages === "envelope" ? { text: m.content } : { content: m.content };
  const out: Record<string, unknown> = {
    ...common,
    ...body,
    senderEntity: m.senderEntity,
    senderId: m.senderId,
    createdAt: m.createdAt,
    updatedAt: m.createdAt,
  };
  if (withSender) out["sender"] = senderOf(ix, m);
  return out;
}

/** The chat-messages answer: a bare array, or `{ data, pagination }` in the envelope reading. */
export function messagesAnswer(ix: ZaiaIndex, rows: MessageRec[], reading: Reading, withSender: boolean, limit: number): unknown {
  const items = rows.map((m) => messageWire(ix, m, reading, withSender));
  return reading.messages === "envelope" ? { data: items, pagination: { limit, count: items.length } } : items;
}

/** A ticketing team (vendor-notes.md 1.4: `{createdAt, description, id, name, updatedAt, workspaceId}` plus isRemoved). */
export function teamWire(ix: ZaiaIndex, team: ZaiaState["teams"][number]): Record<string, unknown> {
  const s = ix.state;
  const since = ix.firstChatCreatedAt("2024-01-01T00:00:00.000Z");
  return {
    createdAt: since,
    id: team.id,
    isRemoved: false,
    updatedAt: since,
    description: `${team.name} team`,
    name: team.name,
    picture: team.picture,
    workspaceId: s.workspaceId,
  };
}

/**
 * A workspace tag of GET /api/v1/tags (vendor-notes.md 1.4: the endpoint is FACT; MindCloud's
 * create-tag: `name`, `description`, `color` "0".."9"; get-tag: a UUID `id`). The item's other
 * fields are this simulator's reading, shaped like the team item.
 */
export function tagWire(s: ZaiaState, tag: ZaiaState["tags"][number]): Record<string, unknown> {
  return { id: tag.id, name: tag.name, description: `${tag.name} conversations`, color: tag.color, workspaceId: s.workspaceId };
}

/** Customer messages of an open ticket after the team's last answer (0 once completed). */
export function pendingMessages(ix: ZaiaIndex, t: TicketRec, ownerId: string): number {
  if (t.status === "completed") return 0;
  const own = ix.messagesOfTicket(t.id);
  let count = 0;
  for (const m of own) {
    if (m.senderEntity === HUMAN_SENDER_ENTITY && m.senderId !== ownerId) count = 0;
    else if (m.senderId === ownerId) count++;
  }
  return count;
}
