/**
 * Fitting a table's columns to the terminal width (issue 11 item 1). Pure: widths in, widths out.
 *
 * Kinds of column:
 * - whole: shown in full or not at all. Ids and names a verb takes back (`id`, `number`, `ticket`,
 *   `profile`, `name`), and short values (status, priority, booleans, sizes). What is shown can
 *   be typed back: an id is never cut.
 * - date: shown in full, humanized; long ("11 hours ago") when there is room, else short ("11h ago").
 * - text: free text (names of people, team, channel, tags, URLs); cut with "…" when narrow.
 * - flex: the one column that takes what is left (the subject; else body, what, error, url,
 *   baseUrl). It is never narrower than the other text columns as shown, and never dropped.
 *
 * When everything does not fit, in this order:
 * 0. columns empty in every row are dropped (while everything fits they stay: an empty PRIORITY
 *    column says the vendor has none);
 * 1. dates go short ("11h ago");
 * 2. text columns are cut, all to the same width, as long as they keep TEXT_MIN columns and the
 *    flex column keeps FLEX_MIN_BESIDE_TEXT (FLEX_MIN once no text column is left; its whole
 *    text when shorter) and stays at least as wide as each of them;
 * 3. otherwise one more column is dropped and 1-2 are tried again. The order (first listed, first
 *    dropped) is DROP_ORDER: createdAt, vendor, channel, tags, team, vendorStatus, number,
 *    requester, updatedAt, assignee, priority, status; then any other text column, rightmost first.
 * Dates are long whenever everything shown fits uncut.
 * The id, profile (a fan-out list), name, and the flex column are never dropped. When even they
 * do not fit, whole columns stay whole (the line is then wider than the terminal) and the flex
 * column gets what is left, at least one character.
 */

export type ColumnKind = "whole" | "date" | "text" | "flex";

/** Ticket columns dropped when narrow, first listed first dropped (README "Tables"). */
export const DROP_ORDER: readonly string[] = [
  "createdAt",
  "vendor",
  "channel",
  "tags",
  "team",
  "vendorStatus",
  "number",
  "requester",
  "updatedAt",
  "assignee",
  "priority",
  "status",
];

/** Candidates for the flex column, best first. */
const FLEX_KEYS = ["subject", "body", "what", "error", "url", "baseUrl"];

/** Free text that may be cut. Everything else but dates is whole. */
const TEXT_KEYS = new Set([
  "subject",
  "body",
  "what",
  "error",
  "url",
  "baseUrl",
  "assignee",
  "requester",
  "team",
  "channel",
  "tags",
  "author",
  "email",
  "contentType",
  "attachments",
  "markIds",
  "vendorStatus",
  "detail",
  "messages",
  "history",
  "customFields",
  "satisfaction",
  "raw",
]);

const DATE_KEYS = new Set(["createdAt", "updatedAt", "lastCustomerMessageAt", "firstResponseAt", "resolvedAt", "lastRun", "at"]);

/** Never dropped: what a person types back. */
const KEEP = new Set(["id", "profile", "name"]);

/** Columns between two cells. */
export const GAP = 2;
/** A cut text column keeps at least this many columns (else one is dropped instead). */
export const TEXT_MIN = 12;
/** The flex column keeps at least this many (or its whole text) while other text columns are shown. */
export const FLEX_MIN_BESIDE_TEXT = 24;
/** ... and this many once it is the only text left (ids, status, priority, dates beside it). */
export const FLEX_MIN = 16;

export function isDateKey(key: string): boolean {
  return DATE_KEYS.has(key);
}

export function kindOf(key: string, flexKey: string | undefined): ColumnKind {
  if (key === flexKey) return "flex";
  if (DATE_KEYS.has(key)) return "date";
  if (TEXT_KEYS.has(key)) return "text";
  return "whole";
}

/** The flex column of a set of keys: the first FLEX_KEYS member present, else none. */
export function flexKeyOf(keys: readonly string[]): string | undefined {
  return FLEX_KEYS.find((k) => keys.includes(k));
}

export interface ColumnSpec {
  key: string;
  kind: ColumnKind;
  /** Display width of the widest cell or the header. */
  natural: number;
  /** For dates: the widest short form (or header). */
  short?: number;
  /** No row has a value in it. */
  empty?: boolean;
}

export interface Layout {
  /** Indexes into the specs given, in their order: the columns shown. */
  shown: number[];
  /** Width of each shown column (same order as `shown`). */
  widths: number[];
  /** Dates in their short form. */
  shortDates: boolean;
}

function dropOrder(specs: readonly ColumnSpec[]): number[] {
  const order: number[] = specs.flatMap((s, i) => (s.empty && s.kind !== "flex" ? [i] : []));
  for (const key of DROP_ORDER) {
    const i = specs.findIndex((s) => s.key === key && s.kind !== "flex");
    if (i >= 0 && !order.includes(i)) order.push(i);
  }
  for (let i = specs.length - 1; i >= 0; i--) {
    const s = specs[i]!;
    if (s.kind === "text" && !order.includes(i)) order.push(i);
  }
  return order.filter((i) => !KEEP.has(specs[i]!.key));
}

