/**
 * Issue 8 item 8 through the real renderers: normalized tickets, details and messages with
 * hostile text in every text field, rendered by src/render/output.ts (table, CSV, the `show`
 * view, --json, --ndjson) into a capturing IO. People's formats never carry a control sequence
 * the renderer did not put there itself (its own colors); JSON and NDJSON round-trip exactly.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadColors } from "../../src/render/color.js";
import type { IO } from "../../src/io.js";
import { AUTHOR_TYPES, PRIORITIES, STATUSES, VENDORS } from "../../src/model/enums.js";
import { MessageSchema, TicketDetailSchema, TicketSchema } from "../../src/model/schema.js";
import type { Attachment, Message, Ticket, TicketDetail } from "../../src/model/types.js";
import { cellText, DETAIL_FIELDS, MESSAGE_FIELDS, pick, TICKET_FIELDS } from "../../src/render/fields.js";
import { createOutput, type Format, writeDetail, writeMessage, writeRecords, writeTicket, writeTicketList } from "../../src/render/output.js";
import { sanitizeText } from "../../src/render/sanitize.js";
import { anyString, offences, RAW_TERMINAL_CONTROL } from "./hostile.js";

// Renderers paint with chalk, which a run loads only when it has color (src/main.ts).
beforeAll(loadColors);

const RUNS = { numRuns: 200 };
const NOW = new Date("2026-01-10T12:00:00Z");

// ------------------------------------------------------------------------------ the model

const text = anyString;
const id = anyString.filter((s) => s.length > 0);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const isoDate = nullable(fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()));
// noNullPrototype: JSON.parse builds ordinary objects, and toStrictEqual compares prototypes.
const record = <T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record<T>(shape, { noNullPrototype: true });
const dictionary = <T>(value: fc.Arbitrary<T>, maxKeys: number) => fc.dictionary(text, value, { maxKeys, noNullPrototype: true });
const person = record({ id: nullable(text), name: nullable(text), email: nullable(text) });
const jsonLeaf = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
const jsonValue = fc.oneof(jsonLeaf, fc.array(jsonLeaf, { maxLength: 3 }), dictionary(jsonLeaf, 3));

const ticketArb: fc.Arbitrary<Ticket> = fc
  .record({
    id,
    number: nullable(text),
    subject: text,
    status: fc.constantFrom(...STATUSES),
    vendorStatus: text,
    priority: nullable(fc.constantFrom(...PRIORITIES)),
    assignee: nullable(person),
    team: nullable(record({ id: text, name: nullable(text) })),
    requester: nullable(record({ id: nullable(text), name: nullable(text), email: nullable(text), phone: nullable(text) })),
    channel: nullable(text),
    tags: fc.array(text, { maxLength: 4 }),
    createdAt: isoDate,
    updatedAt: isoDate,
    vendor: fc.constantFrom(...VENDORS),
    profile: text,
    raw: fc.option(jsonValue, { nil: undefined }),
  })
  .map(({ raw, ...t }) => (raw === undefined ? t : { ...t, raw }));

const attachmentArb: fc.Arbitrary<Attachment> = record({
  id: nullable(text),
  name: text,
  size: nullable(fc.nat()),
  contentType: nullable(text),
  url: nullable(text),
});

const messageArb: fc.Arbitrary<Message> = record({
  id,
  author: record({ type: fc.constantFrom(...AUTHOR_TYPES), id: nullable(text), name: nullable(text) }),
  body: text,
  internal: fc.boolean(),
  createdAt: isoDate,
  attachments: fc.array(attachmentArb, { maxLength: 3 }),
});

const detailArb: fc.Arbitrary<TicketDetail> = fc
  .record({
    ticket: ticketArb,
    messages: fc.array(messageArb, { maxLength: 4 }),
    attachments: fc.array(attachmentArb, { maxLength: 3 }),
    history: fc.option(fc.array(record({ at: isoDate, actor: nullable(text), action: text, detail: nullable(text) }), { maxLength: 4 }), { nil: undefined }),
    customFields: fc.option(dictionary(jsonValue, 4), { nil: undefined }),
    satisfaction: fc.option(nullable(record({ score: nullable(fc.integer({ min: 0, max: 10 })), remark: nullable(text), at: isoDate })), { nil: undefined }),
  })
  .map(({ ticket, history, customFields, satisfaction, ...rest }) => ({
    ...ticket,
    ...rest,
    ...(history === undefined ? {} : { history }),
    ...(customFields === undefined ? {} : { customFields }),
    ...(satisfaction === undefined ? {} : { satisfaction }),
  }));

/** `--fields`: none, or a non-empty subset of the allowed keys. */
const fieldsOf = (keys: readonly string[]) => fc.option(fc.subarray([...keys], { minLength: 1 }).map((f) => f.join(",")), { nil: undefined });

