/**
 * Issue 8 item 8: any payload that matches a vendor's wire schema maps to a valid model. For each
 * vendor, arbitrary wire payloads (wire-arbitraries.ts) are parsed with the provider's own zod
 * schema, mapped with the provider's own map functions, and checked with the model's schemas
 * (src/model/schema.ts). Unknown status values must pass through as vendorStatus.
 * A mapping may refuse a payload only with a typed error (a CliError or a ZodError, which the
 * command layer turns into exit 1 naming the field), never with a crash.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CliError } from "../../src/errors.js";
import { STATUSES } from "../../src/model/enums.js";
import { HistoryEventSchema, MessageSchema, TicketDetailSchema, TicketSchema } from "../../src/model/schema.js";
import * as comm100 from "../../src/providers/comm100/map.js";
import * as comm100Wire from "../../src/providers/comm100/schema.js";
import * as sobot from "../../src/providers/sobot/map.js";
import * as sobotWire from "../../src/providers/sobot/schema.js";
import * as dolphins from "../../src/providers/3dolphins/map.js";
import * as dolphinsWire from "../../src/providers/3dolphins/schema.js";
import * as zaia from "../../src/providers/zaia/map.js";
import * as zaiaWire from "../../src/providers/zaia/schema.js";
import { anyString } from "./hostile.js";
import * as wire from "./wire-arbitraries.js";

const RUNS = { numRuns: 200 };

/**
 * The payload as the provider's schema reads it. A payload the schema refuses is outside these
 * properties (a refusal is a ZodError, which is a fine answer) and is skipped; the generators are
 * kept honest by the "generators match the schemas" test below.
 */
function parseWire<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  fc.pre(result.success);
  return result.data as z.output<S>;
}

/** Map, then check the result with a model schema; a typed refusal is allowed, a crash is not. */
function expectModel<T>(model: z.ZodType, map: () => T): T | undefined {
  let value: T;
  try {
    value = map();
  } catch (err) {
    if (err instanceof CliError || err instanceof z.ZodError) return undefined;
    throw err;
  }
  const result = model.safeParse(value);
  if (!result.success) throw new Error(`not a valid model: ${z.prettifyError(result.error)}`);
  return value;
}

/** A status value nobody documented: it must reach vendorStatus unchanged. */
const unknownStatus = (known: readonly string[]) =>
  anyString.filter((s) => s.trim() === s && s !== "" && wire.notPrototypeKey(s) && !known.some((k) => k.toLowerCase() === s.toLowerCase()));

const profile = fc.constantFrom("default", "work", "");

describe("the generators match the wire schemas (else the properties below would skip most runs)", () => {
  const pairs: [string, fc.Arbitrary<unknown>, z.ZodType][] = [
    ["Comm100 ticket", wire.comm100Ticket, comm100Wire.WireTicketSchema],
    ["Comm100 message", wire.comm100Message, comm100Wire.WireMessageSchema],
    ["Comm100 note", wire.comm100Note, comm100Wire.WireNoteSchema],
    ["Sobot list item", wire.sobotListTicket, sobotWire.ListTicketSchema],
    ["Sobot detail", wire.sobotDetail, sobotWire.TicketDetailSchema],
    ["Sobot status info", wire.sobotStatusInfo, sobotWire.StatusInfoSchema],
    ["3Dolphins ticket", wire.threeDolphinsTicket, dolphinsWire.WireTicketSchema],
    ["3Dolphins message", wire.threeDolphinsMessage, dolphinsWire.WireMessageSchema],
    ["Zaia detail row", wire.zaiaRow, zaiaWire.DetailRowSchema],
    ["Zaia ticket entity", wire.zaiaEntity, zaiaWire.TicketEntitySchema],
    ["Zaia chat message", wire.zaiaChatMessage, zaiaWire.ChatMessageSchema],
  ];
  it.each(pairs)("%s", (_name, arb, schema) => {
    const refused = fc.sample(arb, { numRuns: 300, seed: 42 }).map((p) => schema.safeParse(p)).filter((r) => !r.success);
    expect(refused.length, refused[0] && !refused[0].success ? z.prettifyError(refused[0].error) : "").toBeLessThan(15);
  });
});

