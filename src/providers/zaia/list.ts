/**
 * `ticket list` for Zaia: GET /api/v1/tickets/details requires one `status` per call (doc line 214),
 * so the walk goes status by status, each paged with pageNumber/pageSize <= 100 (doc lines 183-192)
 * until a page comes back shorter than pageSize (vendor-notes.md 1.1, INFERRED: the answer is a
 * bare array with no total or next link). Every page passes the shared PageGuard keyed by
 * status + pageNumber, one guard per status: within a status a repeated page is a loop (exit 7);
 * a ticket already printed under another status (it changed status during the walk) is skipped
 * quietly. --tag takes names (looked up in GET /api/v1/tags, tags.ts) or ids. The walk stops at --limit and fetches no page beyond it unless rows are filtered here.
 * Pages after the first are fetched ahead (../shared/prefetch.ts), at most FETCH_AHEAD in flight:
 * Zaia reports no total, so that is one page ahead, requested as soon as the page before passed the guard.
 * TICKET_MAX_PAGES bounds each status's walk. A refused status value starts the enum discovery
 * of statuses.ts once.
 */
import { OperationError, UnsupportedError } from "../../errors.js";
import type { Status } from "../../model/enums.js";
import { paged, type Paged } from "../../model/paged.js";
import type { Ticket } from "../../model/types.js";
import { PageGuard } from "../shared/pages.js";
import { fetchAheadFor, prefetchPages } from "../shared/prefetch.js";
import type { ListQuery, ProviderContext } from "../types.js";
import { httpStatusOf, MAX_PAGE_SIZE, refusalText, type ZaiaApi } from "./api.js";
import { NAME, resolveUser, VENDOR } from "./inputs.js";
import { rowToTicket, toIso, type MapContext } from "./map.js";
import type { DetailRow } from "./schema.js";
import { vendorStatusesFor, type ZaiaStatuses } from "./statuses.js";
import { tagIdsFor } from "./tags.js";
import { zaia as descriptor } from "./descriptor.js";

/** Pages in flight in one status's walk (no rate limit documented: descriptor.ts). */
const FETCH_AHEAD = () => fetchAheadFor(descriptor.concurrency?.default);

/** The values to walk for the wanted normalized statuses (all of them when none is wanted). */
function select(wanted: Status[] | undefined, values: string[], warn: (m: string) => void): string[] {
  if (!wanted || wanted.length === 0) return values;
  const { statuses, unmapped } = vendorStatusesFor(wanted, values);
  const stages = values.join(", ");
  if (statuses.length === 0) throw new UnsupportedError(`${NAME} has no status matching ${unmapped.join(", ")} (its statuses: ${stages})`, { vendor: VENDOR });
  if (unmapped.length > 0) warn(`${NAME} has no status matching ${unmapped.join(", ")}; listing ${statuses.join(", ")} only`);
  return statuses;
}

/** Filters Zaia cannot apply server-side (team and channel by id or name, creation dates). */
function clientFilter(q: ListQuery): ((row: DetailRow) => boolean) | null {
  const tests: ((row: DetailRow) => boolean)[] = [];
  const eq = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
  const created = (r: DetailRow) => {
    const at = toIso(r.createdAt);
    return at === null ? null : Date.parse(at);
  };
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
    tests.push((r) => (created(r) ?? -Infinity) >= since);
  }
  if (q.until) {
    const until = q.until.getTime();
    tests.push((r) => (created(r) ?? Infinity) < until);
  }
  return tests.length === 0 ? null : (row) => tests.every((t) => t(row));
}

/** A 400 on a list is most likely a wrong status value: say so, with Zaia's own words. */
function explainListError(err: unknown, status: string, ctx: ProviderContext): unknown {
  if (httpStatusOf(err) !== 400) return err;
  const said = refusalText(err);
  return new OperationError(`${NAME} rejected the request (HTTP 400)${said ? `: ${said}` : ""} (listing status "${status}")`, {
    vendor: VENDOR,
    httpStatus: 400,
    cause: err,
    hint: `Zaia's status values are not documented; if "${status}" is wrong, set them with: ticket profile add ${ctx.profile.name} ... --set statuses=<a,b,c>, or pass --status`,
  });
}

export interface ListDeps {
  ctx: ProviderContext;
  api: ZaiaApi;
  statuses: ZaiaStatuses;
  mctx: MapContext;
}

