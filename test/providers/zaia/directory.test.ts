/**
 * Zaia's directory (src/providers/zaia/directory.ts) over real HTTP against the simulator: teams
 * from GET /api/v1/ticketing-teams (vendor-notes.md 1.4), every page; no users endpoint exists
 * (notes 1.4), so there is no agents method; UUIDs and `me` are ids.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../../src/providers/registry.js";
import type { Provider } from "../../../src/providers/types.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { startSimulator, type ZaiaState } from "../../../src/sandbox/zaia/index.js";
import { providerFor } from "../../helpers/provider.js";

let sim: Simulator;
let state: ZaiaState;
let provider: Provider;

beforeAll(async () => {
  sim = await startSimulator({ tickets: 20 });
  state = sim.exportState() as ZaiaState;
  provider = (await VENDOR_DESCRIPTORS.zaia.loadProvider!())((await providerFor(sim)).ctx);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

describe("Zaia directory", () => {
  it("teams are GET /api/v1/ticketing-teams, paged with pageNumber/pageSize, with their names", async () => {
    const teams = await provider.teams!();
    expect(teams).toHaveLength(state.teams.length);
    for (const t of state.teams) expect(teams).toContainEqual({ id: t.id, name: t.name, email: null });
    const reads = sim.requests.filter((r) => r.path === "/api/v1/ticketing-teams");
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0]!.query).toMatchObject({ pageNumber: "1", pageSize: "100" });
    expect(sim.requests.filter((r) => r.path.startsWith("/api/v1/tickets"))).toHaveLength(0);
  });

  it("has no agents method: Zaia documents no users endpoint", () => {
    expect(provider.agents).toBeUndefined();
  });

  it("a UUID is an id for every kind, `me` for an agent; a name or email is not, and nothing is asked", () => {
    const id = state.teams[0]!.id;
    expect(provider.isDirectoryId!("team", id)).toBe(true);
    expect(provider.isDirectoryId!("agent", ` ${id.toUpperCase()} `)).toBe(true);
    expect(provider.isDirectoryId!("agent", "me")).toBe(true);
    expect(provider.isDirectoryId!("team", "me")).toBe(false);
    expect(provider.isDirectoryId!("team", state.teams[0]!.name)).toBe(false);
    expect(provider.isDirectoryId!("agent", "ana@example.com")).toBe(false);
    expect(sim.requests).toHaveLength(0);
  });
});