function dateWidth(s: ColumnSpec, short: boolean): number {
  return short ? (s.short ?? s.natural) : s.natural;
}

/**
 * Widths for `shown` in `width` columns, or undefined when they cannot be fitted without cutting
 * a text column below TEXT_MIN or the flex column below FLEX_MIN.
 */
function tryFit(specs: readonly ColumnSpec[], shown: number[], width: number, short: boolean, cut: boolean): number[] | undefined {
  const fixed = shown.reduce((sum, i) => {
    const s = specs[i]!;
    return s.kind === "whole" ? sum + s.natural : s.kind === "date" ? sum + dateWidth(s, short) : sum;
  }, 0);
  const texts = shown.filter((i) => specs[i]!.kind === "text");
  const flex = shown.find((i) => specs[i]!.kind === "flex");
  const room = width - fixed - GAP * (shown.length - 1);
  const flexNatural = flex === undefined ? 0 : specs[flex]!.natural;
  const textNatural = texts.reduce((sum, i) => sum + specs[i]!.natural, 0);

  const widthsWith = (cut: number, flexWidth: number) =>
    shown.map((i) => {
      const s = specs[i]!;
      if (s.kind === "whole") return s.natural;
      if (s.kind === "date") return dateWidth(s, short);
      if (s.kind === "text") return Math.min(s.natural, cut);
      return flexWidth;
    });

  if (textNatural + flexNatural <= room) return widthsWith(Infinity, flexNatural);
  if (!cut) return undefined;
  const flexMin = texts.length > 0 ? FLEX_MIN_BESIDE_TEXT : FLEX_MIN;
  const widest = Math.max(0, ...texts.map((i) => specs[i]!.natural));
  // The widest cut that leaves the flex column its due, from "no cut" down to TEXT_MIN.
  for (let cut = widest; cut >= Math.min(TEXT_MIN, widest); cut--) {
    const used = texts.reduce((sum, i) => sum + Math.min(specs[i]!.natural, cut), 0);
    const left = room - used;
    if (flex === undefined) {
      if (left >= 0) return widthsWith(cut, 0);
      continue;
    }
    const widestShown = Math.max(0, ...texts.map((i) => Math.min(specs[i]!.natural, cut)));
    const due = Math.min(flexNatural, Math.max(flexMin, widestShown));
    if (left >= due) return widthsWith(cut, Math.min(flexNatural, left));
  }
  return undefined;
}

/** What is left when nothing can be dropped: whole columns whole, text cut evenly, flex at least 1. */
function lastResort(specs: readonly ColumnSpec[], shown: number[], width: number, short: boolean): number[] {
  const fixed = shown.reduce((sum, i) => {
    const s = specs[i]!;
    return s.kind === "whole" ? sum + s.natural : s.kind === "date" ? sum + dateWidth(s, short) : sum;
  }, 0);
  const cuttable = shown.filter((i) => specs[i]!.kind === "text" || specs[i]!.kind === "flex");
  const room = width - fixed - GAP * (shown.length - 1);
  const each = Math.max(1, Math.floor(room / Math.max(1, cuttable.length)));
  return shown.map((i) => {
    const s = specs[i]!;
    if (s.kind === "whole") return s.natural;
    if (s.kind === "date") return dateWidth(s, short);
    return Math.min(s.natural, each);
  });
}

/** Which columns to show, and how wide, in `width` terminal columns (see the header for the rules). */
export function fitColumns(specs: readonly ColumnSpec[], width: number): Layout {
  const shown = specs.map((_, i) => i);
  const hasDates = specs.some((s) => s.kind === "date");
  const order = dropOrder(specs);
  // Columns with nothing in them go before anything is cut (they say "this vendor has none" only while there is room).
  const uncut = (hasDates ? [false, true] : [false]).some((short) => tryFit(specs, shown, width, short, false));
  if (!uncut) {
    for (const i of order.filter((i) => specs[i]!.empty)) shown.splice(shown.indexOf(i), 1);
    order.splice(0, order.length, ...order.filter((i) => !specs[i]!.empty));
  }
  for (;;) {
    const tries: [short: boolean, cut: boolean][] = hasDates ? [[false, false], [true, false], [true, true]] : [[false, false], [false, true]];
    for (const [short, cut] of tries) {
      const widths = tryFit(specs, shown, width, short, cut);
      if (widths) return { shown: [...shown], widths, shortDates: short };
    }
    const victim = order.shift();
    if (victim === undefined) return { shown: [...shown], widths: lastResort(specs, shown, width, hasDates), shortDates: hasDates };
    const at = shown.indexOf(victim);
    if (at >= 0) shown.splice(at, 1);
  }
}