describe("Comm100 wire -> model", () => {
  it("a ticket, with its messages, notes and event log, is a valid TicketDetail", () => {
    fc.assert(
      fc.property(wire.comm100Ticket, fc.array(wire.comm100Message, { maxLength: 3 }), fc.array(wire.comm100Note, { maxLength: 2 }), profile, fc.boolean(), (t, ms, ns, name, raw) => {
        const w = parseWire(comm100Wire.WireTicketSchema, t);
        const ticket = expectModel(TicketSchema, () => comm100.ticketFromComm100(w, name, raw ? t : undefined));
        const messages = [
          ...ms.map((m) => expectModel(MessageSchema, () => comm100.messageFromComm100(parseWire(comm100Wire.WireMessageSchema, m)))),
          ...ns.map((n) => expectModel(MessageSchema, () => comm100.noteFromComm100(parseWire(comm100Wire.WireNoteSchema, n)))),
        ];
        const history = expectModel(z.array(HistoryEventSchema), () => comm100.historyFromComm100(w));
        if (!ticket || messages.some((m) => !m) || !history) return;
        // Composed the way the provider's show() composes it.
        const valid = messages as NonNullable<(typeof messages)[number]>[];
        expectModel(TicketDetailSchema, () => ({ ...ticket, messages: valid, attachments: valid.flatMap((m) => m.attachments), history }));
      }),
      RUNS,
    );
  });

  it("an unknown status passes through as vendorStatus", () => {
    fc.assert(
      fc.property(wire.comm100Ticket, unknownStatus(Object.keys(comm100.STATUS_FROM_COMM100)), (t, status) => {
        const ticket = expectModel(TicketSchema, () => comm100.ticketFromComm100(parseWire(comm100Wire.WireTicketSchema, { ...t, status }), "p", undefined));
        if (ticket) expect(ticket.vendorStatus).toBe(status);
      }),
      RUNS,
    );
  });
});

describe("Sobot wire -> model", () => {
  const context = fc.record({
    profile,
    timeZone: wire.timeZone,
    infos: fc.array(wire.sobotStatusInfo, { maxLength: 4 }),
    raw: fc.boolean(),
    directory: fc.option(fc.record({ agent: fc.option(anyString, { nil: null }), group: fc.option(anyString, { nil: null }) }), { nil: undefined }),
  });
  type Context = typeof context extends fc.Arbitrary<infer C> ? C : never;
  const mapContext = (c: Context): sobot.MapContext => ({
    profile: c.profile,
    timeZone: c.timeZone,
    statuses: new sobot.StatusTable(c.infos.map((i) => parseWire(sobotWire.StatusInfoSchema, i))),
    raw: c.raw,
    directory: c.directory && { agentIdByName: () => c.directory!.agent, groupIdByName: () => c.directory!.group },
  });

  it("a list item is a valid Ticket", () => {
    fc.assert(
      fc.property(wire.sobotListTicket, context, (t, c) => {
        expectModel(TicketSchema, () => sobot.mapTicket(parseWire(sobotWire.ListTicketSchema, t), mapContext(c), t));
      }),
      RUNS,
    );
  });

  it("get_ticket_by_id's item (replies, files, custom fields, update log) is a valid TicketDetail", () => {
    fc.assert(
      fc.property(wire.sobotDetail, context, fc.boolean(), (t, c, history) => {
        expectModel(TicketDetailSchema, () => sobot.mapDetail(parseWire(sobotWire.TicketDetailSchema, t), mapContext(c), history, t));
      }),
      RUNS,
    );
  });

  it("an unknown ticket_status passes through as vendorStatus", () => {
    fc.assert(
      fc.property(wire.sobotListTicket, context, fc.oneof(unknownStatus(Object.keys(sobot.BUILTIN_STATUS)), fc.integer({ min: 100, max: 100000 })), (t, c, status) => {
        const ticket = expectModel(TicketSchema, () => sobot.mapTicket(parseWire(sobotWire.ListTicketSchema, { ...t, ticket_status: status }), mapContext(c), t));
        if (ticket) expect(ticket.vendorStatus).toBe(String(status));
      }),
      RUNS,
    );
  });
});

