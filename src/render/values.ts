/**
 * Vendor values of any shape (custom fields, nested cells) as text people read: scalars as
 * themselves, lists joined with ", ", objects as "key: value" lines with nested values indented
 * under their key. Never raw JSON. Every key and value is sanitized here.
 */
import { sanitize } from "./sanitize.js";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || v === undefined || typeof v !== "object";

/** A scalar as one line: "—" for nothing, the text for strings (folded onto one line). */
export function scalarText(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  return sanitize(String(v));
}

/** One value as lines (no indentation on the first level; nested levels two spaces deeper). */
export function valueLines(v: unknown): string[] {
  if (isScalar(v)) return [scalarText(v)];
  if (Array.isArray(v)) {
    if (v.length === 0) return ["—"];
    if (v.every(isScalar)) return [v.map(scalarText).join(", ")];
    const out: string[] = [];
    for (const item of v) {
      const lines = valueLines(item);
      out.push(`- ${lines[0] ?? ""}`, ...lines.slice(1).map((l) => `  ${l}`));
    }
    return out;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return ["—"];
  const out: string[] = [];
  for (const [k, val] of entries) {
    const key = sanitize(k);
    if (isScalar(val) || (Array.isArray(val) && val.every(isScalar))) out.push(`${key}: ${valueLines(val)[0]}`);
    else out.push(`${key}:`, ...valueLines(val).map((l) => `  ${l}`));
  }
  return out;
}

/** One value on one line (a table cell): objects as "key: value, key: value", nested ones in parentheses. */
export function inlineValue(v: unknown): string {
  if (isScalar(v)) return v === null || v === undefined ? "" : sanitize(String(v));
  if (Array.isArray(v)) return v.map((item) => (isRecord(item) ? `(${inlineValue(item)})` : inlineValue(item))).join(", ");
  return Object.entries(v as Record<string, unknown>)
    .map(([k, val]) => `${sanitize(k)}: ${isRecord(val) ? `(${inlineValue(val)})` : inlineValue(val)}`)
    .join(", ");
}
