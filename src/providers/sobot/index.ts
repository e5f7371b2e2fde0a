/**
 * The Sobot provider (Ticket API, open platform v5). Every write goes through save_ticket_reply or
 * save_agent_ticket as the profile's agent; save_ticket_reply is a read-modify-write (it needs the
 * ticket's title, description, status and priority), so the ticket is read first.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { CliError, ConfigError, UsageError } from "../../errors.js";
import type { Status } from "../../model/enums.js";
import type { Attachment, Message, Ticket, TicketDetail } from "../../model/types.js";
import type {
  AssignInput,
  CloseInput,
  CreateInput,
  EscalateInput,
  ListQuery,
  LocalFile,
  Provider,
  ProviderContext,
  ProviderFactory,
  ReplyInput,
  ShowOptions,
  UploadInput,
} from "../types.js";
import { SobotApi, parseWire } from "./api.js";
import { SOBOT_CAPABILITIES, SOBOT_LIST_FILTERS } from "./descriptor.js";
import {
  ASSIGN_OMITS_OTHER_HALF,
  DEFAULT_ESCALATION_REMARK,
  DEFAULT_LIST_DAYS,
  DEFAULT_TIMEZONE,
  ECHO_ASSIGNMENT_AND_FIELDS,
  MAX_PAGE_SIZE,
  STALE_READ_CODE,
} from "./guesses.js";
import {
  PRIORITY_TO_LEVEL,
  StatusTable,
  channelCode,
  mapDetail,
  mapFile,
  mapReply,
  mapTicket,
  toPriority,
  type Directory,
  type MapContext,
} from "./map.js";
import { pages, windowsNewestFirst } from "./pagination.js";
import {
  CreatedSchema,
  DataDictSchema,
  ListTicketSchema,
  StatusInfoSchema,
  TicketDetailSchema,
  UploadedSchema,
  type WireCategory,
  type WireDataDict,
  type WireTicketDetail,
} from "./schema.js";
import { isValidTimeZone, toEpoch } from "./time.js";

const DAY_MS = 24 * 60 * 60 * 1000;

interface Named {
  id: string;
  name: string | null;
}

interface Current {
  wire: WireTicketDetail;
  raw: unknown;
  /** When we read it (get_ticket_datetime_ms). */
  readAt: number;
}

/** The Ticket part of a detail (write verbs print the ticket, not its conversation). */
function toTicket(d: TicketDetail): Ticket {
  const { messages: _m, attachments: _a, history: _h, customFields: _c, ...ticket } = d;
  return ticket;
}

function leafCategories(list: WireCategory[] | null | undefined, out: WireCategory[] = []): WireCategory[] {
  for (const c of list ?? []) {
    if (c.node_flag === "0") out.push(c);
    leafCategories(c.sub_type_list, out);
  }
  return out;
}

