/**
 * Issue 13: the stats timestamps Zaia's ticket rows give (doc lines 64-66, 80-82): resolvedAt =
 * completedAt; firstResponseAt = ongoingAt (inferred). Asserted against the simulator's
 * document-shaped rows (--raw) over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../../src/model/types.js";
import { startSimulator } from "../../../src/sandbox/zaia/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** The document-shaped row of a ticket, wherever --raw keeps it. */
function rowOf(t: Ticket): Record<string, unknown> {
  const raw = t.raw as Record<string, unknown>;
  return (raw["data"] as Record<string, unknown> | undefined) ?? raw;
}

describe("Zaia ticket timestamps (issue 13)", () => {
  let sim: Simulator;
  let tickets: Ticket[];
  beforeAll(async () => {
    sim = await startSimulator({ tickets: 40 });
    tickets = await collect((await providerFor(sim, { raw: true })).provider.list({ all: true }));
  });
  afterAll(() => sim.close());

  it("maps completedAt and ongoingAt from the rows; no customer-message time", () => {
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) {
      const w = rowOf(t);
      expect("completedAt" in w, JSON.stringify(w).slice(0, 200)).toBe(true);
      expect(t.resolvedAt, t.id).toBe(iso(w["completedAt"]));
      expect(t.firstResponseAt, t.id).toBe(iso(w["ongoingAt"]));
      expect(t.lastCustomerMessageAt).toBeUndefined();
    }
    expect(tickets.filter((t) => t.resolvedAt).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.firstResponseAt).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.firstResponseAt === null).length).toBeGreaterThan(0);
  });
});