describe("3Dolphins wire -> model", () => {
  it("a ticket, with its conversation and lifecycle, is a valid TicketDetail", () => {
    fc.assert(
      fc.property(wire.threeDolphinsTicket, fc.array(wire.threeDolphinsMessage, { maxLength: 3 }), profile, fc.boolean(), (t, ms, name, withBase) => {
        const base = withBase ? wire.THREE_DOLPHINS_FILE_BASE : undefined;
        const w = parseWire(dolphinsWire.WireTicketSchema, t);
        const ticket = expectModel(TicketSchema, () => dolphins.ticketFromVendor(w, name, t));
        const first = expectModel(MessageSchema.nullable(), () => dolphins.firstMessageOf(w, base));
        const messages = ms.map((m) => expectModel(MessageSchema, () => dolphins.messageFromVendor(parseWire(dolphinsWire.WireMessageSchema, m), base)));
        const history = expectModel(z.array(HistoryEventSchema), () => dolphins.historyOf(w));
        if (!ticket || messages.some((m) => !m) || !history) return;
        // Composed the way the provider's show() composes it.
        const all = [...(first ? [first] : []), ...(messages as NonNullable<(typeof messages)[number]>[])];
        expectModel(TicketDetailSchema, () => ({
          ...ticket,
          messages: all,
          attachments: all.flatMap((m) => m.attachments),
          history,
          ...(w.customFields ? { customFields: w.customFields } : {}),
        }));
      }),
      RUNS,
    );
  });

  it("an unknown status passes through as vendorStatus", () => {
    fc.assert(
      fc.property(wire.threeDolphinsTicket, unknownStatus(Object.keys(dolphins.STATUS_FROM_VENDOR)), (t, status) => {
        const ticket = expectModel(TicketSchema, () => dolphins.ticketFromVendor(parseWire(dolphinsWire.WireTicketSchema, { ...t, status }), "p"));
        if (ticket) expect(ticket.vendorStatus).toBe(status);
      }),
      RUNS,
    );
  });
});

describe("Zaia wire -> model", () => {
  it("a detail row, with its chat messages, custom fields and lifecycle, is a valid TicketDetail", () => {
    fc.assert(
      fc.property(wire.zaiaRow, fc.array(wire.zaiaChatMessage, { maxLength: 3 }), profile, fc.boolean(), fc.boolean(), (r, ms, name, raw, history) => {
        const row = parseWire(zaiaWire.DetailRowSchema, r);
        const ctx = { profile: name, raw };
        const ticket = expectModel(TicketSchema, () => zaia.rowToTicket(row, r, ctx));
        const messages = ms.map((m) => expectModel(MessageSchema, () => zaia.chatMessageToModel(parseWire(zaiaWire.ChatMessageSchema, m), row.chatOwnerId)));
        const events = expectModel(z.array(HistoryEventSchema), () => zaia.rowHistory(row));
        if (!ticket || messages.some((m) => !m) || !events) return;
        // Composed the way the provider's show() composes it.
        expectModel(TicketDetailSchema, () => ({
          ...ticket,
          messages: messages as NonNullable<(typeof messages)[number]>[],
          attachments: [],
          customFields: zaia.rowCustomFields(row),
          ...(history ? { history: events } : {}),
        }));
      }),
      RUNS,
    );
  });

  it("a write answer's ticket entity is a valid Ticket", () => {
    fc.assert(
      fc.property(wire.zaiaEntity, profile, fc.boolean(), (e, name, raw) => {
        expectModel(TicketSchema, () => zaia.entityToTicket(parseWire(zaiaWire.TicketEntitySchema, e), e, { profile: name, raw }));
      }),
      RUNS,
    );
  });

  it("an unknown status passes through as vendorStatus", () => {
    fc.assert(
      fc.property(wire.zaiaRow, unknownStatus(["pending", "ongoing", "completed"]), (r, status) => {
        const ticket = expectModel(TicketSchema, () => zaia.rowToTicket(parseWire(zaiaWire.DetailRowSchema, { ...r, status }), r, { profile: "p", raw: false }));
        if (ticket) {
          expect(ticket.vendorStatus).toBe(status);
          expect(STATUSES).toContain(ticket.status);
        }
      }),
      RUNS,
    );
  });
});