export const createSobotProvider: ProviderFactory = (ctx: ProviderContext): Provider => {
  const setting = (name: string): string | undefined => {
    const v = ctx.profile.settings[name]?.trim();
    return v ? v : undefined;
  };
  const requireSetting = (name: string, why: string): string => {
    const v = setting(name);
    if (!v) throw new ConfigError(`profile "${ctx.profile.name}" has no ${name} setting: ${why}`, { vendor: "sobot" });
    return v;
  };

  const timeZone = setting("timezone") ?? DEFAULT_TIMEZONE;
  if (!isValidTimeZone(timeZone)) {
    throw new ConfigError(`profile "${ctx.profile.name}" has an unknown timezone "${timeZone}" (use an IANA name such as ${DEFAULT_TIMEZONE})`, {
      vendor: "sobot",
    });
  }

  let apiInstance: SobotApi | undefined;
  const api = (): SobotApi =>
    (apiInstance ??= new SobotApi(ctx, {
      appid: requireSetting("appid", "Sobot tokens are issued for an appid"),
      appKey: () => ctx.secret("app_key"),
      timeZone,
    }));

  const actingAgent = (): Named & { name: string } => ({
    id: requireSetting("agentId", "Sobot records the acting agent on every create and reply"),
    name: requireSetting("agentName", "Sobot records the acting agent's name on every create and reply"),
  });

  /* ---- per-instance caches: custom statuses and the data dictionary ---- */

  let statusesPromise: Promise<StatusTable> | undefined;
  const statuses = (): Promise<StatusTable> =>
    (statusesPromise ??= (async () => {
      try {
        const env = await api().get("query_ticket_status_infos", {}, { action: "read the ticket statuses" });
        const items = Array.isArray(env.items) ? env.items : [];
        return new StatusTable(items.map((i) => parseWire(StatusInfoSchema, i, "a ticket status")));
      } catch (err) {
        // Only a refusal of this one call (an OperationError) falls back; auth and transport errors stop.
        if (!(err instanceof CliError) || err.code !== "failed") throw err;
        ctx.warn(`Sobot's custom ticket statuses could not be read (${(err as Error).message}); using the built-in statuses`);
        return new StatusTable();
      }
    })());

  let dictPromise: Promise<WireDataDict> | undefined;
  const dict = (): Promise<WireDataDict> =>
    (dictPromise ??= (async () => {
      const env = await api().get("get_data_dict", {}, { action: "read the data dictionary (agents, groups, categories)" });
      return parseWire(DataDictSchema, env.item ?? {}, "the data dictionary");
    })());

  const directory = async (): Promise<Directory | undefined> => {
    try {
      const d = await dict();
      const unique = (pairs: [string | null, string | null][], name: string) => {
        const ids = pairs.filter(([, n]) => n !== null && n.trim().toLowerCase() === name.trim().toLowerCase()).map(([id]) => id);
        return ids.length === 1 ? (ids[0] ?? null) : null;
      };
      const agents = (d.agent_list ?? []).map((a) => [a.agentid, a.agent_name] as [string | null, string | null]);
      const groups = (d.group_list ?? []).map((g) => [g.groupid, g.group_name] as [string | null, string | null]);
      return { agentIdByName: (n) => unique(agents, n), groupIdByName: (n) => unique(groups, n) };
    } catch (err) {
      if (!(err instanceof CliError) || err.code !== "failed") throw err;
      ctx.warn(`Sobot's data dictionary could not be read (${(err as Error).message}); agent and group ids are left out of the list`);
      return undefined;
    }
  };

  /** An agent or group by id or exact name, from get_data_dict. `strict`: unknown input is a UsageError. */
  const resolve = async (kind: "agent" | "group", input: string, strict: boolean): Promise<Named | undefined> => {
    const wanted = input.trim();
    let d: WireDataDict;
    try {
      d = await dict();
    } catch (err) {
      if (strict || !(err instanceof CliError) || err.code !== "failed") throw err;
      return { id: wanted, name: null };
    }
    const list: Named[] =
      kind === "agent"
        ? (d.agent_list ?? []).flatMap((a) => (a.agentid ? [{ id: a.agentid, name: a.agent_name }] : []))
        : (d.group_list ?? []).flatMap((g) => (g.groupid ? [{ id: g.groupid, name: g.group_name }] : []));
    const byId = list.find((x) => x.id === wanted);
    if (byId) return byId;
    const byName = list.filter((x) => x.name !== null && x.name.toLowerCase() === wanted.toLowerCase());
    if (byName.length === 1) return byName[0];
    if (!strict) return byName.length === 0 ? { id: wanted, name: null } : undefined;
    if (byName.length > 1) {
      throw new UsageError(`several Sobot ${kind}s are named "${wanted}": use the id (${byName.map((x) => x.id).join(", ")})`, { vendor: "sobot" });
    }
    const known = list
      .slice(0, 10)
      .map((x) => `${x.id} (${x.name ?? "?"})`)
      .join(", ");
    throw new UsageError(`no Sobot ${kind} has the id or name "${wanted}" in get_data_dict${known ? `; known: ${known}` : ""}`, { vendor: "sobot" });
  };

  const mapContext = async (withDirectory: boolean): Promise<MapContext> => ({
    profile: ctx.profile.name,
    timeZone,
    statuses: await statuses(),
    raw: ctx.raw,
    directory: withDirectory ? await directory() : undefined,
  });

  /* ---- reads ---- */

  const fetchCurrent = async (id: string): Promise<Current> => {
    const subject = `ticket ${id}`;
    const env = await api().get("get_ticket_by_id", { ticketid: id }, { action: `read ticket ${id}`, subject });
    const readAt = ctx.now().getTime();
    if (env.item === undefined || env.item === null) {
      throw new CliError("not_found", `Sobot: ${subject} not found (get_ticket_by_id returned no item)`, { vendor: "sobot" });
    }
    return { wire: parseWire(TicketDetailSchema, env.item, "a ticket"), raw: env.item, readAt };
  };

  const show = async (id: string, opts: ShowOptions = {}): Promise<TicketDetail> => {
    const cur = await fetchCurrent(id);
    return mapDetail(cur.wire, await mapContext(false), opts.history === true, cur.raw);
  };

  async function* list(q: ListQuery): AsyncGenerator<Ticket> {
    const table = await statuses();
    const now = ctx.now().getTime();
    const byUpdate = q.updatedSince !== undefined;
    const until = q.until?.getTime();
    const since = q.since?.getTime();
    const from = byUpdate ? q.updatedSince!.getTime() : (since ?? (until ?? now) - DEFAULT_LIST_DAYS * DAY_MS);
    const to = byUpdate ? now : Math.min(now, until === undefined ? now : until - 1);

    const filters: Record<string, string | undefined> = {};
    const wantStatus = q.status && q.status.length > 0 ? new Set<Status>(q.status) : undefined;
    if (wantStatus) {
      const codes = table.codesFor([...wantStatus]);
      if (codes.length === 0) return; // No status code of this account maps there (on_hold without a Pause status).
      if (codes.length === 1) filters.ticket_status = codes[0];
    }
    if (q.channel !== undefined) {
      const code = channelCode(q.channel);
      if (code === undefined) {
        throw new UsageError(`unknown Sobot channel "${q.channel}": use a ticket_from code (0 = Ticket Center, 12 = Email, ...) or a name such as ticket_center, email, whatsapp`, {
          vendor: "sobot",
        });
      }
      filters.ticket_from = code;
    }
    if (q.category !== undefined) filters.ticket_typeid = q.category;
    if (q.requester !== undefined) filters.userid = q.requester;
    if (q.assignee !== undefined) filters.deal_agentid = (await resolve("agent", q.assignee, false))?.id ?? q.assignee;
    if (q.team !== undefined) filters.deal_agent_groupid = (await resolve("group", q.team, false))?.id ?? q.team;
    const wantPriority = q.priority && q.priority.length > 0 ? new Set(q.priority) : undefined;

    // Client-side checks: what the API cannot filter (priority, several statuses) or the other time axis.
    const clientSide = Boolean(wantPriority || (wantStatus && filters.ticket_status === undefined) || (byUpdate && (since !== undefined || until !== undefined)));
    const pageSize = q.limit !== undefined && !clientSide ? Math.max(1, Math.min(MAX_PAGE_SIZE, q.limit)) : MAX_PAGE_SIZE;
    const endpoint = byUpdate ? "query_tickets_by_update_time" : "query_tickets";
    const [startKey, endKey] = byUpdate
      ? ["update_start_datetime_ms", "update_end_datetime_ms"]
      : ["create_start_datetime_ms", "create_end_datetime_ms"];

    let mapCtx: MapContext = await mapContext(false);
    let directoryLoaded = false;
    const seen = new Set<string>();
    let yielded = 0;

    for (const w of windowsNewestFirst(from, to)) {
      const fetchPage = async (pageNo: number) => {
        const env = await api().get(
          endpoint,
          { [startKey]: w.start, [endKey]: w.end, ...filters, page_no: pageNo, page_size: pageSize },
          { action: "list tickets" },
        );
        const items = Array.isArray(env.items) ? (env.items as unknown[]) : [];
        const pageCount = env.page_count === null || env.page_count === undefined ? null : Number(env.page_count);
        return { items, pageCount: Number.isFinite(pageCount) ? pageCount : null };
      };
      for await (const items of pages(fetchPage, pageSize)) {
        for (const raw of items) {
          const wire = parseWire(ListTicketSchema, raw, "a ticket in the list");
          if (seen.has(wire.ticketid)) continue;
          seen.add(wire.ticketid);
          if (!directoryLoaded && ((wire.deal_agent_name && !wire.deal_agentid) || (wire.deal_group_name && !wire.deal_groupid))) {
            directoryLoaded = true;
            mapCtx = { ...mapCtx, directory: await directory() };
          }
          const ticket = mapTicket(wire, mapCtx, raw);
          if (wantStatus && !wantStatus.has(ticket.status)) continue;
          if (wantPriority && (ticket.priority === null || !wantPriority.has(ticket.priority))) continue;
          if (byUpdate && (since !== undefined || until !== undefined)) {
            const created = toEpoch(wire.create_datetime_ms, wire.create_datetime, timeZone);
            if (since !== undefined && created < since) continue;
            if (until !== undefined && created >= until) continue;
          }
          if (q.assignee !== undefined && filters.deal_agentid && ticket.assignee && ticket.assignee.id === null) {
            ticket.assignee.id = filters.deal_agentid;
          }
          yield ticket;
          yielded++;
          if (q.limit !== undefined && yielded >= q.limit) return;
        }
      }
    }
  }

  /* ---- writes ---- */

  const uploadFiles = async (files: LocalFile[]): Promise<Attachment[]> => {
    const fileNumKey = randomUUID();
    const out: Attachment[] = [];
    for (const f of files) {
      const form = new FormData();
      form.append("file", new Blob([await readFile(f.path)]), f.name);
      form.append("file_num_key", fileNumKey);
      const env = await api().postForm("upload_file", form, { action: `upload ${f.name}` });
      const { file_url } = parseWire(UploadedSchema, env.item, "an upload result");
      const mapped = mapFile({ file_name: f.name, file_url, file_type: null });
      out.push({ ...mapped, name: f.name, size: f.size });
    }
    return out;
  };

  /** The fields save_ticket_reply requires, echoed from the ticket as read. */
  const baseReply = (cur: Current, agent: Named & { name: string }): Record<string, unknown> => {
    const w = cur.wire;
    const updatedAt = toEpoch(w.update_datetime_ms, w.update_datetime, timeZone);
    const body: Record<string, unknown> = {
      ticketid: w.ticketid,
      ticket_title: w.ticket_title ?? "",
      ticket_content: w.ticket_content ?? "",
      // Our read time, never before the version we read (client clock behind Sobot's).
      get_ticket_datetime_ms: Math.max(cur.readAt, updatedAt),
      reply_type: "0",
      reply_agentid: agent.id,
      reply_agent_name: agent.name,
      ticket_status: w.ticket_status ?? "",
      ticket_level: w.ticket_level ?? "",
    };
    if (ECHO_ASSIGNMENT_AND_FIELDS) {
      if (w.deal_groupid) {
        body.deal_groupid = w.deal_groupid;
        if (w.deal_group_name) body.deal_group_name = w.deal_group_name;
      }
      if (w.deal_agentid) {
        body.deal_agentid = w.deal_agentid;
        if (w.deal_agent_name) body.deal_agent_name = w.deal_agent_name;
      }
      const fields = (w.extend_fields_list ?? []).filter((f) => f.fieldid);
      if (fields.length > 0) body.extend_fields = fields.map((f) => ({ fieldid: f.fieldid, field_value: f.field_value ?? "" }));
    }
    return body;
  };

  /**
   * save_ticket_reply as a read-modify-write: `change` edits the echoed body. When Sobot answers
   * 400016 (the ticket changed since we read it), read it again and send once more.
   */
  const saveReply = async (
    id: string,
    action: string,
    change: (body: Record<string, unknown>, cur: Current) => void,
    first?: Current,
  ): Promise<Current> => {
    const agent = actingAgent();
    let cur = first ?? (await fetchCurrent(id));
    for (let attempt = 0; ; attempt++) {
      const body = baseReply(cur, agent);
      change(body, cur);
      try {
        await api().postJson("save_ticket_reply", body, { action, subject: `ticket ${id}` });
        return cur;
      } catch (err) {
        if (attempt > 0 || !(err instanceof CliError) || err.vendorCode !== STALE_READ_CODE) throw err;
        cur = await fetchCurrent(id);
      }
    }
  };

  const reread = async (id: string): Promise<Ticket> => toTicket(await show(id));

  const create = async (input: CreateInput): Promise<Ticket> => {
    if (!input.subject?.trim()) throw new UsageError("Sobot needs a ticket title: pass --subject", { vendor: "sobot" });
    if (!input.body?.trim()) throw new UsageError("Sobot needs a problem description (ticket_content): pass --body", { vendor: "sobot" });
    if (input.tags && input.tags.length > 0) throw new UsageError("Sobot tickets have no tags: drop --tag", { vendor: "sobot" });
    const category = input.category ?? setting("category");
    if (!category) {
      throw new UsageError("Sobot needs a ticket category (a leaf ticket_typeid): pass --category, or set the profile's category setting", {
        vendor: "sobot",
      });
    }
    let ticketFrom = "0"; // Ticket Center
    if (input.channel !== undefined) {
      const code = channelCode(input.channel);
      if (code === undefined) throw new UsageError(`unknown Sobot channel "${input.channel}": use a ticket_from code or a name such as ticket_center, email, crm`, { vendor: "sobot" });
      ticketFrom = code;
    }
    const companyid = requireSetting("companyid", "save_agent_ticket requires the enterprise id");
    const agent = actingAgent();
    const table = await statuses();
    const wantedStatus: Status = input.status ?? (input.assignee || input.team ? "open" : "new");
    const statusCode = table.codeFor(wantedStatus);
    if (statusCode === undefined) {
      throw new UsageError(`Sobot has no "${wantedStatus}" status on this account (on_hold needs a custom status of type Pause)`, { vendor: "sobot" });
    }
    const assignee = input.assignee ? await resolve("agent", input.assignee, true) : undefined;
    const team = input.team ? await resolve("group", input.team, true) : undefined;
    const leaves = leafCategories((await dict().catch(() => undefined))?.ticket_type_list);
    if (leaves.length > 0 && !leaves.some((c) => c.typeid === category)) {
      const byName = leaves.filter((c) => c.type_name?.toLowerCase() === category.toLowerCase());
      if (byName.length !== 1) {
        throw new UsageError(
          `"${category}" is not a leaf Sobot ticket category; leaf categories: ${leaves
            .slice(0, 12)
            .map((c) => `${c.typeid} (${c.type_name ?? "?"})`)
            .join(", ")}`,
          { vendor: "sobot" },
        );
      }
    }
    const typeid = leaves.find((c) => c.typeid === category)?.typeid ?? leaves.find((c) => c.type_name?.toLowerCase() === category.toLowerCase())?.typeid ?? category;

    const body: Record<string, unknown> = {
      companyid,
      ticket_title: input.subject,
      ticket_content: input.body,
      ticket_from: ticketFrom,
      create_agentid: agent.id,
      create_agent_name: agent.name,
      ticket_status: statusCode,
      ticket_level: PRIORITY_TO_LEVEL[input.priority ?? "normal"],
      ticket_typeid: typeid,
    };
    if (input.requester) body.userid = input.requester;
    if (team) {
      body.deal_groupid = team.id;
      if (team.name) body.deal_group_name = team.name;
    }
    if (assignee) {
      body.deal_agentid = assignee.id;
      if (assignee.name) body.deal_agent_name = assignee.name;
    }
    const fields = Object.entries(input.fields ?? {});
    if (fields.length > 0) body.extend_fields = fields.map(([fieldid, field_value]) => ({ fieldid, field_value }));
    if (input.attachments && input.attachments.length > 0) {
      body.file_str = (await uploadFiles(input.attachments)).map((a) => a.url).join(";");
    }
    const env = await api().postJson("save_agent_ticket", body, { action: "create the ticket" });
    const { ticketid } = parseWire(CreatedSchema, env.item, "a create result");
    return reread(ticketid);
  };

  const reply = async (id: string, input: ReplyInput): Promise<Message> => {
    const files = input.attachments ?? [];
    if (!input.body?.trim() && files.length === 0) throw new UsageError("a reply needs a body", { vendor: "sobot" });
    actingAgent();
    const cur = await fetchCurrent(id);
    const uploaded = files.length > 0 ? await uploadFiles(files) : [];
    const replyType = input.internal ? "1" : "0";
    const sentAt = ctx.now().getTime();
    await saveReply(
      id,
      input.internal ? `add an internal note to ticket ${id}` : `reply to ticket ${id}`,
      (body) => {
        body.reply_type = replyType;
        body.reply_content = input.body;
        if (uploaded.length > 0) body.reply_file_str = uploaded.map((a) => a.url).join(";");
      },
      cur,
    );
    // save_ticket_reply returns no reply id: read the ticket back to report the stored reply.
    const after = await fetchCurrent(id);
    const replies = after.wire.deal_list ?? [];
    let best: { index: number; at: number } | undefined;
    replies.forEach((r, index) => {
      if ((r.reply_content ?? "") !== input.body || (r.reply_type ?? "0") !== replyType) return;
      const at = toEpoch(r.reply_datetime_ms, r.reply_datetime, timeZone);
      if (!best || at > best.at) best = { index, at };
    });
    const found = best ? replies[best.index] : undefined;
    if (found) return mapReply(found, id, best!.index, timeZone);
    const agent = actingAgent();
    return {
      id: `${id}:reply:${sentAt}`,
      author: { type: "agent", id: agent.id, name: agent.name },
      body: input.body,
      internal: input.internal,
      createdAt: new Date(sentAt).toISOString(),
      attachments: uploaded,
    };
  };

  const assign = async (id: string, input: AssignInput): Promise<Ticket> => {
    if (!input.assignee && !input.team) throw new UsageError("assign needs an agent (--assignee) or a group (--team)", { vendor: "sobot" });
    const agent = input.assignee ? await resolve("agent", input.assignee, true) : undefined;
    const group = input.team ? await resolve("group", input.team, true) : undefined;
    await saveReply(id, `assign ticket ${id}`, (body) => {
      if (group) {
        body.deal_groupid = group.id;
        if (group.name) body.deal_group_name = group.name;
        else delete body.deal_group_name;
      } else if (ASSIGN_OMITS_OTHER_HALF) {
        delete body.deal_groupid;
        delete body.deal_group_name;
      }
      if (agent) {
        body.deal_agentid = agent.id;
        if (agent.name) body.deal_agent_name = agent.name;
        else delete body.deal_agent_name;
      } else if (ASSIGN_OMITS_OTHER_HALF) {
        delete body.deal_agentid;
        delete body.deal_agent_name;
      }
    });
    return reread(id);
  };

  const escalate = async (id: string, input: EscalateInput): Promise<Ticket> => {
    const agent = actingAgent();
    let target: { kind: "agent" | "group"; who: Named } | undefined;
    if (input.to) {
      const d = await dict();
      const asAgent = (d.agent_list ?? []).some((a) => a.agentid === input.to || a.agent_name?.toLowerCase() === input.to!.toLowerCase());
      target = asAgent ? { kind: "agent", who: (await resolve("agent", input.to, true))! } : { kind: "group", who: (await resolve("group", input.to, true))! };
    }
    const cur = await fetchCurrent(id);
    if (toPriority(cur.wire.ticket_level) !== "urgent" || target) {
      await saveReply(
        id,
        `escalate ticket ${id}`,
        (body) => {
          body.ticket_level = PRIORITY_TO_LEVEL.urgent;
          if (target?.kind === "agent") {
            body.deal_agentid = target.who.id;
            if (target.who.name) body.deal_agent_name = target.who.name;
            delete body.deal_groupid;
            delete body.deal_group_name;
          } else if (target?.kind === "group") {
            body.deal_groupid = target.who.id;
            if (target.who.name) body.deal_group_name = target.who.name;
            delete body.deal_agentid;
            delete body.deal_agent_name;
          }
        },
        cur,
      );
    }
    await api().postJson(
      "reminder",
      { ticketid: id, reminder_agentid: agent.id, reminder_remark: input.reason?.trim() || DEFAULT_ESCALATION_REMARK },
      { action: `send a reminder for ticket ${id}`, subject: `ticket ${id}` },
    );
    return reread(id);
  };

  const close = async (id: string, input: CloseInput): Promise<Ticket> => {
    const table = await statuses();
    const target: Status = input.resolve ? "resolved" : "closed";
    const code = table.codeFor(target) ?? (input.resolve ? "3" : "99");
    await saveReply(id, `${input.resolve ? "resolve" : "close"} ticket ${id}`, (body) => {
      body.ticket_status = code;
      if (input.comment?.trim()) {
        body.reply_type = "0";
        body.reply_content = input.comment;
      }
    });
    return reread(id);
  };

  const upload = async (id: string, files: LocalFile[], input: UploadInput): Promise<Attachment[]> => {
    if (files.length === 0) throw new UsageError("upload needs at least one file", { vendor: "sobot" });
    actingAgent();
    const cur = await fetchCurrent(id);
    const uploaded = await uploadFiles(files);
    await saveReply(
      id,
      `attach files to ticket ${id}`,
      (body) => {
        body.reply_type = input.internal ? "1" : "0";
        if (input.message?.trim()) body.reply_content = input.message;
        body.reply_file_str = uploaded.map((a) => a.url).join(";");
      },
      cur,
    );
    return uploaded;
  };

  return {
    vendor: "sobot",
    capabilities: SOBOT_CAPABILITIES,
    listFilters: SOBOT_LIST_FILTERS,
    list,
    show,
    create,
    reply,
    assign,
    escalate,
    close,
    upload,
  };
};
