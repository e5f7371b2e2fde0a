/**
 * The Zaia public API v1 calls the provider uses, one function per endpoint. Reads return parsed
 * wire types (a wrong shape throws the ZodError); writes return the raw answer, which the provider
 * reads back (a write Zaia accepted is done even when its answer does not parse). Auth goes
 * through auth.ts (raw key, one retry as Bearer after a 401). Reads may be retried (GET only, by
 * the shared client); writes are sent once.
 */
import type { HttpClient } from "../../http/client.js";
import { AuthError } from "../../errors.js";
import { relativePath, sendApiRequest } from "../shared/api-request.js";
import { PageGuard } from "../shared/pages.js";
import type { ApiRequest, ApiResponse, ProviderContext } from "../types.js";
import { ZaiaAuth } from "./auth.js";
import { createDryAnswers, type ZaiaDryAnswers } from "./dry-answers.js";
import { AUTH_HEADER, CHAT_MESSAGES_JOIN_SENDERS, GUESSED_STATUSES } from "./guesses.js";
import type { ChatMessage, DetailRow, Tag, TagLink, Team } from "./schema.js";
import { wireSchemas } from "./wire.js";
import { createStatusFor, type ProbeResult } from "./statuses.js";

/** FACT (doc lines 188-192): pageSize is 1..100 (default 10). */
export const MAX_PAGE_SIZE = 100;

/** Query of GET /api/v1/tickets/details (doc lines 161-224); arrays go out as repeated keys (OpenAPI form/explode). */
export interface ListTicketsParams {
  /** Required by the API (doc line 214). */
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

/** POST /api/v1/tickets (doc lines 440-453). */
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
export function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
}

/**
 * `ticket api` paths are relative to the base URL as the user configured it: with the documented
 * base (https://api.endless.zaia.app, vendor-notes.md 1.1) a path is `api/v1/tickets/details`; with
 * a base ending in /api/v1 it is `tickets/details`. This is the part of the base URL apiRoot dropped,
 * as a path prefix ("" or "api/v1/").
 */
export function configuredPrefix(baseUrl: string): string {
  const configured = baseUrl.replace(/\/+$/, "");
  const dropped = configured.slice(apiRoot(baseUrl).length).replace(/^\/+/, "");
  return dropped ? `${dropped}/` : "";
}

/** The text of a refusal: `message` as a string or (Nest) an array of strings, else `error`. */
export function refusalText(err: unknown): string | undefined {
  let body = (err as { response?: { body?: unknown } }).response?.body;
  if (typeof body === "string") {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      return text.length > 300 || text.trimStart().startsWith("<") ? undefined : text.trim();
    }
  }
  if (!body || typeof body !== "object") return undefined;
  const o = body as Record<string, unknown>;
  for (const v of [o["message"], o["error"]]) {
    if (typeof v === "string" && v.trim()) return v.trim();
    if (Array.isArray(v) && v.some((x) => typeof x === "string")) return v.filter((x) => typeof x === "string").join("; ");
  }
  return undefined;
}

export const httpStatusOf = (err: unknown): number | undefined => (err as { response?: { statusCode?: number } } | null)?.response?.statusCode;

const enc = encodeURIComponent;

export interface ZaiaApi {
  listTickets(p: ListTicketsParams): Promise<WithPayload<DetailRow>[]>;
  /** A one-row list for one status value: did Zaia accept the value? (statuses.ts) */
  probeStatus(status: string): Promise<ProbeResult>;
  ticketDetails(id: string): Promise<WithPayload<DetailRow>>;
  chatMessages(chatId: string, ticketIds: string[]): Promise<ChatMessage[]>;
  ticketingTeams(): Promise<Team[]>;
  createTicket(body: CreateTicketBody): Promise<unknown>;
  updateAssignee(id: string, assigneeId: string): Promise<unknown>;
  takeover(id: string, assigneeId: string): Promise<unknown>;
  complete(id: string, userId: string): Promise<unknown>;
  addTag(ticketId: string, tagId: string): Promise<TagLink>;
  removeTag(ticketId: string, tagId: string): Promise<string>;
  /** GET /api/v1/tags, every page (vendor-notes.md 1.4). */
  tags(): Promise<Tag[]>;
  /** `ticket api`: one request as given, relative to the configured base URL; statuses come back, never thrown. */
  request(req: ApiRequest): Promise<ApiResponse>;
}

/**
 * The client of every Zaia call. `dry` answers the writes of a --dry-run (dry-answers.ts); without
 * one (the tag functions) the guessed status values stand in for the learned ones.
 */
