/**
 * The `show` view for people (issue 11 item 2): a header block, the ticket's custom fields, then
 * the conversation oldest first, all wrapped to the terminal width (io.columns).
 *
 * - Each message names its author: the name the vendor gave; else the name the same id has
 *   elsewhere in the ticket (assignee, requester, another message); else the id itself, whole
 *   the first time, short ("8e8a0838…") on that author's later messages.
 * - Times are absolute local time with the relative one: "2026-11-20 14:03 (3 days ago)".
 * - Internal notes say so in their header and carry a bar down their left edge ("│ "), which
 *   marks them without color too.
 * - HTML bodies are rendered as text (./html.ts); every vendor text is sanitized (./sanitize.ts)
 *   before it is wrapped or colored.
 * - Labels (tags) and custom fields are printed whole: a long label name gets its own line, nested
 *   values are "key: value" lines (./values.ts), never raw JSON.
 */
import type { ChalkInstance } from "chalk";
import type { IO } from "../io.js";
import type { Message, Ticket, TicketDetail } from "../model/types.js";
import { paint, priorityColor, statusColor } from "./color.js";
import { personLabel } from "./fields.js";
import { absoluteTime, displayWidth, padEnd, truncate, whenText } from "./format.js";
import { htmlToText } from "./html.js";
import { sanitize } from "./sanitize.js";
import { valueLines } from "./values.js";
import { hang, wrapText } from "./wrap.js";

/** Header labels ("Requester" is the longest) plus two spaces. */
const LABEL_WIDTH = 11;
/** Message bodies are indented this much under their header line. */
const BODY_INDENT = "  ";
/** The left edge of an internal note's body. */
const NOTE_BAR = "│ ";

const s = (x: string | null | undefined) => sanitize(x ?? "");

/** Terminal width for the view: io.columns, with a floor so a tiny pane still gets words. */
function widthOf(io: IO): number {
  return Math.max(20, io.columns || 80);
}

/** id -> name, from every person in the ticket whose name is known. */
function knownNames(t: Partial<TicketDetail>): Map<string, string> {
  const names = new Map<string, string>();
  const add = (id: string | null | undefined, name: string | null | undefined) => {
    if (id && name && !names.has(id)) names.set(id, name);
  };
  add(t.assignee?.id, t.assignee?.name);
  add(t.requester?.id, t.requester?.name);
  for (const m of t.messages ?? []) add(m.author.id, m.author.name);
  return names;
}

/**
 * "Ana Wijaya (agent)"; "Bot" for a bot named Bot. With no name known anywhere: the id, whole the
 * first time it appears in the thread (`shownIds` remembers), then short ("8e8a0838… (agent)"),
 * so a thread of one agent's replies does not repeat a 36-character UUID on every message.
 */
export function authorLabel(m: Message, names: ReadonlyMap<string, string> = new Map(), shownIds?: Set<string>): string {
  const name = m.author.name || (m.author.id ? names.get(m.author.id) : undefined);
  const type = m.author.type;
  if (name) return name.trim().toLowerCase() === type ? sanitize(name) : `${sanitize(name)} (${type})`;
  const id = m.author.id ? sanitize(m.author.id) : "";
  if (!id) return type;
  if (shownIds?.has(id) && displayWidth(id) > 12) return `${truncate(id, 9)} (${type})`;
  shownIds?.add(id);
  return `${id} (${type})`;
}

/** The body as text: HTML rendered, sanitized, outer blank lines trimmed. */
function bodyText(body: string): string {
  return sanitize(htmlToText(body), { multiline: true }).replace(/^\s*\n|\s+$/g, "");
}

function messageLines(c: ChalkInstance, m: Message, width: number, now: Date, names: ReadonlyMap<string, string>, shownIds?: Set<string>): string[] {
  const lines: string[] = [];
  const pieces = [c.bold(authorLabel(m, names, shownIds)), ...(m.internal ? [c.yellow.bold("internal note")] : []), ...(m.createdAt ? [c.dim(whenText(m.createdAt, now))] : [])];
  lines.push(...pieceLines(c, pieces, width));
  const body = bodyText(m.body);
  const prefix = m.internal ? BODY_INDENT + NOTE_BAR : BODY_INDENT;
  const paintPrefix = m.internal ? BODY_INDENT + c.yellow(NOTE_BAR) : BODY_INDENT;
  const bodyLines = body ? wrapText(body, width - displayWidth(prefix)) : [c.dim("(no text)")];
  for (const line of bodyLines) lines.push((paintPrefix + line).trimEnd());
  for (const a of m.attachments) {
    const file = `📎 ${s(a.name)}${a.url ? ` ${s(a.url)}` : ""}`;
    for (const line of hang(BODY_INDENT, BODY_INDENT + "   ", file, width)) lines.push(c.dim(line));
  }
  return lines;
}

/**
 * A message's header line: "── " then the pieces joined by " · ", a piece moved whole to a
 * continuation line when it does not fit on the current one (a time is not split).
 */
