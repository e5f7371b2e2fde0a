/**
 * Comm100 v4 ticketing provider (vendor-docs/comm100-ticket-api.txt, "[S1]"; vendor-notes.md
 * section 2). Auth in auth.ts, list walk in pagination.ts, tolerant write answers in writes.ts,
 * unknown agents/departments/contacts in refs.ts, tag names in tags.ts, --dry-run answers in
 * dry-answers.ts, every GUESS in guesses.ts.
 */
import { CliError, UnsupportedError, UsageError } from "../../errors.js";
import { toCliError } from "../../http/errors.js";
import type { Message, Ticket, TicketDetail } from "../../model/types.js";
import { matchesQuery } from "../shared/filters.js";
import type { ListFilter, ListQuery, Provider, ProviderFactory } from "../types.js";
import { createApi } from "./api.js";
import { comm100 as descriptor } from "./descriptor.js";
import { comm100Directory } from "./directory.js";
import { agentMessage, ESCALATE_PRIORITY, messageBody, noteBody, PAGE_SIZE_MAX } from "./guesses.js";
import { historyFromComm100, messageFromComm100, noteFromComm100, PRIORITY_TO_COMM100, STATUS_TO_COMM100, ticketFromComm100 } from "./map.js";
import { walkTicketPages } from "./pagination.js";
import { paged } from "../../model/paged.js";
import { checkRefs, GUID, withRefs, type Ref } from "./refs.js";
import type { WireTicket } from "./schema.js";
import { tagIds } from "./tags.js";
import { wireSchemas } from "./wire.js";

/** The write helpers (and, through them, ./schema.ts), loaded by the first write. */
const writes = () => import("./writes.js");

/** Names for assignee, department and contact in one request ([S1] line 95). */
const LIST_INCLUDES = "ticketingTag,assignee,departmentAssignee,contactOrVisitor";
/** Filters Comm100 has no parameter for: applied here, client-side. */
const CLIENT_SIDE: ListFilter[] = ["status", "priority", "assignee", "team", "since"];

/** Fields PUT ticketing/tickets/{id} takes ([S1] lines 433-454): a full update, so all are sent back unchanged unless asked. */
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

const NO_UPLOAD = "Comm100's v4 API documents no file upload, so attachments cannot be sent";

