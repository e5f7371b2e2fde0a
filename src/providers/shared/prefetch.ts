/**
 * Fetch-ahead for list walks (issue 12 item 2). Fetch-ahead changes only WHEN pages are
 * requested, never WHICH: the set of list requests is the set the one-page-at-a-time walk makes.
 * Two shapes, one per kind of paging:
 *
 *   - prefetchPages: a vendor that pages by number or offset (Zaia pageNumber, Sobot page_no,
 *     3Dolphins start, Comm100's bare-array pageIndex). Pages are yielded IN ORDER. A page is
 *     requested ahead of the consumer only when the vendor reported a total that covers it (Sobot
 *     page_count, 3Dolphins totalResults): up to `concurrency` such pages are in flight. Where the
 *     vendor reports no total, page i+1 is requested (only if page i was full) either when the
 *     consumer asks for it after reading page i whole or, in a walk with a `check` (the vendor's
 *     PageGuard), as soon as page i passed the check (OVERLAP below). A lookahead of one page
 *     while page i is printed with no check would NOT match the page-at-a-time walk: the consumer
 *     may stop inside page i (a page the guard refuses) and then page i+1 is never asked for.
 *     Never at or past `maxPages` (the --limit cap, the TICKET_MAX_PAGES bound plus the page that
 *     trips it: PageGuard.remaining).
 *   - lookahead: a vendor that pages by link or cursor (Comm100's nextPage). The next link is
 *     requested once the consumer has read the current page whole or, with a `check`, as soon as
 *     the page passed it (OVERLAP).
 *
 * A --limit the consumer may reach inside a page (`wanted`: tickets it may still take) holds the
 * page after it back until the consumer asks for it: the sequential walk would stop inside the
 * page and never request the next one. Items of pages not consumed yet count in full, so this
 * never requests more, only sometimes later.
 *
 * OVERLAP. A walk with a `check` (every vendor's walk: its PageGuard) has the page after page i
 * requested as soon as page i has arrived, passed the check and is known not to be the last,
 * before page i is handed out, so the request is on the wire while page i is validated, mapped
 * and printed. That is still a request the page-at-a-time walk makes: the check has already
 * accepted page i (a page it refuses ends the walk with nothing requested past it), and what else
 * could stop the consumer inside page i is --limit, which `wanted` covers (the next page waits
 * when page i may hold all the tickets still wanted). What remains is the consumer's own stop
 * inside page i (stdout closed, Ctrl-C), where the page-at-a-time walk also has the next request
 * out as soon as the page has been rendered (output is written a page at a time).
 *
 * Both stop when the consumer stops (`return()` from a `for await` that breaks, `| head -1`,
 * --limit, an error) or when `signal` aborts (Ctrl-C): nothing new is started, the signal handed
 * to each fetch is aborted (a fetch that takes it abandons its request), and the walk WAITS for
 * the requests already in flight to settle before it returns, so no request reaches the vendor
 * after the walk is done (their failures are not reported: nobody is waiting for those pages).
 */

export interface PrefetchOptions<P> {
  /** Fetch page `index` (0 = the first page the walk wants). */
  fetch(index: number, signal: AbortSignal): Promise<P>;
  /** Whether `page` (the page at `index`) is the last one: a short or empty page, or the vendor says so. */
  isLast(page: P, index: number): boolean;
  /**
   * How many pages the walk has, when the vendor says (Sobot page_count, 3Dolphins totalResults);
   * null when it does not. Read on every page as it arrives: pages below it are known to exist.
   */
  pageCount?(page: P): number | null;
  /** Pages in flight at most (at least 1; 1 is a plain sequential walk). */
  concurrency: number;
  /** Aborts the walk from outside (Ctrl-C). */
  signal?: AbortSignal | undefined;
  /** Pages known to exist before the walk starts (a total read from an earlier page); at least 1. */
  knownPages?: number | undefined;
  /** Never request a page at or past this index (--limit's pages, PageGuard.remaining). */
  maxPages?: number | undefined;
  /** Items the consumer may still take (limit minus taken); absent: no limit. */
  wanted?: (() => number) | undefined;
  /** Items on an arrived page (for `wanted`). */
  sizeOf?: ((page: P) => number) | undefined;
  /** Items a page holds at most (for `wanted`: a page still in flight counts this much). */
  pageSize?: number | undefined;
  /** Page 0, already fetched by the caller (its first request, made alone): `fetch` is then asked for pages 1, 2... */
  first?: P | undefined;
  /**
   * The walk's check of each page (its PageGuard), made in order as the page is handed out and
   * before anything after it is requested: it throws to end the walk, or returns false when this
   * page is the walk's last. With it, a page that tells of the next one (a full page) has that one
   * requested as soon as it passed its check, while its tickets are mapped and printed: see OVERLAP.
   */
  check?: ((page: P, index: number) => boolean | void) | undefined;
}

