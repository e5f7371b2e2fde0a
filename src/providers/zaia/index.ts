/**
 * The Zaia provider (public API v1). A ticket is a chat that a human team takes over from the
 * AI responder. Verbs: list, show, create, assign, escalate (takeover), close (complete).
 * reply, merge and upload have no documented endpoint: they are left off (the guard refuses
 * them with the capability sentence). Tags are outside the Provider interface: see
 * `tagTicket` / `untagTicket` below, for a `ticket tag` command.
 * Anything a verb's Zaia endpoint cannot carry (a subject, a first message, a close comment...)
 * is refused before any request (exit 6), never dropped.
 */
import { AuthError, CliError, InterruptedError, UnsupportedError, UsageError } from "../../errors.js";
import { toCliError } from "../../http/errors.js";
import type { Ticket, TicketDetail } from "../../model/types.js";
import type { CreateInput, Provider, ProviderContext, ProviderFactory } from "../types.js";
import { apiRoot, createZaiaApi, MAX_PAGE_SIZE, type ZaiaApi } from "./api.js";
import { zaia as descriptor } from "./descriptor.js";
import { zaiaDirectory } from "./directory.js";
import { createDryAnswers, isDryRun, mustPass } from "./dry-answers.js";
import { CHAT_MESSAGES_DEFAULT_LIMIT, DEFAULT_CREATE_MODEL_STATUS } from "./guesses.js";
import { NAME, requireProfileUserId, requireUuid, resolveUser, VENDOR } from "./inputs.js";
import { listTickets } from "./list.js";
import { chatMessageToModel, entityToTicket, rowCustomFields, rowHistory, rowToTicket, type MapContext } from "./map.js";
import { whatIsMissing, type Suspects } from "./missing.js";
import type { DetailRow, TagLink } from "./schema.js";
import { wireSchemas } from "./wire.js";
import { createStatusFor, ZaiaStatuses } from "./statuses.js";
import { tagIdsFor } from "./tags.js";

export { createZaiaApi, listTicketsSearchParams, type ListTicketsParams, type ZaiaApi } from "./api.js";
export type { TagLink } from "./schema.js";

/** What each create input would need and Zaia's POST /api/v1/tickets (doc lines 440-453) does not take. */
function uncarried(input: CreateInput): string[] {
  return [
    input.subject?.trim() ? "--subject (Zaia tickets have no subject; the summary comes from the chat)" : null,
    input.body ? "--body (no documented endpoint sends a message into the chat)" : null,
    input.priority ? "--priority (Zaia tickets have no priority)" : null,
    input.requester ? "--requester (the chat's owner is the requester)" : null,
    input.channel ? "--channel (the chat decides the channel)" : null,
    input.category ? "--category (Zaia tickets have no category)" : null,
    input.attachments?.length ? "--attach (Zaia's ticket API has no file upload)" : null,
    ...Object.keys(input.fields ?? {})
      .filter((k) => k !== "chatId" && k !== "ticketingTeamId")
      .map((k) => `--field ${k} (POST /api/v1/tickets takes only chatId, ticketingTeamId, assigneeId and status)`),
  ].filter((s): s is string => s !== null);
}

