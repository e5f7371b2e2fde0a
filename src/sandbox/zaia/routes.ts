/**
 * The Zaia public API v1 as the simulator serves it: the nine documented routes with their
 * checks (raw key in `authorization`, UUID v4 ids, required `status` on list, pageSize <= 100,
 * required body fields) and state transitions. Error bodies are Nest-style
 * `{ message, error, statusCode }` (GUESS: only `{ message }` is documented). Unknown query
 * or body properties are refused (GUESS: Nest's forbidNonWhitelisted), which keeps the
 * provider honest about parameter names.
 */
import { CHAT_MESSAGES_DEFAULT_LIMIT, CHAT_MESSAGES_JOIN_SENDERS, COMPLETE_STATUS, TAKEOVER_STATUS, ZAIA_STATUSES } from "../../providers/zaia/guesses.js";
import { Router, type Handler, type SimReply, type SimRequest } from "../shared/server.js";
import type { Chat, MessageRec, TicketRec, ZaiaState } from "./seed.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const REASONS: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 409: "Conflict" };

/** A Nest-style error reply (GUESS). */
export function zaiaError(status: number, message: string): SimReply {
  return { status, body: { message, error: REASONS[status] ?? "Error", statusCode: status } };
}

class Reject extends Error {
  constructor(readonly reply: SimReply) {
    super(String((reply.body as { message?: unknown }).message));
  }
}
const bad = (message: string) => new Reject(zaiaError(400, message));
const notFound = (message: string) => new Reject(zaiaError(404, message));

function uuidParam(value: string, name: string): string {
  // Nest's ParseUUIDPipe wording (GUESS).
  if (!UUID_V4.test(value)) throw bad(`Validation failed (uuid v4 is expected) for ${name}`);
  return value;
}

function checkQueryKeys(q: URLSearchParams, allowed: string[]): void {
  for (const key of new Set(q.keys())) if (!allowed.includes(key)) throw bad(`property ${key} should not exist`);
}

function uuidList(q: URLSearchParams, name: string): string[] {
  const values = q.getAll(name);
  for (const v of values) if (!UUID_V4.test(v)) throw bad(`each value in ${name} must be a UUID`);
  return values;
}

function intParam(q: URLSearchParams, name: string, min: number, max: number | null, dflt: number): number {
  const raw = q.get(name);
  if (raw === null) return dflt;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) throw bad(`${name} must be a number conforming to the specified constraints`);
  if (n < min) throw bad(`${name} must not be less than ${min}`);
  if (max !== null && n > max) throw bad(`${name} must not be greater than ${max}`);
  return Math.floor(n);
}

function jsonBody(req: SimRequest, fields: Record<string, "uuid" | "uuid|null" | "status">): Record<string, string | null> {
  if (req.badJson) throw bad("Unexpected token in JSON body");
  const body = req.body;
  if (!body || typeof body !== "object" || Array.isArray(body)) throw bad(`${Object.keys(fields).join(", ")} should be provided in a JSON body`);
  const obj = body as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (!(key in fields)) throw bad(`property ${key} should not exist`);
  const out: Record<string, string | null> = {};
  for (const [key, kind] of Object.entries(fields)) {
    const v = obj[key];
    if (kind === "uuid|null" && v === null) {
      out[key] = null;
      continue;
    }
    if (v === undefined) throw bad(`${key} should not be empty`);
    if (kind === "status") {
      if (typeof v !== "string" || !(ZAIA_STATUSES as readonly string[]).includes(v)) {
        throw bad(`${key} must be one of the following values: ${ZAIA_STATUSES.join(", ")}`);
      }
    } else if (typeof v !== "string" || !UUID_V4.test(v)) {
      throw bad(`${key} must be a UUID`);
    }
    out[key] = v as string;
  }
  return out;
}

export interface RouteDeps {
  state: () => ZaiaState;
  apiKey: string;
  now: () => Date;
  /** Ids for new entities (deterministic per simulator). */
  newId: () => string;
}