/** A promise whose rejection nobody may ever read: marked handled so it cannot crash the process. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Wait for every promise to settle, failures ignored. */
async function settle(ps: Iterable<Promise<unknown>>): Promise<void> {
  await Promise.allSettled([...ps]);
}

/**
 * Default pages in flight for a numbered walk where the vendor documents no rate limit. Two: a
 * walk of 10,000 tickets is bound by the CLI's own work (parse, check, map, print), not by the
 * vendor, so one page on the wire while another is printed keeps it busy; each page more held
 * parsed is memory (3Dolphins at 4: 15-30 MB more peak RSS, no faster).
 */
export const DEFAULT_FETCH_AHEAD = 2;

/**
 * Pages in flight for a numbered walk: the vendor's bulk concurrency default (its descriptor, which
 * follows its documented rate limit), with at least 2 so a request always overlaps the printing
 * of the page before it, and at most DEFAULT_FETCH_AHEAD. TICKET_FETCH_AHEAD overrides it (1 = none).
 */
export function fetchAheadFor(vendorDefault: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env["TICKET_FETCH_AHEAD"]);
  if (Number.isInteger(n) && n >= 1 && n <= 16) return n;
  return Math.min(DEFAULT_FETCH_AHEAD, Math.max(2, vendorDefault ?? DEFAULT_FETCH_AHEAD));
}

/** Pages 0, 1, 2... of a numbered walk, in order, each requested only once it is known to exist. */
export async function* prefetchPages<P>(opts: PrefetchOptions<P>): AsyncGenerator<P> {
  const width = Math.max(1, Math.floor(opts.concurrency));
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  /** First index known not to exist (or not to be wanted). */
  let end = opts.maxPages ?? Infinity;
  /** Pages known to exist: the first, those after full pages, those under the vendor's total. */
  let known = Math.max(1, opts.knownPages ?? 1);
  /** Pages the vendor's total says exist: only these are requested before the consumer asks. */
  let counted = known;
  /** Pages 0..full-1 arrived and were full (not the last). */
  let full = 0;
  const fullAt = new Set<number>();
  /** Requested and not consumed yet (what `concurrency` bounds), and their items once arrived. */
  const held = new Map<number, Promise<P>>();
  const sizes = new Map<number, number>();
  /** Every request not settled yet: waited for before the walk returns. */
  const unsettled = new Set<Promise<unknown>>();
  /** The page the consumer is on (awaiting or reading). */
  let consuming = 0;
  /** Pages 0..checked-1 passed `check`. */
  let checked = 0;
  let next = 0;

  /** Whether page `index` may be requested now without the consumer asking for it. */
  const withinWanted = (index: number): boolean => {
    if (index <= consuming) return true;
    // The page right after the last one checked and handed out (OVERLAP).
    const overlaps = opts.check !== undefined && index === checked;
    // A page after a full one, with no total and no check, is asked for only when the consumer
    // asks: it may stop inside the page it reads (| head, a page the guard refuses), and then the
    // page-at-a-time walk would never have requested the next.
    // Pages under the vendor's total go ahead only once the walk has seen that the server pages
    // at all: without a check, once the consumer has read the first page whole; with one, once two
    // pages passed it (a server repeating its first page despite its total shows on the second).
    // Either way a server repeating pages costs no request more than the walk makes.
    const ahead = index < counted && (opts.check !== undefined ? checked > 1 : consuming > 0);
    if (!overlaps && !ahead) return false;
    if (opts.wanted === undefined) return true;
    let before = 0;
    for (let k = consuming; k < index; k++) before += sizes.get(k) ?? opts.pageSize ?? Infinity;
    return before < opts.wanted();
  };
  /** What a page tells on arrival, in whatever order pages arrive. */
  const arrived = (p: P, index: number) => {
    sizes.set(index, opts.sizeOf?.(p) ?? 0);
    if (opts.isLast(p, index)) end = Math.min(end, index + 1);
    else fullAt.add(index);
    while (fullAt.has(full)) full++;
    const count = opts.pageCount?.(p);
    if (count !== null && count !== undefined && Number.isFinite(count)) {
      end = Math.min(end, Math.max(index + 1, count));
      known = Math.max(known, count);
      counted = Math.max(counted, count);
    }
    known = Math.max(known, full + 1);
  };
  if (opts.first !== undefined) {
    arrived(opts.first, 0);
    held.set(0, Promise.resolve(opts.first));
    next = 1;
  }
  const launch = () => {
    while (!stop.signal.aborted && held.size < width && next < Math.min(end, known) && withinWanted(next)) {
      const index = next++;
      const request = opts.fetch(index, stop.signal).then((p) => {
        arrived(p, index);
        launch(); // the next known page starts while this one waits to be read
        return p;
      });
      const tracked = quiet(request);
      unsettled.add(tracked);
      void tracked.finally(() => unsettled.delete(tracked)).catch(() => {});
      held.set(index, tracked);
    }
  };
  try {
    for (let index = 0; index < end; index++) {
      if (opts.signal?.aborted) return;
      consuming = index;
      launch();
      const pending = held.get(index);
      if (pending === undefined) return; // not known to exist: the walk is over
      const page = await pending;
      held.delete(index);
      if (opts.signal?.aborted) return;
      if (opts.check !== undefined) {
        if (opts.check(page, index) === false) end = Math.min(end, index + 1);
        checked = index + 1;
      }
      launch();
      yield page;
    }
  } finally {
    // The consumer stopped, the walk ended or failed: nothing more is started, and what is in
    // flight settles before the walk returns.
    stop.abort();
    opts.signal?.removeEventListener("abort", onAbort);
    held.clear();
    await settle(unsettled);
  }
}

