/**
 * `--tag` takes names on Zaia (issue 10 item 7), over real HTTP against the simulator. Zaia filters
 * by tag id (tagIds, doc lines 215-223) and tags a ticket by id (doc lines 496-532), so a name is
 * looked up in GET /api/v1/tags (vendor-notes.md 1.4), every page, nothing cached; an id is used as
 * it is; an unknown name is a NotFoundError (exit 5) naming it before anything else is sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, UsageError } from "../../../src/errors.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { startSimulator, type ZaiaState } from "../../../src/sandbox/zaia/index.js";
import { collect, providerFor } from "../../helpers/provider.js";

let sim: Simulator;
let state: ZaiaState;

const uuid = (n: number) => `${n.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
/** Ids of the visible tickets carrying any of `tagIds`. */
function taggedWith(s: ZaiaState, tagIds: string[]): string[] {
  const live = new Set(s.chats.filter((c) => !c.isRemoved).map((c) => c.id));
  return s.tickets.filter((t) => live.has(t.chatId) && t.tags.some((l) => tagIds.includes(l.tagId))).map((t) => t.id).sort();
}

beforeAll(async () => {
  // The seeded workspace plus a second "VIP" (the same name in other case) and enough tags for two pages.
  const seeded = await startSimulator({ tickets: 60 });
  const base = seeded.exportState() as ZaiaState;
  await seeded.close();
  base.tags.push({ id: uuid(1), name: "VIP", color: "1" });
  for (let i = 0; i < 110; i++) base.tags.push({ id: uuid(1000 + i), name: `topic-${i}`, color: String(i % 10) });
  base.tickets[3]!.tags.push({ tagId: uuid(1), createdAt: base.tickets[3]!.createdAt });
  base.tickets[5]!.tags.push({ tagId: uuid(1109), createdAt: base.tickets[5]!.createdAt });
  sim = await startSimulator({ state: base });
  state = sim.exportState() as ZaiaState;
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

const tagRequests = () => sim.requests.filter((r) => r.path === "/api/v1/tags");
const listRequests = () => sim.requests.filter((r) => r.path === "/api/v1/tickets/details");

describe("Zaia --tag by name", () => {
  it("list --tag NAME: looked up on every page of GET /api/v1/tags, then filtered server-side by its id", async () => {
    const { provider } = await providerFor(sim);
    const got = await collect(provider.list({ tag: "topic-109" }));
    expect(got.map((t) => t.id)).toEqual(taggedWith(state, [uuid(1109)]));
    expect(got).toHaveLength(1);
    expect(tagRequests().map((r) => r.query["pageNumber"])).toEqual(["1", "2"]);
    expect(tagRequests().every((r) => r.query["pageSize"] === "100")).toBe(true);
    expect(listRequests().length).toBeGreaterThan(0);
    expect(listRequests().every((r) => r.query["tagIds"] === uuid(1109))).toBe(true);
  });

  it("an exact name wins over the same name in other case; a name with no exact match takes every tag of that name ignoring case", async () => {
    const { provider } = await providerFor(sim);
    const vip = state.tags.find((t) => t.name === "vip")!;
    const exact = await collect(provider.list({ tag: "vip" }));
    expect(exact.map((t) => t.id).sort()).toEqual(taggedWith(state, [vip.id]));
    expect(listRequests().every((r) => r.query["tagIds"] === vip.id)).toBe(true);
    sim.requests.length = 0;
    const folded = await collect(provider.list({ tag: "Vip" }));
    expect(folded.map((t) => t.id).sort()).toEqual(taggedWith(state, [vip.id, uuid(1)]));
    expect(listRequests().every((r) => JSON.stringify(r.query["tagIds"]) === JSON.stringify([vip.id, uuid(1)]))).toBe(true);
  });

  it("an id is used as it is, with no lookup", async () => {
    const { provider } = await providerFor(sim);
    const refund = state.tags.find((t) => t.name === "refund")!;
    const got = await collect(provider.list({ tag: refund.id }));
    expect(got.map((t) => t.id).sort()).toEqual(taggedWith(state, [refund.id]));
    expect(tagRequests()).toEqual([]);
  });

  it("an unknown name: NotFoundError (exit 5) naming it, with the known names as a hint; no ticket request", async () => {
    const { provider } = await providerFor(sim);
    const err = await collect(provider.list({ tag: "nope" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).exitCode).toBe(5);
    expect((err as Error).message).toBe('Zaia has no tag "nope" (--tag)');
    expect((err as NotFoundError).hint).toMatch(/^tags: vip, refund, .*, and \d+ more$/);
    expect(listRequests()).toEqual([]);
  });

  it("create --tag NAME attaches the tag by its id; a name shared by several tags is refused before anything is written", async () => {
    const { provider } = await providerFor(sim);
    const chat = sim.fixtures.create!.fields!["chatId"]!;
    const ambiguous = await provider.create!({ subject: "", fields: { chatId: chat }, tags: ["Vip"] }).catch((e: unknown) => e);
    expect(ambiguous).toBeInstanceOf(UsageError);
    expect((ambiguous as Error).message).toMatch(/2 tags named "Vip".*pass the id instead/);
    const missing = await provider.create!({ subject: "", fields: { chatId: chat }, tags: ["refund", "nope"] }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(sim.requests.filter((r) => r.method !== "GET")).toEqual([]);

    const billing = state.tags.find((t) => t.name === "billing")!;
    const created = await provider.create!({ subject: "", fields: { chatId: chat }, tags: ["BILLING", uuid(1005)] });
    const after = sim.exportState() as ZaiaState;
    expect(after.tickets.find((t) => t.id === created.id)!.tags.map((l) => l.tagId)).toEqual([billing.id, uuid(1005)]);
    expect(sim.requests.filter((r) => r.method === "POST").map((r) => [r.path, r.body])).toEqual([
      ["/api/v1/tickets", expect.objectContaining({ chatId: chat })],
      [`/api/v1/tickets/${created.id}/tags`, { tagId: billing.id }],
      [`/api/v1/tickets/${created.id}/tags`, { tagId: uuid(1005) }],
    ]);
  });

  it("the simulator's tag list: a bare array, paged, unknown parameters refused", async () => {
    const key = sim.credentials.secrets["apiKey"]!;
    const get = async (q: string) => {
      const res = await fetch(`${sim.baseUrl}/api/v1/tags${q}`, { headers: { authorization: key } });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const first = await get("");
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(10); // doc lines 188-192: pageSize defaults to 10
    expect((first.body as Record<string, unknown>[])[0]).toMatchObject({ id: state.tags[0]!.id, name: "vip", color: "2" });
    expect((await get("?pageNumber=2&pageSize=100")).body).toHaveLength(state.tags.length - 100);
    expect((await get("?pageSize=101")).status).toBe(400);
    expect((await get("?name=vip")).status).toBe(400);
    expect((await fetch(`${sim.baseUrl}/api/v1/tags`)).status).toBe(401);
  });
});
