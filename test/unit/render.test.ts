import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/errors.js";
import { colorLevelFor, type IO } from "../../src/io.js";
import type { Ticket } from "../../src/model/types.js";
import { csvCell } from "../../src/render/csv.js";
import { parseFields } from "../../src/render/fields.js";
import { relativeTime, truncate } from "../../src/render/format.js";
import { toJson, writeJsonArray, writeNdjson } from "../../src/render/json.js";
import { createOutput, type Peek, writeTicketList } from "../../src/render/output.js";
import { plainLine, renderPlain } from "../../src/render/plain.js";
import { renderTable } from "../../src/render/table.js";
import { sanitize, sanitizeLine, sanitizeText } from "../../src/render/sanitize.js";

describe("sanitize (untrusted text for a terminal)", () => {
  it.each([
    ["CSI color", "a\u001b[31mred\u001b[0m", "ared"],
    ["OSC title with BEL", "x\u001b]0;owned\u0007y", "xy"],
    ["OSC 8 hyperlink with ST", "\u001b]8;;http://evil\u001b\\click\u001b]8;;\u001b\\", "click"],
    ["8-bit CSI", "a\u009b31mb", "ab"],
    ["DCS", "a\u001bPq#0;2;0;0;0\u001b\\b", "ab"],
    ["bidi override", "abc\u202edcba", "abcdcba"],
    ["C0 and DEL", "a\u0000b\u0008c\u007fd", "abcd"],
    ["newlines fold in one-line cells", "line1\nline2\r\nline3", "line1 line2 line3"],
  ])("%s", (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });
  it("keeps newlines in message bodies", () => {
    expect(sanitize("a\r\nb\u001b[2Jc", { multiline: true })).toBe("a\nbc");
  });
  it("keeps ordinary Unicode", () => {
    expect(sanitize("Müller 日本 😀")).toBe("Müller 日本 😀");
  });
  it.each([
    ["OSC 52 clipboard write", "a\u001b]52;c;ZWNobyBvd25lZA==\u0007b", "ab"],
    ["OSC title with 8-bit ST", "a\u001b]2;t\u009cb", "ab"],
    ["8-bit OSC", "a\u009d0;t\u0007b", "ab"],
    ["SOS, PM and APC strings", "a\u001bXsos\u001b\\b\u001b^pm\u001b\\c\u001b_apc\u001b\\d", "abcd"],
    ["8-bit DCS and APC", "a\u0090q\u009cb\u009fx\u009cc", "abc"],
    ["CSI with private marker and intermediates", "a\u001b[?1049hb\u001b[2 qc", "abc"],
    ["charset designation (nF escape)", "a\u001b(0lqk\u001b(Bb", "alqkb"],
    ["keypad/cursor escapes", "a\u001b7b\u001b8c\u001bcd", "abcd"],
    ["lone ESC keeps the next character", "a\u001b日本", "a日本"],
    ["ESC at the very end", "abc\u001b", "abc"],
    ["unterminated OSC stops at the next escape", "a\u001b]0;title\u001b[31mb", "ab"],
    ["CAN aborts a control string", "a\u001b]0;t\u0018b", "ab"],
    ["every C1 control", "a\u0080\u0085\u008d\u009b\u009cb", "ab"],
    ["bidi isolates", "a\u2066b\u2067c\u2068d\u2069e", "abcde"],
    ["bidi marks", "a\u200eb\u200fc\u061cd", "abcd"],
    ["zero-width space, word joiner, BOM", "a\u200bb\u2060c\ufeffd", "abcd"],
    ["tag characters (invisible text)", "ok\u{e0001}\u{e0069}\u{e0067}\u{e006e}\u{e006f}\u{e0072}\u{e0065}", "ok"],
    ["Unicode line separators fold too", "a\u2028b\u2029c", "a b c"],
    ["tabs fold", "a\t\tb", "a b"],
  ])("removes %s", (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });
  it("keeps joiners that words and emoji need, and emoji flag tag sequences", () => {
    const kept = ["👩\u200d💻", "می\u200cخواهم", "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}", "❤\ufe0f", "e\u0301"];
    for (const text of kept) expect(sanitize(text)).toBe(text);
  });
  it("an unterminated control string ends with its line in multi-line text", () => {
    expect(sanitizeText("line1 \u001b]8;;http://evil\nline2")).toBe("line1 \nline2");
  });
  it("sanitizeLine puts everything on one line; sanitizeText keeps \\n and \\t", () => {
    expect(sanitizeLine("a\nb\r\nc\rd\te")).toBe("a b c d e");
    expect(sanitizeText("a\nb\r\nc\rd\te\u000bf\u000cg")).toBe("a\nb\nc\nd\tefg");
    expect(sanitizeText("a\u2028b")).toBe("a\nb");
  });
  it("is idempotent on a mixed hostile sample", () => {
    const hostile = "\u001b\u001b[31m[0m\u009b\u001b]0;x\u001b\\\u202e\r\n\u0000\u200b🏴\u0007\u{e0067}\u{e007f}";
    const once = sanitize(hostile, { multiline: true });
    expect(sanitize(once, { multiline: true })).toBe(once);
    expect(sanitizeLine(sanitizeLine(hostile))).toBe(sanitizeLine(hostile));
  });
});

