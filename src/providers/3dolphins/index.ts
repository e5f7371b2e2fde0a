/**
 * 3Dolphins ticket provider (vendor-docs/3dolphins-ticket-api.txt; vendor-notes.md section 4).
 * Base URL: http://host/dolphin/apiv1 (on-premise) or the hosted equivalent; every path is under graph/.
 * Ticket ids are ticketNumbers. Guesses live in ./guesses.ts.
 */
import { readFile } from "node:fs/promises";
import { ConfigError, NotFoundError, OperationError, UnsupportedError, UsageError } from "../../errors.js";
import type { Attachment, Message, Ticket, TicketDetail } from "../../model/types.js";
import type { ListQuery, LocalFile, Provider, ProviderFactory } from "../types.js";
import { createApi, itemsOf } from "./api.js";
import { threeDolphins as descriptor } from "./descriptor.js";
import { cleanFileLink } from "./files.js";
import {
  ASSIGNMENT_PARAMS,
  assignmentStatusParam,
  closeBody,
  PAGE_SIZE,
  transferBody,
  UPLOAD_FIELD,
  uploadReplyText,
} from "./guesses.js";
import {
  contentTypeFor,
  epochToIso,
  fileLinksIn,
  firstMessageOf,
  historyOf,
  matchesFilters,
  messageFromVendor,
  STATUS_TO_VENDOR,
  ticketFromVendor,
} from "./map.js";
import { WireMessageSchema, WireTicketSchema, type WireTicket } from "./schema.js";

const NO_INTERNAL = "3Dolphins has no internal notes: graph/tickets/sendMessage always goes to the customer";

