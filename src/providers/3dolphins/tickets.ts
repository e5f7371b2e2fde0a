/**
 * Reading 3Dolphins tickets: one ticket (GET graph/tickets/{ticketNumber}, doc line 24), its
 * conversation (GET graph/tickets/conversations/{ticketNumber}?start&count, line 118) and the
 * list walk over graph/tickets and its queues (lines 64, 92, 105), every walk behind a PageGuard.
 */
import { missingField } from "../shared/shape.js";
import { NotFoundError, OperationError } from "../../errors.js";
import { paged, type Paged } from "../../model/paged.js";
import type { Message, Ticket, TicketDetail } from "../../model/types.js";
import type { ListQuery, ProviderContext } from "../types.js";
import { itemsOf, newPageGuard, type ThreeDolphinsApi } from "./api.js";
import { ASSIGNMENT_PARAMS, assignmentStatusParam, nextStart, PAGE_SIZE } from "./guesses.js";
import { threeDolphins as descriptor } from "./descriptor.js";
import type { PageGuard } from "../shared/pages.js";
import { fetchAheadFor, prefetchPages } from "../shared/prefetch.js";

/** Pages in flight in a list walk (no rate limit documented: descriptor.ts). */
const FETCH_AHEAD = () => fetchAheadFor(descriptor.concurrency?.default);
import { firstMessageOf, historyOf, matchesFilters, messageFromVendor, STATUS_TO_VENDOR, ticketFromVendor } from "./map.js";
import { WireMessageSchema, WireTicketSchema, type WireTicket } from "./schema.js";

export interface ParsedTicket {
  wire: WireTicket;
  ticket: Ticket;
  raw: Record<string, unknown>;
}

export const subjectOf = (id: string) => `ticket ${id}`;
const enc = encodeURIComponent;

