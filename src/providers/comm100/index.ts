/**
 * Comm100 v4 ticketing provider (vendor-docs/comm100-ticket-api.txt; vendor-notes.md section 2).
 * Auth: OAuth bearer token, or API key (Basic email:key + ?siteId=).
 */
import { CliError, UsageError } from "../../errors.js";
import type { Ticket, TicketDetail } from "../../model/types.js";
import { matchesQuery } from "../shared/filters.js";
import type { ListFilter, Provider, ProviderFactory } from "../types.js";
import { comm100 as descriptor } from "./descriptor.js";
import {
  historyFromComm100,
  messageFromComm100,
  noteFromComm100,
  PRIORITY_TO_COMM100,
  STATUS_TO_COMM100,
  ticketFromComm100,
} from "./map.js";
import { listOf, TicketPageSchema, WireMessageSchema, WireNoteSchema, WireTicketSchema, type WireTicket } from "./schema.js";

const MAX_PAGE_SIZE = 50;
/** Names for assignee, department and contact in one request. */
const LIST_INCLUDES = "ticketingTag,assignee,departmentAssignee,contactOrVisitor";
/** Filters Comm100 applies itself; the rest of listFilters are applied here, client-side. */
const CLIENT_SIDE: ListFilter[] = ["status", "priority", "assignee", "team", "since"];

/** Fields PUT ticketing/tickets/{id} takes: a full update, so all are sent back unchanged unless asked. */
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

