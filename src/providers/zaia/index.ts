/**
 * The Zaia provider (public API v1). A ticket is a chat that a human team takes over from the
 * AI responder. Verbs: list, show, create, assign, escalate (takeover), close (complete).
 * reply, merge and upload have no documented endpoint: they are left off (the guard refuses
 * them with the capability sentence). Tags are outside the Provider interface: see
 * `tagTicket` / `untagTicket` below, for a `ticket tag` command.
 */
import { ConfigError, OperationError, UnsupportedError, UsageError } from "../../errors.js";
import { toCliError } from "../../http/errors.js";
import type { Status } from "../../model/enums.js";
import type { Ticket, TicketDetail } from "../../model/types.js";
import type { ListQuery, Provider, ProviderContext, ProviderFactory } from "../types.js";
import { createZaiaApi, MAX_PAGE_SIZE, type WithPayload, type ZaiaApi } from "./api.js";
import { zaia as descriptor } from "./descriptor.js";
import { CHAT_MESSAGES_DEFAULT_LIMIT, DEFAULT_CREATE_STATUS, ZAIA_STATUSES } from "./guesses.js";
import { isUuid } from "./ids.js";
import {
  chatMessageToModel,
  createStatusFor,
  entityToTicket,
  rowCustomFields,
  rowHistory,
  rowToTicket,
  toIso,
  vendorStatusesFor,
  type MapContext,
} from "./map.js";
import { WireShapeError, type DetailRow, type TagLink, type TicketEntity } from "./schema.js";

export { createZaiaApi, listTicketsSearchParams, type ListTicketsParams, type ZaiaApi } from "./api.js";
export type { TagLink } from "./schema.js";

const VENDOR = "zaia" as const;
const NAME = "Zaia";

function requireUuid(value: string, what: string): string {
  const v = value.trim();
  if (!isUuid(v)) throw new UsageError(`${NAME} ${what} must be a UUID, got "${value}"`, { vendor: VENDOR });
  return v;
}

/** The profile's own user id (setting userId), or undefined. */
function profileUserId(ctx: ProviderContext): string | undefined {
  const v = ctx.profile.settings["userId"]?.trim();
  return v ? v : undefined;
}

function requireProfileUserId(ctx: ProviderContext, why: string): string {
  const id = profileUserId(ctx);
  if (!id) {
    throw new ConfigError(`profile "${ctx.profile.name}" has no userId setting: ${why}`, {
      vendor: VENDOR,
      hint: `Set it with: ticket profile add ${ctx.profile.name} ... --setting userId=<your Zaia user id>`,
    });
  }
  return requireUuid(id, "setting userId");
}

/** A user id from a flag: a UUID, or `me` for the profile's userId. */
function resolveUser(ctx: ProviderContext, value: string, what: string): string {
  if (value.trim().toLowerCase() === "me") return requireProfileUserId(ctx, `"me" stands for the profile's userId`);
  return requireUuid(value, what);
}