export function createTicketReader(ctx: ProviderContext, api: ThreeDolphinsApi) {
  const fileLinkBase = `${api.base}/graph/tickets/files`;

  /** A ticket record; a wrong shape is a ZodError naming the field (exit 1), unknown values pass through. */
  function parseTicket(item: unknown): ParsedTicket {
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      throw new OperationError("unexpected answer from 3Dolphins: a ticket that is not an object", { vendor: "3dolphins" });
    }
    const wire = WireTicketSchema.parse(item);
    const ticket = ticketFromVendor(wire, ctx.profile.name, ctx.raw ? item : undefined);
    return { wire, ticket, raw: item as Record<string, unknown> };
  }

  /** The ticket object of a single-ticket answer (data is the ticket; tolerate a one-item list). */
  function ticketIn(data: unknown, id: string): ParsedTicket | null {
    const items = itemsOf(data).filter((x) => x && typeof x === "object" && "ticketNumber" in (x as object));
    const match = items.find((x) => String((x as { ticketNumber: unknown }).ticketNumber) === id) ?? (items.length === 1 ? items[0] : undefined);
    return match ? parseTicket(match) : null;
  }

  async function fetchTicket(id: string): Promise<ParsedTicket> {
    const env = await api.get(`graph/tickets/${enc(id)}`, undefined, subjectOf(id));
    if (env.data === undefined) missingField(["data"], "the ticket"); // a wrong shape, not a missing ticket
    const found = ticketIn(env.data, id);
    if (found) return found;
    // A success envelope with nothing in it (null, the samples' "[]"): there is no such ticket.
    // A record that is not a ticket (no ticketNumber) is a wrong shape: parsing it says which field.
    const records = itemsOf(env.data).filter((x) => x && typeof x === "object");
    if (records.length === 1) return parseTicket(records[0]);
    throw new NotFoundError(`3Dolphins: ${subjectOf(id)} not found`, { vendor: "3dolphins" });
  }

  /** A write's answer is the updated ticket; when it is not, read the ticket back. */
  async function ticketAfter(id: string, data: unknown): Promise<ParsedTicket> {
    return ticketIn(data, id) ?? (await fetchTicket(id));
  }

  async function conversation(id: string): Promise<Message[]> {
    const messages: Message[] = [];
    const walk = api.pages({
      path: `graph/tickets/conversations/${enc(id)}`,
      params: {},
      count: PAGE_SIZE,
      subject: subjectOf(id),
      guard: newPageGuard(),
      parse: (item) => messageFromVendor(WireMessageSchema.parse(item ?? {}), fileLinkBase),
      // Bubbles without ids get one made from their ticket and time: the text keeps two apart.
      idOf: (m) => `${m.id}\u0000${m.body}`,
    });
    for await (const page of walk) messages.push(...page);
    return messages;
  }

  async function show(id: string, opts?: { history?: boolean | undefined }): Promise<TicketDetail> {
    const { wire, ticket } = await fetchTicket(id);
    const messages = await conversation(id);
    const first = firstMessageOf(wire, fileLinkBase);
    if (first && !messages.some((m) => m.id === first.id)) messages.unshift(first);
    // Oldest first; messages without a date keep their place relative to each other.
    const ordered = messages
      .map((m, i) => ({ m, i, t: m.createdAt ? Date.parse(m.createdAt) : Number.NEGATIVE_INFINITY }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map((x) => x.m);
    const detail: TicketDetail = { ...ticket, messages: ordered, attachments: ordered.flatMap((m) => m.attachments) };
    if (opts?.history) detail.history = historyOf(wire);
    if (wire.customFields && Object.keys(wire.customFields).length > 0) detail.customFields = wire.customFields;
    return detail;
  }

  /**
   * One list endpoint, page by page (start/count, lines 64, 92, 105), with fetch-ahead
   * (../shared/prefetch.ts): page i is asked for at start = i * count, the offset the sequential
   * walk reaches when every page is full. A page is asked for only once it is known to exist: the
   * page before it came back full with hasMore/nextIndex pointing to it (guesses.ts nextStart), or
   * the server counted it in totalResults (> 0; every doc sample prints 0, lines 58, 71, 125, which
   * says nothing). Each page is checked on arrival against where the sequential walk would go next:
   * a server that points elsewhere (a nextIndex that is a page number) is followed one page at a
   * time from there. Nothing past `maxPages` (--limit, TICKET_MAX_PAGES) is asked for.
   */
  async function* walkList(
    source: { path: string; params: Record<string, string> },
    count: number,
    guard: PageGuard,
    maxPages: number | undefined,
    wanted: (() => number) | undefined,
  ): AsyncGenerator<ParsedTicket[]> {
    const query = new URLSearchParams(source.params).toString();
    const keyOf = (start: number) => `${source.path}${query ? `?${query}` : ""} start=${start}`;
    const fetchAt = async (start: number) => {
      const env = await api.get(source.path, { ...source.params, start, count }, "tickets");
      // No data and no "0 results" either: the answer is not a page at all.
      if (env.data === undefined && env.totalResults !== 0) missingField(["data"], "the page's records");
      const items = itemsOf(env.data).map(parseTicket);
      const total = typeof env.totalResults === "number" && env.totalResults > 0 ? env.totalResults : null;
      return { start, items, next: nextStart(env, start, items.length, count), total };
    };
    let resume: number | null = null;
    const ahead = prefetchPages({
      fetch: (i) => fetchAt(i * count),
      isLast: (p) => p.next !== p.start + count,
      pageCount: (p) => (p.total === null ? null : Math.ceil(p.total / count)),
      concurrency: FETCH_AHEAD(),
      signal: ctx.signal,
      maxPages: Math.min(maxPages ?? Infinity, guard.remaining),
      wanted,
      sizeOf: (p) => p.items.length,
      pageSize: count,
    });
    for await (const p of ahead) {
      yield guard.page(keyOf(p.start), p.items, (t) => t.ticket.id);
      if (p.next !== p.start + count) {
        resume = p.next;
        break;
      }
    }
    while (resume !== null) {
      const p = await fetchAt(resume);
      yield guard.page(keyOf(p.start), p.items, (t) => t.ticket.id);
      resume = p.next;
    }
  }

  /** The list as pages (../../model/paged.ts): each vendor page's tickets that pass the filters, in order. */
  const list = (q: ListQuery): Paged<Ticket> => paged(() => listPages(q));

  async function* listPages(q: ListQuery): AsyncGenerator<Ticket[]> {
    const limit = q.limit;
    if (limit !== undefined && limit <= 0) return;
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
    // Page size follows --limit only when every filter is applied by the endpoint itself, so
    // no page beyond the limit is ever fetched; client-side filters read full pages.
    const clientOnly = (Object.keys(q) as (keyof ListQuery)[]).some(
      (k) => k !== "limit" && k !== "all" && k !== "sort" && k !== "status" && k !== "statusSet" && q[k] !== undefined && !(k === "priority" && sources[0]?.path.endsWith("/priority")),
    );
    const count = !clientOnly && limit !== undefined ? Math.min(PAGE_SIZE, limit) : PAGE_SIZE;
    const guard = newPageGuard();
    let yielded = 0;
    for (const source of sources) {
      // Pages sized by --limit (every filter applied by the endpoint): no page past the ones it needs.
      const maxPages = !clientOnly && limit !== undefined ? Math.ceil((limit - yielded) / count) : undefined;
      for await (const page of walkList(source, count, guard, maxPages, limit === undefined ? undefined : () => limit - yielded)) {
        const out: Ticket[] = [];
        for (const { wire, ticket, raw } of page) {
          if (!matchesFilters(ticket, wire, raw, q)) continue;
          out.push(ticket);
          yielded++;
          if (limit !== undefined && yielded >= limit) break;
        }
        if (out.length > 0) yield out;
        if (limit !== undefined && yielded >= limit) return;
      }
    }
  }

  return { fileLinkBase, parseTicket, ticketIn, fetchTicket, ticketAfter, show, list };
}
