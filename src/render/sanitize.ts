/**
 * Untrusted text (subjects, messages, names, file names) is made safe for a terminal here:
 * escape sequences (CSI, OSC including OSC 8 links and titles, DCS/PM/APC, 8-bit forms),
 * C0/C1 controls and bidi overrides are removed. JSON output does not use this: it stays
 * byte-faithful and escapes instead (see json.ts).
 */
// OSC: ESC ] ... terminated by BEL, ESC \ or the 8-bit ST (0x9c); the 8-bit OSC introducer is 0x9d.
const OSC = /(?:\u001b\]|\u009d)[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
// DCS, SOS, PM, APC: ESC P / X / ^ / _ ... ST (and their 8-bit introducers).
const STRING_SEQ = /(?:\u001b[PX^_]|[\u0090\u0098\u009e\u009f])[\s\S]*?(?:\u001b\\|\u009c|$)/g;
// CSI: ESC [ or 0x9b, parameters, intermediates, one final byte.
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
// Any other escape: ESC plus one character.
const ESC_OTHER = /\u001b[\s\S]?/g;
// Bidi embeddings/overrides/isolates (Trojan Source) .
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_KEEP_NEWLINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROLS_ALL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** Terminal-safe text. `multiline` keeps \n (and tabs) for message bodies; otherwise newlines become spaces. */
export function sanitize(text: string, opts: { multiline?: boolean } = {}): string {
  let out = text.replace(OSC, "").replace(STRING_SEQ, "").replace(CSI, "").replace(ESC_OTHER, "").replace(BIDI, "");
  out = out.replace(/\r\n?/g, "\n");
  if (opts.multiline) return out.replace(CONTROLS_KEEP_NEWLINES, "");
  return out.replace(/[\n\t]+/g, " ").replace(CONTROLS_ALL, "");
}