// ------------------------------------------------------------------------------ capturing IO

interface Terminal {
  isTTY: boolean;
  colorLevel: 0 | 3;
  columns: number;
}
const terminalArb: fc.Arbitrary<Terminal> = record({
  isTTY: fc.boolean(),
  colorLevel: fc.constantFrom(0 as const, 3 as const),
  columns: fc.integer({ min: 20, max: 240 }),
});

function capture(term: Terminal = { isTTY: false, colorLevel: 0, columns: 100 }) {
  const buf = { out: "", err: "" };
  const io = {
    out: (s: string) => void (buf.out += s),
    err: (s: string) => void (buf.err += s),
    isTTY: term.isTTY,
    errIsTTY: term.isTTY,
    colorLevel: term.colorLevel,
    columns: term.columns,
    canPrompt: false,
    closed: new AbortController().signal,
    flush: async () => {},
  } as IO;
  return { io, buf };
}

async function* stream<T>(items: T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

/** The renderer's own colors (chalk SGR sequences); anything else with an ESC came from vendor text. */
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * What people's formats may hold: \n and \t, CSV's CRLF row ends, and the renderer's colors.
 * Tag-character remnants are let through here: cutting a cell to its width (format.ts truncate,
 * table.ts custom-field labels) can split an emoji flag, leaving a few invisible tag letters,
 * which no terminal acts on. The sanitizer's own properties hold tags to the strict rule.
 */
function expectTerminalSafe(output: string): void {
  const found = offences(output.replace(SGR, "").replace(/\r\n/g, "\n"), true);
  expect(found.filter((o) => !o.why.startsWith("tag character"))).toEqual([]);
}

/** RFC 4180, enough to read back what csv.ts wrote. */
function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  while (i < input.length) {
    if (input[i] === '"') {
      i++;
      while (i < input.length) {
        if (input[i] === '"' && input[i + 1] === '"') (cell += '"'), (i += 2);
        else if (input[i] === '"') {
          i++;
          break;
        } else cell += input[i++];
      }
    } else if (input.startsWith("\r\n", i)) {
      row.push(cell), rows.push(row), (row = []), (cell = ""), (i += 2);
    } else if (input[i] === ",") {
      row.push(cell), (cell = ""), i++;
    } else cell += input[i++];
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

// ------------------------------------------------------------------------------ properties

describe("generated values are valid models (so the properties test the renderers, not the generator)", () => {
  it("tickets, details and messages pass the model schemas", () => {
    fc.assert(
      fc.property(ticketArb, detailArb, messageArb, (t, d, m) => {
        TicketSchema.parse(t);
        TicketDetailSchema.parse(d);
        MessageSchema.parse(m);
      }),
      { numRuns: 100 },
    );
  });
});

describe("people's formats never carry a control sequence from vendor text", () => {
  it("ticket lists as a table or CSV, on a TTY or a pipe, in color or not", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ticketArb, { maxLength: 5 }), terminalArb, fc.constantFrom<Format>("table", "csv"), fieldsOf([...TICKET_FIELDS, "raw"]), async (tickets, term, format, fields) => {
        const { io, buf } = capture(term);
        const n = await writeTicketList(createOutput(io, { csv: format === "csv", fields }, NOW), stream(tickets), undefined);
        expect(n).toBe(tickets.length);
        expectTerminalSafe(buf.out);
        if (term.colorLevel === 0) expect(buf.out).not.toContain("\u001b");
      }),
      RUNS,
    );
  });

  it("a table has one line per ticket plus the header (plain on a pipe: no header, one tab-separated line per ticket): vendor text cannot add a line", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ticketArb, { minLength: 1, maxLength: 5 }), terminalArb, fieldsOf(TICKET_FIELDS), async (tickets, term, fields) => {
        const { io, buf } = capture(term);
        await writeTicketList(createOutput(io, { fields }, NOW), stream(tickets), undefined);
        expect(buf.out.endsWith("\n")).toBe(true);
        const lines = buf.out.slice(0, -1).split("\n");
        expect(lines).toHaveLength(tickets.length + (io.isTTY ? 1 : 0));
        if (!io.isTTY) for (const line of lines) expect(line.split("\t")).toHaveLength(fields?.split(",").length ?? 7);
      }),
      RUNS,
    );
  });

  it("CSV reads back to the same rows and columns, each cell the sanitized text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ticketArb, { maxLength: 5 }), fieldsOf(TICKET_FIELDS), async (tickets, fieldsRaw) => {
        const { io, buf } = capture();
        await writeTicketList(createOutput(io, { csv: true, fields: fieldsRaw }, NOW), stream(tickets), undefined);
        const fields = fieldsRaw?.split(",") ?? [...TICKET_FIELDS];
        const rows = parseCsv(buf.out);
        expect(rows).toHaveLength(tickets.length + 1);
        tickets.forEach((t, r) => {
          expect(rows[r + 1]).toEqual(fields.map((f) => sanitizeText(cellText(t, f))));
        });
      }),
      RUNS,
    );
  });

  it("the show view (header, conversation, files, history, custom fields) and --fields tables", async () => {
    await fc.assert(
      fc.asyncProperty(detailArb, terminalArb, fc.constantFrom<Format>("table", "csv"), fieldsOf([...DETAIL_FIELDS, "raw"]), async (detail, term, format, fields) => {
        const { io, buf } = capture(term);
        await writeDetail(createOutput(io, { csv: format === "csv", fields }, NOW), detail);
        expectTerminalSafe(buf.out);
      }),
      RUNS,
    );
  });

  it("a write verb's ticket and a reply's message", async () => {
    await fc.assert(
      fc.asyncProperty(ticketArb, messageArb, terminalArb, fc.constantFrom<Format>("table", "csv"), async (ticket, message, term, format) => {
        const { io, buf } = capture(term);
        const out = createOutput(io, { csv: format === "csv" }, NOW);
        await writeTicket(out, ticket);
        await writeMessage(out, message);
        expectTerminalSafe(buf.out);
      }),
      RUNS,
    );
  });

  it("plain records (attachments after an upload)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(attachmentArb, { maxLength: 4 }), terminalArb, fc.constantFrom<Format>("table", "csv"), async (rows, term, format) => {
        const { io, buf } = capture(term);
        const keys = ["id", "name", "size", "contentType", "url"];
        await writeRecords(createOutput(io, { csv: format === "csv" }, NOW), rows as unknown as Record<string, unknown>[], keys, ["name", "size", "url"]);
        expectTerminalSafe(buf.out);
      }),
      RUNS,
    );
  });
});