export interface LookaheadOptions<R, P> {
  /** The first request. */
  first: R;
  fetch(request: R, signal: AbortSignal): Promise<P>;
  /** The request after `page`, or null when `page` is the last. Throws to stop the walk (a link it will not follow). */
  next(page: P, request: R): R | null;
  signal?: AbortSignal | undefined;
  /** Never request more than this many pages (a bound known before the walk, e.g. from --limit). */
  maxPages?: number | undefined;
  /** Items the consumer may still take; absent: no limit. A page that may hold them all is read before the next is requested. */
  wanted?: (() => number) | undefined;
  /** Items on a page (for `wanted`). */
  sizeOf?: ((page: P) => number) | undefined;
  /** The page `first` produced, already fetched by the caller: the walk starts by handing it out. */
  firstPage?: P | undefined;
  /**
   * The walk's check of each page (its PageGuard), before the link it holds is followed: throws to
   * end the walk. With it the link is requested as soon as the page passed, while the page is
   * handed out (OVERLAP above); without it, once the consumer has read the page whole.
   */
  check?: ((page: P, request: R) => void) | undefined;
}

/**
 * A linked walk with the next page requested while the current one is consumed. Yields each page
 * with the request that produced it (the PageGuard's key). Waits for a request in flight to
 * settle before it returns.
 */
export async function* lookahead<R, P>(opts: LookaheadOptions<R, P>): AsyncGenerator<{ page: P; request: R }> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  let pending: Promise<P> | null = null;
  try {
    let request: R | null = opts.first;
    pending = quiet(opts.firstPage !== undefined ? Promise.resolve(opts.firstPage) : opts.fetch(request, stop.signal));
    let requested = 1;
    while (pending !== null && request !== null) {
      const page: P = await pending;
      pending = null;
      if (opts.signal?.aborted) return;
      opts.check?.(page, request);
      const following: R | null = requested < (opts.maxPages ?? Infinity) ? opts.next(page, request) : null;
      if (following !== null) requested++;
      // Without a check, a link is asked for only once the consumer has read the whole page: it
      // may stop inside it (| head, --limit, a page the guard refuses), and then the
      // page-at-a-time walk would not have followed the link. With one, at once (OVERLAP), unless
      // the page may hold every ticket still wanted (--limit).
      const early = opts.check !== undefined && (opts.wanted === undefined || (opts.sizeOf?.(page) ?? Infinity) < opts.wanted());
      if (following !== null && early) pending = quiet(opts.fetch(following, stop.signal));
      yield { page, request };
      if (following !== null && !early) {
        if (opts.signal?.aborted) return;
        pending = quiet(opts.fetch(following, stop.signal));
      }
      request = following;
    }
  } finally {
    stop.abort();
    opts.signal?.removeEventListener("abort", onAbort);
    if (pending !== null) await settle([pending]);
  }
}