export const createComm100Provider: ProviderFactory = (ctx) => {
  const settings = ctx.profile.settings;
  const baseUrl = ctx.profile.baseUrl;
  const agentId = settings["agentId"] || undefined;
  const api = createApi(ctx);
  const ticketPath = (id: string) => `ticketing/tickets/${encodeURIComponent(id)}`;
  const toTicket = (wire: WireTicket, raw: unknown): Ticket => ticketFromComm100(wire, ctx.profile.name, ctx.raw ? raw : undefined);

  async function getTicket(id: string, include?: string): Promise<{ wire: WireTicket; raw: unknown }> {
    const [raw, { WireTicketSchema }] = await Promise.all([api.get(ticketPath(id), include ? { include } : undefined), wireSchemas()]);
    return { wire: WireTicketSchema.parse(raw), raw };
  }

  const read = async (id: string) => {
    const { wire, raw } = await getTicket(id, LIST_INCLUDES);
    return toTicket(wire, raw);
  };

  /**
   * Read-modify-write: read the ticket with names, PUT it back changed only where asked. The PUT's
   * answer is the ticket ([S1] lines 466-470), shown with the names read before it; read back only
   * when that cannot be (writes.ts, ticketAfterPut).
   */
  async function update(id: string, change: Record<string, unknown>, refs: Ref[] = []): Promise<Ticket> {
    // Loaded before the write, so nothing between its answer and what it means can fail.
    const { ticketAfterPut } = await writes();
    await checkRefs(api, refs);
    const current = (await getTicket(id, LIST_INCLUDES)).raw as Record<string, unknown>;
    const payload: Record<string, unknown> = {};
    for (const field of WRITABLE) if (current[field] !== undefined && current[field] !== null) payload[field] = current[field];
    Object.assign(payload, change);
    const answer = await withRefs(api, refs, () => api.put(ticketPath(id), payload));
    const after = ticketAfterPut(answer, id, current);
    return after ? toTicket(after.wire, after.raw) : read(id);
  }

  /** POST a reply or a note. An answer without a usable id still means it was posted: it is read back. */
  async function post(id: string, text: string, internal: boolean, channelId: string | null): Promise<Message> {
    const { endsTheRun, findPosted, parseWriteAnswer, unconfirmed, WireMessageSchema, WireNoteSchema } = await writes();
    if (internal) {
      const note = parseWriteAnswer(await api.post("ticketing/notes", noteBody(id, text, agentId)), WireNoteSchema);
      if (note) return noteFromComm100(note);
    } else {
      const message = parseWriteAnswer(await api.post("ticketing/messages", messageBody(id, text, channelId, agentId)), WireMessageSchema);
      if (message) return messageFromComm100(message);
    }
    // The write is done (2xx): a failed read-back only means it cannot be shown, unless the user stopped the run (or it is a dry run's).
    const found = await findPosted(api, id, text, internal).catch((err: unknown) => {
      if (endsTheRun(err)) throw err;
      return null;
    });
    if (found) return found;
    ctx.warn(`Comm100 accepted the ${internal ? "note" : "reply"} to ticket ${id} without saying its id, and it was not found when read back; check with: ticket -p ${ctx.profile.name} show ${id}`);
    return unconfirmed(text, internal, agentId);
  }

  /** A message or note list of a ticket known to exist; an endpoint that answers 404 is skipped with a warning. */
  async function subList(id: string, key: "messages" | "notes"): Promise<unknown[]> {
    try {
      const [body, { subListSchema }] = await Promise.all([api.get(`${ticketPath(id)}/${key}`), wireSchemas()]);
      return subListSchema(key).parse(body);
    } catch (err) {
      if ((err as { response?: { statusCode?: number } }).response?.statusCode !== 404) throw err;
      ctx.warn(`Comm100 answered HTTP 404 for the ${key} of ticket ${id}; showing the ticket without them`);
      return [];
    }
  }

  /** The note that follows a state change: when it fails, say that the change itself was made. */
  async function noteAfter(id: string, done: string, what: string, text: string): Promise<void> {
    try {
      await post(id, text, true, null);
    } catch (err) {
      const cause = toCliError(err, { vendor: "comm100", displayName: "Comm100", subject: `the notes of ticket ${id}` });
      if (!(cause instanceof CliError)) throw cause;
      // A refused note is a failed operation (exit 1); a note whose fate is unknown keeps its class (exit 7, 4, 130).
      const code = ["network", "auth", "interrupted", "terminated"].includes(cause.code) ? cause.code : "failed";
      throw new CliError(code, `Comm100 ${done} ticket ${id}, but ${what} was not added as an internal note: ${cause.message}`, {
        vendor: "comm100",
        httpStatus: cause.httpStatus,
        cause: err,
      });
    }
  }

  const refuseAttachments = (files: unknown[] | undefined, verb: string) => {
    if (files && files.length > 0) throw new UnsupportedError(`${NO_UPLOAD} with ${verb} (nothing was sent)`, { vendor: "comm100" });
  };

  /** The list as pages (../../model/paged.ts): each vendor page's tickets that pass the filters, in order. */
  async function* listPages(q: ListQuery): AsyncGenerator<Ticket[]> {
    const params: Record<string, string> = { include: LIST_INCLUDES };
    const clientSide = [...CLIENT_SIDE];
    if (q.query) params["keywords"] = q.query;
    if (q.updatedSince) params["time"] = q.updatedSince.toISOString();
    // tagid is a guid ([S1] line 88): a tag name is looked up (tags.ts).
    if (q.tag) params["tagid"] = (await tagIds(api, [q.tag]))[0]!;
    // contactOrVisitor is a guid ([S1] line 93): a name or an email is matched here instead.
    if (q.requester) GUID.test(q.requester) ? (params["contactOrVisitor"] = q.requester) : clientSide.push("requester");
    const filtering = clientSide.some((f) => q[f] !== undefined);
    const pageSize = !filtering && q.limit !== undefined ? Math.min(PAGE_SIZE_MAX, Math.max(1, q.limit)) : PAGE_SIZE_MAX;
    let yielded = 0;
    for await (const listed of walkTicketPages(api, baseUrl, params, pageSize, ctx.signal, !filtering && q.limit !== undefined ? Math.ceil(q.limit / pageSize) : undefined, q.limit === undefined ? undefined : () => q.limit! - yielded)) {
      const page: Ticket[] = [];
      for (const { wire, raw } of listed) {
        const t = toTicket(wire, raw);
        if (!matchesQuery(t, q, clientSide)) continue;
        page.push(t);
        if (q.limit !== undefined && ++yielded >= q.limit) break;
      }
      if (page.length > 0) yield page;
      if (q.limit !== undefined && yielded >= q.limit) return;
    }
  }

  const provider: Provider = {
    vendor: "comm100",
    capabilities: descriptor.capabilities!,
    listFilters: descriptor.listFilters!,

    list: (q) => paged(() => listPages(q)),

    async show(id, opts = {}) {
      const include = `${LIST_INCLUDES},ticketingMessage${opts.history ? ",ticketingEventLog" : ""}`;
      const { wire, raw } = await getTicket(id, include);
      const [messagesRaw, notesRaw] = await Promise.all([wire.messages ?? subList(id, "messages"), subList(id, "notes")]);
      const { WireMessageSchema, WireNoteSchema } = await wireSchemas();
      const messages = [
        ...messagesRaw.map((m) => messageFromComm100(WireMessageSchema.parse(m))),
        ...notesRaw.map((n) => noteFromComm100(WireNoteSchema.parse(n))),
      ].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
      // Messages carry only ids: name the people the ticket already names.
      const names = new Map<string, string>();
      if (wire.contactOrVisitorId && wire.contactOrVisitor?.name) names.set(wire.contactOrVisitorId.toLowerCase(), wire.contactOrVisitor.name);
      if (wire.assigneeId && wire.assignee?.name) names.set(wire.assigneeId.toLowerCase(), wire.assignee.name);
      for (const m of messages) if (m.author.id && !m.author.name) m.author.name = names.get(m.author.id.toLowerCase()) ?? null;
      const detail: TicketDetail = { ...toTicket(wire, raw), messages, attachments: messages.flatMap((m) => m.attachments) };
      if (opts.history) detail.history = historyFromComm100(wire);
      return detail;
    },

    async create(input) {
      refuseAttachments(input.attachments, "a new ticket");
      if (input.category) throw new UnsupportedError("Comm100's v4 ticket has no category (nothing was sent)", { vendor: "comm100" });
      if (input.fields && Object.keys(input.fields).length > 0) throw new UnsupportedError("Comm100's v4 ticket API documents no custom fields (nothing was sent)", { vendor: "comm100" });
      if (!input.subject.trim()) throw new UsageError("Comm100 needs a subject for a new ticket: pass --subject TEXT");
      const channelId = input.channel ?? settings["channelId"];
      if (!channelId) throw new UsageError("Comm100 needs a channel for a new ticket: pass --channel (e.g. Email) or set the profile's channelId");
      if (!input.requester) throw new UsageError("Comm100 needs the contact or visitor id of a new ticket: pass --requester ID");
      const refs: Ref[] = [{ kind: "contact", id: input.requester, flag: "--requester", field: "contactOrVisitorId" }];
      if (input.assignee) refs.push({ kind: "agent", id: input.assignee, flag: "--assignee", field: "assigneeId" });
      if (input.team) refs.push({ kind: "department", id: input.team, flag: "--team", field: "departmentAssigneeId" });
      await checkRefs(api, refs);
      // tagIds are guids ([S1] line 157): names are looked up before anything is sent.
      const tags = input.tags?.length ? await tagIds(api, input.tags) : [];
      // Required: subject, channelId, contactOrVisitorId ([S1] lines 140, 144, 146).
      const json: Record<string, unknown> = { subject: input.subject, channelId, contactOrVisitorId: input.requester, contactOrVisitorType: "contact", createdByType: "agent" };
      if (agentId) json["createdById"] = agentId;
      if (input.status) json["status"] = STATUS_TO_COMM100[input.status];
      if (input.priority) json["priority"] = PRIORITY_TO_COMM100[input.priority];
      if (input.assignee) Object.assign(json, { assigneeId: input.assignee, assigneeType: "agent" });
      if (input.team) json["departmentAssigneeId"] = input.team;
      if (tags.length) json["tagIds"] = tags;
      if (input.body) json["messages"] = [agentMessage(input.body, channelId, agentId)];
      const since = ctx.now().getTime();
      const { findCreated, parseWriteAnswer, WireTicketSchema } = await writes();
      const answer = await withRefs(api, refs, () => api.post("ticketing/tickets", json));
      const parsed = parseWriteAnswer(answer, WireTicketSchema);
      if (parsed) return toTicket(parsed, JSON.parse(answer));
      const found = await findCreated(api, baseUrl, { subject: input.subject, requester: input.requester, since, params: { include: LIST_INCLUDES } });
      return toTicket(found.wire, found.raw);
    },

    async reply(id, input) {
      refuseAttachments(input.attachments, input.internal ? "a note" : "a reply");
      if (input.internal) return post(id, input.body, true, null);
      // The reply goes out on the channel the conversation last used.
      const { wire } = await getTicket(id);
      return post(id, input.body, false, wire.lastMessageChannelId ?? wire.channelId ?? null);
    },

    async assign(id, input) {
      if (!input.assignee && !input.team) throw new UsageError("assign needs an agent id (--to) or a department id (--team)");
      const change: Record<string, unknown> = {};
      const refs: Ref[] = [];
      if (input.assignee) {
        Object.assign(change, { assigneeId: input.assignee, assigneeType: "agent" });
        refs.push({ kind: "agent", id: input.assignee, flag: "--to", field: "assigneeId" });
      }
      if (input.team) {
        change["departmentAssigneeId"] = input.team;
        refs.push({ kind: "department", id: input.team, flag: "--team", field: "departmentAssigneeId" });
      }
      return update(id, change, refs);
    },

    async escalate(id, input) {
      const change: Record<string, unknown> = { priority: ESCALATE_PRIORITY };
      const refs: Ref[] = [];
      const department = input.to ?? settings["escalateDepartmentId"];
      if (department) {
        change["departmentAssigneeId"] = department;
        refs.push({ kind: "department", id: department, flag: input.to ? "--to" : "escalateDepartmentId", field: "departmentAssigneeId" });
      }
      const ticket = await update(id, change, refs);
      // The reason is an internal note: never published to the customer.
      if (input.reason) await noteAfter(id, "escalated", "the reason", `Escalated: ${input.reason}`);
      return ticket;
    },

    async merge(targetId, sourceIds) {
      for (const source of sourceIds) {
        if (source === targetId) throw new UsageError(`cannot merge ticket ${targetId} into itself`);
        // sourceId is an integer ([S1] line 282). The answer ("No Content", or 200 OK) is not read.
        await api.post(`${ticketPath(targetId)}:merge`, { sourceId: Number(source) });
      }
      return read(targetId);
    },

    request: (req) => api.request(req),
    ...comm100Directory(),

    async close(id, input) {
      const ticket = await update(id, { status: "resolved" });
      // --comment is an internal note: never published to the customer.
      if (input.comment) await noteAfter(id, "resolved", "the comment", input.comment);
      return ticket;
    },
  };
  return provider;
};
