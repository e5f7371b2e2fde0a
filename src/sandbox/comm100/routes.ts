/**
 * Comm100 v4 ticketing routes, as documented: the same paths (colon verbs included), Bearer or
 * API-key (Basic + siteId) auth, JSON shapes, 201 on create, 204 on delete, nextPage pagination,
 * and 400s for what the real API rejects.
 */
import { Router, type SimReply, type SimRequest } from "../shared/server.js";
import {
  ASSIGNEE_TYPES,
  INCLUDES,
  PRIORITIES,
  ROLE_TYPES,
  STATUSES,
  type Comm100State,
  type WireMessage,
  type WireNote,
  type WireTicket,
} from "./model.js";

export interface Comm100Auth {
  token: string;
  apiKey: string;
  email: string;
  siteId: string;
}

const PREFIX = "/v4";
const MAX_PAGE_SIZE = 50; // 2020 v4 design draft: pageSize default 20, max 50 (vendor-notes 2.3)
const DEFAULT_PAGE_SIZE = 20;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GUESS (vendor-notes 2.1): the error body is not documented; `{ message }` is what we send. */
const error = (status: number, message: string): SimReply => ({ status, body: { message } });

/** Body fields a PUT replaces. Omitted optional ones are cleared: PUT is a full update. */
const WRITABLE = [
  "subject",
  "originalConversationId",
  "assigneeId",
  "departmentAssigneeId",
  "channelId",
  "channelAccountId",
  "contactOrVisitorId",
  "createdById",
  "assigneeType",
  "contactOrVisitorType",
  "status",
  "priority",
  "createdByType",
  "isReadByAgent",
  "isInRecycleBin",
  "contactLanguage",
  "agentLanguage",
  "autoTranslationStatus",
  "tagIds",
] as const;