export function createRoutes(deps: RouteDeps): Router {
  const router = new Router();
  const nowIso = () => deps.now().toISOString();

  const find = {
    ticket(id: string): TicketRec {
      const t = deps.state().tickets.find((x) => x.id === id);
      if (!t) throw notFound("Ticket not found");
      return t;
    },
    chat(id: string): Chat {
      const c = deps.state().chats.find((x) => x.id === id);
      if (!c) throw notFound("Chat not found");
      return c;
    },
    user(id: string) {
      const u = deps.state().users.find((x) => x.id === id);
      if (!u) throw notFound("User not found");
      return u;
    },
  };

  /** Every field of the documented detail row, nullable ones as null. */
  function detailRow(t: TicketRec): Record<string, unknown> {
    const s = deps.state();
    const chat = s.chats.find((c) => c.id === t.chatId)!;
    const channel = s.channels.find((c) => c.id === chat.channelId) ?? null;
    const owner = s.owners.find((o) => o.id === chat.ownerId)!;
    const responder = s.responders.find((r) => r.id === chat.responderId)!;
    const assignee = s.users.find((u) => u.id === t.assigneeId) ?? null;
    const team = s.teams.find((x) => x.id === t.ticketingTeamId) ?? null;
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
      pendingChatMessages: pendingMessages(s, t, owner.id),
      responderEntity: responder.entity,
      responderId: responder.id,
      responderName: responder.name,
      responderPicture: responder.picture,
      responderVersionId: responder.versionId,
      responderVersionNumber: responder.versionNumber,
      status: t.status,
      summary: t.summary,
      ticketingTeamId: team?.id ?? null,
      ticketingTeamName: team?.name ?? null,
      ticketingTeamPicture: team?.picture ?? null,
      workspaceId: s.workspaceId,
    };
  }

  /** The ticket entity of the write endpoints. */
  function entity(t: TicketRec): Record<string, unknown> {
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
      status: t.status,
      summary: t.summary,
      ticketingTeamId: t.ticketingTeamId,
    };
  }

  /** Auth first (401), then the handler; validation failures become their Nest-style replies. */
  const route = (method: string, path: string, handler: Handler) =>
    router.on(method, path, async (req) => {
      const auth = req.headers["authorization"];
      if (typeof auth !== "string" || auth !== deps.apiKey) return zaiaError(401, "Unauthorized");
      try {
        return await handler(req);
      } catch (err) {
        if (err instanceof Reject) return err.reply;
        throw err;
      }
    });
  const ok = (body: unknown): SimReply => ({ status: 200, body });

  route("GET", "/api/v1/tickets/details", (req) => {
    const q = req.query;
    checkQueryKeys(q, ["status", "pageNumber", "pageSize", "assigneeIds", "chatIds", "responderIds", "responderVersionIds", "tagIds", "search", "includeRemoved"]);
    const status = q.get("status");
    if (status === null || status === "") throw bad(`status must be one of the following values: ${ZAIA_STATUSES.join(", ")}`);
    if (q.getAll("status").length > 1 || !(ZAIA_STATUSES as readonly string[]).includes(status)) {
      throw bad(`status must be one of the following values: ${ZAIA_STATUSES.join(", ")}`);
    }
    const pageNumber = intParam(q, "pageNumber", 1, null, 1);
    const pageSize = intParam(q, "pageSize", 1, 100, 10);
    const assigneeIds = uuidList(q, "assigneeIds");
    const chatIds = uuidList(q, "chatIds");
    const responderIds = uuidList(q, "responderIds");
    const responderVersionIds = uuidList(q, "responderVersionIds");
    const tagIds = uuidList(q, "tagIds");
    const includeRemovedRaw = q.get("includeRemoved");
    if (includeRemovedRaw !== null && !["true", "false"].includes(includeRemovedRaw)) throw bad("includeRemoved must be a boolean value");
    const includeRemoved = includeRemovedRaw === "true";
    const search = (q.get("search") ?? "").trim().toLowerCase();

    const rows = deps
      .state()
      .tickets.filter((t) => t.status === status)
      .map(detailRow)
      .filter((r) => includeRemoved || r["chatIsRemoved"] !== true)
      .filter((r) => assigneeIds.length === 0 || assigneeIds.includes(r["assigneeId"] as string))
      .filter((r) => chatIds.length === 0 || chatIds.includes(r["chatId"] as string))
      .filter((r) => responderIds.length === 0 || responderIds.includes(r["responderId"] as string))
      .filter((r) => responderVersionIds.length === 0 || responderVersionIds.includes(r["responderVersionId"] as string))
      .filter((r) => {
        if (tagIds.length === 0) return true;
        const t = deps.state().tickets.find((x) => x.id === r["id"])!;
        return t.tags.some((l) => tagIds.includes(l.tagId));
      })
      .filter((r) => {
        if (!search) return true;
        // GUESS: search looks at the summary and the owner's and assignee's names/identifiers.
        return ["summary", "ownerName", "ownerEmail", "ownerIdentifier", "assigneeName"].some((k) =>
          String(r[k] ?? "").toLowerCase().includes(search),
        );
      })
      // GUESS: newest first.
      .sort((a, b) => String(b["createdAt"]).localeCompare(String(a["createdAt"])) || String(a["id"]).localeCompare(String(b["id"])));
    return ok(rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize));
  });

  route("GET", "/api/v1/tickets/:id/details", (req) => {
    checkQueryKeys(req.query, []);
    return ok(detailRow(find.ticket(uuidParam(req.params["id"]!, "id"))));
  });

  route("POST", "/api/v1/tickets", (req) => {
    const body = jsonBody(req, { chatId: "uuid", ticketingTeamId: "uuid|null", assigneeId: "uuid", status: "status" });
    const s = deps.state();
    const chat = find.chat(body["chatId"]!);
    if (body["ticketingTeamId"] !== null && !s.teams.some((t) => t.id === body["ticketingTeamId"])) throw notFound("Ticketing team not found");
    find.user(body["assigneeId"]!);
    const now = nowIso();
    const status = body["status"]!;
    const lastWords = [...s.messages].reverse().find((m) => m.chatId === chat.id && m.senderId === chat.ownerId)?.content ?? "";
    const ticket: TicketRec = {
      id: deps.newId(),
      chatId: chat.id,
      status,
      // GUESS: a ticket opened through the API by a person counts as a takeover.
      circumstance: "takeover",
      summary: lastWords ? `The customer wrote: ${lastWords.slice(0, 120)}` : "Ticket opened by a team member.",
      assigneeId: body["assigneeId"]!,
      ticketingTeamId: body["ticketingTeamId"] ?? null,
      createdAt: now,
      updatedAt: now,
      ongoingAt: status === "pending" ? null : now,
      completedAt: status === COMPLETE_STATUS ? now : null,
      lastViewedAt: null,
      tags: [],
    };
    s.tickets.push(ticket);
    return ok(entity(ticket));
  });

  route("PATCH", "/api/v1/tickets/:id/complete", (req) => {
    const id = uuidParam(req.params["id"]!, "id");
    const body = jsonBody(req, { userId: "uuid" });
    const t = find.ticket(id);
    find.user(body["userId"]!);
    if (t.status === COMPLETE_STATUS) throw bad("Ticket is already completed");
    const now = nowIso();
    t.status = COMPLETE_STATUS;
    t.completedAt = now;
    t.updatedAt = now;
    return ok(entity(t));
  });

  route("PATCH", "/api/v1/tickets/:id/takeover", (req) => {
    const id = uuidParam(req.params["id"]!, "id");
    const body = jsonBody(req, { assigneeId: "uuid" });
    const t = find.ticket(id);
    find.user(body["assigneeId"]!);
    if (t.status === COMPLETE_STATUS) throw bad("Ticket is already completed");
    const now = nowIso();
    if (t.status !== TAKEOVER_STATUS || t.ongoingAt === null) t.ongoingAt = now;
    t.status = TAKEOVER_STATUS;
    t.assigneeId = body["assigneeId"]!;
    t.updatedAt = now;
    return ok(entity(t));
  });

  route("PATCH", "/api/v1/tickets/:id/assignee", (req) => {
    const id = uuidParam(req.params["id"]!, "id");
    const body = jsonBody(req, { assigneeId: "uuid" });
    const t = find.ticket(id);
    find.user(body["assigneeId"]!);
    t.assigneeId = body["assigneeId"]!;
    t.updatedAt = nowIso();
    return ok(entity(t));
  });

  route("POST", "/api/v1/tickets/:ticketId/tags", (req) => {
    const id = uuidParam(req.params["ticketId"]!, "ticketId");
    const body = jsonBody(req, { tagId: "uuid" });
    const t = find.ticket(id);
    const tagId = body["tagId"]!;
    if (!deps.state().tags.some((x) => x.id === tagId)) throw notFound("Tag not found");
    // GUESS: attaching twice is a conflict.
    if (t.tags.some((l) => l.tagId === tagId)) throw new Reject(zaiaError(409, "Tag is already attached to the ticket"));
    const now = nowIso();
    t.tags.push({ tagId, createdAt: now });
    return ok({ createdAt: now, updatedAt: now, tagId, ticketId: t.id });
  });

  route("DELETE", "/api/v1/tickets/:ticketId/tags/:tagId", (req) => {
    const id = uuidParam(req.params["ticketId"]!, "ticketId");
    const tagId = uuidParam(req.params["tagId"]!, "tagId");
    const t = find.ticket(id);
    const at = t.tags.findIndex((l) => l.tagId === tagId);
    if (at < 0) throw notFound("Tag is not attached to the ticket");
    t.tags.splice(at, 1);
    return ok({ message: "Tag removed from the ticket" });
  });

  route("GET", "/api/v1/chat-messages", (req) => {
    const q = req.query;
    // GUESS: the `pagination` object travels as pagination[limit] (deepObject) or limit (form).
    checkQueryKeys(q, ["chatId", "chatThreadId", "joins", "pagination[limit]", "limit", "ticketIds"]);
    const chatId = q.get("chatId");
    if (!chatId) throw bad("chatId must be a UUID");
    uuidParam(chatId, "chatId");
    const threadId = q.get("chatThreadId");
    if (threadId !== null) uuidParam(threadId, "chatThreadId");
    const joins = q.getAll("joins");
    for (const j of joins) {
      if (!["chat-message-follow-ups", CHAT_MESSAGES_JOIN_SENDERS].includes(j)) {
        throw bad("each value in joins must be one of the following values: chat-message-follow-ups, senders");
      }
    }
    const ticketIds = uuidList(q, "ticketIds");
    const limit = q.has("pagination[limit]")
      ? intParam(q, "pagination[limit]", 1, 1000, CHAT_MESSAGES_DEFAULT_LIMIT)
      : intParam(q, "limit", 1, 1000, CHAT_MESSAGES_DEFAULT_LIMIT);
    const s = deps.state();
    find.chat(chatId);
    const rows = s.messages
      .filter((m) => m.chatId === chatId)
      .filter((m) => threadId === null || m.chatThreadId === threadId)
      .filter((m) => ticketIds.length === 0 || (m.ticketId !== null && ticketIds.includes(m.ticketId)))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit)
      .map((m) => messageWire(s, m, joins.includes(CHAT_MESSAGES_JOIN_SENDERS)));
    return ok(rows);
  });

  return router;
}