export const createThreeDolphinsProvider: ProviderFactory = (ctx) => {
  const api = createApi(ctx);
  const settings = ctx.profile.settings;
  const fileLinkBase = `${api.base}/graph/tickets/files`;
  const subjectOf = (id: string) => `ticket ${id}`;
  const enc = encodeURIComponent;

  function parseTicket(item: unknown): { wire: WireTicket; ticket: Ticket; raw: Record<string, unknown> } {
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      throw new OperationError("3Dolphins sent a ticket that is not an object", { vendor: "3dolphins" });
    }
    const wire = WireTicketSchema.parse(item);
    const ticket = ticketFromVendor(wire, ctx.profile.name, ctx.raw ? item : undefined);
    return { wire, ticket, raw: item as Record<string, unknown> };
  }

  /** The ticket object of a single-ticket answer (data is the ticket; tolerate a one-item list). */
  function ticketIn(data: unknown, id: string): ReturnType<typeof parseTicket> | null {
    const items = itemsOf(data).filter((x) => x && typeof x === "object" && "ticketNumber" in (x as object));
    const match = items.find((x) => String((x as { ticketNumber: unknown }).ticketNumber) === id) ?? (items.length === 1 ? items[0] : undefined);
    return match ? parseTicket(match) : null;
  }

  async function fetchTicket(id: string): Promise<ReturnType<typeof parseTicket>> {
    const env = await api.get(`graph/tickets/${enc(id)}`, undefined, subjectOf(id));
    const found = ticketIn(env.data, id);
    if (!found) throw new NotFoundError(`3Dolphins: ${subjectOf(id)} not found`, { vendor: "3dolphins" });
    return found;
  }

  /** A write's answer is the updated ticket; when it is not, read the ticket back. */
  async function ticketAfter(id: string, data: unknown): Promise<Ticket> {
    return (ticketIn(data, id) ?? (await fetchTicket(id))).ticket;
  }

  function replyAgent(verb: string): string {
    const agent = settings["replyAgent"]?.trim();
    if (!agent) {
      throw new ConfigError(
        `profile "${ctx.profile.name}" has no replyAgent setting: ${verb} needs the 3Dolphins agent id that sends messages (ticket profile set ${ctx.profile.name} replyAgent=<agentId>)`,
        { vendor: "3dolphins" },
      );
    }
    return agent;
  }

  async function sendMessage(id: string, wire: WireTicket, agent: string, text: string): Promise<Message> {
    const channelType = wire.channelType?.trim();
    if (!channelType) throw new OperationError(`3Dolphins: ${subjectOf(id)} has no channelType, so no message can be sent`, { vendor: "3dolphins" });
    const env = await api.send("POST", "graph/tickets/sendMessage", { ticketNumber: id, channelType, replyAgent: agent, message: text }, subjectOf(id));
    const data = env.data && typeof env.data === "object" && !Array.isArray(env.data) ? WireMessageSchema.parse(env.data) : undefined;
    const body = data?.message ?? text;
    // We wrote it: whatever answer/incoming flags the vendor's record carries, the author is our agent.
    return {
      id: data?.messageId?.trim() || data?.id?.trim() || `${id}-${ctx.now().getTime()}`,
      author: { type: "agent", id: agent, name: data?.agentName?.trim() || null },
      body,
      internal: false,
      createdAt: epochToIso(data?.createdDate) ?? ctx.now().toISOString(),
      attachments: fileLinksIn(body, fileLinkBase),
    };
  }

  async function uploadFiles(files: LocalFile[]): Promise<Attachment[]> {
    const out: Attachment[] = [];
    for (const file of files) {
      const content = await readFile(file.path);
      const form = new FormData();
      form.append(UPLOAD_FIELD, new Blob([content], { type: contentTypeFor(file.name) ?? "application/octet-stream" }), file.name);
      const env = await api.sendForm("graph/tickets/files", form, `file ${file.name}`);
      const link = cleanFileLink(env.data, api.base, api.tokens.secretsSeen());
      const id = link.url ? (fileLinksIn(link.url, fileLinkBase)[0]?.id ?? null) : null;
      out.push({ id, name: file.name, size: file.size ?? content.length, contentType: contentTypeFor(file.name), url: link.url });
    }
    return out;
  }

  /** Post the links of uploaded files as a reply: sendMessage has no attachment field. */
  async function replyWithFiles(id: string, wire: WireTicket, agent: string, text: string | undefined, files: Attachment[]): Promise<Message | null> {
    const links = files.filter((f): f is Attachment & { url: string } => f.url !== null).map((f) => ({ name: f.name, url: f.url }));
    const missing = files.filter((f) => f.url === null).map((f) => f.name);
    if (missing.length > 0) {
      ctx.warn(`3Dolphins stored ${missing.join(", ")} but returned no usable link, so ${missing.length === 1 ? "it is" : "they are"} not referenced on ${subjectOf(id)}`);
    }
    if (links.length === 0 && !text?.trim()) return null;
    return await sendMessage(id, wire, agent, uploadReplyText(text, links));
  }

  async function* list(q: ListQuery): AsyncGenerator<Ticket> {
    const limit = q.limit;
    type Source = { path: string; params: Record<string, string> };
    let sources: Source[];
    if (q.status && q.status.length > 0) {
      const vendorStatuses = [...new Set(q.status.flatMap((s) => STATUS_TO_VENDOR[s]))];
      sources = vendorStatuses.map((s) => ({ path: "graph/tickets/assignment", params: { status: assignmentStatusParam(s), ...ASSIGNMENT_PARAMS } }));
    } else if (q.priority && q.priority.length > 0 && q.priority.every((p) => p === "urgent")) {
      sources = [{ path: "graph/tickets/priority", params: {} }];
    } else {
      sources = [{ path: "graph/tickets", params: {} }];
    }
    // Page size follows --limit only when every filter is applied by the endpoint itself.
    const clientOnly = (Object.keys(q) as (keyof ListQuery)[]).some(
      (k) => k !== "limit" && k !== "status" && q[k] !== undefined && !(k === "priority" && sources[0]?.path.endsWith("/priority")),
    );
    const count = !clientOnly && limit !== undefined && limit > 0 ? Math.min(PAGE_SIZE, limit) : PAGE_SIZE;

    const seen = new Set<string>();
    let yielded = 0;
    if (limit !== undefined && limit <= 0) return;
    for (const source of sources) {
      for await (const page of api.pages(source.path, source.params, count, "tickets")) {
        for (const item of page) {
          const { wire, ticket, raw } = parseTicket(item);
          if (seen.has(ticket.id)) continue;
          seen.add(ticket.id);
          if (!matchesFilters(ticket, wire, raw, q)) continue;
          yield ticket;
          yielded++;
          if (limit !== undefined && yielded >= limit) return;
        }
      }
    }
  }

  const provider: Provider = {
    vendor: "3dolphins",
    capabilities: descriptor.capabilities!,
    listFilters: descriptor.listFilters!,

    list,

    async show(id, opts) {
      const { wire, ticket } = await fetchTicket(id);
      const messages: Message[] = [];
      const ids = new Set<string>();
      for await (const page of api.pages(`graph/tickets/conversations/${enc(id)}`, {}, PAGE_SIZE, subjectOf(id))) {
        for (const item of page) {
          if (!item || typeof item !== "object") continue;
          const m = messageFromVendor(WireMessageSchema.parse(item), fileLinkBase);
          if (ids.has(m.id)) continue;
          ids.add(m.id);
          messages.push(m);
        }
      }
      const first = firstMessageOf(wire, fileLinkBase);
      if (first && !ids.has(first.id)) messages.unshift(first);
      // Oldest first; messages without a date keep their place relative to each other.
      const ordered = messages
        .map((m, i) => ({ m, i, t: m.createdAt ? Date.parse(m.createdAt) : Number.NEGATIVE_INFINITY }))
        .sort((a, b) => a.t - b.t || a.i - b.i)
        .map((x) => x.m);
      const detail: TicketDetail = { ...ticket, messages: ordered, attachments: ordered.flatMap((m) => m.attachments) };
      if (opts?.history) detail.history = historyOf(wire);
      if (wire.customFields && Object.keys(wire.customFields).length > 0) detail.customFields = wire.customFields;
      return detail;
    },

    async reply(id, input) {
      if (input.internal) throw new UnsupportedError(NO_INTERNAL, { vendor: "3dolphins" });
      if (!input.body.trim() && !input.attachments?.length) throw new UsageError("a reply needs a message body");
      const agent = replyAgent("reply");
      const { wire } = await fetchTicket(id);
      if (input.attachments?.length) {
        const files = await uploadFiles(input.attachments);
        const msg = await replyWithFiles(id, wire, agent, input.body, files);
        if (msg) return msg;
      }
      return await sendMessage(id, wire, agent, input.body);
    },

    async assign(id, input) {
      const assignee = input.assignee?.trim();
      const team = input.team?.trim();
      if (!assignee && !team) throw new UsageError("assign needs an agent id (assignee) or a group id (team)");
      let data: unknown;
      if (team) {
        data = (await api.send("PUT", "graph/tickets/update/transfer", transferBody(id, team), subjectOf(id))).data;
      }
      if (assignee) {
        data = (await api.send("PUT", "graph/tickets/update/reassign", { ticketNumber: id, teamMember: { id: assignee } }, subjectOf(id))).data;
      }
      return await ticketAfter(id, data);
    },

    async escalate(id, input) {
      const supervisorId = input.to?.trim() || settings["supervisorId"]?.trim();
      if (!supervisorId) {
        throw new UsageError(
          `escalate needs a supervisor: pass the supervisor's id as the target, or set the profile setting supervisorId (ticket profile set ${ctx.profile.name} supervisorId=<id>)`,
        );
      }
      if (input.reason?.trim()) ctx.warn("3Dolphins' escalate endpoint takes no reason, so the reason was not sent");
      const env = await api.send("PUT", "graph/tickets/update/escalate", { ticketNumber: id, supervisorId }, subjectOf(id));
      return await ticketAfter(id, env.data);
    },

    async close(id, input) {
      const env = await api.send("PUT", "graph/tickets/update/close", closeBody(id, input), subjectOf(id));
      return await ticketAfter(id, env.data);
    },

    async upload(id, files, input) {
      if (input.internal) throw new UnsupportedError(NO_INTERNAL, { vendor: "3dolphins" });
      if (files.length === 0) throw new UsageError("no files to upload");
      const agent = replyAgent("upload");
      const { wire } = await fetchTicket(id);
      const uploaded = await uploadFiles(files);
      await replyWithFiles(id, wire, agent, input.message, uploaded);
      return uploaded;
    },
  };
  return provider;
};
