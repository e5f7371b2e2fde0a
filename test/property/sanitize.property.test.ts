/**
 * Issue 8 item 8: arbitrary vendor text never reaches a terminal as a control sequence, while
 * --json stays byte-faithful. The oracle (hostile.ts) is independent of the sanitizer.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/render/json.js";
import { sanitize, sanitizeLine, sanitizeText } from "../../src/render/sanitize.js";
import { anyString, hostileString, offences, osc8Link, printableString, RAW_TERMINAL_CONTROL, terminatedSequence } from "./hostile.js";

const RUNS = { numRuns: 400 };

describe("sanitize: nothing a terminal acts on survives", () => {
  it("one-line output has no control, escape, bidi or invisible character, and no line break or tab", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const out = sanitizeLine(text);
        expect(offences(out, false)).toEqual([]);
        expect(out).not.toMatch(/[\n\r\t]/);
      }),
      RUNS,
    );
  });

  it("multi-line output keeps only \\n and \\t of the controls", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const out = sanitizeText(text);
        expect(offences(out, true)).toEqual([]);
        expect(out).not.toContain("\r");
      }),
      RUNS,
    );
  });

  it("holds for text woven with escape sequences, C1 bytes, bidi controls and cut sequences", () => {
    fc.assert(
      fc.property(hostileString, fc.boolean(), (text, multiline) => {
        expect(offences(sanitize(text, { multiline }), multiline)).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe("sanitize: stable and faithful", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (text, multiline) => {
        const once = sanitize(text, { multiline });
        expect(sanitize(once, { multiline })).toBe(once);
      }),
      RUNS,
    );
  });

  it("leaves printable text unchanged (one line)", () => {
    fc.assert(
      fc.property(printableString(false), (text) => {
        expect(sanitizeLine(text)).toBe(text);
      }),
      RUNS,
    );
  });

  it("leaves printable text unchanged (multi-line, \\n and \\t included)", () => {
    fc.assert(
      fc.property(printableString(true), (text) => {
        expect(sanitizeText(text)).toBe(text);
      }),
      RUNS,
    );
  });

  it("removes a complete escape sequence whole and nothing around it", () => {
    fc.assert(
      fc.property(printableString(false), terminatedSequence, printableString(false), (before, seq, after) => {
        expect(sanitizeLine(before + seq + after)).toBe(before + after);
      }),
      RUNS,
    );
  });

  it("an OSC 8 hyperlink loses its link and keeps its visible text", () => {
    fc.assert(
      fc.property(printableString(false), printableString(false), printableString(false), (before, text, after) => {
        expect(sanitizeLine(before + osc8Link(text) + after)).toBe(before + text + after);
      }),
      RUNS,
    );
  });

  it("one-line output is the multi-line output with each run of line breaks and tabs made one space", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        expect(sanitizeLine(text)).toBe(sanitizeText(text).replace(/[\n\t]+/g, " "));
      }),
      RUNS,
    );
  });
});

describe("--json stays byte-faithful", () => {
  it("a string encodes to JSON that parses back to exactly the input", () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (text, pretty) => {
        expect(JSON.parse(toJson(text, pretty))).toBe(text);
      }),
      RUNS,
    );
  });

  it("encoded text has no raw control character: C0, DEL, C1, bidi controls and U+2028/9 are \\u-escaped", () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const encoded = toJson({ subject: text, tags: [text] });
        expect(encoded).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect(encoded).not.toMatch(RAW_TERMINAL_CONTROL);
      }),
      RUNS,
    );
  });

  it("any JSON value (hostile strings as keys and values) round-trips", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        anyString,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(anyString, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), (v, pretty) => {
        expect(JSON.parse(toJson(v, pretty))).toStrictEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });
});
