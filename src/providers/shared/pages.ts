/**
 * Pagination guard every provider's list walk uses (DESIGN.md section 7): a walk that is served
 * a page it has already seen (same cursor/link/page key, or a page made only of tickets already
 * printed) or that runs past a page bound stops with exit 7 naming the page, and no ticket is
 * ever yielded twice.
 *
 *   const guard = new PageGuard({ vendor: "comm100", displayName: "Comm100" });
 *   for (;;) {
 *     const page = await fetch(cursor);
 *     for (const t of guard.page(cursorKey, page.items, (t) => t.id)) yield t;
 *     if (!page.next) return;
 *   }
 */
import { NetworkError } from "../../errors.js";
import type { VendorName } from "../../model/enums.js";

/** Default bound on pages in one walk (10,000 pages of 50 = 500,000 tickets). TICKET_MAX_PAGES overrides it. */
export const DEFAULT_MAX_PAGES = 10_000;

export interface PageGuardOptions {
  vendor: VendorName;
  displayName: string;
  /** Bound on pages in one walk; defaults to TICKET_MAX_PAGES or DEFAULT_MAX_PAGES. */
  maxPages?: number | undefined;
}

export function maxPagesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env["TICKET_MAX_PAGES"]);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_PAGES;
}

export class PageGuard {
  private readonly keys = new Set<string>();
  private readonly ids = new Set<string>();
  private pages = 0;
  private readonly maxPages: number;

  constructor(private readonly opts: PageGuardOptions) {
    this.maxPages = opts.maxPages ?? maxPagesFromEnv();
  }

  /** Pages accepted so far. */
  get count(): number {
    return this.pages;
  }

  /**
   * Pages a walk may still request: those within the bound plus the one that trips it (exit 7
   * names it). Fetch-ahead asks for nothing past this, so it requests what a page-at-a-time walk does.
   */
  get remaining(): number {
    return Math.max(0, this.maxPages - this.pages + 1);
  }

  /**
   * Accept one page. `key` identifies the request that produced it (the cursor, the next link, the
   * page number or offset, a time window plus page number): a key seen before means the vendor is
   * sending the walk round in a circle. Returns the items not yielded before, in order. Throws
   * NetworkError (exit 7) for a repeated key, a non-empty page made only of items already seen, or
   * a walk past the page bound.
   */
  page<T>(key: string, items: readonly T[], idOf: (item: T) => string): T[] {
    const where = `page ${this.pages + 1} (${key})`;
    if (this.keys.has(key)) throw this.fail(`${this.opts.displayName} sent ${where} again; stopping the walk so it cannot loop`);
    this.keys.add(key);
    this.pages += 1;
    if (this.pages > this.maxPages) {
      throw this.fail(`${this.opts.displayName}'s list ran past ${this.maxPages} pages at ${where}; stopping (raise TICKET_MAX_PAGES if the account really has that many)`);
    }
    const fresh: T[] = [];
    for (const item of items) {
      const id = idOf(item);
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      fresh.push(item);
    }
    if (items.length > 0 && fresh.length === 0) {
      throw this.fail(`${this.opts.displayName} sent ${where} with only tickets it had already sent; stopping the walk so it cannot loop`);
    }
    return fresh;
  }

  private fail(message: string): NetworkError {
    return new NetworkError(message, { vendor: this.opts.vendor });
  }
}
