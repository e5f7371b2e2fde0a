/**
 * The Zaia public API v1 as the simulator serves it: the eight routes of
 * vendor-docs/zaia-ticket-api.txt, plus GET /api/v1/chat-messages, GET /api/v1/ticketing-teams and
 * GET /api/v1/tags from vendor-notes.md 1.4, with their checks (validate.ts) and state transitions. Readings the
 * document leaves open (status spelling, auth form, message shape, error bodies) come from
 * readings.ts, one variant at a time.
 */
import { Router, type Handler, type SimReply, type SimRequest } from "../shared/server.js";
import {
  API_CREATE_CIRCUMSTANCE,
  CHAT_MESSAGE_JOINS,
  CHAT_MESSAGES_LIMIT,
  LIFECYCLE,
  SEARCH_FIELDS,
  type Lifecycle,
  type Reading,
} from "./readings.js";
import type { ZaiaIndex } from "./indexes.js";
import type { Chat, TicketRec, ZaiaState } from "./seed.js";
import {
  bad,
  booleanParam,
  checkQueryKeys,
  enumParam,
  jsonBody,
  notFound,
  numberParam,
  pageParams,
  Reject,
  uuidList,
  uuidParam,
  zaiaError,
} from "./validate.js";
import { detailRow, messagesAnswer, tagWire, teamWire, ticketEntity } from "./wire.js";

export { zaiaError } from "./validate.js";

export interface RouteDeps {
  state: () => ZaiaState;
  /** Lookups by id over that state (indexes.ts), kept current by the routes. */
  index: ZaiaIndex;
  apiKey: string;
  now: () => Date;
  /** Ids for new entities (deterministic per simulator). */
  newId: () => string;
  reading: Reading;
  /**
   * Zaia API keys do not expire (the doc: a key "created in the api keys section"); with
   * SimulatorOptions.tokenTtlSeconds the key stops working at this time, like a key deleted in the
   * workspace settings, so a client's handling of a key that dies mid-run can be tested.
   */
  keyExpiresAt: number | null;
}

const LIST_QUERY = ["status", "pageNumber", "pageSize", "assigneeIds", "chatIds", "responderIds", "responderVersionIds", "tagIds", "search", "includeRemoved"];

