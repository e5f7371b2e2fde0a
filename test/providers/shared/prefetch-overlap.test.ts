/**
 * Fetch-ahead with a check (src/providers/shared/prefetch.ts, OVERLAP): the page after a full one
 * is requested as soon as that page passed its check, before it is handed out, and never when the
 * check refuses it, when it is the last, or when it may hold every ticket still wanted.
 */
import { describe, expect, it } from "vitest";
import { lookahead, prefetchPages } from "../../../src/providers/shared/prefetch.js";

type Page = { index: number; items: number[] };
const SIZE = 3;

function numbered(pages: number, { refuseAt }: { refuseAt?: number } = {}) {
  const asked: number[] = [];
  const walk = (opts: { wanted?: () => number } = {}) =>
    prefetchPages<Page>({
      first: { index: 0, items: [0, 1, 2] },
      fetch: async (index) => {
        asked.push(index);
        return { index, items: index === pages - 1 ? [index * 10] : [index * 10, index * 10 + 1, index * 10 + 2] };
      },
      isLast: (p) => p.items.length < SIZE,
      check: (p) => {
        if (p.index === refuseAt) throw new Error(`refused page ${p.index}`);
      },
      concurrency: 4,
      pageSize: SIZE,
      sizeOf: (p) => p.items.length,
      wanted: opts.wanted,
    });
  return { asked, walk };
}

describe("prefetchPages with a check", () => {
  it("asks for page i+1 before page i is handed out, one page ahead, and nothing past the last", async () => {
    const { asked, walk } = numbered(4);
    const seenWhenHanded: number[][] = [];
    for await (const p of walk()) seenWhenHanded.push([p.index, ...asked]);
    expect(seenWhenHanded).toEqual([
      [0, 1],
      [1, 1, 2],
      [2, 1, 2, 3],
      [3, 1, 2, 3],
    ]);
  });

  it("a page the check refuses ends the walk with nothing requested past it", async () => {
    const { asked, walk } = numbered(6, { refuseAt: 2 });
    await expect((async () => {
      for await (const _ of walk()) void 0;
    })()).rejects.toThrow("refused page 2");
    expect(asked).toEqual([1, 2]);
  });

  it("a page that may hold every ticket still wanted (--limit) is read before the next is asked for", async () => {
    const { asked, walk } = numbered(6);
    let taken = 0;
    for await (const p of walk({ wanted: () => 5 - taken })) {
      for (const _ of p.items) if (++taken >= 5) break;
      if (taken >= 5) break;
    }
    // Page 0 holds 3 of the 5 wanted: page 1 goes at once; page 1 may hold the last 2: page 2 never goes.
    expect(asked).toEqual([1]);
  });
});

describe("lookahead with a check", () => {
  it("follows the link while the page is handed out; a refused page follows none", async () => {
    const asked: string[] = [];
    const walk = (refuse?: string) =>
      lookahead<string, { at: string; next: string | null }>({
        first: "p1",
        firstPage: { at: "p1", next: "p2" },
        fetch: async (r) => {
          asked.push(r);
          return { at: r, next: r === "p3" ? null : `p${Number(r.slice(1)) + 1}` };
        },
        next: (page) => page.next,
        check: (page) => {
          if (page.at === refuse) throw new Error(`refused ${page.at}`);
        },
      });
    const handed: string[] = [];
    for await (const { page } of walk()) handed.push(`${page.at}:${asked.join(",")}`);
    expect(handed).toEqual(["p1:p2", "p2:p2,p3", "p3:p2,p3"]);
    asked.length = 0;
    await expect((async () => {
      for await (const _ of walk("p2")) void 0;
    })()).rejects.toThrow("refused p2");
    expect(asked).toEqual(["p2"]);
  });
});
