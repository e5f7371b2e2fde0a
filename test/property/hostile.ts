/**
 * Generators of hostile text for the property tests, and the independent oracle that says what a
 * terminal would act on. The oracle is written from ECMA-48 / the Unicode bidi rules, not from
 * src/render/sanitize.ts, so the two can disagree and a property can fail.
 */
import fc from "fast-check";

const ch = (cp: number) => String.fromCodePoint(cp);
const range = (min: number, max: number) => fc.integer({ min, max }).map(ch);

// ------------------------------------------------------------------------------------ oracle

/** Bidi embeddings, overrides, isolates and marks: they reorder what a reader sees. */
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
/** Invisible format characters the sanitizer's policy removes (zero-width, deprecated controls, annotations). */
const INVISIBLE = new Set([0x00ad, 0x180e, 0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x206a, 0x206b, 0x206c, 0x206d, 0x206e, 0x206f, 0xfeff, 0xfff9, 0xfffa, 0xfffb]);
const isTag = (cp: number) => cp >= 0xe0000 && cp <= 0xe007f;
const BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;

export interface Offence {
  at: number;
  codePoint: string;
  why: string;
}

/**
 * What in `text` a terminal would act on or a reader would be misled by, as a VT500-style parser
 * sees it from the ground state: ESC starts a sequence, a C1 control is one, a C0 control is
 * executed. `multiline` allows \n and \t (and nothing else from C0).
 */
export function offences(text: string, multiline: boolean): Offence[] {
  const out: Offence[] = [];
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const report = (i: number, why: string) => out.push({ at: i, codePoint: `U+${cps[i]!.toString(16).toUpperCase().padStart(4, "0")}`, why });
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    if (cp === 0x1b) report(i, "ESC starts an escape sequence");
    else if (cp >= 0x80 && cp <= 0x9f) report(i, "C1 control (8-bit CSI/OSC/DCS/ST...)");
    else if (cp < 0x20 || cp === 0x7f) {
      if (!(multiline && (cp === 0x0a || cp === 0x09))) report(i, "C0 control");
    } else if (BIDI.has(cp)) report(i, "bidi control");
    else if (cp === 0x2028 || cp === 0x2029) report(i, "Unicode line separator");
    else if (INVISIBLE.has(cp)) report(i, "invisible format character");
    else if (isTag(cp)) {
      // Allowed only inside an emoji flag (UTS #51): U+1F3F4, a subdivision id of 3-6 tag
      // letters/digits starting with 2 letters, U+E007F. Anything longer could hide a sentence.
      let j = i;
      while (j < cps.length && isTag(cps[j]!) && cps[j] !== CANCEL_TAG) j++;
      const spec = String.fromCodePoint(...cps.slice(i, j).map((c) => c - 0xe0000));
      const whole = cps[i - 1] === BLACK_FLAG && cps[j] === CANCEL_TAG && /^[a-z]{2}[a-z0-9]{1,4}$/.test(spec);
      if (!whole) report(i, "tag character (invisible text)");
      else i = j;
    }
  }
  return out;
}

/** One code point is printable when a terminal just prints it (multi-line text allows \n and \t). */
export const isPrintableCodePoint = (cp: number, multiline: boolean) => offences(ch(cp), multiline).length === 0;

