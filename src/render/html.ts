/**
 * Message bodies that are HTML (Comm100 messages of type "html", vendor-docs/comm100-ticket-api.txt
 * line 112 `"type":"html"`; rich-text editors everywhere) rendered as text for `show`, with the
 * html-to-text library: paragraphs, line breaks, lists, links as "text [url]", entities decoded.
 * The result is still untrusted text: callers sanitize it afterwards (an entity can spell ESC).
 *
 * A body is read as HTML only when it carries markup a rich-text editor writes or an entity; a
 * plain message that mentions "<b>" in passing, or "a < b", is left as it is.
 * html-to-text is loaded on the first HTML body, not at start-up.
 */
import { createRequire } from "node:module";

type Convert = (html: string, options?: Record<string, unknown>) => string;

/** An element a rich-text editor writes (opening with attributes, closing, or self-closing), or an entity. */
const MARKUP =
  /<\/?(?:p|br|div|span|b|i|u|s|strong|em|a|img|font|ul|ol|li|h[1-6]|table|tbody|thead|tr|td|th|blockquote|pre|code|hr|html|body|head|style|center|small|big|sub|sup)(?:\s[^<>]*)?\/?>|&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/i;

export function looksLikeHtml(text: string): boolean {
  return MARKUP.test(text);
}

let convert: Convert | undefined;

function converter(): Convert {
  if (!convert) {
    const lib = createRequire(import.meta.url)("html-to-text") as { convert: Convert };
    convert = lib.convert;
  }
  return convert;
}

/** The text of an HTML body (no wrapping: the caller wraps to the terminal); other text unchanged. */
export function htmlToText(text: string): string {
  if (!looksLikeHtml(text)) return text;
  return converter()(text, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
      { selector: "img", format: "skip" },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "table", format: "dataTable" },
    ],
  }).trim();
}