/** The list as pages (../../model/paged.ts): each vendor page's tickets not printed before, in order. */
export function listTickets(deps: ListDeps, q: ListQuery): Paged<Ticket> {
  return paged(() => listTicketPages(deps, q));
}

async function* listTicketPages({ ctx, api, statuses, mctx }: ListDeps, q: ListQuery): AsyncGenerator<Ticket[]> {
  if (q.limit !== undefined && q.limit <= 0) return;
  await statuses.load();
  let queue = select(q.status, statuses.list(), (m) => (q.statusSet ? undefined : ctx.warn(m)));
  const assigneeIds = q.assignee ? [resolveUser(ctx, q.assignee, "assignee id")] : undefined;
  // A tag name means every tag of that name (tagIds takes several, doc lines 215-223); an id is used as it is.
  const tagIds = q.tag !== undefined ? (await tagIdsFor(api, [q.tag], "--tag", "all")).flat() : undefined;
  const search = q.query?.trim() || undefined;
  const keep = clientFilter(q);
  const walked = new Set<string>();
  const printed = new Set<string>();
  let emitted = 0;

  while (queue.length > 0) {
    const status = queue.shift()!;
    if (walked.has(status)) continue;
    walked.add(status);
    // Size pages by what is still wanted, unless rows are filtered here (then take full pages).
    const wanted = q.limit !== undefined && keep === null ? Math.max(1, q.limit - emitted) : MAX_PAGE_SIZE;
    const pageSize = Math.min(MAX_PAGE_SIZE, wanted);
    const guard = new PageGuard({ vendor: VENDOR, displayName: NAME });
    // Page 1 alone (a refused status value is learnt from it, statuses.ts), then the rest with
    // fetch-ahead: Zaia reports no total (vendor-notes 1.1), so page n+1 is requested once page n
    // came back full (while page n is printed), as the page-at-a-time walk does; the walk stops
    // (and waits for what is in flight) when --limit is reached or the consumer stops.
    let first;
    try {
      first = await api.listTickets({ status, pageNumber: 1, pageSize, assigneeIds, tagIds, search });
    } catch (err) {
      if (httpStatusOf(err) === 400 && statuses.canDiscover) {
        const learned = await statuses.discover(refusalText(err));
        if (learned !== null) {
          queue = select(q.status, learned, () => {}).filter((s) => !walked.has(s));
          continue;
        }
      }
      throw explainListError(err, status, ctx);
    }
    await statuses.accepted(status);
    // Pages after the first: page n+1 is requested once page n came back full and passed the
    // guard, while page n is printed (../shared/prefetch.ts, OVERLAP); never past --limit's pages
    // (sized by it when nothing is filtered here) nor TICKET_MAX_PAGES.
    type Checked = { rows: typeof first; fresh: typeof first };
    const pages = prefetchPages<Checked>({
      first: { rows: first, fresh: [] },
      fetch: (i) =>
        api
          .listTickets({ status, pageNumber: i + 1, pageSize, assigneeIds, tagIds, search })
          .then((rows) => ({ rows, fresh: [] }), (err: unknown) => Promise.reject(explainListError(err, status, ctx))),
      isLast: ({ rows }) => rows.length < pageSize,
      check: (p, i) => {
        p.fresh = guard.page(`status ${status}, page ${i + 1}`, p.rows, (r) => r.value.id);
      },
      concurrency: FETCH_AHEAD(),
      signal: ctx.signal,
      maxPages: Math.max(1, Math.min(q.limit !== undefined && keep === null ? Math.ceil(Math.max(0, q.limit - emitted) / pageSize) : Infinity, guard.remaining)),
      wanted: q.limit === undefined ? undefined : () => (q.limit ?? Infinity) - emitted,
      sizeOf: ({ rows }) => rows.length,
      pageSize,
    });
    for await (const { fresh } of pages) {
      const page: Ticket[] = [];
      for (const { value, payload } of fresh) {
        if (printed.has(value.id)) continue;
        printed.add(value.id);
        if (keep && !keep(value)) continue;
        page.push(rowToTicket(value, payload, mctx));
        emitted++;
        if (q.limit !== undefined && emitted >= q.limit) break;
      }
      if (page.length > 0) yield page;
      if (q.limit !== undefined && emitted >= q.limit) return;
    }
  }
}
