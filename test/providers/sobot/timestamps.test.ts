/**
 * Issue 13: Sobot's ticket lists (doc lines 2949-2973, 3186-3210) carry no first-response,
 * resolution or customer-message time, so its tickets have none of the three keys (stats says so).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../../src/model/types.js";
import { startSimulator } from "../../../src/sandbox/sobot/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

describe("Sobot ticket timestamps (issue 13)", () => {
  let sim: Simulator;
  let tickets: Ticket[];
  beforeAll(async () => {
    sim = await startSimulator({ tickets: 20 });
    tickets = await collect((await providerFor(sim)).provider.list({ all: true }));
  });
  afterAll(() => sim.close());

  it("leaves lastCustomerMessageAt, firstResponseAt and resolvedAt absent", () => {
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) {
      expect(t).not.toHaveProperty("lastCustomerMessageAt");
      expect(t).not.toHaveProperty("firstResponseAt");
      expect(t).not.toHaveProperty("resolvedAt");
    }
  });
});
