/**
 * fastParse (src/providers/shared/shape.ts): a schema's parse through a function compiled from
 * its own definition must answer exactly as zod does: the same inputs accepted (with deep-equal
 * values, the same keys present or absent) and the same rejected (with zod's own ZodError). Each
 * vendor's list schemas are checked against zod's parse on generated rows: real-looking ones and
 * ones with every field missing, null, of the wrong type, blank or out of range.
 */
import fc from "fast-check";
import * as z from "zod";
import { describe, expect, it } from "vitest";
import * as dolphins from "../../../src/providers/3dolphins/schema.js";
import * as comm100 from "../../../src/providers/comm100/schema.js";
import { fastParse } from "../../../src/providers/shared/fast-parse.js";
import * as sobot from "../../../src/providers/sobot/schema.js";
import * as zaia from "../../../src/providers/zaia/schema.js";

/** zod's own answer (the module function, not the schema's method fastParse replaced). */
const byZod = (schema: z.ZodType, value: unknown) => z.safeParse(schema, value);

const leaf = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom("", " ", "\t", "x", "true", "false", "12", "-3.5", "2026-01-10T11:57:00.000Z", "1700000000000"),
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -1, 1.5),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("id", "name", "email", "text", "x"), fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

/** Objects over the schema's keys (each present, missing, or any leaf), plus a stray key. */
function rows(keys: string[], good: Record<string, unknown>) {
  return fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...keys), leaf), { maxLength: 8 }), fc.subarray(keys), fc.boolean())
    .map(([changes, dropped, stray]) => {
      const row: Record<string, unknown> = { ...good };
      for (const k of dropped) delete row[k];
      for (const [k, v] of changes) {
        if (v === undefined) delete row[k];
        else row[k] = v;
      }
      if (stray) row["stray"] = 1;
      return row;
    });
}

function agrees(schema: z.ZodType, value: unknown) {
  const zod = byZod(schema, value);
  const fast = schema.safeParse(value);
  expect(fast.success).toBe(zod.success);
  if (zod.success) {
    expect(fast.data).toStrictEqual(zod.data);
    // The keys in zod's order too (printed JSON follows it): the compiled object is built by a literal.
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(zod.data));
    expect(schema.parse(value)).toStrictEqual(zod.data);
  } else {
    expect(() => schema.parse(value)).toThrow(z.ZodError);
    expect((fast as { error: z.ZodError }).error.issues).toStrictEqual(zod.error.issues);
  }
}

const CASES: [string, z.ZodType, Record<string, unknown>][] = [
  ["zaia DetailRowSchema", zaia.DetailRowSchema, { id: "t1", chatId: "c1", status: "pending", summary: "Hi", createdAt: "2026-01-10T11:57:00.000Z", assigneeId: "a1", pendingChatMessages: 2, chatIsRemoved: false }],
  ["comm100 WireTicketSchema", comm100.WireTicketSchema, { id: "g1", subject: "Hi", status: "open", createdTime: "2026-01-10T11:57:00Z", tagIds: ["x"], tags: [{ id: "x", name: "VIP" }], assignee: { id: "a", name: "Ana" }, isReadByAgent: true }],
  ["sobot ListTicketSchema", sobot.ListTicketSchema, { ticketid: "abc", ticket_title: "Hi", ticket_status: "1", create_datetime_ms: 1700000000000, score: 5 }],
  ["3dolphins WireTicketSchema", dolphins.WireTicketSchema, { id: "1", ticketNumber: "T-1", subject: "Hi", priority: true, createdDate: 1700000000000, ticketTags: ["a"], contact: { id: "c", contactEmail: ["a@b"] }, customFields: { a: 1 } }],
];

describe("fastParse answers as zod does", () => {
  for (const [name, schema, good] of CASES) {
    const keys = [...Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape)];
    it(`${name}: generated rows`, () => {
      agrees(schema, good);
      fc.assert(fc.property(rows(keys, good), (row) => agrees(schema, row)), { numRuns: 400 });
    });
  }

  it("the list envelopes and pages: sample answers and wrong shapes", () => {
    const values: unknown[] = [null, undefined, 1, "x", [], {}, [1, 2], { tickets: [] }, { tickets: [{ id: 1 }], nextPage: "?pageIndex=2", total: 3 }, { tickets: "no" }];
    for (const v of values) agrees(comm100.TicketPageSchema, v);
    for (const v of [...values, { ret_code: "000000", ret_msg: "ok", items: [], page_count: 2 }, { retCode: 0 }, { ret_msg: "no code" }]) agrees(sobot.EnvelopeSchema, v);
    for (const v of [...values, { status: "success", data: [], hasMore: "true", nextIndex: "50", totalResults: 120 }, { status: 200, hasMore: "maybe" }]) agrees(dolphins.EnvelopeSchema, v);
    for (const v of [...values, [{ id: "t", chatId: "c", status: "pending" }], [{ id: " ", chatId: "c", status: "x" }]]) agrees(zaia.DetailRowsSchema, v);
  });

  it("objects with keys left unset: one literal per set of keys, past 30 fields and past the cache of shapes", () => {
    const keys = Array.from({ length: 35 }, (_, i) => `k${i}`);
    const schema = fastParse(z.object(Object.fromEntries(keys.map((k, i) => [k, i % 3 === 0 ? z.string() : z.string().optional()]))));
    const row = (present: (i: number) => boolean) => Object.fromEntries(keys.flatMap((k, i) => (i % 3 === 0 || present(i) ? [[k, `v${i}`]] : [])));
    // 100 sets of present keys (more than the 64 literals kept), each parsed twice.
    for (let n = 0; n < 100; n++) for (let twice = 0; twice < 2; twice++) agrees(schema, row((i) => ((n * 7919) >> i) % 2 === 1 || i === n % 35));
    fc.assert(fc.property(fc.array(fc.boolean(), { minLength: 35, maxLength: 35 }), (flags) => agrees(schema, row((i) => flags[i]!))), { numRuns: 200 });
  });

  it("kinds it does not write out (records, enums, defaults, strict objects, refinements) are zod's own", () => {
    const schema = fastParse(
      z.object({
        e: z.enum(["a", "b"]).optional(),
        d: z.string().default("dflt"),
        r: z.record(z.string(), z.number()).nullish(),
        s: z.strictObject({ k: z.string() }).optional(),
        n: z.number().int().nonnegative().optional(),
        t: z.string().trim().min(1).optional(),
        f: z.string().refine((v) => v !== "no", "no").optional(),
        // optional in, not optional out: a missing key stays missing, a key given as undefined stays
        o: z.string().optional().transform((v) => v),
        // a default: a missing key is filled
        g: z.number().default(7).transform((v) => v + 1),
      }),
    );
    const values: unknown[] = [{}, { e: "a" }, { e: "c" }, { d: undefined }, { d: 1 }, { r: { a: 1 } }, { r: { a: "1" } }, { s: { k: "v" } }, { s: { k: "v", x: 1 } }, { n: 1.5 }, { n: -1 }, { n: 3 }, { t: "  " }, { t: " x " }, { f: "no" }, { f: "yes" }, { o: undefined }, { o: "x" }, { g: undefined }, { g: 1 }, { g: "1" }];
    for (const v of values) agrees(schema, v);
  });
});
