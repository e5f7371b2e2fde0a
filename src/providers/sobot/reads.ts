/**
 * Sobot reads: `list` walks query_tickets (or query_tickets_by_update_time for --updated-since,
 * and for the default list sorted by activity: the last 30 days of updates) in month windows and
 * pages through PageGuard, back to --since, or to the span of span.ts (the last 30 days; with
 * --all, TICKET_SOBOT_MAX_MONTHS months, told on stderr); `show` is
 * get_ticket_by_id, by ticketid or number.
 */
import { missingField } from "../shared/shape.js";
import { UsageError } from "../../errors.js";
import type { Status } from "../../model/enums.js";
import { paged, type Paged } from "../../model/paged.js";
import type { Ticket, TicketDetail } from "../../model/types.js";
import { PageGuard } from "../shared/pages.js";
import { fetchAheadFor } from "../shared/prefetch.js";
import { sobot as descriptor } from "./descriptor.js";
import type { ListQuery, ShowOptions } from "../types.js";
import type { SobotCore } from "./core.js";
import { DEFAULT_LIST_DAYS, MAX_PAGE_SIZE } from "./guesses.js";
import { channelCode, mapDetail, mapTicket, type MapContext } from "./map.js";
import { walkWindowPages, windowsNewestFirst } from "./pagination.js";
import { ListTicketSchema, parseAt, type WireListTicket } from "./schema.js";
import { coveredNote, maxMonthsFromEnv, monthsBefore, wantsEverything } from "./span.js";
import { toEpoch } from "./time.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Pages of one window in flight (no rate limit documented: descriptor.ts). */
const FETCH_AHEAD = () => fetchAheadFor(descriptor.concurrency?.default);

/** A wire ticket names an agent or group without its id: ids come from get_data_dict. */
const namesOnly = (w: WireListTicket) => Boolean((w.deal_agent_name && !w.deal_agentid) || (w.deal_group_name && !w.deal_groupid));