describe("JSON output", () => {
  it("escapes C1 controls and bidi overrides but parses back to the same value", () => {
    const value = { s: "a\u009bb\u202ec\u2028d\u001b" };
    const text = toJson(value);
    expect(text).not.toMatch(/[\u001b\u009b\u202e\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
  it("streams an array, a page per write, and produces [] for nothing", async () => {
    let out = "";
    const writes: string[] = [];
    async function* pages() {
      yield [{ a: 1 }, { a: 2 }];
      yield [{ a: 3 }];
    }
    async function* none(): AsyncGenerator<{ a: number }[]> {}
    expect(await writeJsonArray((s) => (writes.push(s), (out += s)), pages(), (x) => x)).toBe(3);
    expect(JSON.parse(out)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(writes).toHaveLength(3); // two pages, then the closing bracket
    out = "";
    await writeJsonArray((s) => (out += s), none(), (x) => x);
    expect(out).toBe("[]\n");
  });

  it("a page that fails part-way: what was made of it is written, and the array is closed", async () => {
    let out = "";
    async function* pages() {
      yield [{ a: 1 }, { a: 2 }];
    }
    const project = (x: { a: number }) => {
      if (x.a === 2) throw new Error("cannot print");
      return x;
    };
    await expect(writeJsonArray((s) => (out += s), pages(), project)).rejects.toThrow("cannot print");
    expect(JSON.parse(out)).toEqual([{ a: 1 }]);
    out = "";
    await expect(writeNdjson((s) => (out += s), pages(), project)).rejects.toThrow("cannot print");
    expect(out).toBe('{"a":1}\n');
  });
});

describe("CSV, fields, formatting, color", () => {
  it("quotes per RFC 4180 and strips escapes", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("\u001b[31mred")).toBe("red");
  });
  it("checks --fields against the allowed keys", () => {
    expect(parseFields("id, status", ["id", "status"])).toEqual(["id", "status"]);
    expect(() => parseFields("id,nope", ["id"])).toThrow(/unknown field "nope"; available: id/);
    expect(parseFields(undefined, ["id"])).toBeUndefined();
  });
  it("humanizes dates against an injected clock", () => {
    const now = new Date("2026-01-10T12:00:00Z");
    expect(relativeTime("2026-01-10T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2026-01-10T11:57:00Z", now)).toBe("3 minutes ago");
    expect(relativeTime("2026-01-08T12:00:00Z", now)).toBe("2 days ago");
    expect(relativeTime("2026-01-10T14:00:00Z", now)).toBe("in 2 hours");
    expect(relativeTime(null, now)).toBe("");
  });
  it("truncates with an ellipsis", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
  });
  it("colors only on a TTY, and honors NO_COLOR, FORCE_COLOR and --no-color", () => {
    expect(colorLevelFor(false, {}, false)).toBe(0);
    expect(colorLevelFor(true, {}, false)).toBeGreaterThan(0);
    expect(colorLevelFor(true, { NO_COLOR: "1" }, false)).toBe(0);
    expect(colorLevelFor(true, {}, true)).toBe(0);
    expect(colorLevelFor(false, { FORCE_COLOR: "1" }, false)).toBe(1);
    expect(colorLevelFor(true, { FORCE_COLOR: "0" }, false)).toBe(0);
  });
});

describe("plain output for a pipe, and --limit's peek", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  const ticket = (id: string, subject: string): Ticket => ({
    id,
    number: id,
    subject,
    status: "open",
    vendorStatus: "Open",
    priority: null,
    assignee: { id: "a1", name: "Ana", email: null },
    team: null,
    requester: null,
    channel: "Email",
    tags: ["x", "y"],
    createdAt: "2026-01-09T08:00:00.000Z",
    updatedAt: "2026-01-10T11:57:00.000Z",
    vendor: "comm100",
    profile: "work",
  });
  const io = (isTTY: boolean, errIsTTY = isTTY) => {
    const buf = { out: "", err: "" };
    const value = {
      out: (s: string) => void (buf.out += s),
      err: (s: string) => void (buf.err += s),
      isTTY,
      errIsTTY,
      colorLevel: 0,
      columns: 120,
      canPrompt: false,
      closed: new AbortController().signal,
      flush: async () => {},
    } as IO;
    return { io: value, buf };
  };
  async function* walk(tickets: Ticket[], seen: { n: number }, failAt?: number) {
    for (const [i, t] of tickets.entries()) {
      if (i === failAt) throw new NetworkError("page 2 failed");
      seen.n++;
      yield t;
    }
  }

  it("plainLine: tab-separated, no padding, ISO dates, empty cells for nulls, values folded and sanitized", () => {
    const t = ticket("7", "a\tb\nc\u001b[31md\u202e");
    expect(plainLine(t as unknown as Record<string, unknown>, ["id", "subject", "priority", "assignee", "tags", "updatedAt"])).toBe("7\ta b cd\t\tAna\tx;y\t2026-01-10T11:57:00.000Z\n");
    expect(renderPlain([], ["id"])).toBe("");
  });

  it("renderTable is a padded table with a header and humanized dates on a terminal, plain lines on a pipe", () => {
    const rows = [ticket("1", "One"), ticket("22", "Two")] as unknown as Record<string, unknown>[];
    const tty = renderTable(io(true).io, rows, ["id", "subject", "updatedAt"], now);
    expect(tty.split("\n")[0]).toMatch(/^ID\s+SUBJECT\s+UPDATED/);
    expect(tty).toMatch(/3 minutes ago/);
    expect(renderTable(io(false).io, rows, ["id", "subject", "updatedAt"], now)).toBe("1\tOne\t2026-01-10T11:57:00.000Z\n22\tTwo\t2026-01-10T11:57:00.000Z\n");
  });

  it("writeTicketList streams plain lines on a pipe, each ticket written before the walk waits for the next", async () => {
    // Tickets that arrive one at a time (each after a turn of the event loop, as pages come from
    // the network): each line is written before the next ticket is read.
    const { io: pipe, buf } = io(false);
    const seen = { n: 0 };
    const writes: number[] = [];
    const watching = { ...pipe, out: (s: string) => { pipe.out(s); writes.push(seen.n); } } as IO;
    async function* slowly(tickets: Ticket[]) {
      for (const t of tickets) {
        await new Promise((r) => setTimeout(r, 1));
        seen.n++;
        yield t;
      }
    }
    const n = await writeTicketList(createOutput(watching, {}, now), slowly([ticket("1", "a"), ticket("2", "b"), ticket("3", "c")]), undefined);
    expect(n).toBe(3);
    expect(writes).toEqual([1, 2, 3]);
    expect(buf.out.split("\n")).toHaveLength(4);

    // Tickets available at once (one page): one write for all of them (render/batch.ts).
    const { io: pipe2, buf: buf2 } = io(false);
    const seen2 = { n: 0 };
    const writes2: number[] = [];
    const watching2 = { ...pipe2, out: (s: string) => { pipe2.out(s); writes2.push(seen2.n); } } as IO;
    expect(await writeTicketList(createOutput(watching2, { ndjson: true }, now), walk([ticket("1", "a"), ticket("2", "b"), ticket("3", "c")], seen2), undefined)).toBe(3);
    expect(writes2).toEqual([3]);
    expect(buf2.out.trim().split("\n").map((l) => (JSON.parse(l) as Ticket).id)).toEqual(["1", "2", "3"]);
  });

  it("with a peek, one ticket past the limit is read, never printed, and says the list was cut", async () => {
    const tickets = [1, 2, 3, 4].map((i) => ticket(String(i), `s${i}`));
    for (const [given, more] of [[4, true], [3, false]] as const) {
      const { io: o, buf } = io(false);
      const seen = { n: 0 };
      const peek: Peek = { more: false };
      const n = await writeTicketList(createOutput(o, { json: true }, now), walk(tickets.slice(0, given), seen), 3, { count: 0 }, peek);
      expect(n).toBe(3);
      expect((JSON.parse(buf.out) as Ticket[]).map((t) => t.id)).toEqual(["1", "2", "3"]);
      expect(peek.more).toBe(more);
      expect(seen.n).toBe(given);
    }
  });

  it("a failure while peeking does not fail the list; a failure before the limit does", async () => {
    const tickets = [1, 2, 3, 4].map((i) => ticket(String(i), `s${i}`));
    const peek: Peek = { more: false };
    const { io: o } = io(false);
    expect(await writeTicketList(createOutput(o, { ndjson: true }, now), walk(tickets, { n: 0 }, 3), 3, { count: 0 }, peek)).toBe(3);
    expect(peek.more).toBe(false);
    await expect(writeTicketList(createOutput(o, { ndjson: true }, now), walk(tickets, { n: 0 }, 2), 3, { count: 0 }, { more: false })).rejects.toThrow(/page 2 failed/);
  });
});