describe("an empty id is refused (a ZodError), never mapped to a model without an id", () => {
  /** Parse and map; the schema refusing it is the right answer, a mapped value must be valid. */
  function refusedOrValid(schema: z.ZodType, payload: unknown, model: z.ZodType, map: (w: never) => unknown): void {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return;
    expectModel(model, () => map(parsed.data as never));
  }
  const emptyId = fc.constantFrom("", "   ");

  it("Comm100 tickets, messages and notes", () => {
    fc.assert(
      fc.property(wire.comm100Ticket, wire.comm100Message, wire.comm100Note, emptyId, (t, m, n, id) => {
        refusedOrValid(comm100Wire.WireTicketSchema, { ...t, id }, TicketSchema, (w) => comm100.ticketFromComm100(w, "p", undefined));
        refusedOrValid(comm100Wire.WireMessageSchema, { ...m, id }, MessageSchema, (w) => comm100.messageFromComm100(w));
        refusedOrValid(comm100Wire.WireNoteSchema, { ...n, id }, MessageSchema, (w) => comm100.noteFromComm100(w));
      }),
      { numRuns: 50 },
    );
  });

  it("Sobot tickets", () => {
    fc.assert(
      fc.property(wire.sobotListTicket, wire.timeZone, emptyId, (t, timeZone, ticketid) => {
        const ctx: sobot.MapContext = { profile: "p", timeZone, statuses: new sobot.StatusTable(), raw: false };
        refusedOrValid(sobotWire.ListTicketSchema, { ...t, ticketid }, TicketSchema, (w) => sobot.mapTicket(w, ctx));
      }),
      { numRuns: 50 },
    );
  });

  it("3Dolphins tickets (ticketNumber is the id)", () => {
    fc.assert(
      fc.property(wire.threeDolphinsTicket, emptyId, (t, ticketNumber) => {
        refusedOrValid(dolphinsWire.WireTicketSchema, { ...t, ticketNumber }, TicketSchema, (w) => dolphins.ticketFromVendor(w, "p"));
      }),
      { numRuns: 50 },
    );
  });

  it("Zaia rows and chat messages", () => {
    fc.assert(
      fc.property(wire.zaiaRow, wire.zaiaChatMessage, emptyId, (r, m, id) => {
        refusedOrValid(zaiaWire.DetailRowSchema, { ...r, id }, TicketSchema, (w) => zaia.rowToTicket(w, r, { profile: "p", raw: false }));
        refusedOrValid(zaiaWire.ChatMessageSchema, { ...m, id }, MessageSchema, (w) => zaia.chatMessageToModel(w, null));
      }),
      { numRuns: 50 },
    );
  });
});

describe("a timestamp outside ISO-8601's years 0000-9999 maps to null or a valid date, never a crash", () => {
  const ts = wire.extremeTimestamp;
  const asString = ts.map(String);

  it("Comm100 createdTime / lastUpdatedTime / message time", () => {
    fc.assert(
      fc.property(wire.comm100Ticket, wire.comm100Message, ts, (t, m, at) => {
        expectModel(TicketSchema, () => comm100.ticketFromComm100(parseWire(comm100Wire.WireTicketSchema, { ...t, createdTime: at, lastUpdatedTime: at }), "p", undefined));
        expectModel(MessageSchema, () => comm100.messageFromComm100(parseWire(comm100Wire.WireMessageSchema, { ...m, time: at })));
      }),
      { numRuns: 100 },
    );
  });

  it("Sobot create_datetime_ms / create_datetime", () => {
    // Sobot ignores *_ms past 2200 and reads the wall-clock string: 9999-12-31 23:59:59 in a zone
    // west of UTC is in year 10000.
    const wallClock = fc.oneof(asString, fc.constant("9999-12-31 23:59:59"));
    fc.assert(
      fc.property(wire.sobotListTicket, wire.timeZone, ts, wallClock, (t, timeZone, ms, text) => {
        const ctx: sobot.MapContext = { profile: "p", timeZone, statuses: new sobot.StatusTable(), raw: false };
        expectModel(TicketSchema, () => sobot.mapTicket(parseWire(sobotWire.ListTicketSchema, { ...t, create_datetime_ms: ms, create_datetime: text }), ctx));
      }),
      { numRuns: 100 },
    );
  });

  it("3Dolphins createdDate / modifiedDate", () => {
    fc.assert(
      fc.property(wire.threeDolphinsTicket, ts, (t, at) => {
        expectModel(TicketSchema, () => dolphins.ticketFromVendor(parseWire(dolphinsWire.WireTicketSchema, { ...t, createdDate: at, modifiedDate: at }), "p"));
      }),
      { numRuns: 100 },
    );
  });

  it("Zaia createdAt / completedAt", () => {
    fc.assert(
      fc.property(wire.zaiaRow, asString, (r, at) => {
        expectModel(TicketSchema, () => zaia.rowToTicket(parseWire(zaiaWire.DetailRowSchema, { ...r, createdAt: at, completedAt: at }), r, { profile: "p", raw: false }));
      }),
      { numRuns: 100 },
    );
  });
});

