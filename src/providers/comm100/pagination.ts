/**
 * Walking GET ticketing/tickets. Two answer forms are taken: the sample's object with `nextPage`
 * ([S1] line 112), followed exactly as sent (vendor-notes 2.3: absolute, or relative to the
 * profile's base URL, and never to another origin or outside the base path, where credentials
 * would follow it), and the doc's "An array of Ticket" (line 98), walked by pageIndex. Every page
 * passes the PageGuard: a repeated page or a page of tickets already seen stops the walk.
 */
import { CliError } from "../../errors.js";
import { PageGuard } from "../shared/pages.js";
import type { Comm100Api } from "./api.js";
import { bareArrayPageIsLast, PAGE_PARAMS } from "./guesses.js";
import { TicketPageSchema, WireTicketSchema, type WireTicket } from "./schema.js";

const LIST_PATH = "ticketing/tickets";

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

/** Every ticket of the list, page after page; stops fetching as soon as the consumer stops. */
export async function* walkTickets(api: Comm100Api, baseUrl: string, params: Record<string, string>, pageSize: number): AsyncGenerator<ListedTicket> {
  const guard = new PageGuard({ vendor: "comm100", displayName: "Comm100" });
  const pageQuery = (index: number) => ({ ...params, [PAGE_PARAMS.size]: String(pageSize), ...(index > 1 ? { [PAGE_PARAMS.index]: String(index) } : {}) });
  const keyOf = (query: Record<string, string>) => new URL(`${LIST_PATH}?${new URLSearchParams(query).toString()}`, baseOf(baseUrl)).href;
  let index = 1;
  let request: { path: string; query?: Record<string, string>; key: string } = { path: LIST_PATH, query: pageQuery(1), key: keyOf(pageQuery(1)) };
  for (;;) {
    const page = TicketPageSchema.parse(await api.get(request.path, request.query));
    const items = page.tickets.map((raw) => ({ raw, wire: WireTicketSchema.parse(raw) }));
    yield* guard.page(request.key, items, (t) => t.wire.id);
    if (page.bare) {
      if (bareArrayPageIsLast(page.tickets.length, pageSize)) return;
      index += 1;
      request = { path: LIST_PATH, query: pageQuery(index), key: keyOf(pageQuery(index)) };
    } else {
      if (!page.nextPage) return;
      const url = resolveNextPage(page.nextPage, baseUrl);
      request = { path: relativeTo(url, baseUrl), key: url.href };
    }
  }
}
