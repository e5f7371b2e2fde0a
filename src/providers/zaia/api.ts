/**
 * The Zaia public API v1 calls the provider uses, one function per endpoint, returning parsed
 * wire types. Auth: the raw API key in the `authorization` header (guesses.ts). Reads may be
 * retried (GET only, by the shared client); writes are sent once.
 */
import type { Got } from "got";
import type { ProviderContext } from "../types.js";
import { AUTH_HEADER, authHeaderValue, CHAT_MESSAGES_JOIN_SENDERS } from "./guesses.js";
import {
  ChatMessagesSchema,
  DetailRowSchema,
  DetailRowsSchema,
  MessageBodySchema,
  parseWire,
  TagLinkSchema,
  TicketEntitySchema,
  type ChatMessage,
  type DetailRow,
  type TagLink,
  type TicketEntity,
} from "./schema.js";

/** FACT: pageSize is 1..100 (default 10). */
export const MAX_PAGE_SIZE = 100;

/** Query of GET /api/v1/tickets/details; arrays go out as repeated keys (OpenAPI form/explode). */
export interface ListTicketsParams {
  /** Required by the API. */
  status: string;
  pageNumber?: number;
  pageSize?: number;
  assigneeIds?: string[];
  chatIds?: string[];
  responderIds?: string[];
  responderVersionIds?: string[];
  tagIds?: string[];
  search?: string;
  includeRemoved?: boolean;
}

/** POST /api/v1/tickets. */
export interface CreateTicketBody {
  chatId: string;
  ticketingTeamId: string | null;
  assigneeId: string;
  status: string;
}

/** A parsed value plus the payload it came from (for --raw). */
export interface WithPayload<T> {
  value: T;
  payload: unknown;
}

export function listTicketsSearchParams(p: ListTicketsParams): URLSearchParams {
  const sp = new URLSearchParams();
  sp.set("status", p.status);
  if (p.pageNumber !== undefined) sp.set("pageNumber", String(p.pageNumber));
  if (p.pageSize !== undefined) sp.set("pageSize", String(p.pageSize));
  const arrays: [string, string[] | undefined][] = [
    ["assigneeIds", p.assigneeIds],
    ["chatIds", p.chatIds],
    ["responderIds", p.responderIds],
    ["responderVersionIds", p.responderVersionIds],
    ["tagIds", p.tagIds],
  ];
  for (const [key, values] of arrays) for (const v of values ?? []) sp.append(key, v);
  if (p.search !== undefined && p.search !== "") sp.set("search", p.search);
  if (p.includeRemoved !== undefined) sp.set("includeRemoved", String(p.includeRemoved));
  return sp;
}

/** The API root: the profile's base URL, minus an /api/v1 suffix a user may have typed. */
function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
}

const enc = encodeURIComponent;

export interface ZaiaApi {
  listTickets(p: ListTicketsParams): Promise<WithPayload<DetailRow>[]>;
  ticketDetails(id: string): Promise<WithPayload<DetailRow>>;
  chatMessages(chatId: string, ticketIds: string[]): Promise<ChatMessage[]>;
  createTicket(body: CreateTicketBody): Promise<WithPayload<TicketEntity>>;
  updateAssignee(id: string, assigneeId: string): Promise<WithPayload<TicketEntity>>;
  takeover(id: string, assigneeId: string): Promise<WithPayload<TicketEntity>>;
  complete(id: string, userId: string): Promise<WithPayload<TicketEntity>>;
  addTag(ticketId: string, tagId: string): Promise<TagLink>;
  removeTag(ticketId: string, tagId: string): Promise<string>;
}

export function createZaiaApi(ctx: ProviderContext): ZaiaApi {
  const http: Got = ctx.http({
    prefixUrl: apiRoot(ctx.profile.baseUrl),
    authorize: async (options) => {
      options.headers[AUTH_HEADER] = authHeaderValue(await ctx.secret("apiKey"));
    },
  });
  const entity = async (promise: Promise<unknown>, what: string): Promise<WithPayload<TicketEntity>> => {
    const payload = await promise;
    return { value: parseWire(TicketEntitySchema, payload, what), payload };
  };

  return {
    async listTickets(p) {
      const payload = await http.get("api/v1/tickets/details", { searchParams: listTicketsSearchParams(p) }).json<unknown>();
      const rows = parseWire(DetailRowsSchema, payload, "a ticket list");
      const raws = payload as unknown[];
      return rows.map((value, i) => ({ value, payload: raws[i] }));
    },
    async ticketDetails(id) {
      const payload = await http.get(`api/v1/tickets/${enc(id)}/details`).json<unknown>();
      return { value: parseWire(DetailRowSchema, payload, "a ticket"), payload };
    },
    async chatMessages(chatId, ticketIds) {
      const sp = new URLSearchParams({ chatId, joins: CHAT_MESSAGES_JOIN_SENDERS });
      for (const id of ticketIds) sp.append("ticketIds", id);
      const payload = await http.get("api/v1/chat-messages", { searchParams: sp }).json<unknown>();
      return parseWire(ChatMessagesSchema, payload, "chat messages");
    },
    createTicket: (body) => entity(http.post("api/v1/tickets", { json: body }).json<unknown>(), "the created ticket"),
    updateAssignee: (id, assigneeId) =>
      entity(http.patch(`api/v1/tickets/${enc(id)}/assignee`, { json: { assigneeId } }).json<unknown>(), "the updated ticket"),
    takeover: (id, assigneeId) =>
      entity(http.patch(`api/v1/tickets/${enc(id)}/takeover`, { json: { assigneeId } }).json<unknown>(), "the taken-over ticket"),
    complete: (id, userId) =>
      entity(http.patch(`api/v1/tickets/${enc(id)}/complete`, { json: { userId } }).json<unknown>(), "the completed ticket"),
    async addTag(ticketId, tagId) {
      const payload = await http.post(`api/v1/tickets/${enc(ticketId)}/tags`, { json: { tagId } }).json<unknown>();
      return parseWire(TagLinkSchema, payload, "a ticket tag");
    },
    async removeTag(ticketId, tagId) {
      const payload = await http.delete(`api/v1/tickets/${enc(ticketId)}/tags/${enc(tagId)}`).json<unknown>();
      return parseWire(MessageBodySchema, payload, "the tag removal answer").message;
    },
  };
}
