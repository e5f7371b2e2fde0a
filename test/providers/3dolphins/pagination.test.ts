/**
 * 3Dolphins list walks against servers that misbehave (scripted, over real HTTP): a page served
 * again, a list without end, and consumers that stop early. Every walk is keyed by `start` behind
 * the shared PageGuard: it stops with exit 7 naming the page, never repeats a ticket, and never
 * fetches a page past --limit.
 */
import { afterEach, describe, expect, it } from "vitest";
import { NetworkError } from "../../../src/errors.js";
import { collect, providerFor } from "../../helpers/provider.js";
import { scriptedServer, type Received, type ScriptedServer } from "./scripted-server.js";

const G = "/dolphin/apiv1/graph";
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env["TICKET_MAX_PAGES"];
});

const ticket = (n: number, channelType = "webchat") => ({ ticketNumber: `T${n}`, status: "Assigned", subject: `s${n}`, channelType, createdDate: 1_700_000_000_000 + n });
const page = (from: number, count: number, extra: Record<string, unknown> = {}) => ({
  status: "success",
  data: Array.from({ length: count }, (_, i) => ticket(from + i)),
  hasMore: true,
  nextIndex: from + count,
  prevIndex: 0,
  totalResults: 0,
  ...extra,
});

async function provider(answer: (r: Received) => unknown) {
  await server?.close();
  server = await scriptedServer((r) => ({ body: answer(r) }));
  return (await providerFor(server.asSim({ token: "pg-token" }, { replyAgent: "a1" }))).provider;
}
const starts = () => server!.received.map((r) => r.query["start"]);

describe("3dolphins pagination guard", () => {
  it("a server that ignores start (the same page again, hasMore true) stops at page 2 with exit 7; no ticket twice", async () => {
    const p = await provider((r) => page(0, Number(r.query["count"])));
    const seen: string[] = [];
    const err = await (async () => {
      for await (const t of p.list({})) seen.push(t.id);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toBe("3Dolphins sent page 2 (graph/tickets start=50) with only tickets it had already sent; stopping the walk so it cannot loop");
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    expect(starts()).toEqual(["0", "50"]);
  });

  it("a list without end stops past TICKET_MAX_PAGES with exit 7 naming the page", async () => {
    process.env["TICKET_MAX_PAGES"] = "3";
    const p = await provider((r) => page(Number(r.query["start"]), Number(r.query["count"])));
    const err = await collect(p.list({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/ran past 3 pages at page 4 \(graph\/tickets start=150\)/);
    expect(starts()).toEqual(["0", "50", "100", "150"]);
  });

  it("--limit ends the walk: pages sized to it, no page fetched past it, even from a server that would loop", async () => {
    const p = await provider((r) => page(0, Number(r.query["count"])));
    expect(await collect(p.list({ limit: 7 }))).toHaveLength(7);
    expect(server!.received.map((r) => r.query)).toEqual([{ start: "0", count: "7" }]);
    const q = await provider((r) => page(Number(r.query["start"]), Number(r.query["count"])));
    expect(await collect(q.list({ limit: 120 }))).toHaveLength(120);
    expect(starts()).toEqual(["0", "50", "100"]);
  });

  it("a consumer that stops (| head) stops the fetching", async () => {
    const p = await provider((r) => page(Number(r.query["start"]), Number(r.query["count"])));
    expect(await collect(p.list({}), 3)).toHaveLength(3);
    expect(starts()).toEqual(["0"]);
  });

  it("with a client-side filter, full pages are read only until --limit matches", async () => {
    const p = await provider((r) => {
      const from = Number(r.query["start"]);
      // Every 40th ticket is email.
      return { ...page(from, 50), data: Array.from({ length: 50 }, (_, i) => ticket(from + i, (from + i) % 40 === 0 ? "email" : "webchat")) };
    });
    const email = await collect(p.list({ channel: "email", limit: 3 }));
    expect(email.map((t) => t.id)).toEqual(["T0", "T40", "T80"]);
    expect(server!.received.map((r) => r.query)).toEqual([
      { start: "0", count: "50" },
      { start: "50", count: "50" },
    ]);
  });

  it("show's conversation walk is guarded too", async () => {
    const bubble = (i: number) => ({ messageId: `m${i}`, message: `hello ${i}`, answer: false, createdDate: 1_700_000_000_000 + i });
    const p = await provider((r) =>
      r.path === `${G}/tickets/T1`
        ? { status: "success", data: ticket(1) }
        : { status: "success", data: Array.from({ length: 50 }, (_, i) => bubble(i)), hasMore: true, nextIndex: 50 },
    );
    const err = await p.show("T1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/sent page 2 \(graph\/tickets\/conversations\/T1 start=50\) with only tickets it had already sent/);
  });
});
