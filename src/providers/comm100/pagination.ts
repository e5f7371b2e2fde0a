/**
 * Walking GET ticketing/tickets. Two answer forms are taken: the sample's object with `nextPage`
 * ([S1] line 112), followed exactly as sent (vendor-notes 2.3: absolute, or relative to the
 * profile's base URL, and never to another origin or outside the base path, where credentials
 * would follow it), and the doc's "An array of Ticket" (line 98), walked by pageIndex. Every page
 * passes the PageGuard: a repeated page or a page of tickets already seen stops the walk.
 */
import { CliError } from "../../errors.js";
import { PageGuard } from "../shared/pages.js";
import { fetchAheadFor, lookahead, prefetchPages } from "../shared/prefetch.js";
import type { Comm100Api } from "./api.js";
import { comm100 as descriptor } from "./descriptor.js";
import { bareArrayPageIsLast, PAGE_PARAMS } from "./guesses.js";
import type { WireTicket } from "./schema.js";
import { wireSchemas } from "./wire.js";
import { itemsOf } from "../../model/paged.js";

const LIST_PATH = "ticketing/tickets";

/** Pages in flight in a pageIndex walk: the descriptor's 1 (a documented rate limit) raised to 2 for overlap. */
const FETCH_AHEAD = () => fetchAheadFor(descriptor.concurrency?.default);

export interface ListedTicket {
  wire: WireTicket;
  /** The vendor payload, for --raw. */
  raw: unknown;
}

const baseOf = (baseUrl: string) => new URL(`${baseUrl.replace(/\/+$/, "")}/`);

/**
 * The absolute URL a nextPage value points to, resolved under the profile's base URL:
 * "https://api15.comm100.io/v4/ticketing/tickets?..." as is, "/v4/ticketing/tickets?..." from the
 * host root, "ticketing/tickets?..." from the base, "?pageIndex=2" against the list path.
 * Anything that leaves the base URL is refused.
 */
export function resolveNextPage(link: string, baseUrl: string): URL {
  const base = baseOf(baseUrl);
  const trimmed = link.trim();
  const url = trimmed.startsWith("?") ? new URL(`${LIST_PATH}${trimmed}`, base) : new URL(trimmed, base);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new CliError("failed", `Comm100 sent a nextPage link outside ${base.href.replace(/\/$/, "")}; refusing to follow it with credentials`, {
      vendor: "comm100",
    });
  }
  return url;
}

/** The path (and query) of `url` relative to the base URL, as the HTTP client takes it. */
const relativeTo = (url: URL, baseUrl: string) => `${url.pathname.slice(baseOf(baseUrl).pathname.length)}${url.search}`;

type Request = { path: string; query?: Record<string, string>; key: string };

/** Every ticket of the list, one at a time (walkTicketPages, flattened). */
export function walkTickets(...args: Parameters<typeof walkTicketPages>): AsyncGenerator<ListedTicket> {
  return itemsOf(walkTicketPages(...args));
}

/**
 * Every ticket of the list, a page at a time (each page's tickets not met before, never an empty
 * page); stops fetching as soon as the consumer stops. The
 * first page tells the form. The sample's object: its nextPage link is requested as soon as the
 * page has arrived and passed the guard, while its tickets are mapped and printed (one page
 * ahead: links cannot be guessed; ../shared/prefetch.ts, OVERLAP). The bare array: pageIndex 2, 3... fetched ahead, at most FETCH_AHEAD in flight (Comm100
 * documents 300 calls per 5 minutes, vendor-notes 2.1, so its descriptor keeps this at 2), until
 * a page comes back shorter than asked. Each page is parsed as it arrives, and only the tickets
 * (each with its own payload, for --raw) are kept, not the page.
 */