export function createRoutes(deps: RouteDeps): Router {
  const router = new Router();
  const { reading } = deps;
  const nowIso = () => deps.now().toISOString();
  const wireStatuses = LIFECYCLE.map((l) => reading.statusNames[l]);
  const lifecycleOf = (wire: string): Lifecycle => LIFECYCLE.find((l) => reading.statusNames[l] === wire)!;
  const statusKind = { oneOf: wireStatuses, listAllowed: reading.listsAllowedStatuses };

  const ix = deps.index;
  const find = {
    ticket(id: string): TicketRec {
      const t = ix.ticket(id);
      if (!t) throw notFound("Ticket not found");
      return t;
    },
    chat(id: string): Chat {
      const c = ix.chat(id);
      if (!c) throw notFound("Chat not found");
      return c;
    },
    user(id: string) {
      const u = ix.user(id);
      if (!u) throw notFound("User not found");
      return u;
    },
  };

  /** Rule: the `authorization` header carries the key in the reading's form (doc: header parameter `authorization`, Required). */
  const authorized = (req: SimRequest): boolean => {
    if (deps.keyExpiresAt !== null && deps.now().getTime() >= deps.keyExpiresAt) return false;
    return req.headers["authorization"] === reading.authValue(deps.apiKey);
  };

  /** Auth first (401), then the handler; a failed rule becomes its error reply. */
  const route = (method: string, path: string, handler: Handler) =>
    router.on(method, path, async (req) => {
      if (!authorized(req)) return zaiaError(401, "Unauthorized");
      // A write may change what the lists hold: their cached answers go, before and after it.
      const writes = method !== "GET";
      if (writes) ix.changed();
      try {
        return await handler(req);
      } catch (err) {
        if (err instanceof Reject) return err.reply;
        throw err;
      } finally {
        if (writes) ix.changed();
      }
    });
  const ok = (body: unknown): SimReply => ({ status: 200, body });

  // doc lines 155-369: GET /api/v1/tickets/details, status required, pageNumber/pageSize.
  route("GET", "/api/v1/tickets/details", (req) => {
    const q = req.query;
    checkQueryKeys(q, LIST_QUERY);
    const status = lifecycleOf(enumParam(q, "status", wireStatuses, reading.listsAllowedStatuses));
    const { pageNumber, pageSize } = pageParams(q);
    const filters = {
      assigneeIds: uuidList(q, "assigneeIds"),
      chatIds: uuidList(q, "chatIds"),
      responderIds: uuidList(q, "responderIds"),
      responderVersionIds: uuidList(q, "responderVersionIds"),
      tagIds: uuidList(q, "tagIds"),
    };
    const includeRemoved = booleanParam(q, "includeRemoved") ?? false;
    const search = (q.get("search") ?? "").trim().toLowerCase();
    const s = deps.state();
    const any = (list: string[], v: unknown) => list.length === 0 || list.includes(v as string);
    // Every page of one query walks the same rows: built once between two writes (indexes.ts).
    const rows = ix.list(JSON.stringify([status, filters, includeRemoved, search]), () =>
      s.tickets
        .filter((t) => t.status === status)
        .filter((t) => filters.tagIds.length === 0 || t.tags.some((l) => filters.tagIds.includes(l.tagId)))
        .map((t) => detailRow(ix, t, reading))
        .filter((r) => includeRemoved || r["chatIsRemoved"] !== true)
        .filter((r) => any(filters.assigneeIds, r["assigneeId"]) && any(filters.chatIds, r["chatId"]))
        .filter((r) => any(filters.responderIds, r["responderId"]) && any(filters.responderVersionIds, r["responderVersionId"]))
        .filter((r) => !search || SEARCH_FIELDS.some((k) => String(r[k] ?? "").toLowerCase().includes(search)))
        .sort((a, b) => String(b["createdAt"]).localeCompare(String(a["createdAt"])) || String(a["id"]).localeCompare(String(b["id"]))),
    );
    return ok(rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize));
  });

  // doc lines 1-156: GET /api/v1/tickets/{id}/details.
  route("GET", "/api/v1/tickets/:id/details", (req) => {
    checkQueryKeys(req.query, []);
    return ok(detailRow(ix, find.ticket(uuidParam(req.params["id"]!, "id")), reading));
  });

  // doc lines 431-495: POST /api/v1/tickets {chatId, ticketingTeamId, assigneeId, status}.
  route("POST", "/api/v1/tickets", (req) => {
    const body = jsonBody(req, { chatId: "uuid", ticketingTeamId: "uuid|null", assigneeId: "uuid", status: statusKind });
    const s = deps.state();
    const chat = find.chat(body["chatId"]!);
    if (body["ticketingTeamId"] !== null && !ix.team(body["ticketingTeamId"]!)) throw notFound("Ticketing team not found");
    find.user(body["assigneeId"]!);
    const now = nowIso();
    const status = lifecycleOf(body["status"]!);
    const lastWords = [...ix.messagesOfChat(chat.id)].reverse().find((m) => m.senderId === chat.ownerId)?.content ?? "";
    const ticket: TicketRec = {
      id: deps.newId(),
      chatId: chat.id,
      status,
      circumstance: API_CREATE_CIRCUMSTANCE,
      summary: lastWords ? `The customer wrote: ${lastWords.slice(0, 120)}` : "Ticket opened by a team member.",
      assigneeId: body["assigneeId"]!,
      ticketingTeamId: body["ticketingTeamId"] ?? null,
      createdAt: now,
      updatedAt: now,
      ongoingAt: status === "pending" ? null : now,
      completedAt: status === "completed" ? now : null,
      lastViewedAt: null,
      tags: [],
    };
    s.tickets.push(ticket);
    ix.addTicket(ticket);
    return ok(ticketEntity(ticket, reading));
  });

  // doc lines 370-430: PATCH /api/v1/tickets/{id}/complete {userId}.
  route("PATCH", "/api/v1/tickets/:id/complete", (req) => {
    const id = uuidParam(req.params["id"]!, "id");
    const body = jsonBody(req, { userId: "uuid" });
    const t = find.ticket(id);
    find.user(body["userId"]!);
    if (t.status === "completed") throw bad("Ticket is already completed");
    const now = nowIso();
    t.status = "completed";
    t.completedAt = now;
    t.updatedAt = now;
    return ok(ticketEntity(t, reading));
  });

  // doc lines 563-623: PATCH /api/v1/tickets/{id}/takeover {assigneeId}.
  route("PATCH", "/api/v1/tickets/:id/takeover", (req) => {
    const id = uuidParam(req.params["id"]!, "id");
    const body = jsonBody(req, { assigneeId: "uuid" });
    const t = find.ticket(id);
    find.user(body["assigneeId"]!);
    if (t.status === "completed") throw bad("Ticket is already completed");
    const now = nowIso();
    if (t.status !== "ongoing" || t.ongoingAt === null) t.ongoingAt = now;
    t.status = "ongoing";
    t.assigneeId = body["assigneeId"]!;
    t.updatedAt = now;
    return ok(ticketEntity(t, reading));
  });

  // doc lines 624-684: PATCH /api/v1/tickets/{id}/assignee {assigneeId}.
  route("PATCH", "/api/v1/tickets/:id/assignee", (req) => {
    const id = uuidParam(req.params["id"]!, "id");
    const body = jsonBody(req, { assigneeId: "uuid" });
    const t = find.ticket(id);
    find.user(body["assigneeId"]!);
    t.assigneeId = body["assigneeId"]!;
    t.updatedAt = nowIso();
    return ok(ticketEntity(t, reading));
  });

  // doc lines 496-532: POST /api/v1/tickets/{ticketId}/tags {tagId}.
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

  // doc lines 533-562: DELETE /api/v1/tickets/{ticketId}/tags/{tagId} -> { message }.
  route("DELETE", "/api/v1/tickets/:ticketId/tags/:tagId", (req) => {
    const id = uuidParam(req.params["ticketId"]!, "ticketId");
    const tagId = uuidParam(req.params["tagId"]!, "tagId");
    const t = find.ticket(id);
    const at = t.tags.findIndex((l) => l.tagId === tagId);
    if (at < 0) throw notFound("Tag is not attached to the ticket");
    t.tags.splice(at, 1);
    return ok({ message: "Tag removed from the ticket" });
  });

  // vendor-notes.md 1.4: GET /api/v1/chat-messages, chatId required; joins, pagination, ticketIds.
  route("GET", "/api/v1/chat-messages", (req) => {
    const q = req.query;
    // GUESS: the `pagination` object travels as pagination[limit] (deepObject) or limit (form explode).
    checkQueryKeys(q, ["chatId", "chatThreadId", "joins", "pagination[limit]", "limit", "ticketIds"]);
    const chatId = q.get("chatId");
    if (!chatId) throw bad("chatId must be a UUID");
    uuidParam(chatId, "chatId");
    const threadId = q.get("chatThreadId");
    if (threadId !== null) uuidParam(threadId, "chatThreadId");
    const joins = q.getAll("joins");
    for (const j of joins) {
      if (!(CHAT_MESSAGE_JOINS as readonly string[]).includes(j)) {
        throw bad(`each value in joins must be one of the following values: ${CHAT_MESSAGE_JOINS.join(", ")}`);
      }
    }
    const ticketIds = uuidList(q, "ticketIds");
    const limitKey = q.has("pagination[limit]") ? "pagination[limit]" : "limit";
    const limit = numberParam(q, limitKey, CHAT_MESSAGES_LIMIT.min, CHAT_MESSAGES_LIMIT.max, CHAT_MESSAGES_LIMIT.default);
    find.chat(chatId);
    const rows = ix
      .messagesOfChat(chatId)
      .filter((m) => threadId === null || m.chatThreadId === threadId)
      .filter((m) => ticketIds.length === 0 || (m.ticketId !== null && ticketIds.includes(m.ticketId)))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit);
    return ok(messagesAnswer(ix, rows, reading, joins.includes("senders"), limit));
  });

  // vendor-notes.md 1.4: GET /api/v1/ticketing-teams (joins, pageNumber, pageSize) -> a bare array.
  route("GET", "/api/v1/ticketing-teams", (req) => {
    const q = req.query;
    checkQueryKeys(q, ["joins", "pageNumber", "pageSize"]);
    for (const j of q.getAll("joins")) if (j !== "tools-agents") throw bad("each value in joins must be one of the following values: tools-agents");
    const { pageNumber, pageSize } = pageParams(q);
    const s = deps.state();
    return ok(s.teams.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((t) => teamWire(ix, t)));
  });

  // vendor-notes.md 1.4: GET /api/v1/tags (MindCloud: paged with pageNumber/pageSize) -> a bare array (notes 1.1).
  route("GET", "/api/v1/tags", (req) => {
    const q = req.query;
    checkQueryKeys(q, ["pageNumber", "pageSize"]);
    const { pageNumber, pageSize } = pageParams(q);
    const s = deps.state();
    return ok(s.tags.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((t) => tagWire(s, t)));
  });

  return router;
}