describe("an enum value named like an Object.prototype member ('toString', '__proto__') maps like any unknown value", () => {
  const k = wire.prototypeKey;

  it("Comm100 status, priority, sentByType", () => {
    fc.assert(
      fc.property(wire.comm100Ticket, wire.comm100Message, k, k, k, (t, m, status, priority, sentByType) => {
        const ticket = expectModel(TicketSchema, () => comm100.ticketFromComm100(parseWire(comm100Wire.WireTicketSchema, { ...t, status, priority }), "p", undefined));
        if (ticket) expect(ticket.vendorStatus).toBe(status);
        expectModel(MessageSchema, () => comm100.messageFromComm100(parseWire(comm100Wire.WireMessageSchema, { ...m, sentByType })));
      }),
      { numRuns: 100 },
    );
  });

  it("Sobot ticket_status, ticket_level, ticket_from, start_type, file_type", () => {
    fc.assert(
      fc.property(wire.sobotDetail, wire.timeZone, k, k, k, k, (t, timeZone, status, level, from, startType) => {
        const ctx: sobot.MapContext = { profile: "p", timeZone, statuses: new sobot.StatusTable(), raw: false };
        const payload = {
          ...t,
          ticket_status: status,
          ticket_level: level,
          ticket_from: from,
          start_type: startType,
          file_list: [{ file_type: from, file_url: "https://x.example/a" }, { file_name: "a.constructor" }],
          deal_list: [{ reply_content: "hi", start_type: startType, reply_type: startType }],
          update_log_list: [{ update_title: "x", start_type: startType }],
        };
        const detail = expectModel(TicketDetailSchema, () => sobot.mapDetail(parseWire(sobotWire.TicketDetailSchema, payload), ctx, true));
        if (detail) expect(detail.vendorStatus).toBe(status);
      }),
      { numRuns: 100 },
    );
  });

  it("3Dolphins status, timelineStatus, severity, replyAgent, a file link's extension", () => {
    fc.assert(
      fc.property(wire.threeDolphinsTicket, wire.threeDolphinsMessage, k, k, k, (t, m, status, severity, replyAgent) => {
        const ticket = expectModel(TicketSchema, () => dolphins.ticketFromVendor(parseWire(dolphinsWire.WireTicketSchema, { ...t, status, timelineStatus: status, severity }), "p"));
        if (ticket) expect(ticket.vendorStatus).toBe(status);
        const message = `see ${wire.THREE_DOLPHINS_FILE_BASE}/abc/report.constructor`;
        expectModel(MessageSchema, () => dolphins.messageFromVendor(parseWire(dolphinsWire.WireMessageSchema, { ...m, message, answer: true, replyAgent }), wire.THREE_DOLPHINS_FILE_BASE));
      }),
      { numRuns: 100 },
    );
  });

  it("Zaia status, channelType, senderEntity", () => {
    fc.assert(
      fc.property(wire.zaiaRow, wire.zaiaChatMessage, k, k, k, (r, m, status, channelType, senderEntity) => {
        const ticket = expectModel(TicketSchema, () => zaia.rowToTicket(parseWire(zaiaWire.DetailRowSchema, { ...r, status, channelType }), r, { profile: "p", raw: false }));
        if (ticket) expect(ticket.vendorStatus).toBe(status);
        expectModel(MessageSchema, () => zaia.chatMessageToModel(parseWire(zaiaWire.ChatMessageSchema, { ...m, senderEntity, senderId: "someone", sender: null }), null));
      }),
      { numRuns: 100 },
    );
  });
});