function pieceLines(c: ChalkInstance, pieces: string[], width: number): string[] {
  const sep = c.dim(" · ");
  const lines: string[] = [];
  let current = c.dim("── ");
  let fresh = true;
  for (const piece of pieces) {
    if (!fresh && displayWidth(current) + 3 + displayWidth(piece) > width) {
      lines.push(current);
      current = "   ";
      fresh = true;
    }
    if (displayWidth(current) + (fresh ? 0 : 3) + displayWidth(piece) > width) {
      // Longer than a line by itself (a very long name): wrap it, hanging under the first.
      const wrapped = hang(current + (fresh ? "" : sep), "   ", piece, width);
      lines.push(...wrapped.slice(0, -1));
      current = wrapped[wrapped.length - 1] ?? "   ";
    } else current += (fresh ? "" : sep) + piece;
    fresh = false;
  }
  lines.push(current);
  return lines;
}

/** "Label      value", the value wrapped under itself; a label longer than the column gets its own line. */
function labeled(c: ChalkInstance, label: string, value: string[] | string, width: number, labelWidth = LABEL_WIDTH): string[] {
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0 || (values.length === 1 && !values[0])) return [];
  const pad = " ".repeat(labelWidth);
  const lines: string[] = [];
  let first = displayWidth(label) + 2 <= labelWidth ? c.dim(padEnd(label, labelWidth)) : undefined;
  if (first === undefined) lines.push(c.dim(label));
  for (const v of values) {
    for (const line of hang(first ?? pad, pad, v, width)) lines.push(line);
    first = undefined;
  }
  return lines;
}

/** The header block: subject, people, dates, tags, custom fields (no conversation). */
function headerLines(c: ChalkInstance, t: Ticket & Partial<TicketDetail>, width: number, now: Date): string[] {
  const lines: string[] = [];
  const ref = `#${s(t.number ?? t.id)}`;
  if (displayWidth(ref) + 2 <= Math.floor(width / 3)) {
    const indent = " ".repeat(displayWidth(ref) + 2);
    for (const line of hang(`${ref}  `, indent, s(t.subject), width)) lines.push(c.bold(line));
  } else {
    // A long id (a UUID) on its own line, the subject under it.
    lines.push(c.bold(ref), ...wrapText(s(t.subject), width).map((l) => c.bold(l)));
  }
  const row = (label: string, value: string) => lines.push(...labeled(c, label, value, width));
  if (t.number && t.number !== t.id) row("ID", s(t.id));
  const vendorStatus = t.vendorStatus && t.vendorStatus !== t.status ? c.dim(` (${s(t.vendorStatus)})`) : "";
  row("Status", `${statusColor(c, t.status)}${vendorStatus}`);
  if (t.priority) row("Priority", priorityColor(c, t.priority));
  row("Assignee", s(personLabel(t.assignee)));
  row("Team", s(t.team?.name ?? t.team?.id));
  const r = t.requester;
  row("Requester", r ? s([r.name, r.email ? `<${r.email}>` : null, r.phone].filter(Boolean).join(" ") || r.id) : "");
  row("Channel", s(t.channel));
  row("Tags", t.tags.map((tag) => s(tag)).join(", "));
  row("Created", whenText(t.createdAt, now));
  row("Updated", whenText(t.updatedAt, now));
  const sat = t.satisfaction;
  if (sat && (sat.score !== null || sat.remark)) {
    row("Rating", [sat.score !== null ? String(sat.score) : null, sat.remark ? `“${s(sat.remark)}”` : null, sat.at ? whenText(sat.at, now) : null].filter(Boolean).join(" · "));
  }
  if (t.attachments && t.attachments.length > 0) row("Files", t.attachments.map((a) => s(a.name)).join(", "));
  const fields = Object.entries(t.customFields ?? {});
  if (fields.length > 0) {
    lines.push("", c.bold("Fields"));
    const longest = Math.max(...fields.map(([k]) => displayWidth(s(k))));
    // Labels whole: the column fits the longest label, up to a third of the width; a longer label gets its own line.
    const labelWidth = Math.min(longest + 2, Math.max(LABEL_WIDTH, Math.floor((width - 2) / 3)));
    for (const [k, v] of fields) lines.push(...labeled(c, s(k), valueLines(v), width - 2, labelWidth).map((l) => `  ${l}`));
  }
  return lines;
}

/** The `show` view: a header block, then the conversation oldest first. */
export function renderDetail(io: IO, t: TicketDetail, now: Date): string {
  const c = paint(io);
  const width = widthOf(io);
  const lines = headerLines(c, t, width, now);
  const names = knownNames(t);
  const shownIds = new Set<string>();
  for (const m of t.messages) lines.push("", ...messageLines(c, m, width, now, names, shownIds));
  if (t.history && t.history.length > 0) {
    lines.push("", c.bold("History"));
    for (const h of t.history) {
      const at = absoluteTime(h.at);
      const text = `${s(h.action)}${h.detail ? `: ${s(h.detail)}` : ""}${h.actor ? ` (${s(h.actor)})` : ""}`;
      const col = " ".repeat(18);
      lines.push(...hang(at ? c.dim(padEnd(at, 18)) : col, col, text, width));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** One ticket after a write verb: the same header block as show, without the conversation. */
export function renderTicket(io: IO, t: Ticket, now: Date): string {
  return renderDetail(io, { ...t, messages: [], attachments: [] }, now);
}

/** One message (after a reply). */
export function renderMessage(io: IO, m: Message, now: Date): string {
  return `${messageLines(paint(io), m, widthOf(io), now, new Map()).join("\n")}\n`;
}
