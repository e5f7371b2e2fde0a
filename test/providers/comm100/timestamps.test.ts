/**
 * Issue 13: the stats timestamps Comm100's list answer gives ([S1] lines 46-67), mapped by
 * src/providers/comm100/map.ts, asserted against the simulator's document-shaped tickets (--raw)
 * over real HTTP: resolvedAt = resolvedTime; firstResponseAt = createdTime + firstResponseTimeSpan
 * seconds (guesses.ts); lastCustomerMessageAt = lastRepliedTime when a contact/visitor replied last.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TicketSchema } from "../../../src/model/schema.js";
import type { Ticket } from "../../../src/model/types.js";
import { startSimulator } from "../../../src/sandbox/comm100/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

describe("Comm100 ticket timestamps (issue 13)", () => {
  let sim: Simulator;
  let tickets: Ticket[];
  beforeAll(async () => {
    sim = await startSimulator({ tickets: 40 });
    const { provider } = await providerFor(sim, { raw: true });
    tickets = await collect(provider.list({ all: true }));
  });
  afterAll(() => sim.close());

  it("maps resolvedTime, firstResponseTimeSpan and a customer's lastRepliedTime from the list answer", () => {
    expect(tickets.length).toBe(40);
    for (const t of tickets) {
      const w = t.raw as Record<string, unknown>;
      expect(t.resolvedAt, t.id).toBe(iso(w["resolvedTime"]));
      const span = Number(w["firstResponseTimeSpan"] ?? 0);
      expect(t.firstResponseAt, t.id).toBe(span > 0 ? new Date(Date.parse(w["createdTime"] as string) + span * 1000).toISOString() : null);
      const byCustomer = w["lastRepliedByType"] === "contact" || w["lastRepliedByType"] === "visitor";
      expect(t.lastCustomerMessageAt, t.id).toBe(byCustomer ? iso(w["lastRepliedTime"]) : null);
      expect(() => TicketSchema.parse({ ...t, raw: undefined })).not.toThrow();
    }
    // The seed has every case, so a mapping that drops a field fails here.
    expect(tickets.filter((t) => t.resolvedAt).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.firstResponseAt).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.lastCustomerMessageAt).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.lastCustomerMessageAt === null).length).toBeGreaterThan(0);
  });
});
