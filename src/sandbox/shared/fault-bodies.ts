/**
 * The answer bodies the fault proxy serves or rewrites: gateway pages, terminal escapes injected
 * into text fields, JSON of the wrong shape, links moved to another origin.
 */

/**
 * What `escapes` appends to every text field: a CSI color, an OSC 8 hyperlink, an OSC window
 * title, a C1 CSI (U+009B), a bidi override (U+202E ... U+202C) and an isolate (U+2066 ... U+2069).
 * A terminal must never receive any of it raw; `--json` must carry it byte-faithfully (escaped).
 */
export const ESCAPE_PAYLOAD =
  " \u001b[31mRED\u001b[0m" +
  " \u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007" +
  " \u001b]0;pwned title\u0007" +
  " \u009b2J" +
  " \u202egnp.exe\u202c" +
  " \u2066iso\u2069";

/** Characters that must never reach a terminal raw: C0 controls but \t \n, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const HTML_PAGE_200 =
  "<!DOCTYPE html><html><head><title>Just a moment...</title></head>" +
  "<body><h1>Checking your browser before accessing the site.</h1><p>This process is automatic.</p></body></html>";

export const HTML_PAGE_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
  "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** Keys whose values are identifiers, secrets, dates, links or enums: left alone by `escapes`. */
const NOT_TEXT_KEY = /(^|_)id$|Id$|ids$|Ids$|token|sign|secret|key|password|url|link|href|page|time|date|At$|_at$|status|state|code|type|level|email|phone|mobile|expire|count|size|total|flag|entity|circumstance|version|ret_/i;
/** Keys that always hold human text. */
const TEXT_KEY = /subject|title|name|content|body|message|description|remark|summary|note|comment|reason|text/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?/;

function isTextField(key: string, value: string): boolean {
  if (value === "" || DATE_LIKE.test(value) || /^https?:\/\//.test(value)) return false;
  if (TEXT_KEY.test(key) && !/(^|_)id$|Id$|token|url|link|type$|status/i.test(key)) return true;
  return !NOT_TEXT_KEY.test(key) && /\s/.test(value.trim());
}

function mapJson(value: unknown, leaf: (key: string, v: unknown) => unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => mapJson(v, leaf, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapJson(v, leaf, k)]));
  }
  return leaf(key, value);
}

/** Appends ESCAPE_PAYLOAD to every text field of a JSON value; returns how many fields it touched. */
export function injectEscapes(value: unknown): { value: unknown; touched: number } {
  let touched = 0;
  const out = mapJson(value, (key, v) => {
    if (typeof v !== "string" || !isTextField(key, v)) return v;
    touched += 1;
    return `${v}${ESCAPE_PAYLOAD}`;
  });
  return { value: out, touched };
}

/**
 * Valid JSON of the wrong shape: every object key is renamed (`id` becomes `id__renamed`), so
 * each field a client needs is missing and nothing can be coerced back. The vendor's envelope
 * keys at the top level (Sobot's ret_code, 3Dolphins' status) keep their names, so the answer
 * still says "success": a client must report an unexpected answer naming a field, not a refusal,
 * and never an empty result.
 */
export function wrongShape(value: unknown, envelopeKeys: readonly string[] = []): unknown {
  const rename = (v: unknown, top: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => rename(x, false));
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [top && envelopeKeys.includes(k) ? k : `${k}__renamed`, rename(x, false)]),
    );
  };
  return rename(value, true);
}

/** The first half of a body, made sure not to parse as JSON. */
export function brokenJson(body: Buffer): Buffer {
  const half = body.subarray(0, Math.floor(body.length / 2)).toString("utf8");
  const text = half.length > 0 ? half : '{"truncated": ';
  try {
    JSON.parse(text);
    return Buffer.from(`${text}{`);
  } catch {
    return Buffer.from(text);
  }
}

export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (body.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}

/** Replaces every occurrence of `from` (an origin) in a text body. */
export function replaceOrigin(body: Buffer, from: string, to: string): Buffer {
  const text = body.toString("utf8");
  if (!text.includes(from)) return body;
  return Buffer.from(text.split(from).join(to));
}
