/**
 * Small helpers of the Sobot simulator: zoned "yyyy-MM-dd HH:mm:ss" times (the timezoneid
 * header, default Asia/Shanghai, doc line 2908), ids, ticket numbers, category paths, file URLs,
 * and how text is stored (readings.ts textStorage).
 */
import type { Picker } from "../shared/seed.js";
import { TICKET_CODE_DIGITS, type Reading } from "./readings.js";
import type { SimFile, SimState } from "./state.js";

export const COMPANY_TIMEZONE = "Asia/Shanghai";

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** "yyyy-MM-dd HH:mm:ss" of `ms` in `timeZone` (Sobot's formatted times). */
export function formatZoned(ms: number, timeZone: string): string {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    zoneFormatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export function knownZone(timeZone: string): boolean {
  try {
    formatZoned(0, timeZone);
    return true;
  } catch {
    return false;
  }
}

export function dayKey(ms: number): string {
  return formatZoned(ms, COMPANY_TIMEZONE).slice(0, 10).replace(/-/g, "");
}

export const hex32 = (p: Picker) => p.uuid().replace(/-/g, "");

/** The next ticket number of the creation day: yyyyMMdd + a sequence ("20190912000007", line 2987). */
export function nextTicketCode(state: SimState, createdMs: number): string {
  const day = dayKey(createdMs);
  const n = (state.codeSeq[day] ?? 0) + 1;
  state.codeSeq[day] = n;
  return `${day}${String(n).padStart(TICKET_CODE_DIGITS, "0")}`;
}

/** "Level 1/Level 2/Level 3" (line 2960). */
export function categoryPath(state: SimState, typeid: string): string {
  const names: string[] = [];
  let cur = state.categories.find((c) => c.typeid === typeid);
  for (let i = 0; cur && i < 6; i++) {
    names.unshift(cur.type_name);
    const parent = cur.parentid;
    cur = state.categories.find((c) => c.typeid === parent);
  }
  return names.join("/");
}

/** ticket_level names (line 2470). */
export const LEVEL_NAMES: Readonly<Record<string, string>> = { "0": "Low", "1": "Medium", "2": "High", "3": "Urgent" };

function extOf(name: string): string {
  const i = name.lastIndexOf(".");
  return i >= 0 ? name.slice(i + 1).toLowerCase() : "";
}

export function fileUrl(companyid: string, name: string): string {
  // Not a real Sobot file host: .invalid makes it plain these URLs point nowhere.
  return `https://files.sobot-sandbox.invalid/console/${companyid}/ticket/${encodeURIComponent(name)}`;
}

export function makeFile(companyid: string, name: string): SimFile {
  return { file_name: name, file_url: fileUrl(companyid, name), file_type: extOf(name) };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Text that already carries the rich-text editor's markup (these tags) is taken as HTML. */
const HAS_TAG = /<\/?(p|br|div|span|b|i|u|strong|em|a|img|ul|ol|li|h[1-6]|table|tr|td|blockquote|pre|code)(\s[^>]*)?\/?>/i;

/** Text as Sobot stores it (readings.ts textStorage): HTML unless the reading is verbatim. */
export function storedText(text: string, reading: Reading): string {
  if (reading.textStorage === "verbatim" || text === "" || HAS_TAG.test(text)) return text;
  return `<p>${escapeHtml(text).replace(/\r?\n/g, "<br/>")}</p>`;
}

/** The plain words of stored HTML, for the operation log ("reply":"343" for "<p>343</p>", line 3578). */
export function logText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
