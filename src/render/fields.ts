/**
 * The documented output keys (README "JSON contract") and how each becomes a cell.
 * Declared once; commands never build columns themselves.
 */
import { UsageError } from "../errors.js";
import type { Message, Person, Ticket } from "../model/types.js";

export const TICKET_FIELDS = [
  "id",
  "number",
  "subject",
  "status",
  "vendorStatus",
  "priority",
  "assignee",
  "team",
  "requester",
  "channel",
  "tags",
  "createdAt",
  "updatedAt",
  "lastCustomerMessageAt",
  "firstResponseAt",
  "resolvedAt",
  "vendor",
  "profile",
] as const;
export const DETAIL_FIELDS = [...TICKET_FIELDS, "messages", "attachments", "history", "customFields"] as const;
export const MESSAGE_FIELDS = ["id", "author", "body", "internal", "createdAt", "attachments"] as const;

/** The table's default columns for a list of tickets. */
export const DEFAULT_TICKET_COLUMNS = ["id", "status", "priority", "subject", "assignee", "requester", "updatedAt"];

export const HEADERS: Record<string, string> = {
  id: "ID",
  number: "NUMBER",
  subject: "SUBJECT",
  status: "STATUS",
  vendorStatus: "VENDOR STATUS",
  priority: "PRIORITY",
  assignee: "ASSIGNEE",
  team: "TEAM",
  requester: "REQUESTER",
  channel: "CHANNEL",
  tags: "TAGS",
  createdAt: "CREATED",
  updatedAt: "UPDATED",
  lastCustomerMessageAt: "CUSTOMER WROTE",
  firstResponseAt: "FIRST RESPONSE",
  resolvedAt: "RESOLVED",
  vendor: "VENDOR",
  profile: "PROFILE",
  author: "AUTHOR",
  body: "BODY",
  internal: "INTERNAL",
  attachments: "ATTACHMENTS",
  // ticket checkpoint list
  name: "NAME",
  mark: "MARK",
  markIds: "IDS AT MARK",
  lastRun: "LAST RUN",
  lastPrinted: "PRINTED",
};

/** Parse and check `--fields a,b,c` against the keys a result has. */
export function parseFields(raw: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  const fields = raw.split(",").map((f) => f.trim()).filter(Boolean);
  if (fields.length === 0) throw new UsageError("--fields needs at least one field name");
  const unknown = fields.filter((f) => !allowed.includes(f));
  if (unknown.length > 0) {
    throw new UsageError(`unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((f) => `"${f}"`).join(", ")}; available: ${allowed.join(", ")}`);
  }
  return fields;
}

export function pick<T extends object>(value: T, fields: readonly string[] | undefined): Partial<T> | T {
  if (!fields) return value;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (value as Record<string, unknown>)[f] ?? null;
  return out as Partial<T>;
}

export function personLabel(p: Person | { id?: string | null; name?: string | null; email?: string | null } | null | undefined): string {
  if (!p) return "";
  return p.name || p.email || p.id || "";
}

/** A plain-text cell (CSV, tables) for any ticket or message key; dates stay ISO here. */
export function cellText(record: Ticket | Message | Record<string, unknown>, key: string): string {
  const v = (record as Record<string, unknown>)[key];
  if (v === null || v === undefined) return "";
  if (key === "assignee" || key === "requester" || key === "team") return personLabel(v as Person);
  if (key === "author") {
    const a = v as Message["author"];
    return a.name ? `${a.name} (${a.type})` : a.type;
  }
  if (key === "tags") return (v as string[]).join(";");
  if (key === "attachments") return (v as { name: string }[]).map((a) => a.name).join(";");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
