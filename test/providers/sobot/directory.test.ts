/**
 * Sobot's directory (Provider.agents / teams / isDirectoryId, src/providers/sobot/directory-methods.ts)
 * over real HTTP against the simulator: agents and skill groups come from GET get_data_dict (doc
 * lines 1130-1200), read once per run; ids of Sobot's form are recognized without a request.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../../src/providers/registry.js";
import type { Provider } from "../../../src/providers/types.js";
import { startSimulator, type SimState, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import { providerFor } from "../../helpers/provider.js";

let sim: SobotSimulator;
let state: SimState;
let provider: Provider;

beforeAll(async () => {
  sim = await startSimulator({ tickets: 20 });
  state = sim.exportState() as SimState;
  // The provider as its factory makes it: these are the provider's own methods (the guard passes them on).
  const { ctx } = await providerFor(sim);
  provider = (await VENDOR_DESCRIPTORS.sobot.loadProvider!())(ctx);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

const dictReads = () => sim.requests.filter((r) => r.method === "GET" && r.path.endsWith("/get_data_dict"));

describe("Sobot directory", () => {
  it("agents are get_data_dict's agent_list: every agentid with its agent_name, and nothing else asked", async () => {
    const agents = await provider.agents!();
    expect(agents.map((a) => a.id).sort()).toEqual(state.agents.map((a) => a.agentid).sort());
    for (const a of state.agents) expect(agents).toContainEqual({ id: a.agentid, name: a.agent_name, email: null });
    expect(dictReads()).toHaveLength(1);
    expect(sim.requests.filter((r) => r.path.includes("query_tickets"))).toHaveLength(0);
  });

  it("teams are the skill groups of group_list; the dictionary is read once per run", async () => {
    const fresh = (await VENDOR_DESCRIPTORS.sobot.loadProvider!())((await providerFor(sim)).ctx);
    const teams = await fresh.teams!();
    expect(teams).toEqual(expect.arrayContaining(state.groups.map((g) => ({ id: g.groupid, name: g.group_name, email: null }))));
    expect(teams).toHaveLength(state.groups.length);
    await fresh.agents!();
    expect(dictReads()).toHaveLength(1);
  });

  it("an id of Sobot's form (32 hex digits, a group's with a _N suffix) is an id; a name is not", () => {
    expect(provider.isDirectoryId!("agent", state.agents[0]!.agentid)).toBe(true);
    expect(provider.isDirectoryId!("team", "acb290d666814d65834c70073aed65f2_4")).toBe(true);
    expect(provider.isDirectoryId!("agent", state.agents[0]!.agent_name)).toBe(false);
    expect(provider.isDirectoryId!("agent", "0a37c8156d094311890e48fbc06501c")).toBe(false);
    expect(sim.requests).toHaveLength(0);
  });
});
