/** Dates and widths for people (src/render/format.ts), wrapping (wrap.ts), nested values (values.ts), HTML bodies (html.ts). */
import { beforeAll, describe, expect, it } from "vitest";
import { absoluteTime, displayWidth, padEnd, relativeTimeShort, truncate, whenText } from "../../src/render/format.js";
import { htmlToText, looksLikeHtml } from "../../src/render/html.js";
import { inlineValue, valueLines } from "../../src/render/values.js";
import { hang, wrapText } from "../../src/render/wrap.js";

beforeAll(() => {
  process.env["TZ"] = "UTC";
});

const now = new Date("2026-11-23T14:03:00Z");

describe("dates", () => {
  it("absolute local time, then the relative one", () => {
    expect(absoluteTime("2026-11-20T14:03:59.123Z")).toBe("2026-11-20 14:03");
    expect(whenText("2026-11-20T14:03:00Z", now)).toBe("2026-11-20 14:03 (3 days ago)");
    expect(whenText(null, now)).toBe("");
    expect(whenText("not a date", now)).toBe("not a date");
  });

  it("short relative times for narrow tables", () => {
    expect(relativeTimeShort("2026-11-23T03:03:00Z", now)).toBe("11h ago");
    expect(relativeTimeShort("2026-11-20T14:03:00Z", now)).toBe("3d ago");
    expect(relativeTimeShort("2026-07-20T14:03:00Z", now)).toBe("4mo ago");
    expect(relativeTimeShort("2026-11-23T14:02:50Z", now)).toBe("just now");
    expect(relativeTimeShort("2026-11-23T16:03:00Z", now)).toBe("in 2h");
  });
});

describe("display widths", () => {
  it("wide characters take two columns, colors none; cuts keep whole graphemes", () => {
    expect(displayWidth("退款申请")).toBe(8);
    expect(displayWidth("\u001b[31mred\u001b[39m")).toBe(3);
    expect(truncate("退款申请已提交", 7)).toBe("退款申…");
    expect(displayWidth(truncate("退款申请已提交", 7))).toBeLessThanOrEqual(7);
    expect(truncate("👩‍💻👩‍💻👩‍💻", 5)).toBe("👩‍💻👩‍💻…");
    expect(truncate("short", 10)).toBe("short");
    expect(padEnd("退款", 6)).toBe("退款  ");
  });
});

describe("wrapping", () => {
  it("every line within the width; long words broken; blank lines and indentation kept", () => {
    const text = "A first paragraph that is long enough to wrap twice at twenty.\n\n    indented quote that wraps as well\nhttps://example.com/a/very/long/path/without/spaces";
    const lines = wrapText(text, 20);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
    expect(lines).toContain("");
    expect(lines.filter((l) => l.startsWith("    ")).length).toBeGreaterThanOrEqual(2);
    expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
  });

  it("hang: a label, then continuation lines under the value", () => {
    expect(hang("Tags  ", "      ", "alpha, beta, gamma, delta", 20)).toEqual(["Tags  alpha, beta,", "      gamma, delta"]);
  });
});

describe("nested values", () => {
  it("objects as key: value lines, nested ones indented, lists joined; never JSON", () => {
    const v = { id: "65d5", entity: "agents", version: { number: 6, tags: ["a", "b"] }, items: [{ sku: "X1" }, { sku: "X2" }], none: null };
    const lines = valueLines(v);
    expect(lines).toEqual(["id: 65d5", "entity: agents", "version:", "  number: 6", "  tags: a, b", "items:", "  - sku: X1", "  - sku: X2", "none: —"]);
    expect(lines.join("\n")).not.toMatch(/[{}"]/);
    expect(inlineValue(v)).toBe("id: 65d5, entity: agents, version: (number: 6, tags: a, b), items: (sku: X1), (sku: X2), none: ");
    expect(valueLines("a\u001b[31mb")).toEqual(["ab"]);
  });
});

describe("HTML bodies", () => {
  it("markup a rich-text editor writes is HTML; a plain mention of a tag is not", () => {
    expect(looksLikeHtml("<p>Hello</p>")).toBe(true);
    expect(looksLikeHtml("Fish &amp; chips")).toBe(true);
    expect(looksLikeHtml("is a < b or <world>?")).toBe(false);
    expect(htmlToText("is a < b or <world>?")).toBe("is a < b or <world>?");
  });

  it("paragraphs, breaks, lists, links and entities become text", () => {
    const text = htmlToText('<p>Hello <b>Ana</b>,</p><p>Line one<br>line two &amp; more</p><ul><li>first</li><li>second</li></ul><p><a href="https://x.test/r">the report</a></p>');
    expect(text).toBe("Hello Ana,\n\nLine one\nline two & more\n\n * first\n * second\n\nthe report [https://x.test/r]");
  });
});