describe("--json and --ndjson round-trip the values exactly, and stay terminal-safe", () => {
  /** JSON text may hold \n between items; every other control and bidi character is \u-escaped. */
  const expectEscaped = (output: string) => {
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(output).not.toMatch(RAW_TERMINAL_CONTROL);
  };

  it("a ticket list as a JSON array and as NDJSON", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ticketArb, { maxLength: 5 }), fieldsOf([...TICKET_FIELDS, "raw"]), async (tickets, fieldsRaw) => {
        const fields = fieldsRaw?.split(",");
        const expected = tickets.map((t) => pick(t, fields));
        const json = capture();
        await writeTicketList(createOutput(json.io, { json: true, fields: fieldsRaw }, NOW), stream(tickets), undefined);
        expect(JSON.parse(json.buf.out)).toStrictEqual(expected);
        expectEscaped(json.buf.out);

        const nd = capture();
        await writeTicketList(createOutput(nd.io, { ndjson: true, fields: fieldsRaw }, NOW), stream(tickets), undefined);
        const lines = nd.buf.out.split("\n");
        expect(lines.pop()).toBe("");
        expect(lines.map((l) => JSON.parse(l))).toStrictEqual(expected);
        expectEscaped(nd.buf.out);
      }),
      RUNS,
    );
  });

  it("a ticket detail, a ticket and a message", async () => {
    await fc.assert(
      fc.asyncProperty(detailArb, messageArb, fc.constantFrom<Format>("json", "ndjson"), fieldsOf(DETAIL_FIELDS), async (detail, message, format, fieldsRaw) => {
        const flags = { json: format === "json", ndjson: format === "ndjson" };
        const d = capture();
        await writeDetail(createOutput(d.io, { ...flags, fields: fieldsRaw }, NOW), detail);
        expect(JSON.parse(d.buf.out)).toStrictEqual(pick(detail, fieldsRaw?.split(",")));
        expectEscaped(d.buf.out);

        const t = capture();
        await writeTicket(createOutput(t.io, flags, NOW), detail);
        expect(JSON.parse(t.buf.out)).toStrictEqual(detail);

        const m = capture();
        await writeMessage(createOutput(m.io, { ...flags, fields: MESSAGE_FIELDS.join(",") }, NOW), message);
        expect(JSON.parse(m.buf.out)).toStrictEqual(message);
        expectEscaped(t.buf.out + m.buf.out);
      }),
      RUNS,
    );
  });
});
