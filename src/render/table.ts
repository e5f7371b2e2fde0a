/**
 * Tables for people (cli-table3 + chalk). Color only when io.colorLevel > 0 (a TTY, NO_COLOR,
 * FORCE_COLOR, --no-color); dates humanized; every untrusted cell sanitized; widths fitted to
 * the terminal. A table only goes to a terminal: on a pipe it is plain tab-separated lines with
 * ISO dates (./plain.ts).
 */
import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { IO } from "../io.js";
import type { Message, Ticket, TicketDetail } from "../model/types.js";
import { cellText, HEADERS, personLabel } from "./fields.js";
import { relativeTime, truncate } from "./format.js";
import { renderPlain } from "./plain.js";
import { sanitize } from "./sanitize.js";

const DATE_KEYS = new Set(["createdAt", "updatedAt"]);

export function paint(io: IO): ChalkInstance {
  return new Chalk({ level: io.colorLevel });
}

function statusColor(c: ChalkInstance, status: string): string {
  switch (status) {
    case "new":
      return c.cyan(status);
    case "open":
      return c.yellow(status);
    case "pending":
      return c.magenta(status);
    case "on_hold":
      return c.gray(status);
    case "resolved":
      return c.green(status);
    case "closed":
      return c.dim(status);
    default:
      return status;
  }
}

function priorityColor(c: ChalkInstance, p: string): string {
  if (p === "urgent") return c.red.bold(p);
  if (p === "high") return c.red(p);
  if (p === "low") return c.dim(p);
  return p;
}

function cell(c: ChalkInstance, record: Record<string, unknown>, key: string, now: Date): string {
  const text = DATE_KEYS.has(key) ? relativeTime((record[key] as string | null) ?? null, now) : sanitize(cellText(record, key));
  if (key === "status") return statusColor(c, text);
  if (key === "priority") return priorityColor(c, text);
  if (key === "id") return c.bold(text);
  return text;
}

function newTable(c: ChalkInstance, head: string[], colWidths?: (number | null)[]) {
  return new Table({
    head: head.map((h) => c.bold(h)),
    ...(colWidths ? { colWidths } : {}),
    wordWrap: false,
    style: { head: [], border: [], compact: true, "padding-left": 0, "padding-right": 2 },
    chars: {
      top: "", "top-mid": "", "top-left": "", "top-right": "", bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
      left: "", "left-mid": "", mid: "", "mid-mid": "", right: "", "right-mid": "", middle: "",
    },
  });
}

/**
 * Render records as a borderless table; the widest free-text column absorbs the terminal width.
 * When stdout is not a terminal: plain lines instead (tab-separated, no header, ISO dates).
 */
export function renderTable(io: IO, rows: Record<string, unknown>[], keys: readonly string[], now: Date): string {
  if (!io.isTTY) return renderPlain(rows, keys);
  const c = paint(io);
  const texts = rows.map((r) => keys.map((k) => cell(c, r, k, now)));
  const plain = rows.map((r) => keys.map((k) => (DATE_KEYS.has(k) ? relativeTime((r[k] as string | null) ?? null, now) : sanitize(cellText(r, k)))));
  const widths = keys.map((k, i) => Math.max((HEADERS[k] ?? k).length, ...plain.map((row) => [...(row[i] ?? "")].length)) + 2);
  const flex = keys.indexOf("subject") >= 0 ? keys.indexOf("subject") : keys.indexOf("body");
  const max = io.columns;
  const total = widths.reduce((a, b) => a + b, 0);
  if (flex >= 0 && total > max) {
    const others = total - widths[flex]!;
    widths[flex] = Math.max(12, max - others);
  }
  const table = newTable(c, keys.map((k) => HEADERS[k] ?? k.toUpperCase()), widths);
  texts.forEach((row, r) => {
    table.push(row.map((t, i) => (i === flex ? truncateAnsiSafe(t, plain[r]![i]!, widths[i]! - 2) : t)));
  });
  return `${table.toString()}\n`;
}

function truncateAnsiSafe(colored: string, plain: string, width: number): string {
  return [...plain].length > width ? truncate(plain, width) : colored;
}

/** The `show` view: a header block, then the conversation oldest first. */
export function renderDetail(io: IO, t: TicketDetail, now: Date): string {
  const c = paint(io);
  const s = (x: string | null | undefined) => sanitize(x ?? "");
  const lines: string[] = [];
  lines.push(`${c.bold(`#${s(t.number ?? t.id)}`)}  ${c.bold(s(t.subject))}`);
  const row = (label: string, value: string) => {
    if (value) lines.push(`${c.dim(label.padEnd(10))}${value}`);
  };
  row("Status", `${statusColor(c, t.status)}${t.vendorStatus && t.vendorStatus !== t.status ? c.dim(` (${s(t.vendorStatus)})`) : ""}`);
  row("Priority", t.priority ? priorityColor(c, t.priority) : "");
  row("Assignee", s(personLabel(t.assignee)));
  row("Team", s(t.team?.name ?? t.team?.id));
  const r = t.requester;
  row("Requester", r ? s([r.name, r.email ? `<${r.email}>` : null, r.phone].filter(Boolean).join(" ") || r.id) : "");
  row("Channel", s(t.channel));
  row("Tags", s(t.tags.join(", ")));
  row("Created", t.createdAt ? `${relativeTime(t.createdAt, now)} ${c.dim(`(${s(t.createdAt)})`)}` : "");
  row("Updated", t.updatedAt ? `${relativeTime(t.updatedAt, now)} ${c.dim(`(${s(t.updatedAt)})`)}` : "");
  if (t.customFields && Object.keys(t.customFields).length > 0) {
    for (const [k, v] of Object.entries(t.customFields)) row(truncate(s(k), 9), s(typeof v === "string" ? v : JSON.stringify(v)));
  }
  if (t.attachments.length > 0) row("Files", s(t.attachments.map((a) => a.name).join(", ")));
  for (const m of t.messages) {
    lines.push("");
    lines.push(renderMessageHeader(c, m, now));
    lines.push(sanitize(m.body, { multiline: true }).trim());
    for (const a of m.attachments) lines.push(c.dim(`  📎 ${s(a.name)}${a.url ? ` ${s(a.url)}` : ""}`));
  }
  if (t.history && t.history.length > 0) {
    lines.push("", c.bold("History"));
    for (const h of t.history) {
      lines.push(`${c.dim(relativeTime(h.at, now).padEnd(16))}${s(h.action)}${h.detail ? `: ${s(h.detail)}` : ""}${h.actor ? c.dim(` (${s(h.actor)})`) : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function renderMessageHeader(c: ChalkInstance, m: Message, now: Date): string {
  const who = sanitize(m.author.name ?? m.author.id ?? "");
  const label = `${who ? `${who} ` : ""}(${sanitize(m.author.type)})`;
  const kind = m.internal ? c.yellow(" · internal note") : "";
  return `${c.dim("──")} ${c.bold(label)}${kind} ${c.dim(`· ${relativeTime(m.createdAt, now)}`)}`;
}

/** One ticket after a write verb: the same header block as show, without the conversation. */
export function renderTicket(io: IO, t: Ticket, now: Date): string {
  return renderDetail(io, { ...t, messages: [], attachments: [] }, now);
}

export function renderMessage(io: IO, m: Message, now: Date): string {
  const c = paint(io);
  return `${renderMessageHeader(c, m, now)}\n${sanitize(m.body, { multiline: true }).trim()}\n`;
}