/** The Zaia statuses a list walks: from --status, else the profile's `statuses` setting, else the guessed enum. */
function listStatuses(ctx: ProviderContext, wanted: Status[] | undefined): string[] {
  if (wanted && wanted.length > 0) {
    const { statuses, unmapped } = vendorStatusesFor(wanted);
    if (statuses.length === 0) {
      throw new UnsupportedError(
        `${NAME} has no status matching ${unmapped.join(", ")} (its tickets are pending = new, ongoing = open, completed = closed)`,
        { vendor: VENDOR },
      );
    }
    if (unmapped.length > 0) ctx.warn(`${NAME} has no status matching ${unmapped.join(", ")}; listing ${statuses.join(", ")} only`);
    return statuses;
  }
  const configured = (ctx.profile.settings["statuses"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return configured.length > 0 ? [...new Set(configured)] : [...ZAIA_STATUSES];
}

/** Filters Zaia cannot apply server-side. */
function clientFilter(q: ListQuery): ((row: DetailRow) => boolean) | null {
  const tests: ((row: DetailRow) => boolean)[] = [];
  const eq = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
  if (q.team) {
    const team = q.team.trim();
    tests.push((r) => eq(r.ticketingTeamId, team) || eq(r.ticketingTeamName, team));
  }
  if (q.channel) {
    const channel = q.channel.trim();
    tests.push((r) => eq(r.channelType, channel) || eq(r.channelName, channel) || eq(r.channelId, channel));
  }
  if (q.since) {
    const since = q.since.getTime();
    tests.push((r) => {
      const at = toIso(r.createdAt);
      return at !== null && Date.parse(at) >= since;
    });
  }
  if (q.until) {
    const until = q.until.getTime();
    tests.push((r) => {
      const at = toIso(r.createdAt);
      return at !== null && Date.parse(at) < until;
    });
  }
  return tests.length === 0 ? null : (row) => tests.every((t) => t(row));
}

/** A 400 on a list is most likely a wrong guess of the status enum: say so. */
function explainListError(err: unknown, status: string): unknown {
  const mapped = toCliError(err, { vendor: VENDOR, displayName: NAME, subject: "tickets" });
  if (mapped instanceof OperationError && mapped.httpStatus === 400) {
    return new OperationError(`${mapped.message} (listing status "${status}")`, {
      vendor: VENDOR,
      httpStatus: 400,
      cause: err,
      hint: `Zaia's status values are not documented; if "${status}" is wrong, set the profile setting statuses=<values> or pass --status`,
    });
  }
  return err;
}

export const createZaiaProvider: ProviderFactory = (ctx) => {
  const api = createZaiaApi(ctx);
  const mctx: MapContext = { profile: ctx.profile.name, raw: ctx.raw };

  /** After a write, read the detail row back for names; if that fails, the write's own entity will do. */
  async function readBack(written: WithPayload<TicketEntity>, verb: string): Promise<Ticket> {
    try {
      const { value, payload } = await api.ticketDetails(written.value.id);
      return rowToTicket(value, payload, mctx);
    } catch (err) {
      const why = toCliError(err, { vendor: VENDOR, displayName: NAME, subject: `ticket ${written.value.id}` }).message;
      ctx.warn(`${NAME} ${verb} ticket ${written.value.id}, but reading it back failed (${why}); showing the ticket as the write returned it`);
      return entityToTicket(written.value, written.payload, mctx);
    }
  }

  const provider: Provider = {
    vendor: VENDOR,
    capabilities: descriptor.capabilities!,
    listFilters: descriptor.listFilters!,

    async *list(q) {
      if (q.limit !== undefined && q.limit <= 0) return;
      const statuses = listStatuses(ctx, q.status);
      const assigneeIds = q.assignee ? [resolveUser(ctx, q.assignee, "assignee id")] : undefined;
      const tagIds = q.tag ? [requireUuid(q.tag, "tag filter (a tag id)")] : undefined;
      const search = q.query?.trim() || undefined;
      const keep = clientFilter(q);
      const seen = new Set<string>();
      let emitted = 0;
      for (const status of statuses) {
        // Size pages by what is still wanted, unless rows are filtered here (then take full pages).
        const wanted = q.limit !== undefined && keep === null ? Math.max(1, q.limit - emitted) : MAX_PAGE_SIZE;
        const pageSize = Math.min(MAX_PAGE_SIZE, wanted);
        for (let pageNumber = 1; ; pageNumber++) {
          let rows: WithPayload<DetailRow>[];
          try {
            rows = await api.listTickets({ status, pageNumber, pageSize, assigneeIds, tagIds, search });
          } catch (err) {
            throw explainListError(err, status);
          }
          for (const { value, payload } of rows) {
            // A ticket that changes status while we page could show up twice.
            if (seen.has(value.id)) continue;
            seen.add(value.id);
            if (keep && !keep(value)) continue;
            yield rowToTicket(value, payload, mctx);
            emitted++;
            if (q.limit !== undefined && emitted >= q.limit) return;
          }
          if (rows.length < pageSize) break;
        }
      }
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
        if (!(err instanceof WireShapeError)) throw err;
        ctx.warn(`could not read ticket ${id}'s conversation: ${err.message}`);
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
      const chatId = requireUuid(rawChatId, "chatId");
      const teamValue = input.team ?? input.fields?.["ticketingTeamId"];
      const ticketingTeamId = teamValue ? requireUuid(teamValue, "team id") : null;
      const assigneeId = input.assignee
        ? resolveUser(ctx, input.assignee, "assignee id")
        : requireProfileUserId(ctx, "Zaia requires an assignee on create; pass --assignee <user id> or set userId");
      let status: string = DEFAULT_CREATE_STATUS;
      if (input.status) {
        const mapped = createStatusFor(input.status);
        if (!mapped) {
          throw new UsageError(`${NAME} has no status matching ${input.status} (use new = pending, open = ongoing, closed = completed)`, {
            vendor: VENDOR,
          });
        }
        status = mapped;
      }
      const tagIds = (input.tags ?? []).map((t) => requireUuid(t, "tag id"));
      const ignored = [
        input.subject ? "--subject (Zaia tickets have no subject; the summary comes from the chat)" : null,
        input.body ? "--body (no endpoint sends a message into the chat)" : null,
        input.priority ? "--priority (Zaia tickets have no priority)" : null,
        input.requester ? "--requester (the chat's owner is the requester)" : null,
        input.channel ? "--channel (the chat decides the channel)" : null,
        input.category ? "--category" : null,
        input.attachments?.length ? "attachments" : null,
        ...Object.keys(input.fields ?? {})
          .filter((k) => k !== "chatId" && k !== "ticketingTeamId")
          .map((k) => `--field ${k}`),
      ].filter((s): s is string => s !== null);
      if (ignored.length > 0) ctx.warn(`${NAME} does not take ${ignored.join("; ")}: not sent`);

      const created = await api.createTicket({ chatId, ticketingTeamId, assigneeId, status });
      for (const tagId of tagIds) {
        try {
          await api.addTag(created.value.id, tagId);
        } catch (err) {
          const why = toCliError(err, { vendor: VENDOR, displayName: NAME, subject: `tag ${tagId}` }).message;
          ctx.warn(`created ticket ${created.value.id}, but tagging it with ${tagId} failed: ${why}`);
        }
      }
      return readBack(created, "created");
    },

    async assign(id, input) {
      if (input.team) {
        throw new UnsupportedError(`${NAME} cannot move a ticket to another team: PATCH /api/v1/tickets/{id}/assignee changes only the assignee`, {
          vendor: VENDOR,
        });
      }
      if (!input.assignee) throw new UsageError(`${NAME} assign needs an assignee (a Zaia user id, or "me")`, { vendor: VENDOR });
      const assigneeId = resolveUser(ctx, input.assignee, "assignee id");
      return readBack(await api.updateAssignee(id, assigneeId), "assigned");
    },

    async escalate(id, input) {
      const assigneeId = input.to
        ? resolveUser(ctx, input.to, "--to user id")
        : requireProfileUserId(ctx, "escalate (takeover) hands the chat to a human: pass --to <user id> or set userId");
      if (input.reason) ctx.warn(`${NAME}'s takeover takes no reason: --reason was not sent`);
      return readBack(await api.takeover(id, assigneeId), "took over");
    },

    async close(id, input) {
      const userId = requireProfileUserId(ctx, "Zaia's complete endpoint needs the id of the user who completes the ticket");
      if (input.comment) ctx.warn(`${NAME}'s complete endpoint takes no comment: --comment was not sent`);
      return readBack(await api.complete(id, userId), "completed");
    },
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
