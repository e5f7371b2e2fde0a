/**
 * `--tag` takes tag names on Comm100 (issue 10 item 7): `list --tag NAME` filters server-side by
 * the id GET ticketing/tags gives for the name (tagid, [S1] line 88), `create --tag NAME` sends
 * that id in tagIds (line 157), an id is taken as it is, and an unknown name is exit 5 naming it
 * before any write. Over real HTTP against the simulator, which serves the Tag endpoints.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, UsageError, type CliError } from "../../../src/errors.js";
import { startSimulator, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";
import { collect, providerFor } from "../../helpers/provider.js";

let sim: Comm100Simulator;
beforeAll(async () => {
  sim = await startSimulator({ tickets: 60 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

const tag = (name: string) => sim.state.tags.find((t) => t.name === name)!;
const tagged = (id: string) => sim.state.tickets.filter((t) => !t.isInRecycleBin && t.tagIds.includes(id)).map((t) => String(t.id));
const paths = () => sim.requests.map((r) => `${r.method} ${r.path}`);
const writes = () => sim.requests.filter((r) => r.method !== "GET");

describe("the simulator's Tag endpoints (the v4 Tag page: GET ticketing/tags, GET ticketing/tags/{id})", () => {
  it("GET ticketing/tags is an array of {id, name}; GET ticketing/tags/{id} one tag, 404 for an unknown id", async () => {
    const { provider } = await providerFor(sim);
    const list = await provider.request!({ method: "GET", path: "ticketing/tags", query: [] });
    expect(list.body).toEqual(sim.state.tags.map(({ id, name }) => ({ id, name })));
    expect(list.body).toContainEqual({ id: "bdf96bad-890f-4af5-8f4e-42d2cc29e61b", name: "my tag" });
    const one = await provider.request!({ method: "GET", path: `ticketing/tags/${tag("vip").id}`, query: [] });
    expect(one.body).toEqual({ id: tag("vip").id, name: "vip" });
    const missing = await provider.request!({ method: "GET", path: "ticketing/tags/0badc0de-0000-4000-8000-000000000000", query: [] });
    expect(missing.status).toBe(404);
  });

  it("without credentials the tag list is refused (401)", async () => {
    const { provider } = await providerFor(sim, { secrets: { token: "wrong" } });
    expect((await provider.request!({ method: "GET", path: "ticketing/tags", query: [] })).status).toBe(401);
  });
});

describe("list --tag", () => {
  it("a name: looked up in GET ticketing/tags, then tagid=<its id> server-side; exactly the tickets with that tag", async () => {
    const { provider } = await providerFor(sim);
    const vip = tag("vip");
    const want = tagged(vip.id);
    expect(want.length).toBeGreaterThan(0);
    const got = await collect(provider.list({ tag: "vip" }));
    expect(got.map((t) => t.id).sort()).toEqual([...want].sort());
    for (const t of got) expect(t.tags).toContain("vip");
    expect(paths()[0]).toBe("GET /v4/ticketing/tags");
    const listCalls = sim.requests.filter((r) => r.path === "/v4/ticketing/tickets");
    expect(listCalls.length).toBeGreaterThan(0);
    for (const r of listCalls) expect(r.query["tagid"]).toBe(vip.id);
  });

  it("a name in another letter case, and a name with a space, are found", async () => {
    const { provider } = await providerFor(sim);
    await collect(provider.list({ tag: "VIP" }));
    expect(sim.requests.find((r) => r.path === "/v4/ticketing/tickets")!.query["tagid"]).toBe(tag("vip").id);
    sim.requests.length = 0;
    await collect(provider.list({ tag: "my tag" }));
    expect(sim.requests.find((r) => r.path === "/v4/ticketing/tickets")!.query["tagid"]).toBe("bdf96bad-890f-4af5-8f4e-42d2cc29e61b");
  });

  it("an id as it is: no tag lookup, tagid=<id>", async () => {
    const { provider } = await providerFor(sim);
    const refund = tag("refund");
    const got = await collect(provider.list({ tag: refund.id }));
    expect(got.map((t) => t.id).sort()).toEqual(tagged(refund.id).sort());
    expect(paths()).not.toContain("GET /v4/ticketing/tags");
    expect(sim.requests[0]!.query["tagid"]).toBe(refund.id);
  });

  it("an unknown name: NotFoundError (exit 5) naming it, listing the tags there are; the ticket list is never asked", async () => {
    const { provider } = await providerFor(sim);
    const err = (await collect(provider.list({ tag: "no-such-tag" })).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe('Comm100 has no tag "no-such-tag" (--tag)');
    expect(err.hint).toMatch(/^tags: vip, refund, bug, shipping, feedback, my tag, sample tag$/);
    expect(paths()).toEqual(["GET /v4/ticketing/tags"]);
  });

  it("two tags with the same name: a usage error naming both ids (pass the id instead)", async () => {
    const twin = { id: "7a9b0c1d-0000-4000-8000-0000000000aa", name: "Bug" };
    sim.state.tags.push(twin);
    try {
      const { provider } = await providerFor(sim);
      const err = (await collect(provider.list({ tag: "BUG" })).catch((e: unknown) => e)) as CliError;
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toContain(twin.id);
      expect(err.message).toContain(tag("bug").id);
      // The exact name still picks one.
      sim.requests.length = 0;
      await collect(provider.list({ tag: "Bug" }));
      expect(sim.requests.find((r) => r.path === "/v4/ticketing/tickets")!.query["tagid"]).toBe(twin.id);
    } finally {
      sim.state.tags.splice(sim.state.tags.indexOf(twin), 1);
    }
  });
});

describe("create --tag", () => {
  it("names and ids: the ids go in tagIds, in order; the new ticket carries the tags", async () => {
    const { provider } = await providerFor(sim);
    const t = await provider.create!({ ...sim.fixtures.create!, subject: "tagged by name", tags: ["shipping", tag("bug").id, "My Tag"] });
    const post = sim.requests.find((r) => r.method === "POST" && r.path === "/v4/ticketing/tickets")!;
    expect((post.body as Record<string, unknown>)["tagIds"]).toEqual([tag("shipping").id, tag("bug").id, "bdf96bad-890f-4af5-8f4e-42d2cc29e61b"]);
    expect(t.tags).toEqual(["shipping", "bug", "my tag"]);
    expect(paths().filter((p) => p === "GET /v4/ticketing/tags")).toHaveLength(1);
  });

  it("only ids: no tag lookup", async () => {
    const { provider } = await providerFor(sim);
    await provider.create!({ ...sim.fixtures.create!, subject: "tagged by id", tags: [tag("vip").id] });
    expect(paths()).not.toContain("GET /v4/ticketing/tags");
  });

  it("an unknown name: NotFoundError (exit 5) naming it, and nothing is created", async () => {
    const { provider } = await providerFor(sim);
    const before = sim.state.tickets.length;
    const err = (await provider.create!({ ...sim.fixtures.create!, tags: ["vip", "nope"] }).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe('Comm100 has no tag "nope" (--tag)');
    expect(writes()).toEqual([]);
    expect(sim.state.tickets.length).toBe(before);
  });
});
