/** src/commands/list/order.ts: the order `ticket list` prints in, total and stable. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import type { Ticket } from "../../src/model/types.js";
import { compareIds, dateOf, orderTickets, parseSortKey } from "../../src/commands/list/order.js";

function ticket(id: string, updatedAt: string | null, createdAt: string | null = null, profile = "p"): Ticket {
  return { id, number: null, subject: id, status: "open", vendorStatus: "open", priority: null, assignee: null, team: null, requester: null, channel: null, tags: [], createdAt, updatedAt, vendor: "comm100", profile };
}
const ids = (ts: Ticket[]) => ts.map((t) => `${t.profile === "p" ? "" : `${t.profile}:`}${t.id}`);

describe("list order", () => {
  const ts = [
    ticket("1", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"),
    ticket("2", null, "2026-01-03T00:00:00Z"), // no update: its creation is its last activity
    ticket("3", "2026-01-05T00:00:00Z", "2025-12-01T00:00:00Z"),
    ticket("4", null, null), // no date at all
    ticket("5", "2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z"), // same instant as 1
  ];

  it("last activity newest first; ties by id in the same direction; undated last", () => {
    const r = orderTickets(ts, { key: "updated", reverse: false });
    expect(ids(r.tickets)).toEqual(["3", "2", "5", "1", "4"]);
    expect(r.undated).toBe(1);
  });

  it("--reverse: oldest first, undated still last", () => {
    expect(ids(orderTickets(ts, { key: "updated", reverse: true }).tickets)).toEqual(["1", "5", "2", "3", "4"]);
  });

  it("--sort created: creation only; a ticket without createdAt is undated", () => {
    const r = orderTickets(ts, { key: "created", reverse: false });
    expect(ids(r.tickets)).toEqual(["2", "5", "1", "3", "4"]);
    expect(r.undated).toBe(1);
  });

  it("the same order whatever order the vendor sent (fan-out: then by profile)", () => {
    const many = [ticket("9", "2026-01-01T00:00:00Z", null, "b"), ticket("9", "2026-01-01T00:00:00Z", null, "a"), ...ts];
    const a = ids(orderTickets(many, { key: "updated", reverse: false }).tickets);
    const b = ids(orderTickets([...many].reverse(), { key: "updated", reverse: false }).tickets);
    expect(a).toEqual(b);
    expect(a.slice(-3)).toEqual(["a:9", "b:9", "4"]);
  });

  it("numeric ids compare as numbers, others as text", () => {
    expect(compareIds("999", "1040")).toBeLessThan(0);
    expect(compareIds("b", "a")).toBeGreaterThan(0);
    expect(compareIds("a1", "a1")).toBe(0);
  });

  it("dateOf falls back to createdAt for activity; an unparseable date is no date", () => {
    expect(dateOf(ticket("x", null, "2026-01-01T00:00:00Z"))).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(dateOf(ticket("x", "garbage", null))).toBeUndefined();
  });

  it("--sort: updated, created or none (none given: undefined, the command's default), anything else a usage error naming the flag", () => {
    expect(parseSortKey(undefined)).toBeUndefined();
    expect(parseSortKey(" NONE ")).toBe("none");
    expect(parseSortKey("Created")).toBe("created");
    expect(() => parseSortKey("priority")).toThrow(UsageError);
    expect(() => parseSortKey("priority")).toThrow(/--sort takes updated, created or none, not "priority"/);
  });
});
