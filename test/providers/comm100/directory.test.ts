/**
 * Comm100's directory hooks (src/providers/comm100/directory.ts): [S1] documents no agent,
 * department or contact endpoint, so the provider serves none (the directory reads recent tickets);
 * it knows the id form: guids ([S1] lines 30, 31, 37).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../../src/providers/registry.js";
import type { Provider } from "../../../src/providers/types.js";
import { startSimulator } from "../../../src/sandbox/comm100/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { providerFor } from "../../helpers/provider.js";

let sim: Simulator;
let provider: Provider;

beforeAll(async () => {
  sim = await startSimulator({ tickets: 5 });
  provider = (await VENDOR_DESCRIPTORS.comm100.loadProvider!())((await providerFor(sim)).ctx);
});
afterAll(async () => {
  await sim?.close();
});

describe("Comm100 directory", () => {
  it("serves no agents, teams or contacts of its own", () => {
    expect(provider.agents).toBeUndefined();
    expect(provider.teams).toBeUndefined();
    expect(provider.contacts).toBeUndefined();
  });

  it("a guid is an id (any case); a name, an email or a number is not, and nothing is asked", () => {
    sim.requests.length = 0;
    expect(provider.isDirectoryId!("agent", "1487fc9d-92e6-4487-a2e8-92e68d6892e6")).toBe(true);
    expect(provider.isDirectoryId!("team", "91B032D9-0D07-4798-95F7-7EA482BC592C")).toBe(true);
    expect(provider.isDirectoryId!("contact", "E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4")).toBe(true);
    expect(provider.isDirectoryId!("agent", "Ana Wijaya")).toBe(false);
    expect(provider.isDirectoryId!("agent", "ana.wijaya@support.example.com")).toBe(false);
    expect(provider.isDirectoryId!("team", "42")).toBe(false);
    expect(sim.requests).toHaveLength(0);
  });
});