export function createReads(core: SobotCore) {
  const show = async (ref: string, opts: ShowOptions = {}): Promise<TicketDetail> => {
    const id = await core.refs.idOf(ref);
    const cur = await core.fetchCurrent(id, ref);
    return mapDetail(cur.wire, await core.mapContext(namesOnly(cur.wire)), opts.history === true, cur.raw);
  };

  /** The list as pages (../../model/paged.ts): each vendor page's tickets that pass the filters, in order. */
  const list = (q: ListQuery): Paged<Ticket> => paged(() => listPages(q));

  async function* listPages(q: ListQuery): AsyncGenerator<Ticket[]> {
    const maxMonths = maxMonthsFromEnv();
    const table = await core.directory.statuses();
    const now = core.ctx.now().getTime();
    const until = q.until?.getTime();
    const since = q.since?.getTime();
    // --all without --since: as far back as the span allows, and the user is told where it stopped.
    const spanBound = q.updatedSince === undefined && since === undefined && wantsEverything(q);
    // The default span (no --since, --until or --all) is the last 30 days of *activity* when the
    // list is sorted by it: a ticket created long ago and answered today belongs at the top.
    const recentActivity = q.updatedSince === undefined && since === undefined && until === undefined && !spanBound && q.sort === "updated";
    const byUpdate = q.updatedSince !== undefined || recentActivity;
    const from = byUpdate
      ? (q.updatedSince?.getTime() ?? now - DEFAULT_LIST_DAYS * DAY_MS)
      : (since ?? (spanBound ? monthsBefore(until ?? now, maxMonths) : (until ?? now) - DEFAULT_LIST_DAYS * DAY_MS));
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
        throw new UsageError(`unknown Sobot channel "${q.channel}": use a ticket_from code (0 = Ticket Center, 12 = Email, ...) or a name such as ticket_center, email, whatsapp`, { vendor: "sobot" });
      }
      filters.ticket_from = code;
    }
    if (q.category !== undefined) filters.ticket_typeid = q.category;
    if (q.requester !== undefined) filters.userid = q.requester;
    if (q.assignee !== undefined) filters.deal_agentid = await core.directory.idFor("agent", q.assignee);
    if (q.team !== undefined) filters.deal_agent_groupid = await core.directory.idFor("group", q.team);
    const wantPriority = q.priority && q.priority.length > 0 ? new Set(q.priority) : undefined;

    // Client-side checks: what the API cannot filter (priority, several statuses) or the other time axis.
    const createdBounds = byUpdate && (since !== undefined || until !== undefined);
    const clientSide = Boolean(wantPriority || (wantStatus && filters.ticket_status === undefined) || createdBounds);
    // With no client-side filter a page never holds more than --limit asks for.
    const pageSize = q.limit !== undefined && !clientSide ? Math.max(1, Math.min(MAX_PAGE_SIZE, q.limit)) : MAX_PAGE_SIZE;
    const endpoint = byUpdate ? "query_tickets_by_update_time" : "query_tickets";
    const [startKey, endKey] = byUpdate ? ["update_start_datetime_ms", "update_end_datetime_ms"] : ["create_start_datetime_ms", "create_end_datetime_ms"];

    let mapCtx: MapContext = await core.mapContext(false);
    let namesLoaded = false;
    let yielded = 0;
    const walk = walkWindowPages<{ wire: WireListTicket; raw: unknown }>({
      windows: windowsNewestFirst(from, to),
      pageSize,
      guard: new PageGuard({ vendor: "sobot", displayName: "Sobot" }),
      concurrency: FETCH_AHEAD(),
      maxPagesPerWindow: q.limit !== undefined && !clientSide ? Math.ceil(q.limit / pageSize) : undefined,
      signal: core.ctx.signal,
      wanted: q.limit === undefined ? undefined : () => (q.limit ?? Infinity) - yielded,
      idOf: (t) => t.wire.ticketid,
      fetchPage: async (w, pageNo) => {
        const env = await core.api().get(endpoint, { [startKey]: w.start, [endKey]: w.end, ...filters, page_no: pageNo, page_size: pageSize }, { action: "list tickets" });
        // No items and no "0 tickets" either: the answer is not a page at all.
        if (env.items === undefined && Number(env.total_count) !== 0) missingField(["items"], "the page's tickets");
        const items = Array.isArray(env.items) ? (env.items as unknown[]) : [];
        const pageCount = env.page_count === null || env.page_count === undefined ? null : Number(env.page_count);
        return { items: items.map((raw, n) => ({ wire: parseAt(ListTicketSchema, raw, "items", n), raw })), pageCount: Number.isFinite(pageCount) ? pageCount : null };
      },
    });
    for await (const items of walk) {
      const page: Ticket[] = [];
      for (const { wire, raw } of items) {
        if (!namesLoaded && namesOnly(wire)) {
          namesLoaded = true;
          mapCtx = { ...mapCtx, directory: await core.directory.nameIndex() };
        }
        const ticket = mapTicket(wire, mapCtx, raw);
        if (wantStatus && !wantStatus.has(ticket.status)) continue;
        if (wantPriority && (ticket.priority === null || !wantPriority.has(ticket.priority))) continue;
        if (createdBounds) {
          const created = toEpoch(wire.create_datetime_ms, wire.create_datetime, core.timeZone);
          if (since !== undefined && created < since) continue;
          if (until !== undefined && created >= until) continue;
        }
        if (filters.deal_agentid && ticket.assignee && ticket.assignee.id === null) ticket.assignee.id = filters.deal_agentid;
        page.push(ticket);
        yielded++;
        if (q.limit !== undefined && yielded >= q.limit) break;
      }
      if (page.length > 0) yield page;
      if (q.limit !== undefined && yielded >= q.limit) return;
    }
    // The walk ran to the span's start: tickets created before it were not asked for.
    if (spanBound && from <= to) core.ctx.warn(coveredNote(from, to, maxMonths));
  }

  return { show, list };
}
