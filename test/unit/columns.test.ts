/** Fitting columns to the terminal width (src/render/columns.ts): what is dropped, cut and kept. */
import { describe, expect, it } from "vitest";
import { DROP_ORDER, fitColumns, FLEX_MIN, FLEX_MIN_BESIDE_TEXT, GAP, TEXT_MIN, type ColumnSpec } from "../../src/render/columns.js";

const spec = (key: string, kind: ColumnSpec["kind"], natural: number, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key, kind, natural, ...extra });
/** The default ticket columns, with a vendor's id width. */
const tickets = (idWidth: number, empty: string[] = []): ColumnSpec[] =>
  [
    spec("id", "whole", idWidth),
    spec("status", "whole", 8),
    spec("priority", "whole", 8),
    spec("subject", "flex", 60),
    spec("assignee", "text", 15),
    spec("requester", "text", 14),
    spec("updatedAt", "date", 12, { short: 7 }),
  ].map((s) => (empty.includes(s.key) ? { ...s, empty: true } : s));

function layoutOf(specs: ColumnSpec[], width: number) {
  const l = fitColumns(specs, width);
  const keys = l.shown.map((i) => specs[i]!.key);
  const w = Object.fromEntries(keys.map((k, n) => [k, l.widths[n]!]));
  const total = l.widths.reduce((a, b) => a + b, 0) + GAP * (l.widths.length - 1);
  return { keys, w, total, short: l.shortDates };
}

describe("fitColumns", () => {
  it("everything at natural width, dates long, when there is room", () => {
    const l = layoutOf(tickets(4), 200);
    expect(l.keys).toEqual(["id", "status", "priority", "subject", "assignee", "requester", "updatedAt"]);
    expect(l.w["subject"]).toBe(60);
    expect(l.short).toBe(false);
  });

  it.each([60, 80, 100, 120, 160])("at %i columns: fits, ids whole, the subject at least as wide as every other text column", (width) => {
    for (const idWidth of [4, 10, 32, 36]) {
      const l = layoutOf(tickets(idWidth), width);
      expect(l.total).toBeLessThanOrEqual(width);
      expect(l.w["id"]).toBe(idWidth);
      expect(l.keys).toContain("subject");
      for (const k of ["assignee", "requester"]) if (l.w[k] !== undefined) expect(l.w["subject"]).toBeGreaterThanOrEqual(l.w[k]!);
      if (l.keys.some((k) => k === "assignee" || k === "requester")) expect(l.w["subject"]).toBeGreaterThanOrEqual(FLEX_MIN_BESIDE_TEXT);
      else expect(l.w["subject"]).toBeGreaterThanOrEqual(Math.min(FLEX_MIN, 60));
      for (const k of ["assignee", "requester"]) if (l.w[k] !== undefined) expect(l.w[k]).toBeGreaterThanOrEqual(TEXT_MIN);
    }
  });

  it("drops columns in the stated order as the terminal narrows, and never the id or the subject", () => {
    let previous = tickets(10).map((s) => s.key);
    for (let width = 200; width >= 30; width--) {
      const { keys } = layoutOf(tickets(10), width);
      const dropped = previous.filter((k) => !keys.includes(k));
      for (const k of dropped) expect(DROP_ORDER.indexOf(k)).toBeGreaterThanOrEqual(0);
      // Whatever is gone went in DROP_ORDER: nothing shown comes earlier in it than something dropped.
      const gone = tickets(10).map((s) => s.key).filter((k) => !keys.includes(k));
      for (const g of gone) for (const k of keys) if (DROP_ORDER.includes(k)) expect(DROP_ORDER.indexOf(k)).toBeGreaterThan(DROP_ORDER.indexOf(g));
      expect(keys).toContain("id");
      expect(keys).toContain("subject");
      previous = keys;
    }
  });

  it("dates go short before a text column is cut, and long again when all fits", () => {
    const specs = [spec("id", "whole", 4), spec("subject", "flex", 30), spec("updatedAt", "date", 12, { short: 7 })];
    expect(layoutOf(specs, 50).short).toBe(false);
    expect(layoutOf(specs, 49).short).toBe(true);
    expect(layoutOf(specs, 49).w["subject"]).toBe(30);
  });

  it("a column empty in every row is dropped before anything is cut, and kept while all fits", () => {
    expect(layoutOf(tickets(36, ["priority"]), 200).keys).toContain("priority");
    const l = layoutOf(tickets(36, ["priority"]), 120);
    expect(l.keys).not.toContain("priority");
    expect(l.keys).toContain("status");
  });

  it("text columns are cut to the same width, never below TEXT_MIN: a column is dropped instead", () => {
    const specs = [spec("id", "whole", 4), spec("subject", "flex", 60), spec("assignee", "text", 30), spec("requester", "text", 30)];
    const l = layoutOf(specs, 90);
    expect(l.w["assignee"]).toBe(l.w["requester"]);
    expect(l.w["subject"]).toBeGreaterThanOrEqual(l.w["assignee"]!);
    expect(l.total).toBeLessThanOrEqual(90);
    const narrow = layoutOf(specs, 50);
    expect(narrow.keys).toEqual(["id", "subject", "assignee"].filter((k) => narrow.keys.includes(k)));
    expect(narrow.keys).not.toContain("requester");
  });

  it("when even the id does not fit, the id stays whole and the subject gets at least one column", () => {
    const l = layoutOf(tickets(36), 30);
    expect(l.keys).toEqual(["id", "subject"]);
    expect(l.w["id"]).toBe(36);
    expect(l.w["subject"]).toBeGreaterThanOrEqual(1);
  });

  it("tables without a subject: names and ids stay whole, other text is cut", () => {
    const specs = [spec("name", "whole", 20), spec("vendor", "whole", 9), spec("baseUrl", "flex", 80), spec("error", "text", 40)];
    // baseUrl is the flex column only when there is no subject/body/what/error: here error comes first.
    const l = layoutOf(specs, 70);
    expect(l.w["name"]).toBe(20);
    expect(l.total).toBeLessThanOrEqual(70);
  });
});
