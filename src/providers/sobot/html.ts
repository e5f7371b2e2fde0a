/**
 * Sobot stores ticket descriptions and replies as HTML: the doc's detail example has
 * reply_content "<p>343</p>" (vendor-docs/sobot-ticket-api.txt line 3527) for a reply its log
 * records as "343" (line 3578). So what the API gives back is not what was sent: `htmlToText`
 * turns it into the text people read (Message.body), and `sameText` compares a sent text with a
 * stored one after that normalization (finding a reply after sending it, and the lead's
 * reconciliation of a reply whose answer was lost). No dependency: Sobot's HTML is simple markup.
 */

import { lookup } from "../shared/lookup.js";

const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#x")) return safeChar(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith("#")) return safeChar(parseInt(lower.slice(1), 10)) ?? whole;
    return lookup(NAMED, lower) ?? whole;
  });
}

function safeChar(code: number): string | undefined {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** Markup of a rich-text editor, or an entity: the text is HTML (then every tag goes). "a <b" or "<world>" alone is not. */
const LOOKS_LIKE_HTML = /<\/?(p|br|div|span|b|i|u|s|strong|em|a|img|font|ul|ol|li|h[1-6]|table|tbody|thead|tr|td|th|blockquote|pre|code|hr)(\s[^<>]*)?\/?>|&(#x[0-9a-f]+|#\d+|[a-z]+);/i;
const BLOCK_END = /<\/(p|div|li|h[1-6]|tr|blockquote|pre)\s*>/gi;

/**
 * The text of Sobot's HTML: <br> and block ends become line breaks, other tags go, entities are
 * decoded, and surrounding blank lines are trimmed. Text without markup is returned unchanged.
 */
export function htmlToText(html: string): string {
  if (!LOOKS_LIKE_HTML.test(html)) return html;
  const text = html
    .replace(/\r\n?/g, "\n")
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(BLOCK_END, "\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

const collapse = (s: string) => s.replace(/[\s\u00a0]+/g, " ").trim();

/** A stored text (HTML or not) in a form for comparing: its text, every run of whitespace (nbsp included) as one space. */
export function normalizeText(stored: string): string {
  return collapse(htmlToText(stored));
}

/**
 * True when a text sent to Sobot (plain text, taken literally: "use <b>" is not markup) and a
 * text Sobot stored say the same thing: the stored one read as HTML, or stored verbatim.
 */
export function sameText(sent: string, stored: string): boolean {
  const said = collapse(sent);
  return said === normalizeText(stored) || said === collapse(stored);
}
