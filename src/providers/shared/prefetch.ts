/**
 * Fetch-ahead for list walks (issue 12 item 2). Two shapes, one per kind of paging:
 *
 *   - prefetchPages: a vendor that pages by number or offset (Zaia pageNumber, Sobot page_no,
 *     3Dolphins start, Comm100's bare-array pageIndex). Page 0 is requested alone; once it has
 *     arrived, pages 1, 2... are requested with at most `concurrency` in flight, and yielded IN ORDER. The end is what a page says on arrival (a short
 *     or empty page, or the page count the vendor reports): nothing past it is requested any more,
 *     and pages already requested past it are discarded unread.
 *   - lookahead: a vendor that pages by link or cursor (Comm100's nextPage). The next page is
 *     requested as soon as the current one has arrived, while the consumer maps and prints the
 *     current one: one page ahead, never more.
 *
 * Both stop when the consumer stops (`return()` from a `for await` that breaks, `| head -1`, --limit)
 * or when `signal` aborts (Ctrl-C): no new request is started after that, the signal handed to
 * each fetch is aborted (a fetch that takes it abandons its request), and whatever was in flight
 * settles unobserved (its failure is not reported: nobody is waiting for that page).
 */

export interface PrefetchOptions<P> {
  /** Fetch page `index` (0 = the first page the walk wants). */
  fetch(index: number, signal: AbortSignal): Promise<P>;
  /** Whether `page` (the page at `index`) is the last one: a short or empty page. */
  isLast(page: P, index: number): boolean;
  /**
   * How many pages the walk has, when the vendor says (Sobot page_count); null when it does not.
   * Read on every page as it arrives; the smallest bound seen wins.
   */
  pageCount?(page: P): number | null;
  /** Pages in flight at most (at least 1; 1 is a plain sequential walk). */
  concurrency: number;
  /** Aborts the walk from outside (Ctrl-C). */
  signal?: AbortSignal | undefined;
  /** Never request a page at or past this index (a bound known before the walk, e.g. from --limit). */
  maxPages?: number | undefined;
}

/** A promise whose rejection nobody may ever read: marked handled so it cannot crash the process. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Default pages in flight for a numbered walk where the vendor documents no rate limit. */
export const DEFAULT_FETCH_AHEAD = 4;

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

/** Pages 0, 1, 2... of a numbered walk, in order, with up to `concurrency` requests in flight. */
export async function* prefetchPages<P>(opts: PrefetchOptions<P>): AsyncGenerator<P> {
  const width = Math.max(1, Math.floor(opts.concurrency));
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  /** First index known not to exist. */
  let end = opts.maxPages ?? Infinity;
  const inFlight = new Map<number, Promise<P>>();
  let next = 0;
  // The first page goes alone: a refusal (401, 429 with Retry-After, a wrong status value) is
  // met once and handled before anything else is asked for, and a short first page costs nothing more.
  let arrived = false;
  const launch = () => {
    while (!stop.signal.aborted && inFlight.size < (arrived ? width : 1) && next < end) {
      const index = next++;
      const page = quiet(
        opts.fetch(index, stop.signal).then((p) => {
          // Learnt on arrival, in whatever order pages arrive: nothing past the end is requested.
          if (opts.isLast(p, index)) end = Math.min(end, index + 1);
          const count = opts.pageCount?.(p);
          if (count !== null && count !== undefined && Number.isFinite(count)) end = Math.min(end, Math.max(index + 1, count));
          return p;
        }),
      );
      inFlight.set(index, page);
    }
  };
  try {
    for (let index = 0; index < end; index++) {
      if (opts.signal?.aborted) return;
      launch();
      const pending = inFlight.get(index);
      if (pending === undefined) return;
      const page = await pending;
      arrived = true;
      inFlight.delete(index);
      if (opts.signal?.aborted) return;
      launch(); // the next request starts before this page is mapped and printed
      yield page;
    }
  } finally {
    // The consumer stopped, the walk ended or failed: nothing more is started; pages in flight are dropped.
    stop.abort();
    opts.signal?.removeEventListener("abort", onAbort);
    inFlight.clear();
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
}

/**
 * A linked walk with the next page requested while the current one is consumed. Yields each page
 * with the request that produced it (the PageGuard's key).
 */
export async function* lookahead<R, P>(opts: LookaheadOptions<R, P>): AsyncGenerator<{ page: P; request: R }> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    let request: R | null = opts.first;
    let pending: Promise<P> | null = quiet(opts.fetch(request, stop.signal));
    let requested = 1;
    while (pending !== null && request !== null) {
      const page: P = await pending;
      if (opts.signal?.aborted) return;
      const following: R | null = requested < (opts.maxPages ?? Infinity) ? opts.next(page, request) : null;
      if (following !== null) requested++;
      pending = following === null ? null : quiet(opts.fetch(following, stop.signal));
      yield { page, request };
      request = following;
    }
  } finally {
    stop.abort();
    opts.signal?.removeEventListener("abort", onAbort);
  }
}