export const createComm100Provider: ProviderFactory = (ctx) => {
  const settings = ctx.profile.settings;
  const baseUrl = ctx.profile.baseUrl.replace(/\/+$/, "");
  const useApiKey = !ctx.hasSecret("token") && ctx.hasSecret("apiKey");

  const http = ctx.http({
    retryMethods: ["GET", "HEAD", "PUT"], // PUT is a full state set: safe to repeat
    authorize: async (options) => {
      if (useApiKey) {
        const email = settings["email"];
        const siteId = settings["siteId"];
        if (!email || !siteId) throw new CliError("config", `profile "${ctx.profile.name}": API-key auth needs the settings email and siteId`, { vendor: "comm100" });
        const key = await ctx.secret("apiKey");
        options.headers["authorization"] = `Basic ${Buffer.from(`${email}:${key}`).toString("base64")}`;
        (options.url as URL).searchParams.set("siteId", siteId);
      } else {
        options.headers["authorization"] = `Bearer ${await ctx.secret("token")}`;
      }
    },
  });

  const toTicket = (body: unknown): Ticket => ticketFromComm100(WireTicketSchema.parse(body), ctx.profile.name, ctx.raw ? body : undefined);

  async function getWire(id: string, include?: string): Promise<{ wire: WireTicket; body: unknown }> {
    const body = await http.get(`ticketing/tickets/${encodeURIComponent(id)}`, include ? { searchParams: { include } } : {}).json<unknown>();
    return { wire: WireTicketSchema.parse(body), body };
  }

  /** Read-modify-write: PUT the full ticket back, changed only where asked. */
  async function update(id: string, change: Partial<Record<(typeof WRITABLE)[number], unknown>>): Promise<Ticket> {
    const { body } = await getWire(id);
    const current = body as Record<string, unknown>;
    const payload: Record<string, unknown> = {};
    for (const field of WRITABLE) if (current[field] !== undefined && current[field] !== null) payload[field] = current[field];
    Object.assign(payload, change);
    await http.put(`ticketing/tickets/${encodeURIComponent(id)}`, { json: payload }).json<unknown>();
    // Re-read with names included, so the result shows who it is assigned to.
    const { body: after } = await getWire(id, LIST_INCLUDES);
    return toTicket(after);
  }

  async function addNote(id: string, text: string) {
    const json: Record<string, unknown> = { ticketId: Number(id), text };
    if (settings["agentId"]) json["agentId"] = settings["agentId"];
    return WireNoteSchema.parse(await http.post("ticketing/notes", { json }).json<unknown>());
  }

  /** nextPage is an absolute URL: follow it only under the profile's own base URL. */
  function relativePage(next: string): string {
    if (!next.startsWith(`${baseUrl}/`)) {
      throw new CliError("failed", `Comm100 sent a nextPage link outside ${baseUrl}; refusing to follow it with credentials`, { vendor: "comm100" });
    }
    return next.slice(baseUrl.length + 1);
  }

  const provider: Provider = {
    vendor: "comm100",
    capabilities: descriptor.capabilities!,
    listFilters: descriptor.listFilters!,

    async *list(q) {
      const searchParams: Record<string, string> = { include: LIST_INCLUDES };
      if (q.query) searchParams["keywords"] = q.query;
      if (q.tag) searchParams["tagid"] = q.tag;
      if (q.updatedSince) searchParams["time"] = q.updatedSince.toISOString();
      if (q.requester) searchParams["contactOrVisitor"] = q.requester;
      const filtering = CLIENT_SIDE.some((f) => q[f] !== undefined);
      const pageSize = !filtering && q.limit !== undefined ? Math.min(MAX_PAGE_SIZE, Math.max(1, q.limit)) : MAX_PAGE_SIZE;
      searchParams["pageSize"] = String(pageSize);

      let page: unknown = await http.get("ticketing/tickets", { searchParams }).json<unknown>();
      for (;;) {
        const parsed = TicketPageSchema.parse(page);
        for (const raw of parsed.tickets) {
          const t = toTicket(raw);
          if (matchesQuery(t, q, CLIENT_SIDE)) yield t;
        }
        if (!parsed.nextPage) return;
        page = await http.get(relativePage(parsed.nextPage)).json<unknown>();
      }
    },

    async show(id, opts = {}) {
      const include = `${LIST_INCLUDES}${opts.history ? ",ticketingEventLog" : ""}`;
      const [{ wire, body }, messagesBody, notesBody] = await Promise.all([
        getWire(id, include),
        http.get(`ticketing/tickets/${encodeURIComponent(id)}/messages`).json<unknown>(),
        http.get(`ticketing/tickets/${encodeURIComponent(id)}/notes`).json<unknown>(),
      ]);
      const messages = [
        ...listOf(messagesBody, "messages").map((m) => messageFromComm100(WireMessageSchema.parse(m))),
        ...listOf(notesBody, "notes").map((n) => noteFromComm100(WireNoteSchema.parse(n))),
      ].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
      // Messages carry only ids: name the people the ticket already names.
      const names = new Map<string, string>();
      if (wire.contactOrVisitorId && wire.contactOrVisitor?.name) names.set(wire.contactOrVisitorId.toLowerCase(), wire.contactOrVisitor.name);
      if (wire.assigneeId && wire.assignee?.name) names.set(wire.assigneeId.toLowerCase(), wire.assignee.name);
      for (const m of messages) if (m.author.id && !m.author.name) m.author.name = names.get(m.author.id.toLowerCase()) ?? null;
      const detail: TicketDetail = {
        ...ticketFromComm100(wire, ctx.profile.name, ctx.raw ? body : undefined),
        messages,
        attachments: messages.flatMap((m) => m.attachments),
      };
      if (opts.history) detail.history = historyFromComm100(wire);
      return detail;
    },

    async create(input) {
      if (!input.subject.trim()) throw new UsageError("Comm100 needs a subject for a new ticket: pass --subject TEXT");
      const channelId = input.channel ?? settings["channelId"];
      if (!channelId) throw new UsageError("Comm100 needs a channel for a new ticket: pass --channel (e.g. Email) or set the profile's channelId");
      if (!input.requester) throw new UsageError("Comm100 needs the contact or visitor id of a new ticket: pass --requester ID");
      const json: Record<string, unknown> = {
        subject: input.subject,
        channelId,
        contactOrVisitorId: input.requester,
        contactOrVisitorType: "contact",
        createdByType: "agent",
      };
      if (settings["agentId"]) json["createdById"] = settings["agentId"];
      if (input.status) json["status"] = STATUS_TO_COMM100[input.status];
      if (input.priority) json["priority"] = PRIORITY_TO_COMM100[input.priority];
      if (input.assignee) Object.assign(json, { assigneeId: input.assignee, assigneeType: "agent" });
      if (input.team) json["departmentAssigneeId"] = input.team;
      if (input.tags?.length) json["tagIds"] = input.tags;
      if (input.body) {
        json["messages"] = [{ type: "text", body: input.body, sentByType: "agent", sentById: settings["agentId"] ?? null, channelId }];
      }
      return toTicket(await http.post("ticketing/tickets", { json }).json<unknown>());
    },

    async reply(id, input) {
      if (input.internal) return noteFromComm100(await addNote(id, input.body));
      // The reply goes out on the channel the conversation last used.
      const { wire } = await getWire(id);
      const json: Record<string, unknown> = {
        ticketId: Number(id),
        type: "text",
        body: input.body,
        sentByType: "agent",
        channelId: wire.lastMessageChannelId ?? wire.channelId,
      };
      if (settings["agentId"]) json["sentById"] = settings["agentId"];
      return messageFromComm100(WireMessageSchema.parse(await http.post("ticketing/messages", { json }).json<unknown>()));
    },

    async assign(id, input) {
      if (!input.assignee && !input.team) throw new UsageError("assign needs an agent id (--to) or a department id (--team)");
      const change: Record<string, unknown> = {};
      if (input.assignee) Object.assign(change, { assigneeId: input.assignee, assigneeType: "agent" });
      if (input.team) change["departmentAssigneeId"] = input.team;
      return update(id, change);
    },

    async escalate(id, input) {
      const change: Record<string, unknown> = { priority: "urgent" };
      const department = input.to ?? settings["escalateDepartmentId"];
      if (department) change["departmentAssigneeId"] = department;
      const ticket = await update(id, change);
      if (input.reason) await addNote(id, `Escalated: ${input.reason}`);
      return ticket;
    },

    async merge(targetId, sourceIds) {
      for (const source of sourceIds) {
        if (source === targetId) throw new UsageError(`cannot merge ticket ${targetId} into itself`);
        await http.post(`ticketing/tickets/${encodeURIComponent(targetId)}:merge`, { json: { sourceId: Number(source) }, responseType: "text" });
      }
      return toTicket((await getWire(targetId, LIST_INCLUDES)).body);
    },

    async close(id, input) {
      const ticket = await update(id, { status: "resolved" });
      if (input.comment) await addNote(id, input.comment);
      return ticket;
    },
  };
  return provider;
};