/** ESC, C1 and bidi controls: what must never appear raw in any output, JSON included. */
export const RAW_TERMINAL_CONTROL = /[\u001b\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

// ------------------------------------------------------------------------------------ pieces

const digitsAndSeparators = fc.string({ unit: fc.constantFrom(..."0123456789;:<=>?"), maxLength: 8 });
const intermediates = fc.string({ unit: range(0x20, 0x2f), maxLength: 2 });
const asciiText = fc.string({ unit: range(0x20, 0x7e), maxLength: 12 });

/** CSI: 7- or 8-bit introducer, parameters, intermediates, final byte (or none: unterminated). */
export const csi = (final: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom("\u001b[", "\u009b"), digitsAndSeparators, intermediates, final).map((p) => p.join(""));

const CONTROL_STRING_INTROS = ["\u001b]", "\u009d", "\u001bP", "\u0090", "\u001bX", "\u0098", "\u001b^", "\u009e", "\u001b_", "\u009f"];
const TERMINATORS = ["\u0007", "\u001b\\", "\u009c", "\u0018", "\u001a"];
const oscPayload = fc.oneof(
  asciiText,
  fc.constantFrom("0;owned title", "2;x", "8;;https://evil.example/login", "52;c;ZWNobyBwd25lZA==", "1337;File=name=eA==:", "q#0;2;0;0;0#0~~@@vv"),
);

/** OSC, DCS, SOS, PM, APC with a payload and a terminator (or none). */
export const controlString = (terminator: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom(...CONTROL_STRING_INTROS), oscPayload, terminator).map((p) => p.join(""));

/** An OSC 8 hyperlink wrapped around visible text. */
export const osc8Link = (text: string) => `\u001b]8;;https://evil.example/\u001b\\${text}\u001b]8;;\u001b\\`;
const osc8 = asciiText.map(osc8Link);

/** ESC + intermediates + a final byte that does not start a CSI or a control string. */
const plainFinal = range(0x30, 0x7e).filter((c) => !"[]PX^_".includes(c));
export const otherEscape = fc.tuple(fc.constant("\u001b"), intermediates, plainFinal).map((p) => p.join(""));

/** Sequences that end where they say (a printable character after one is not part of it). */
export const terminatedSequence = fc.oneof(
  csi(range(0x40, 0x7e)),
  controlString(fc.constantFrom(...TERMINATORS)),
  otherEscape,
  range(0x80, 0x9f).filter((c) => !CONTROL_STRING_INTROS.includes(c) && c !== "\u009b"),
  fc.constantFrom(...[...BIDI, ...INVISIBLE].map(ch)),
);

const anySequence = fc.oneof(
  terminatedSequence,
  osc8,
  csi(fc.oneof(range(0x40, 0x7e), fc.constant(""))),
  controlString(fc.constantFrom(...TERMINATORS, "")),
);

/** A real sequence cut short: the partial and unterminated forms a cut body leaves behind. */
const partialSequence = fc.tuple(anySequence, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1)));

const specials = fc.constantFrom(
  "\u001b",
  "\r",
  "\n",
  "\r\n",
  "\t",
  "\u2028",
  "\u2029",
  "\u0085",
  "\u0000",
  "\u0007",
  "\u007f",
  "\u{e0001}",
  "\u{e0041}",
  "\u{e007f}",
  "🏴",
  "\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
  // a "flag" whose tag letters spell a hidden sentence
  "🏴\u{e0069}\u{e0067}\u{e006e}\u{e006f}\u{e0072}\u{e0065}\u{e0020}\u{e0061}\u{e006c}\u{e006c}\u{e007f}",
  "\u200d",
  "\u200c",
  "\ud800",
  "\udc00",
);

const anyChar = fc.oneof(range(0, 0x10ffff), range(0, 0x2ff), range(0x2000, 0x206f));

/** Text with real escape sequences, C1 bytes, bidi controls and partial sequences woven in. */
export const hostileString = fc
  .array(fc.oneof(asciiText, fc.string({ unit: "grapheme", maxLength: 6 }), anySequence, partialSequence, specials, anyChar), { maxLength: 14 })
  .map((parts) => parts.join(""));

/** Any string: full Unicode, raw UTF-16 (lone surrogates included), or hostile. */
export const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  hostileString,
);

// ------------------------------------------------------------------------------------ printable

const FLAG_SCOTLAND = "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
const wellKnownGraphemes = fc.constantFrom("👩\u200d💻", "می\u200cخواهم", FLAG_SCOTLAND, "❤\ufe0f", "e\u0301", "Müller", "日本語", "[31m", "]0;x", "\\e[0m", "עברית", "العربية");

/** Text a terminal only prints; with `multiline`, \n and \t are printable too. */
export const printableString = (multiline: boolean) =>
  fc
    .array(
      fc.oneof(
        // Surrogate code points are left out: two lone halves side by side can spell a tag character.
        fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => (cp < 0xd800 || cp > 0xdfff) && isPrintableCodePoint(cp, multiline)).map(ch),
        range(0x20, 0x7e),
        wellKnownGraphemes,
        ...(multiline ? [fc.constantFrom("\n", "\t")] : []),
      ),
      { maxLength: 24 },
    )
    .map((parts) => parts.join(""));
