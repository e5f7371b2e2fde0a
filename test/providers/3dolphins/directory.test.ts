/**
 * 3Dolphins' directory hooks (src/providers/3dolphins/directory.ts): the Ticket API has no agent,
 * group or contact endpoint, so the provider serves none; ids of the doc's form (32 hex digits)
 * are ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../../src/providers/registry.js";
import type { Provider } from "../../../src/providers/types.js";
import { startSimulator } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { providerFor } from "../../helpers/provider.js";

let sim: Simulator;
let provider: Provider;

beforeAll(async () => {
  sim = await startSimulator({ tickets: 5 });
  provider = (await VENDOR_DESCRIPTORS["3dolphins"].loadProvider!())((await providerFor(sim)).ctx);
});
afterAll(async () => {
  await sim?.close();
});

describe("3Dolphins directory", () => {
  it("serves no agents, teams or contacts of its own", () => {
    expect(provider.agents).toBeUndefined();
    expect(provider.teams).toBeUndefined();
    expect(provider.contacts).toBeUndefined();
  });

  it("32 hex digits (the doc's user ids, e.g. 82ab0fd5cfd1e80d1ff97c0cfc9aa9e2) are an id; names are not, and nothing is asked", () => {
    sim.requests.length = 0;
    expect(provider.isDirectoryId!("agent", "82ab0fd5cfd1e80d1ff97c0cfc9aa9e2")).toBe(true);
    expect(provider.isDirectoryId!("team", sim.fixtures.teamId ?? "0cfa797dffff86a30d1331c99bb28351")).toBe(true);
    expect(provider.isDirectoryId!("agent", "Bot")).toBe(false);
    expect(provider.isDirectoryId!("team", "Billing")).toBe(false);
    expect(sim.requests).toHaveLength(0);
  });
});