/** GUESS (see src/providers/zaia/guesses.ts): the chat message shape. */
function messageWire(s: ZaiaState, m: MessageRec, withSender: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: m.id,
    chatId: m.chatId,
    chatThreadId: m.chatThreadId,
    ticketId: m.ticketId,
    content: m.content,
    senderEntity: m.senderEntity,
    senderId: m.senderId,
    createdAt: m.createdAt,
    updatedAt: m.createdAt,
  };
  if (withSender) {
    const user = s.users.find((u) => u.id === m.senderId);
    const responder = s.responders.find((r) => r.id === m.senderId);
    const owner = s.owners.find((o) => o.id === m.senderId);
    out["sender"] = {
      id: m.senderId,
      entity: m.senderEntity,
      name: user?.name ?? responder?.name ?? owner?.name ?? null,
      picture: user?.picture ?? responder?.picture ?? null,
    };
  }
  return out;
}

/** Customer messages of an open ticket after the team's last answer (0 once completed). */
function pendingMessages(s: ZaiaState, t: TicketRec, ownerId: string): number {
  if (t.status === COMPLETE_STATUS) return 0;
  const own = s.messages.filter((m) => m.ticketId === t.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let count = 0;
  for (const m of own) {
    if (m.senderEntity === "users" && m.senderId !== ownerId) count = 0;
    else if (m.senderId === ownerId) count++;
  }
  return count;
}