export async function* walkTicketPages(
  api: Comm100Api,
  baseUrl: string,
  params: Record<string, string>,
  pageSize: number,
  signal?: AbortSignal,
  maxPages?: number,
  /** Tickets the consumer may still take (--limit minus taken), so no page is asked for past it. */
  wanted?: () => number,
): AsyncGenerator<ListedTicket[]> {
  const guard = new PageGuard({ vendor: "comm100", displayName: "Comm100" });
  const pageQuery = (index: number) => ({ ...params, [PAGE_PARAMS.size]: String(pageSize), ...(index > 1 ? { [PAGE_PARAMS.index]: String(index) } : {}) });
  const keyOf = (query: Record<string, string>) => new URL(`${LIST_PATH}?${new URLSearchParams(query).toString()}`, baseOf(baseUrl)).href;
  const indexRequest = (index: number): Request => ({ path: LIST_PATH, query: pageQuery(index), key: keyOf(pageQuery(index)) });
  const fetchPage = async (request: Request) => {
    const [body, { TicketPageSchema, WireTicketSchema }] = await Promise.all([api.get(request.path, request.query), wireSchemas()]);
    const page = TicketPageSchema.parse(body);
    return { ...page, items: page.tickets.map((raw) => ({ raw, wire: WireTicketSchema.parse(raw) })) };
  };
  type FetchedPage = Awaited<ReturnType<typeof fetchPage>>;
  const nextOf = (page: { bare: boolean; nextPage: string | null }): Request | null => {
    if (!page.nextPage) return null;
    const url = resolveNextPage(page.nextPage, baseUrl);
    return { path: relativeTo(url, baseUrl), key: url.href };
  };

  const first = indexRequest(1);
  // Pages the walk may request: --limit's, and TICKET_MAX_PAGES plus the page that trips it.
  const bound = Math.min(maxPages ?? Infinity, guard.remaining);
  const page1 = await fetchPage(first);
  if (page1.bare) {
    // No total in the bare array: page n+1 is asked for once page n came back full and passed the
    // guard (prefetch.ts, OVERLAP), as the page-at-a-time walk does; never past `bound`.
    const pages = prefetchPages({
      first: { page: page1, key: first.key, fresh: [] as ListedTicket[] },
      fetch: (i) => fetchPage(indexRequest(i + 1)).then((page) => ({ page, key: indexRequest(i + 1).key, fresh: [] as ListedTicket[] })),
      isLast: ({ page }) => !page.bare || bareArrayPageIsLast(page.tickets.length, pageSize),
      check: (p) => {
        p.fresh = guard.page(p.key, p.page.items, (t) => t.wire.id);
      },
      concurrency: FETCH_AHEAD(),
      signal,
      maxPages: bound,
      wanted,
      sizeOf: ({ page }) => page.items.length,
      pageSize,
    });
    for await (const { page, fresh } of pages) {
      if (fresh.length > 0) yield fresh;
      // A page in the other form mid-walk: its link, if any, is followed from here.
      if (!page.bare) return yield* followLinks(nextOf(page), Math.min(maxPages === undefined ? Infinity : maxPages - guard.count, guard.remaining));
    }
    return;
  }
  yield* followLinks(first, Math.max(1, bound), page1);

  /** The links from `start` on, `start`'s page given when it was fetched already; never more than `pages` pages. */
  async function* followLinks(start: Request | null, pages: number, startPage?: FetchedPage): AsyncGenerator<ListedTicket[]> {
    if (start === null || pages < 1) return;
    // Each link is requested as soon as the page holding it passed the guard (one page ahead:
    // links cannot be guessed), never past --limit's pages or TICKET_MAX_PAGES.
    let fresh: ListedTicket[] = [];
    const walk = lookahead({
      first: start,
      firstPage: startPage,
      fetch: (r) => fetchPage(r),
      next: (page) => (page.bare ? null : nextOf(page)),
      check: (page, request) => {
        fresh = guard.page(request.key, page.items, (t) => t.wire.id);
      },
      signal,
      maxPages: pages,
      wanted,
      sizeOf: (page) => page.items.length,
    });
    for await (const _ of walk) if (fresh.length > 0) yield fresh;
  }
}
