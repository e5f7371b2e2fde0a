/**
 * Sobot lists by creation (or update) time only within windows of at most one month, 50 per page
 * (doc lines 2913-2923). A longer range is walked window by window, newest first, each window
 * page by page, every page through the shared PageGuard keyed by window + page: a page served
 * twice, a page of tickets already seen, or a walk past TICKET_MAX_PAGES stops it (exit 7).
 * Within a window, pages after the first are fetched ahead (windowPages below); windows are
 * walked one after the other, so the span note of span.ts still tells where the walk stopped.
 */
import { NetworkError } from "../../errors.js";
import type { PageGuard } from "../shared/pages.js";
import { prefetchPages } from "../shared/prefetch.js";
import { LIST_WINDOW_MS } from "./guesses.js";
import { itemsOf } from "../../model/paged.js";

export interface TimeWindow {
  /** Inclusive epoch-ms bounds. */
  start: number;
  end: number;
}

/**
 * Non-overlapping inclusive windows covering [from, to], newest first, each at most `size` ms wide.
 * Empty when from > to.
 */
export function* windowsNewestFirst(from: number, to: number, size: number = LIST_WINDOW_MS): Generator<TimeWindow> {
  let end = to;
  while (end >= from) {
    const start = Math.max(from, end - size + 1);
    yield { start, end };
    end = start - 1;
  }
}

export interface Page<T> {
  items: T[];
  /** page_count as Sobot gave it, when it did. */
  pageCount: number | null;
}

export interface WalkOptions<T> {
  windows: Iterable<TimeWindow>;
  pageSize: number;
  guard: PageGuard;
  idOf: (item: T) => string;
  fetchPage: (window: TimeWindow, pageNo: number) => Promise<Page<T>>;
  /** Pages of one window in flight at most (fetch-ahead); 1 or absent: one at a time. */
  concurrency?: number | undefined;
  /** Pages sized by --limit: no window is read past this many pages. */
  maxPagesPerWindow?: number | undefined;
  /** Aborts the walk (Ctrl-C): nothing more is requested. */
  signal?: AbortSignal | undefined;
  /** Tickets the consumer may still take (--limit minus taken); absent: no limit. */
  wanted?: (() => number) | undefined;
}

/** Windows in a row made only of tickets already seen, after which the walk stops (exit 7). */
const REPEATED_WINDOWS_LIMIT = 2;

/** The page key PageGuard remembers: the window and the page number. */
export const pageKey = (w: TimeWindow, pageNo: number) => `window ${w.start}-${w.end} page ${pageNo}`;

/**
 * Every item of every window, newest window first, each yielded once. A window ends at its
 * page_count or on a short page; nothing more is fetched once the consumer stops.
 *
 * Windows do not overlap, so a ticket of an earlier window met again (a server that ignores the
 * window, as a replay of the doc's one example answer does) is skipped, not taken for a loop:
 * the walk is finite in windows. Within a window the guard stands: a page repeated, or a page
 * of this window's tickets again, stops the walk (exit 7). A page holding only earlier windows'
 * tickets ends its window, so such a server cannot keep it paging. One such window is forgiven
 * (the doc's example answer replayed for a 30-day list spans two windows); a second in a row means
 * the server ignores the window and would be walked back for ever: exit 7, naming the window.
 */
export function walkWindows<T>(opts: WalkOptions<T>): AsyncGenerator<T> {
  return itemsOf(walkWindowPages(opts));
}

/** walkWindows a page at a time: each page's items not met before, never an empty page. */
export async function* walkWindowPages<T>(opts: WalkOptions<T>): AsyncGenerator<T[]> {
  const earlier = new Set<string>();
  let repeatedWindows = 0;
  for (const w of opts.windows) {
    const mine: string[] = [];
    // Made as each page is handed out, before the page after it is requested (../shared/prefetch.ts, OVERLAP).
    const check = (page: Page<T>, pageNo: number): { fresh: T[]; last: boolean } => {
      const novel = page.items.filter((item) => !earlier.has(opts.idOf(item)));
      const fresh = opts.guard.page(pageKey(w, pageNo), novel, opts.idOf);
      if (page.items.length > 0 && novel.length === 0) {
        if (++repeatedWindows >= REPEATED_WINDOWS_LIMIT) {
          throw new NetworkError(`Sobot sent the tickets of earlier windows again for ${pageKey(w, pageNo)}; it ignores the time window, so the walk stops rather than go back for ever`, { vendor: "sobot" });
        }
        return { fresh, last: true };
      }
      if (pageNo === 1) repeatedWindows = 0;
      return { fresh, last: false };
    };
    for await (const fresh of windowPages(opts, w, check)) {
      for (const item of fresh) mine.push(opts.idOf(item));
      if (fresh.length > 0) yield fresh;
    }
    for (const id of mine) earlier.add(id);
  }
}

/** The window's last page: a short page, or the page_count Sobot gave. */
const endsWindow = <T>(page: Page<T>, pageNo: number, pageSize: number) => page.items.length < pageSize || (page.pageCount !== null && pageNo >= page.pageCount);

/**
 * One window's pages in order, each as the tickets `check` let through: page 1 alone, then (when
 * it is not the last) pages 2.. with fetch-ahead (../shared/prefetch.ts): up to its page_count
 * (doc line 2945) at most `concurrency` in flight, or, when Sobot gives none, each page once the
 * one before came back full and passed `check` (while that one is printed). Never past --limit's
 * pages or TICKET_MAX_PAGES (the guard's remaining pages): the pages requested are the ones a
 * page-at-a-time walk requests. Stopping the consumer waits for what is in flight.
 */
async function* windowPages<T>(opts: WalkOptions<T>, w: TimeWindow, check: (page: Page<T>, pageNo: number) => { fresh: T[]; last: boolean }): AsyncGenerator<T[]> {
  // Pages the walk may request: TICKET_MAX_PAGES plus the page that trips it (read before page 1 is counted).
  const remaining = opts.guard.remaining;
  const first = await opts.fetchPage(w, 1);
  type Checked = { page: Page<T>; fresh: T[] };
  const pages = prefetchPages<Checked>({
    first: { page: first, fresh: [] },
    fetch: (i) => opts.fetchPage(w, i + 1).then((page) => ({ page, fresh: [] })),
    isLast: ({ page }, i) => endsWindow(page, i + 1, opts.pageSize),
    pageCount: ({ page }) => page.pageCount,
    knownPages: first.pageCount ?? 1,
    // Page 1 is always handed out (and counted by the guard), even when Sobot counts no page.
    maxPages: Math.max(1, Math.min(first.pageCount ?? Infinity, opts.maxPagesPerWindow ?? Infinity, remaining)),
    concurrency: opts.concurrency ?? 1,
    signal: opts.signal,
    wanted: opts.wanted,
    sizeOf: ({ page }) => page.items.length,
    pageSize: opts.pageSize,
    check: (p, i) => {
      const { fresh, last } = check(p.page, i + 1);
      p.fresh = fresh;
      return !last;
    },
  });
  for await (const { fresh } of pages) yield fresh;
}
