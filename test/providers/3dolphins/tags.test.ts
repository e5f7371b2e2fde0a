/**
 * `list --tag NAME` on 3Dolphins over real HTTP against the simulator. Tickets carry their tags
 * by name (`ticketTags`, doc lines 31, 44: `"ticketTags": ["default", "default"]`) and the ticket
 * API has no tag list endpoint and no tag filter (the doc's endpoint table, lines 19-272), so the
 * provider filters by name on the client: case-insensitively, the name exactly as it appears on
 * tickets (there are no tag ids to resolve). A name no ticket carries gives an empty list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor, type TestProvider } from "../../helpers/provider.js";

const G = "/dolphin/apiv1/graph";

let sim: Simulator;
let tp: TestProvider;
let tickets: { ticketNumber: string; ticketTags?: string[] }[];

beforeAll(async () => {
  sim = await startSimulator({ tickets: 80 });
  tp = await providerFor(sim);
  tickets = (sim.exportState() as { tickets: { ticketNumber: string; ticketTags?: string[] }[] }).tickets;
});
afterAll(async () => {
  await sim.close();
});

const carrying = (name: string) =>
  tickets
    .filter((t) => (t.ticketTags ?? []).some((x) => x.toLowerCase() === name.toLowerCase()))
    .map((t) => String(t.ticketNumber))
    .sort();

const listed = async (tag: string) => (await collect(tp.provider.list({ tag }), 1000)).map((t) => t.id).sort();

describe("3dolphins list --tag NAME", () => {
  it("takes the tag's name, in any case: exactly the tickets carrying it, each showing it in tags", async () => {
    const expected = carrying("Billing");
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(tickets.length);
    sim.requests.length = 0;
    expect(await listed("billing")).toEqual(expected);
    // No tag parameter exists: the plain list is walked and filtered here.
    expect(sim.requests.every((r) => r.method === "GET" && r.path === `${G}/tickets` && r.query["tag"] === undefined)).toBe(true);
    for (const t of await collect(tp.provider.list({ tag: "BILLING" }), 1000)) expect(t.tags.map((x) => x.toLowerCase())).toContain("billing");
  });

  it("a name with spaces and non-ASCII characters matches as written on the tickets", async () => {
    const name = "Fitur – Live Chat";
    const expected = carrying(name);
    expect(expected.length).toBeGreaterThan(0);
    expect(await listed(name)).toEqual(expected);
    expect(await listed("Fitur - Live Chat")).toEqual([]); // a hyphen is not the en dash
  });

  it("a name no ticket carries: an empty list (there is no tag list to call it unknown)", async () => {
    expect(await listed("no-such-tag")).toEqual([]);
  });

  it("combines with --limit: the walk stops once enough tickets carry the tag", async () => {
    const some = await collect(tp.provider.list({ tag: "default", limit: 3 }), 10);
    expect(some).toHaveLength(3);
    for (const t of some) expect(t.tags).toContain("default");
  });
});
