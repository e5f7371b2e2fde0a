/** Sobot's stored HTML as text, and comparing what was sent with what Sobot stored (html.ts). */
import { describe, expect, it } from "vitest";
import { htmlToText, normalizeText, sameText } from "../../../src/providers/sobot/html.js";

describe("sobot html", () => {
  it("reads the doc's example and common editor markup as text", () => {
    expect(htmlToText("<p>343</p>")).toBe("343"); // vendor-docs/sobot-ticket-api.txt line 3527
    expect(htmlToText("<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x4E2D;</p>")).toBe(`a & b <c> "d" 'e' 中`);
    expect(htmlToText("<p>line one<br/>line two</p><p>para</p>")).toBe("line one\nline two\npara");
    expect(htmlToText('<div><span style="color:red">red</span>&nbsp;text</div>')).toBe("red text");
  });

  it("leaves text without markup alone (a < b, <world>)", () => {
    for (const t of ["a < b and c > d", "use <world> here", "plain"]) expect(htmlToText(t)).toBe(t);
  });

  it("matches a sent text with what Sobot stored, whichever way it stored it", () => {
    expect(sameText("Tried <Ctrl> & Shift?\nThen restart.", "<p>Tried &lt;Ctrl&gt; &amp; Shift?<br/>Then restart.</p>")).toBe(true);
    expect(sameText("Tried <Ctrl> & Shift?", "Tried <Ctrl> & Shift?")).toBe(true);
    expect(sameText("  spaced   out ", "<p>spaced out</p>")).toBe(true);
    expect(sameText("one", "<p>two</p>")).toBe(false);
    expect(normalizeText("<p>a</p>\n<p>b</p>")).toBe("a b");
  });
});
