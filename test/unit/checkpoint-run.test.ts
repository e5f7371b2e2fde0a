/** src/commands/list/checkpoint-run.ts: which changes are after a mark, and where the mark moves. */
import { describe, expect, it } from "vitest";
import type { Ticket } from "../../src/model/types.js";
import { advanceMark, isAfterMark, nextCheckpoint, queryAfterMark } from "../../src/commands/list/checkpoint-run.js";

function ticket(id: string, updatedAt: string | null, createdAt: string | null = null): Ticket {
  return { id, number: null, subject: id, status: "open", vendorStatus: "open", priority: null, assignee: null, team: null, requester: null, channel: null, tags: [], createdAt, updatedAt, vendor: "sobot", profile: "p" };
}
const T = "2026-03-01T10:00:00.000Z";
const LATER = "2026-03-01T10:00:00.001Z";

describe("checkpoint marks", () => {
  it("after the mark: a later change, or the mark's instant and not printed at it; never an undated ticket", () => {
    const mark = { at: T, ids: ["a"] };
    expect(isAfterMark(ticket("a", T), mark)).toBe(false);
    expect(isAfterMark(ticket("b", T), mark)).toBe(true);
    expect(isAfterMark(ticket("a", LATER), mark)).toBe(true);
    expect(isAfterMark(ticket("c", "2026-03-01T09:59:59.999Z"), mark)).toBe(false);
    expect(isAfterMark(ticket("d", null, LATER), mark)).toBe(true); // createdAt when never updated
    expect(isAfterMark(ticket("e", null, null), mark)).toBe(false);
    expect(isAfterMark(ticket("e", null, null), null)).toBe(false);
    expect(isAfterMark(ticket("f", "2020-01-01T00:00:00Z"), null)).toBe(true);
  });

  it("moves to the newest change printed with every id at that instant; equal instants add ids", () => {
    expect(advanceMark(null, [])).toBeNull();
    expect(advanceMark(null, [ticket("a", "2026-03-01T09:00:00Z"), ticket("b", T), ticket("c", T)])).toEqual({ at: T, ids: ["b", "c"] });
    expect(advanceMark({ at: T, ids: ["b"] }, [ticket("c", T)])).toEqual({ at: T, ids: ["b", "c"] });
    expect(advanceMark({ at: T, ids: ["b"] }, [ticket("c", LATER)])).toEqual({ at: LATER, ids: ["c"] });
    expect(advanceMark({ at: T, ids: ["b"] }, [])).toEqual({ at: T, ids: ["b"] });
  });

  it("a --limit batch cut inside one instant: the next run prints the rest of it, nothing twice", () => {
    const changes = [ticket("x", T), ticket("y", T), ticket("z", T)];
    const first = advanceMark(null, changes.slice(0, 2));
    const rest = changes.filter((t) => isAfterMark(t, first));
    expect(rest.map((t) => t.id)).toEqual(["z"]);
    const second = advanceMark(first, rest);
    expect(changes.filter((t) => isAfterMark(t, second))).toEqual([]);
  });

  it("asks the vendor for updatedSince at the mark only where it can filter by it, never below --updated-since", () => {
    const mark = { at: T, ids: [] };
    expect(queryAfterMark({}, mark, ["status", "updatedSince"]).updatedSince).toEqual(new Date(T));
    expect(queryAfterMark({}, mark, ["status"]).updatedSince).toBeUndefined();
    expect(queryAfterMark({}, null, ["updatedSince"]).updatedSince).toBeUndefined();
    const later = new Date("2026-04-01T00:00:00Z");
    expect(queryAfterMark({ updatedSince: later }, mark, ["updatedSince"]).updatedSince).toEqual(later);
  });

  it("the next checkpoint keeps its creation time and records the run", () => {
    const started = new Date("2026-03-02T00:00:00Z");
    const first = nextCheckpoint(undefined, { name: "h", profile: "p", vendor: "sobot" }, [ticket("a", T)], started);
    expect(first).toEqual({ version: 1, name: "h", profile: "p", vendor: "sobot", mark: { at: T, ids: ["a"] }, createdAt: started.toISOString(), lastRun: { at: started.toISOString(), printed: 1 } });
    const later = new Date("2026-03-03T00:00:00Z");
    const second = nextCheckpoint(first, { name: "h", profile: "p", vendor: "sobot" }, [], later);
    expect(second.createdAt).toBe(started.toISOString());
    expect(second.mark).toEqual(first.mark);
    expect(second.lastRun).toEqual({ at: later.toISOString(), printed: 0 });
  });
});
