/**
 * toIsoUtc (src/providers/shared/dates.ts) returns a date already in the model's form as it is,
 * without a Date: the answer must be what Date.parse + toISOString give, for every field in and
 * out of range (hour 24, day 31 of April, 29 February of a common year, minute 60...).
 */
import { describe, expect, it } from "vitest";
import { toIsoUtc } from "../../../src/providers/shared/dates.js";

function viaDate(value: string): string | null {
  const ms = /^\d{10,}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return year < 0 || year > 9999 ? null : d.toISOString();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

describe("toIsoUtc on dates in the model's form", () => {
  it("agrees with Date.parse for every field in and out of range", () => {
    let checked = 0;
    for (const y of [0, 1, 1900, 1970, 2000, 2023, 2024, 2100, 9999])
      for (let mo = 0; mo <= 13; mo++)
        for (let d = 0; d <= 32; d++)
          for (const h of [0, 23, 24, 25])
            for (const mi of [0, 59, 60])
              for (const s of [0, 59, 60]) {
                const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.123Z`;
                if (toIsoUtc(text) !== viaDate(text)) expect.fail(`${text}: ${toIsoUtc(text)} vs ${viaDate(text)}`);
                checked++;
              }
    expect(checked).toBeGreaterThan(100_000);
  });

  it("near misses go the long way and still agree", () => {
    for (const text of ["2026-01-10T11:57:00.000z", "2026-01-10 11:57:00.000Z", "2026-01-10T11:57:00Z", "2026-01-10T11:57:00.0000Z", "+02026-01-10T11:57:00.000Z", "2026-1a-10T11:57:00.000Z", "2026-01-10T11:57:00.000+01:00", " 2026-01-10T11:57:00.000Z"]) {
      expect(toIsoUtc(text), text).toBe(viaDate(text));
    }
    const same = "2026-02-28T23:59:59.999Z";
    expect(toIsoUtc(same)).toBe(same);
  });
});