export const createZaiaProvider: ProviderFactory = (ctx) => {
  // --dry-run: the writes are answered by dry-answers.ts with the values this run would send.
  const dry = createDryAnswers({ root: apiRoot(ctx.profile.baseUrl), now: () => ctx.now(), statusValue: (s) => createStatusFor(s, statuses.list()) });
  const api = createZaiaApi(ctx, dry);
  const statuses = new ZaiaStatuses(ctx, (s) => api.probeStatus(s));
  const dryRun = isDryRun(ctx);
  const mctx: MapContext = { profile: ctx.profile.name, raw: ctx.raw };

  /** Turn a 404 of a write into the NotFoundError that names what is missing. */
  async function explain404(err: unknown, suspects: Suspects): Promise<never> {
    await statuses.load();
    throw await whatIsMissing(api, statuses.list(), err, suspects, err);
  }

  /**
   * After a write Zaia accepted, read the detail row back (names, channel, requester). If that
   * fails, the write's own answer will do; if that does not parse either, the ZodError goes up
   * (the write is done: the command layer reads the ticket back).
   */
  async function readBack(id: string, answer: unknown, verb: string): Promise<Ticket> {
    // Loaded already: every write loads the schemas before it sends.
    const { TicketEntitySchema } = await wireSchemas();
    try {
      const { value, payload } = await api.ticketDetails(id);
      return rowToTicket(value, payload, mctx);
    } catch (err) {
      if (mustPass(err)) throw err;
      const entity = TicketEntitySchema.parse(answer);
      const why = toCliError(err, { vendor: VENDOR, displayName: NAME, subject: `ticket ${id}` }).message;
      ctx.warn(`${NAME} ${verb} ticket ${id}, but reading it back failed (${why}); showing the ticket as the write returned it`);
      return entityToTicket(entity, answer, mctx);
    }
  }

  /**
   * A PATCH verb: send it, name what a 404 is about, read the ticket back. In a dry run the ticket
   * is read first: the PATCH is planned, not sent, so only that read can find it missing (exit 5).
   */
  async function patchVerb(id: string, verb: string, send: () => Promise<unknown>, user: Suspects["user"]): Promise<Ticket> {
    await wireSchemas();
    if (dryRun) dry.seen((await api.ticketDetails(id)).payload);
    let answer: unknown;
    try {
      answer = await send();
    } catch (err) {
      return explain404(err, { ticketId: id, user });
    }
    return readBack(id, answer, verb);
  }

  const provider: Provider = {
    vendor: VENDOR,
    capabilities: descriptor.capabilities!,
    listFilters: descriptor.listFilters!,

    list: (q) => listTickets({ ctx, api, statuses, mctx }, q),

    // After a create whose answer was lost: Zaia tickets have no subject, so look on the chat
    // itself (the list filters by chatIds) for a ticket created since then, in every status.
    async findCreated(input, since) {
      const chatId = input.fields?.["chatId"];
      if (!chatId) throw new UsageError(`${NAME}: no chat to look on`);
      await statuses.load();
      let newest: { row: DetailRow; payload: unknown; at: number } | undefined;
      for (const status of statuses.list()) {
        for (const { value, payload } of await api.listTickets({ status, pageNumber: 1, pageSize: MAX_PAGE_SIZE, chatIds: [chatId] })) {
          const at = Date.parse(value.createdAt ?? "");
          if (Number.isFinite(at) && at >= since.getTime() && (!newest || at > newest.at)) newest = { row: value, payload, at };
        }
      }
      return newest ? rowToTicket(newest.row, newest.payload, mctx) : null;
    },

    async show(id, opts) {
      const { value: row, payload } = await api.ticketDetails(id);
      let messages: TicketDetail["messages"] = [];
      try {
        const wire = await api.chatMessages(row.chatId, [row.id]);
        if (wire.length >= CHAT_MESSAGES_DEFAULT_LIMIT) {
          ctx.warn(`${NAME} returned ${wire.length} chat messages, its default page; older or newer messages may be missing`);
        }
        messages = wire
          .map((m) => chatMessageToModel(m, row.chatOwnerId))
          .map((m, i) => ({ m, i }))
          .sort((a, b) => (a.m.createdAt ?? "").localeCompare(b.m.createdAt ?? "") || a.i - b.i)
          .map(({ m }) => m);
      } catch (err) {
        // The ticket was read; its conversation comes from an endpoint outside the ticket doc
        // (vendor-notes.md 1.4). Show the ticket anyway unless the key itself was refused.
        const mapped = toCliError(err, { vendor: VENDOR, displayName: NAME, subject: `ticket ${id}'s conversation` });
        if (!(mapped instanceof CliError) || mapped instanceof AuthError || mapped instanceof InterruptedError) throw mapped;
        ctx.warn(`could not read ticket ${id}'s conversation: ${mapped.message}`);
      }
      const detail: TicketDetail = {
        ...rowToTicket(row, payload, mctx),
        messages,
        attachments: [],
        customFields: rowCustomFields(row),
      };
      if (opts?.history) detail.history = rowHistory(row);
      return detail;
    },

    async create(input) {
      const rawChatId = input.fields?.["chatId"];
      if (!rawChatId) {
        throw new UsageError(`${NAME} creates a ticket on an existing chat: pass its id with --field chatId=<uuid>`, { vendor: VENDOR });
      }
      const refused = uncarried(input);
      if (refused.length > 0) {
        throw new UnsupportedError(`${NAME} cannot carry ${refused.join("; ")}: nothing was sent`, { vendor: VENDOR });
      }
      const chatId = requireUuid(rawChatId, "chatId");
      const teamValue = input.team ?? input.fields?.["ticketingTeamId"];
      const ticketingTeamId = teamValue ? requireUuid(teamValue, "team id") : null;
      const assigneeFrom = input.assignee ? "--assignee" : "the profile's userId setting";
      const assigneeId = input.assignee
        ? resolveUser(ctx, input.assignee, "assignee id")
        : requireProfileUserId(ctx, "Zaia requires an assignee on create; pass --assignee <user id> or set userId");
      // Tag names become ids before anything is written (one lookup, only when a name is given).
      const tagIds = input.tags?.length ? (await tagIdsFor(api, input.tags, "--tag", "refuse")).flat() : [];
      const wanted = input.status ?? DEFAULT_CREATE_MODEL_STATUS;
      const status = await statuses.valueFor(wanted);
      if (status === null) {
        throw new UnsupportedError(`${NAME} has no status matching ${wanted} (its statuses: ${statuses.list().join(", ")})`, { vendor: VENDOR });
      }

      const { IdOnlySchema, TicketEntitySchema } = await wireSchemas();
      let answer: unknown;
      try {
        answer = await api.createTicket({ chatId, ticketingTeamId, assigneeId, status });
      } catch (err) {
        return explain404(err, { chatId, teamId: ticketingTeamId, user: { id: assigneeId, from: assigneeFrom } });
      }
      // The id is all a read-back needs; when even that is missing the ZodError goes up (the ticket may exist).
      const parsed = TicketEntitySchema.safeParse(answer);
      const id = parsed.success ? parsed.data.id : IdOnlySchema.parse(answer).id;
      for (const tagId of tagIds) {
        try {
          await api.addTag(id, tagId);
        } catch (err) {
          if (mustPass(err)) throw err;
          const why = toCliError(err, { vendor: VENDOR, displayName: NAME, subject: `tag ${tagId}` }).message;
          ctx.warn(`created ticket ${id}, but tagging it with ${tagId} failed: ${why}`);
        }
      }
      return readBack(id, answer, "created");
    },

    async assign(id, input) {
      if (input.team) {
        throw new UnsupportedError(`${NAME} cannot move a ticket to another team: PATCH /api/v1/tickets/{id}/assignee changes only the assignee`, {
          vendor: VENDOR,
        });
      }
      if (!input.assignee) throw new UsageError(`${NAME} assign needs an assignee (a Zaia user id, or "me")`, { vendor: VENDOR });
      const assigneeId = resolveUser(ctx, input.assignee, "assignee id");
      return patchVerb(id, "assigned", () => api.updateAssignee(id, assigneeId), { id: assigneeId, from: "--to" });
    },

    async escalate(id, input) {
      // Without --to, the profile's own user takes the chat over from the AI responder: the
      // returned ticket's assignee is that user (the command's ✓ line says so).
      const self = !input.to;
      const assigneeId = input.to
        ? resolveUser(ctx, input.to, "--to user id")
        : requireProfileUserId(ctx, "escalate (takeover) hands the chat to a human: pass --to <user id> or set userId");
      // Takeover has no field for a reason: refused (never dropped), as the descriptor declares.
      if (input.reason) {
        throw new UnsupportedError(`${NAME} cannot carry --reason: PATCH /api/v1/tickets/{id}/takeover takes only the assignee; nothing was sent`, { vendor: "zaia" });
      }
      const from = self ? "the profile's userId setting" : "--to";
      const t = await patchVerb(id, "took over", () => api.takeover(id, assigneeId), { id: assigneeId, from });
      return t.assignee ? t : { ...t, assignee: { id: assigneeId, name: null, email: null } };
    },

    async close(id, input) {
      if (input.comment) {
        throw new UnsupportedError(
          `${NAME} cannot carry --comment: PATCH /api/v1/tickets/{id}/complete takes only the completing user, and Zaia's API has no internal notes; nothing was sent`,
          { vendor: VENDOR },
        );
      }
      const userId = requireProfileUserId(ctx, "Zaia's complete endpoint needs the id of the user who completes the ticket");
      return patchVerb(id, "completed", () => api.complete(id, userId), { id: userId, from: "the profile's userId setting" });
    },

    // ticket api: relative to the base URL as configured (api.ts configuredPrefix), auth as for any call.
    request: (req) => api.request(req),
    ...zaiaDirectory(api),
  };
  return provider;
};

/** Map an error of the tag functions (they run outside the provider guard). */
async function guarded<T>(subject: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toCliError(err, { vendor: VENDOR, displayName: NAME, subject });
  }
}

/** POST /api/v1/tickets/{ticketId}/tags {tagId}: attach a tag (by id) to a ticket. */
export async function tagTicket(ctx: ProviderContext, ticketId: string, tagId: string, api: ZaiaApi = createZaiaApi(ctx)): Promise<TagLink> {
  const t = requireUuid(ticketId, "ticket id");
  const g = requireUuid(tagId, "tag id");
  return guarded(`ticket ${t} or tag ${g}`, () => api.addTag(t, g));
}

/** DELETE /api/v1/tickets/{ticketId}/tags/{tagId}: detach a tag; returns Zaia's informative message. */
export async function untagTicket(ctx: ProviderContext, ticketId: string, tagId: string, api: ZaiaApi = createZaiaApi(ctx)): Promise<string> {
  const t = requireUuid(ticketId, "ticket id");
  const g = requireUuid(tagId, "tag id");
  return guarded(`tag ${g} on ticket ${t}`, () => api.removeTag(t, g));
}