export function createZaiaApi(ctx: ProviderContext, dry?: ZaiaDryAnswers): ZaiaApi {
  const auth = new ZaiaAuth(ctx);
  const root = apiRoot(ctx.profile.baseUrl);
  const answers = dry ?? createDryAnswers({ root, now: () => ctx.now(), statusValue: (s) => createStatusFor(s, GUESSED_STATUSES) });
  const http: HttpClient = ctx.http({
    prefixUrl: root,
    authorize: async (options) => {
      options.headers[AUTH_HEADER] = await auth.header();
    },
    dryAnswer: answers.answer,
  });
  const get = (path: string, searchParams?: URLSearchParams) => auth.run(() => http.getJson(path, searchParams));
  const patch = (path: string, json: object) => auth.run(() => http.patch(path, { json }).json<unknown>());

  const api: ZaiaApi = {
    async listTickets(p) {
      const [payload, { DetailRowsSchema }] = await Promise.all([get("api/v1/tickets/details", listTicketsSearchParams(p)), wireSchemas()]);
      const rows = DetailRowsSchema.parse(payload);
      const raws = payload as unknown[];
      return rows.map((value, i) => ({ value, payload: raws[i] }));
    },
    async probeStatus(status) {
      try {
        await get("api/v1/tickets/details", listTicketsSearchParams({ status, pageNumber: 1, pageSize: 1 }));
        return { accepted: true };
      } catch (err) {
        if (httpStatusOf(err) === 400) return { accepted: false, message: refusalText(err) };
        throw err;
      }
    },
    async ticketDetails(id) {
      const [payload, { DetailRowSchema }] = await Promise.all([get(`api/v1/tickets/${enc(id)}/details`), wireSchemas()]);
      return { value: DetailRowSchema.parse(payload), payload };
    },
    async chatMessages(chatId, ticketIds) {
      const sp = new URLSearchParams({ chatId });
      for (const id of ticketIds) sp.append("ticketIds", id);
      sp.set("joins", CHAT_MESSAGES_JOIN_SENDERS);
      const [payload, { ChatMessagesSchema }] = await Promise.all([get("api/v1/chat-messages", sp), wireSchemas()]);
      return ChatMessagesSchema.parse(payload);
    },
    async ticketingTeams() {
      // vendor-notes.md 1.4: pageNumber/pageSize, a bare array; walked under the shared page guard.
      const guard = new PageGuard({ vendor: "zaia", displayName: "Zaia" });
      const teams: Team[] = [];
      for (let pageNumber = 1; ; pageNumber++) {
        const sp = new URLSearchParams({ pageNumber: String(pageNumber), pageSize: String(MAX_PAGE_SIZE) });
        const [payload, { TeamsSchema }] = await Promise.all([get("api/v1/ticketing-teams", sp), wireSchemas()]);
        const page = TeamsSchema.parse(payload);
        teams.push(...guard.page(`teams:${pageNumber}`, page, (t) => t.id));
        if (page.length < MAX_PAGE_SIZE) return teams;
      }
    },
    createTicket: (body) => auth.run(() => http.post("api/v1/tickets", { json: body }).json<unknown>()),
    updateAssignee: (id, assigneeId) => patch(`api/v1/tickets/${enc(id)}/assignee`, { assigneeId }),
    takeover: (id, assigneeId) => patch(`api/v1/tickets/${enc(id)}/takeover`, { assigneeId }),
    complete: (id, userId) => patch(`api/v1/tickets/${enc(id)}/complete`, { userId }),
    async addTag(ticketId, tagId) {
      const { TagLinkSchema } = await wireSchemas();
      const payload = await auth.run(() => http.post(`api/v1/tickets/${enc(ticketId)}/tags`, { json: { tagId } }).json<unknown>());
      return TagLinkSchema.parse(payload);
    },
    async removeTag(ticketId, tagId) {
      const { MessageBodySchema } = await wireSchemas();
      const payload = await auth.run(() => http.delete(`api/v1/tickets/${enc(ticketId)}/tags/${enc(tagId)}`).json<unknown>());
      return MessageBodySchema.parse(payload).message;
    },
    async tags() {
      // Paged like every Zaia list (pageNumber/pageSize <= 100, a bare array; vendor-notes.md 1.1), under the shared page guard.
      const guard = new PageGuard({ vendor: "zaia", displayName: "Zaia" });
      const tags: Tag[] = [];
      for (let pageNumber = 1; ; pageNumber++) {
        const sp = new URLSearchParams({ pageNumber: String(pageNumber), pageSize: String(MAX_PAGE_SIZE) });
        const [payload, { TagsSchema }] = await Promise.all([get("api/v1/tags", sp), wireSchemas()]);
        const page = TagsSchema.parse(payload);
        tags.push(...guard.page(`tags:${pageNumber}`, page, (t) => t.id));
        if (page.length < MAX_PAGE_SIZE) return tags;
      }
    },
    async request(req) {
      // Zaia refuses with HTTP statuses, never inside a 2xx body: a 2xx is a success whatever it
      // holds (DELETE tag answers `{message}`, doc lines 551-559), so no envelopeError. A 401 goes
      // through auth.run like any call: the other key form is tried once, then ZaiaAuth's AuthError.
      const path = configuredPrefix(ctx.profile.baseUrl) + relativePath(req.path);
      const opts = { vendor: "zaia", displayName: "Zaia", subject: `${req.method} ${req.path}` } as const;
      let last: ApiResponse | undefined;
      try {
        return await auth.run(async () => {
          last = await sendApiRequest(http, { ...req, path }, opts);
          if (last.status === 401) throw Object.assign(new Error("HTTP 401"), { response: { statusCode: 401, body: last.body } });
          return last;
        });
      } catch (err) {
        if (last?.status === 401 && err instanceof AuthError) return { ...last, error: err };
        throw err;
      }
    },
  };
  return api;
}
