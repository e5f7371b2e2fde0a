/**
 * Untrusted text (subjects, messages, names, file names, vendor error text) made safe for a
 * terminal (DESIGN.md section 4, issue 8 item 8). JSON output does not use this: it stays
 * byte-faithful and escapes instead (see json.ts).
 *
 * The guarantee: the result holds no ESC (U+001B), no C1 control (U+0080-U+009F, which covers the
 * 8-bit CSI U+009B, OSC U+009D, DCS U+0090, ST U+009C), no DEL, no C0 control except \n and \t in
 * multi-line text, and no invisible format character that reorders or hides text. With no
 * introducer left, no byte of the result can start a control sequence, whatever the terminal.
 *
 * What is removed, and why:
 * - Whole escape sequences, read the way an ECMA-48 terminal reads them, so their parameters do
 *   not show up as litter: CSI (`ESC [`), OSC (`ESC ]`: titles, OSC 8 links, clipboard OSC 52),
 *   DCS/SOS/PM/APC strings (`ESC P`, `ESC X`, `ESC ^`, `ESC _`), their 8-bit introducers, and
 *   the other escapes (`ESC` + intermediates + one final byte, e.g. `ESC ( 0`). A lone ESC goes.
 * - Control characters (C0 but the kept line breaks, DEL, C1).
 * - Bidi embeddings/overrides/isolates U+202A-U+202E, U+2066-U+2069 and the marks U+200E,
 *   U+200F, U+061C ("Trojan Source", CVE-2021-42574): they reorder what a reader sees.
 * - Deprecated format controls U+206A-U+206F (symmetric swapping, digit shapes) and the
 *   interlinear annotation marks U+FFF9-U+FFFB, which terminals may use to hide text.
 * - Zero-width characters that carry no visible content: U+200B ZERO WIDTH SPACE, U+2060 WORD
 *   JOINER, U+FEFF (BOM / zero-width no-break space), U+180E, U+2061-U+2064 (invisible math
 *   operators), U+00AD SOFT HYPHEN. They let two strings that print identically differ (an
 *   "invisible" difference in a name or a subject); removing them never changes what is seen,
 *   only where a line may break.
 * - Tag characters U+E0000-U+E007F ("ASCII smuggling": invisible text), except inside an emoji
 *   flag tag sequence (UTS #51: U+1F3F4, a subdivision id of 3-6 lower-case tag letters or
 *   digits, U+E007F; the flags of England, Scotland, Wales). The length limit keeps a "flag"
 *   from carrying a hidden sentence.
 *
 * Kept on purpose: U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER. Persian, Arabic
 * and Indic scripts need them to spell words correctly, emoji sequences (👩‍💻) need the joiner,
 * and neither reorders nor hides text. Variation selectors (emoji/text presentation) stay too.
 */

/**
 * One escape sequence, leftmost first (a single left-to-right pass, as a terminal parses):
 * 1. a control string (OSC, DCS, SOS, PM, APC; 7- or 8-bit introducer) up to its terminator
 *    (BEL, ST as `ESC \` or U+009C, or the CAN/SUB that abort it). Unterminated, it ends before
 *    the next ESC (which starts a new sequence, as in a terminal) or at the end of the line, so
 *    a stray introducer does not swallow the rest of a message.
 * 2. CSI (`ESC [` or U+009B): parameter bytes, intermediate bytes, an optional final byte.
 * 3. any other ESC: intermediate bytes and an optional final byte (a lone ESC matches alone).
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    "(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u0018\\u001a\\u001b\\u009c\\n\\r]*(?:\\u0007|\\u001b\\\\|\\u009c|[\\u0018\\u001a])?",
    "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?",
    "\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?",
  ].join("|"),
  "g",
);

/** Invisible format characters that reorder or hide text (see the header for the list and why). */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** An emoji flag tag sequence (kept: U+1F3F4, 2 tag letters + 1-4 tag letters/digits, CANCEL TAG), or any other tag character (removed). */
const TAGS = /\u{1f3f4}[\u{e0061}-\u{e007a}]{2}[\u{e0030}-\u{e0039}\u{e0061}-\u{e007a}]{1,4}\u{e007f}|[\u{e0000}-\u{e007f}]/gu;
const EMOJI_TAG_SEQUENCE = /^\u{1f3f4}/u;

/** C0 but \n and \t, DEL, C1 (what is left of them once sequences are gone). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Line ends in any convention: CRLF, CR, and the Unicode line/paragraph separators. */
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;
/** Runs of line breaks and tabs, folded to one space on a single line. */
const LINE_SPACE = /[\n\t]+/g;

function stripInvisible(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, "")
    .replace(LINE_BREAK, "\n")
    .replace(CONTROLS, "")
    .replace(INVISIBLE, "")
    .replace(TAGS, (m) => (EMOJI_TAG_SEQUENCE.test(m) ? m : ""));
}

export interface SanitizeOptions {
  /** Keep line breaks (as \n) and tabs: message bodies, CSV cells, multi-line notices. */
  multiline?: boolean;
}

/**
 * Terminal-safe text. One line by default (line breaks and tabs fold into one space); with
 * `multiline`, \n and \t are kept and every other line end becomes \n.
 */
export function sanitize(text: string, opts: SanitizeOptions = {}): string {
  const safe = stripInvisible(text);
  return opts.multiline ? safe : safe.replace(LINE_SPACE, " ");
}

/**
 * One-line contexts (table cells, `✓` status lines, `-q` output, warnings, error messages):
 * escapes and controls removed, and \n, \r, \t (and U+2028/U+2029) turned into a space, so
 * vendor text can never start a new line that looks like the CLI's own output.
 */
export function sanitizeLine(text: string): string {
  return sanitize(text);
}

/** Message bodies and other multi-line text: like sanitizeLine, but line breaks and tabs stay. */
export function sanitizeText(text: string): string {
  return sanitize(text, { multiline: true });
}
