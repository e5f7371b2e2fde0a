/**
 * Comm100 messages and internal notes (vendor-notes.md 2.3, FACT from the ticketingMessage and
 * ticketingNote pages): GET ticketing/tickets/{id}/messages and /notes, POST ticketing/messages and
 * POST ticketing/notes. Which POST fields are required, and the list envelopes, are readings (readings.ts).
 */
import type { Router, SimReply, SimRequest } from "../shared/server.js";
import { createdAnswer, fail, findTicket, guarded, isReply, jsonBody, newId, PREFIX, type RouteContext } from "./common.js";
import type { WireMessage, WireNote, WireTicket } from "./model.js";
import { messagesOf } from "./present.js";
import { REQUIRED_MESSAGE_FIELDS, REQUIRED_NOTE_FIELDS } from "./readings.js";
import { fieldProblem } from "./validate.js";

type Attachment = WireMessage["attachments"][number];

function attachmentsFrom(state: RouteContext["state"], value: unknown): Attachment[] {
  return ((value as Record<string, unknown>[] | null | undefined) ?? []).map((a) => ({
    id: newId(state),
    fileKey: String(a["fileKey"] ?? ""),
    name: String(a["name"] ?? "attachment"),
    size: typeof a["size"] === "number" ? a["size"] : 0,
    type: String(a["type"] ?? "file"),
    url: String(a["url"] ?? ""),
  }));
}

/** A message body as posted (alone, or inside a ticket's `messages[]`). */
export function messageFromBody(t: WireTicket, m: Record<string, unknown>, state?: RouteContext["state"]): Omit<WireMessage, "id" | "ticketId" | "time"> {
  const sentByType = typeof m["sentByType"] === "string" ? m["sentByType"] : "agent";
  return {
    parentId: typeof m["parentId"] === "string" ? m["parentId"] : null,
    sentById: typeof m["sentById"] === "string" ? m["sentById"] : null,
    sentByType,
    type: typeof m["type"] === "string" ? m["type"] : "text",
    metadata: null,
    originalId: null,
    channelId: typeof m["channelId"] === "string" ? m["channelId"] : (t.lastMessageChannelId ?? t.channelId),
    body: String(m["body"] ?? ""),
    translatedBody: "",
    ifDisplayInTicketCorrespondences: true,
    isInternal: m["isInternal"] === true,
    // An internal message is never sent to the contact.
    isOriginalSentToContact: sentByType === "agent" && m["isInternal"] !== true,
    showInlineImage: false,
    isRead: true,
    attachments: state ? attachmentsFrom(state, m["attachments"]) : [],
    messageDelivery: null,
  };
}

export function addMessage(ctx: RouteContext, t: WireTicket, m: Omit<WireMessage, "id" | "ticketId" | "time">): WireMessage {
  const msg: WireMessage = { ...m, id: newId(ctx.state), ticketId: t.id, time: ctx.now().toISOString() };
  if (msg.sentByType === "agent" && !msg.isInternal) {
    msg.messageDelivery = { messageId: msg.id, status: "success", failReason: null, time: msg.time, groupId: null, orderNum: 0 };
  }
  ctx.state.messages.push(msg);
  t.lastMessageId = msg.id;
  t.lastMessageChannelId = msg.channelId;
  t.lastRepliedById = msg.sentById;
  t.lastRepliedByType = msg.sentByType;
  t.lastRepliedTime = msg.time;
  t.totalReplies += 1;
  t.lastUpdatedTime = msg.time;
  return msg;
}

function list(ctx: RouteContext, key: "messages" | "notes", items: unknown[]): SimReply {
  if (ctx.readings.subListForm === "array") return { status: 200, body: items };
  return { status: 200, body: { [key]: items, nextPage: null, previousPage: null, total: items.length } };
}

function postMessage(ctx: RouteContext, req: SimRequest): SimReply {
  const body = jsonBody(req);
  if (isReply(body)) return body;
  const problem = fieldProblem("message", body, REQUIRED_MESSAGE_FIELDS);
  if (problem) return fail(400, problem);
  const t = findTicket(ctx, String(body["ticketId"]));
  if (isReply(t)) return t;
  return createdAnswer(ctx, { ...addMessage(ctx, t, messageFromBody(t, body, ctx.state)) });
}

function postNote(ctx: RouteContext, req: SimRequest): SimReply {
  const body = jsonBody(req);
  if (isReply(body)) return body;
  const problem = fieldProblem("note", body, REQUIRED_NOTE_FIELDS);
  if (problem) return fail(400, problem);
  const t = findTicket(ctx, String(body["ticketId"]));
  if (isReply(t)) return t;
  const note: WireNote = {
    id: newId(ctx.state),
    ticketId: t.id,
    agentId: typeof body["agentId"] === "string" ? body["agentId"] : null,
    createdTime: ctx.now().toISOString(),
    text: body["text"] as string,
    attachments: attachmentsFrom(ctx.state, body["attachments"]),
    noteMentions: [],
  };
  ctx.state.notes.push(note);
  t.lastUpdatedTime = note.createdTime;
  return createdAnswer(ctx, { ...note });
}

export function messageRoutes(r: Router, ctx: RouteContext): void {
  const on = (method: string, path: string, h: (req: SimRequest) => SimReply) => r.on(method, `${PREFIX}/ticketing/${path}`, guarded(ctx, h));
  on("GET", "tickets/:id/messages", (req) => {
    const t = findTicket(ctx, req.params["id"]!);
    return isReply(t) ? t : list(ctx, "messages", messagesOf(ctx, t.id));
  });
  on("GET", "tickets/:id/notes", (req) => {
    const t = findTicket(ctx, req.params["id"]!);
    if (isReply(t)) return t;
    return list(ctx, "notes", ctx.index.notesOf(t.id).sort((a, b) => a.createdTime.localeCompare(b.createdTime)));
  });
  on("POST", "messages", (req) => postMessage(ctx, req));
  on("POST", "notes", (req) => postNote(ctx, req));
}
