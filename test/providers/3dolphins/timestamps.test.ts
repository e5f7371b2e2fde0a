/**
 * Issue 13: the stats timestamps 3Dolphins' list answer gives (doc lines 71-72, 86): resolvedAt =
 * closedDate of a closed ticket; firstResponseAt = createdDate + responseTime seconds. Asserted
 * against the simulator's document-shaped tickets (--raw) over real HTTP, and after an agent's
 * first answer (sendMessage) to an unanswered ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../../src/model/types.js";
import type { Provider } from "../../../src/providers/types.js";
import { startSimulator } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

describe("3Dolphins ticket timestamps (issue 13)", () => {
  let sim: Simulator;
  let provider: Provider;
  let tickets: Ticket[];
  beforeAll(async () => {
    sim = await startSimulator({ tickets: 40 });
    provider = (await providerFor(sim, { raw: true })).provider;
    tickets = await collect(provider.list({ all: true }));
  });
  afterAll(() => sim.close());

  it("maps closedDate and responseTime from the list answer; no customer-message time", () => {
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) {
      const w = t.raw as Record<string, unknown>;
      const closed = w["status"] === "Closed";
      expect(t.resolvedAt, t.id).toBe(closed && Number(w["closedDate"]) > 0 ? new Date(Number(w["closedDate"])).toISOString() : null);
      const rt = Number(w["responseTime"] ?? 0);
      expect(t.firstResponseAt, t.id).toBe(rt > 0 ? new Date(Number(w["createdDate"]) + rt * 1000).toISOString() : null);
      expect(t.lastCustomerMessageAt).toBeUndefined();
    }
    expect(tickets.filter((t) => t.resolvedAt).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.firstResponseAt).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.firstResponseAt === null).length).toBeGreaterThan(0);
  });

  it("an agent's first answer gives the ticket its responseTime, and so a firstResponseAt", async () => {
    const unanswered = tickets.find((t) => t.firstResponseAt === null && t.status !== "closed");
    expect(unanswered).toBeDefined();
    await provider.reply!(unanswered!.id, { body: "On it.", internal: false });
    const after = (await collect(provider.list({ all: true }))).find((t) => t.id === unanswered!.id)!;
    expect(after.firstResponseAt).not.toBeNull();
    expect(Date.parse(after.firstResponseAt!)).toBeGreaterThan(Date.parse(after.createdAt!));
  });
});
