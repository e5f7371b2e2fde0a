/**
 * writeTicketList over a paged list (src/model/paged.ts): --limit cuts inside a page, with a peek
 * the list is read on only as far as it takes to learn whether the limit cut it (a failure while
 * peeking is not the list's), without one no page past the limit is asked for, and each page is
 * one write.
 */
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/errors.js";
import { paged } from "../../src/model/paged.js";
import type { Ticket } from "../../src/model/types.js";
import { writeTicketList, type Output, type Peek } from "../../src/render/output.js";

const t = (id: string) => ({ id }) as unknown as Ticket;

/** Pages [1 2 3] [4 5], then `after` (a third page, or a failure); counts the pages asked for. */
function source(after?: Ticket[] | Error) {
  const state = { asked: 0 };
  const list = paged(async function* () {
    state.asked++;
    yield [t("1"), t("2"), t("3")];
    state.asked++;
    yield [t("4"), t("5")];
    if (after === undefined) return;
    state.asked++;
    if (after instanceof Error) throw after;
    yield after;
  });
  return { list, state };
}

async function run(list: AsyncIterable<Ticket>, limit: number | undefined, peek?: Peek) {
  const writes: string[] = [];
  const o = { format: "ndjson", io: { out: (s: string) => writes.push(s), isTTY: false }, now: new Date(0), fieldsRaw: undefined } as unknown as Output;
  const n = await writeTicketList(o, list, limit, { count: 0 }, peek);
  const ids = writes.join("").split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
  return { n, ids, writes };
}

describe("writeTicketList over pages", () => {
  it("no limit: every ticket, in order, a write per page", async () => {
    const { list } = source();
    const r = await run(list, undefined);
    expect(r.ids).toEqual(["1", "2", "3", "4", "5"]);
    expect(r.n).toBe(5);
  });

  it("a limit inside the first page: that page cut, the next never asked for", async () => {
    const { list, state } = source();
    const r = await run(list, 2);
    expect(r.ids).toEqual(["1", "2"]);
    expect(state.asked).toBe(1);
    // A limit at the page's end: the next page is not asked for either.
    const atEnd = source();
    expect((await run(atEnd.list, 3)).ids).toEqual(["1", "2", "3"]);
    expect(atEnd.state.asked).toBe(1);
  });

  it("peek: a page that holds more than the limit says so without reading on", async () => {
    const { list, state } = source();
    const peek = { more: false };
    expect((await run(list, 2, peek)).ids).toEqual(["1", "2"]);
    expect(peek.more).toBe(true);
    expect(state.asked).toBe(1);
  });

  it("peek: a limit at a page's end reads the next page to learn whether there is more", async () => {
    const more = { more: false };
    const a = source();
    expect((await run(a.list, 3, more)).ids).toEqual(["1", "2", "3"]);
    expect(more.more).toBe(true);
    expect(a.state.asked).toBe(2);
    const none = { more: false };
    expect((await run(source().list, 5, none)).ids).toEqual(["1", "2", "3", "4", "5"]);
    expect(none.more).toBe(false);
  });

  it("peek: a failure while reading past the limit is not the list's failure", async () => {
    const peek = { more: false };
    const r = await run(source(new NetworkError("connection reset")).list, 5, peek);
    expect(r.ids).toEqual(["1", "2", "3", "4", "5"]);
    expect(peek.more).toBe(false);
  });

  it("a failure before the limit is the list's, after what came before it was written", async () => {
    const writes: string[] = [];
    const o = { format: "json", io: { out: (s: string) => writes.push(s), isTTY: false }, now: new Date(0), fieldsRaw: undefined } as unknown as Output;
    const counter = { count: 0 };
    await expect(writeTicketList(o, source(new NetworkError("connection reset")).list, 10, counter)).rejects.toThrow("connection reset");
    expect(counter.count).toBe(5);
    expect((JSON.parse(writes.join("")) as { id: string }[]).map((x) => x.id)).toEqual(["1", "2", "3", "4", "5"]);
  });
});