export function comm100Routes(state: Comm100State, auth: Comm100Auth, origin: () => string, now: () => Date): Router {
  const r = new Router();
  const iso = () => now().toISOString();
  const newId = () => {
    state.serial += 1;
    const hex = state.serial.toString(16).padStart(12, "0");
    return `5e1f0000-0000-4000-8000-${hex}`;
  };

  function authorized(req: SimRequest): boolean {
    const header = String(req.headers.authorization ?? "");
    if (header === `Bearer ${auth.token}`) return true;
    if (header.startsWith("Basic ")) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      return decoded === `${auth.email}:${auth.apiKey}` && req.query.get("siteId") === auth.siteId;
    }
    return false;
  }

  const guarded =
    (h: (req: SimRequest) => SimReply) =>
    (req: SimRequest): SimReply => {
      if (!authorized(req)) return error(401, "Authorization has been denied for this request.");
      if (req.badJson) return error(400, "The request body is not valid JSON.");
      return h(req);
    };

  const findTicket = (raw: string): WireTicket | SimReply => {
    if (!/^\d+$/.test(raw)) return error(400, `The value '${raw}' is not valid for id.`);
    const t = state.tickets.find((x) => x.id === Number(raw));
    return t ?? error(404, `Ticket ${raw} not found.`);
  };
  const isReply = (x: unknown): x is SimReply => typeof x === "object" && x !== null && "status" in x && !("subject" in x);

  function parseIncludes(req: SimRequest): string[] | SimReply {
    const raw = req.query.get("include");
    if (!raw) return [];
    const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = parts.find((p) => !(INCLUDES as readonly string[]).includes(p));
    return bad ? error(400, `The value '${bad}' is not valid for include.`) : parts;
  }

  const messagesOf = (id: number) => state.messages.filter((m) => m.ticketId === id).sort((a, b) => a.time.localeCompare(b.time));

  function present(t: WireTicket, includes: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { ...t };
    if (includes.includes("ticketingTag")) out["tags"] = t.tagIds.map((id) => state.tags.find((x) => x.id === id)).filter(Boolean);
    if (includes.includes("ticketingMessage")) out["messages"] = messagesOf(t.id);
    if (includes.includes("lastMessage")) out["lastMessage"] = state.messages.find((m) => m.id === t.lastMessageId) ?? null;
    if (includes.includes("ticketingDraft")) out["draft"] = null;
    // GUESS: the shape of included objects is not documented; these carry id/name/email.
    if (includes.includes("ticketingEventLog")) out["eventLogs"] = state.eventLogs.filter((e) => e.ticketId === t.id);
    if (includes.includes("assignee")) out["assignee"] = state.agents.find((a) => a.id === t.assigneeId) ?? null;
    if (includes.includes("departmentAssignee")) out["departmentAssignee"] = state.departments.find((d) => d.id === t.departmentAssigneeId) ?? null;
    if (includes.includes("contactOrVisitor")) out["contactOrVisitor"] = state.contacts.find((c) => c.id === t.contactOrVisitorId) ?? null;
    return out;
  }

  /** Validate a create/PUT body; returns the problem or null. */
  function invalid(body: Record<string, unknown>): string | null {
    for (const field of ["subject", "channelId", "contactOrVisitorId"]) {
      const v = body[field];
      if (typeof v !== "string" || v.trim() === "") return `The ${field} field is required.`;
    }
    if (!GUID.test(String(body["contactOrVisitorId"]))) return "The value of contactOrVisitorId is not a valid guid.";
    const enums: [string, readonly string[]][] = [
      ["status", STATUSES],
      ["priority", PRIORITIES],
      ["assigneeType", ASSIGNEE_TYPES],
      ["contactOrVisitorType", ROLE_TYPES],
      ["createdByType", ROLE_TYPES],
    ];
    for (const [field, allowed] of enums) {
      const v = body[field];
      if (v !== undefined && v !== null && !allowed.includes(String(v))) return `The value '${String(v)}' is not valid for ${field}.`;
    }
    const assignee = body["assigneeId"];
    if (assignee !== undefined && assignee !== null && !state.agents.some((a) => a.id === assignee)) return `Assignee ${String(assignee)} does not exist.`;
    const dept = body["departmentAssigneeId"];
    if (dept !== undefined && dept !== null && !state.departments.some((d) => d.id === dept)) return `Department ${String(dept)} does not exist.`;
    const tagIds = body["tagIds"];
    if (tagIds !== undefined && tagIds !== null) {
      if (!Array.isArray(tagIds)) return "The tagIds field must be an array.";
      const unknown = tagIds.find((id) => !state.tags.some((t) => t.id === id));
      if (unknown !== undefined) return `Tag ${String(unknown)} does not exist.`;
    }
    return null;
  }

  const asObject = (body: unknown): Record<string, unknown> | null =>
    body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;

  function addMessage(t: WireTicket, m: Omit<WireMessage, "id" | "ticketId" | "time">): WireMessage {
    const msg: WireMessage = { ...m, id: newId(), ticketId: t.id, time: iso() };
    state.messages.push(msg);
    t.lastMessageId = msg.id;
    t.lastMessageChannelId = msg.channelId;
    t.lastRepliedById = msg.sentById;
    t.lastRepliedByType = msg.sentByType;
    t.lastRepliedTime = msg.time;
    t.totalReplies += 1;
    t.lastUpdatedTime = msg.time;
    return msg;
  }

  // ---- tickets ----
  r.on(
    "GET",
    `${PREFIX}/ticketing/tickets`,
    guarded((req) => {
      const includes = parseIncludes(req);
      if (isReply(includes)) return includes;
      const pageIndex = Number(req.query.get("pageIndex") ?? "1");
      const pageSize = Number(req.query.get("pageSize") ?? String(DEFAULT_PAGE_SIZE));
      if (!Number.isInteger(pageIndex) || pageIndex < 1) return error(400, "The value of pageIndex must be a positive integer.");
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return error(400, `The value of pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
      const dates: Record<string, number> = {};
      for (const key of ["time", "lastRepliedTime"]) {
        const v = req.query.get(key);
        if (v === null) continue;
        const t = Date.parse(v);
        if (Number.isNaN(t)) return error(400, `The value '${v}' is not valid for ${key}.`);
        dates[key] = t;
      }
      const keywords = req.query.get("keywords")?.toLowerCase();
      const tagid = req.query.get("tagid");
      const contact = req.query.get("contactOrVisitor");
      const contactType = req.query.get("contactOrVisitorType");
      let rows = state.tickets.filter((t) => !t.isInRecycleBin);
      if (tagid) rows = rows.filter((t) => t.tagIds.includes(tagid));
      if (contact) rows = rows.filter((t) => t.contactOrVisitorId.toLowerCase() === contact.toLowerCase());
      if (contactType) rows = rows.filter((t) => t.contactOrVisitorType === contactType);
      if (dates["time"] !== undefined) rows = rows.filter((t) => Date.parse(t.lastUpdatedTime) >= dates["time"]!);
      if (dates["lastRepliedTime"] !== undefined) rows = rows.filter((t) => t.lastRepliedTime !== null && Date.parse(t.lastRepliedTime) >= dates["lastRepliedTime"]!);
      if (keywords) {
        rows = rows.filter(
          (t) => t.subject.toLowerCase().includes(keywords) || state.messages.some((m) => m.ticketId === t.id && m.body.toLowerCase().includes(keywords)),
        );
      }
      rows.sort((a, b) => b.lastUpdatedTime.localeCompare(a.lastUpdatedTime) || b.id - a.id);
      const total = rows.length;
      const page = rows.slice((pageIndex - 1) * pageSize, pageIndex * pageSize);
      const link = (index: number) => {
        const q = new URLSearchParams(req.query);
        q.set("pageIndex", String(index));
        q.set("pageSize", String(pageSize));
        return `${origin()}${req.path}?${q.toString()}`;
      };
      return {
        status: 200,
        body: {
          tickets: page.map((t) => present(t, includes)),
          nextPage: pageIndex * pageSize < total ? link(pageIndex + 1) : null,
          previousPage: pageIndex > 1 ? link(pageIndex - 1) : null,
          total,
        },
      };
    }),
  );

  r.on(
    "GET",
    `${PREFIX}/ticketing/tickets/:id`,
    guarded((req) => {
      const includes = parseIncludes(req);
      if (isReply(includes)) return includes;
      const t = findTicket(req.params["id"]!);
      return isReply(t) ? t : { status: 200, body: present(t, includes) };
    }),
  );

  r.on(
    "POST",
    `${PREFIX}/ticketing/tickets`,
    guarded((req) => {
      const body = asObject(req.body);
      if (!body) return error(400, "The request body is required.");
      const problem = invalid(body);
      if (problem) return error(400, problem);
      const id = state.nextTicketId++;
      const at = iso();
      const t: WireTicket = {
        id,
        subject: String(body["subject"]),
        originalConversationId: (body["originalConversationId"] as string) ?? null,
        assigneeId: (body["assigneeId"] as string) ?? null,
        departmentAssigneeId: (body["departmentAssigneeId"] as string) ?? null,
        channelId: String(body["channelId"]),
        channelAccountId: (body["channelAccountId"] as string) ?? null,
        lastMessageId: null,
        lastMessageChannelId: null,
        lastMessageChannelAccountId: null,
        contactOrVisitorId: String(body["contactOrVisitorId"]),
        createdById: (body["createdById"] as string) ?? null,
        lastRepliedById: null,
        resolvedById: null,
        assigneeType: (body["assigneeType"] as string) ?? (body["assigneeId"] ? "agent" : null),
        contactOrVisitorType: (body["contactOrVisitorType"] as string) ?? "contact",
        status: (body["status"] as string) ?? "new",
        priority: (body["priority"] as string) ?? "normal",
        createdByType: (body["createdByType"] as string) ?? "agent",
        lastRepliedByType: null,
        resolvedByType: null,
        isReadByAgent: false,
        isReadByContact: false,
        ifHasDraft: false,
        mergedToTargetId: null,
        totalReplies: 0,
        createdTime: at,
        lastUpdatedTime: at,
        lastRepliedTime: null,
        lastStatusChangedTime: at,
        resolvedTime: null,
        isInRecycleBin: false,
        reopenedTime: null,
        contactLanguage: (body["contactLanguage"] as string) ?? "",
        agentLanguage: (body["agentLanguage"] as string) ?? "",
        autoTranslationStatus: Boolean(body["autoTranslationStatus"] ?? false),
        responseTimeSpan: 0,
        replyingAgent: "noReply",
        responseCount: 0,
        resolvedTimeSpan: 0,
        firstResponseTimeSpan: 0,
        tagIds: (body["tagIds"] as string[]) ?? [],
      };
      state.tickets.push(t);
      const messages = Array.isArray(body["messages"]) ? (body["messages"] as Record<string, unknown>[]) : [];
      for (const m of messages) {
        addMessage(t, {
          parentId: null,
          sentById: (m["sentById"] as string) ?? null,
          sentByType: (m["sentByType"] as string) ?? "agent",
          type: (m["type"] as string) ?? "text",
          metadata: null,
          originalId: null,
          channelId: (m["channelId"] as string) ?? t.channelId,
          body: String(m["body"] ?? ""),
          translatedBody: "",
          ifDisplayInTicketCorrespondences: true,
          isOriginalSentToContact: false,
          showInlineImage: false,
          isRead: true,
          isInternal: Boolean(m["isInternal"] ?? false),
          attachments: [],
          messageDelivery: null,
        });
      }
      state.eventLogs.push({ id: newId(), ticketId: id, time: at, operatorId: t.createdById, operatorType: t.createdByType ?? "agent", type: "created", description: "Ticket created" });
      return { status: 201, body: present(t, []) };
    }),
  );

  r.on(
    "PUT",
    `${PREFIX}/ticketing/tickets/:id`,
    guarded((req) => {
      const t = findTicket(req.params["id"]!);
      if (isReply(t)) return t;
      const body = asObject(req.body);
      if (!body) return error(400, "The request body is required.");
      const problem = invalid(body);
      if (problem) return error(400, problem);
      const before = { ...t };
      const target = t as unknown as Record<string, unknown>;
      // A full update: every writable field takes the body's value, or its empty value when omitted.
      for (const field of WRITABLE) {
        const v = body[field];
        if (v !== undefined) target[field] = v;
        else if (field === "tagIds") target[field] = [];
        else if (field === "status") target[field] = "new";
        else if (field === "priority") target[field] = "normal";
        else if (field === "isReadByAgent" || field === "isInRecycleBin" || field === "autoTranslationStatus") target[field] = false;
        else if (field === "contactLanguage" || field === "agentLanguage") target[field] = "";
        else target[field] = null;
      }
      const at = iso();
      t.lastUpdatedTime = at;
      if (before.status !== t.status) {
        t.lastStatusChangedTime = at;
        if (t.status === "resolved") {
          t.resolvedTime = at;
          t.resolvedByType = "agent";
        } else if (before.status === "resolved") {
          t.reopenedTime = at;
        }
        state.eventLogs.push({ id: newId(), ticketId: t.id, time: at, operatorId: null, operatorType: "agent", type: "statusChanged", description: `Status changed from ${before.status} to ${t.status}` });
      }
      if (before.assigneeId !== t.assigneeId) {
        const name = state.agents.find((a) => a.id === t.assigneeId)?.name ?? "nobody";
        state.eventLogs.push({ id: newId(), ticketId: t.id, time: at, operatorId: null, operatorType: "agent", type: "assigned", description: `Assigned to ${name}` });
      }
      if (before.priority !== t.priority) {
        state.eventLogs.push({ id: newId(), ticketId: t.id, time: at, operatorId: null, operatorType: "agent", type: "priorityChanged", description: `Priority changed from ${before.priority} to ${t.priority}` });
      }
      return { status: 200, body: present(t, []) };
    }),
  );

  r.on(
    "DELETE",
    `${PREFIX}/ticketing/tickets/:id`,
    guarded((req) => {
      const t = findTicket(req.params["id"]!);
      if (isReply(t)) return t;
      state.tickets = state.tickets.filter((x) => x.id !== t.id);
      return { status: 204 };
    }),
  );

  r.on(
    "POST",
    `${PREFIX}/ticketing/tickets/:id\\:merge`,
    guarded((req) => {
      const target = findTicket(req.params["id"]!);
      if (isReply(target)) return target;
      const body = asObject(req.body);
      const sourceRaw = body?.["sourceId"];
      // The doc types sourceId as integer; its own sample sends "9527". Accept both.
      if (sourceRaw === undefined || sourceRaw === null || !/^\d+$/.test(String(sourceRaw))) return error(400, "The sourceId field is required and must be an integer.");
      const source = findTicket(String(sourceRaw));
      if (isReply(source)) return source;
      if (source.id === target.id) return error(400, "A ticket cannot be merged into itself.");
      if (source.mergedToTargetId !== null) return error(400, `Ticket ${source.id} has already been merged.`);
      const at = iso();
      for (const m of state.messages) if (m.ticketId === source.id) m.ticketId = target.id;
      for (const n of state.notes) if (n.ticketId === source.id) n.ticketId = target.id;
      source.mergedToTargetId = target.id;
      source.isInRecycleBin = true;
      source.lastUpdatedTime = at;
      target.totalReplies = state.messages.filter((m) => m.ticketId === target.id).length;
      target.lastUpdatedTime = at;
      state.eventLogs.push({ id: newId(), ticketId: target.id, time: at, operatorId: null, operatorType: "agent", type: "merged", description: `Ticket ${source.id} merged into this ticket` });
      return { status: 200 };
    }),
  );

  for (const verb of ["read", "unread"] as const) {
    r.on(
      "POST",
      `${PREFIX}/ticketing/tickets/:id\\:${verb}`,
      guarded((req) => {
        const t = findTicket(req.params["id"]!);
        if (isReply(t)) return t;
        t.isReadByAgent = verb === "read";
        return { status: 200, body: present(t, []) };
      }),
    );
  }
  r.on(
    "POST",
    `${PREFIX}/ticketing/tickets/:id\\:recycle`,
    guarded((req) => {
      const t = findTicket(req.params["id"]!);
      if (isReply(t)) return t;
      t.isInRecycleBin = true;
      return { status: 200 };
    }),
  );

  // ---- messages and notes (vendor-notes 2.3: ticketingMessage / ticketingNote pages) ----
  /** GUESS: list envelopes `{messages|notes, nextPage, previousPage, total}`, by analogy with tickets. */
  r.on(
    "GET",
    `${PREFIX}/ticketing/tickets/:id/messages`,
    guarded((req) => {
      const t = findTicket(req.params["id"]!);
      if (isReply(t)) return t;
      const messages = messagesOf(t.id);
      return { status: 200, body: { messages, nextPage: null, previousPage: null, total: messages.length } };
    }),
  );
  r.on(
    "GET",
    `${PREFIX}/ticketing/tickets/:id/notes`,
    guarded((req) => {
      const t = findTicket(req.params["id"]!);
      if (isReply(t)) return t;
      const notes = state.notes.filter((n) => n.ticketId === t.id).sort((a, b) => a.createdTime.localeCompare(b.createdTime));
      return { status: 200, body: { notes, nextPage: null, previousPage: null, total: notes.length } };
    }),
  );

  const MESSAGE_TYPES = ["text", "html", "video", "audio", "image", "file", "location", "quickReply", "webView"];
  r.on(
    "POST",
    `${PREFIX}/ticketing/messages`,
    guarded((req) => {
      const body = asObject(req.body);
      if (!body) return error(400, "The request body is required.");
      // GUESS (vendor-notes 2.3): ticketId and body are required; type defaults to text.
      const ticketId = body["ticketId"];
      if (ticketId === undefined || !/^\d+$/.test(String(ticketId))) return error(400, "The ticketId field is required.");
      if (typeof body["body"] !== "string" || body["body"] === "") return error(400, "The body field is required.");
      const type = String(body["type"] ?? "text");
      if (!MESSAGE_TYPES.includes(type)) return error(400, `The value '${type}' is not valid for type.`);
      const sentByType = String(body["sentByType"] ?? "agent");
      if (!(ROLE_TYPES as readonly string[]).includes(sentByType)) return error(400, `The value '${sentByType}' is not valid for sentByType.`);
      const t = findTicket(String(ticketId));
      if (isReply(t)) return t;
      const msg = addMessage(t, {
        parentId: (body["parentId"] as string) ?? null,
        sentById: (body["sentById"] as string) ?? null,
        sentByType,
        type,
        metadata: null,
        originalId: null,
        channelId: (body["channelId"] as string) ?? t.lastMessageChannelId ?? t.channelId,
        body: body["body"] as string,
        translatedBody: "",
        ifDisplayInTicketCorrespondences: true,
        isOriginalSentToContact: sentByType === "agent",
        showInlineImage: false,
        isRead: true,
        isInternal: Boolean(body["isInternal"] ?? false),
        attachments: [],
        messageDelivery: { messageId: "", status: "success", failReason: null, time: iso(), groupId: null, orderNum: 0 },
      });
      if (msg.messageDelivery) msg.messageDelivery.messageId = msg.id;
      return { status: 201, body: msg };
    }),
  );
  r.on(
    "POST",
    `${PREFIX}/ticketing/notes`,
    guarded((req) => {
      const body = asObject(req.body);
      if (!body) return error(400, "The request body is required.");
      const ticketId = body["ticketId"];
      if (ticketId === undefined || !/^\d+$/.test(String(ticketId))) return error(400, "The ticketId field is required.");
      if (typeof body["text"] !== "string" || body["text"] === "") return error(400, "The text field is required.");
      const t = findTicket(String(ticketId));
      if (isReply(t)) return t;
      const note: WireNote = {
        id: newId(),
        ticketId: t.id,
        agentId: (body["agentId"] as string) ?? null,
        createdTime: iso(),
        text: body["text"] as string,
        attachments: [],
        noteMentions: [],
      };
      state.notes.push(note);
      t.lastUpdatedTime = note.createdTime;
      return { status: 201, body: note };
    }),
  );

  return r;
}
