/**
 * Sobot lists by creation (or update) time only within windows of at most one month, 50 per page.
 * A longer range is walked window by window, newest first, each window page by page.
 */
import { LIST_WINDOW_MS } from "./guesses.js";

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
  pageCount: number | null;
}

/** Pages 1..n of one window; stops at page_count, on a short page, or when the caller stops. */
export async function* pages<T>(fetchPage: (pageNo: number) => Promise<Page<T>>, pageSize: number): AsyncGenerator<T[]> {
  for (let pageNo = 1; ; pageNo++) {
    const page = await fetchPage(pageNo);
    if (page.items.length > 0) yield page.items;
    if (page.items.length < pageSize) return;
    if (page.pageCount !== null && pageNo >= page.pageCount) return;
  }
}
