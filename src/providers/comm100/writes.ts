/**
 * Tolerant reading of write answers. The answers of POST ticketing/messages and ticketing/notes are
 * not printed anywhere (vendor-notes 2.3), and a create's may come back empty or without `id`: the
 * vendor said 2xx, so the write is done, and the new object is read back instead of reporting a
 * failure that would make someone send it again (guesses.ts, READ_BACK_*). A full-update PUT's
 * answer is the ticket itself, and stands for reading it back (ticketAfterPut).
 */
import type * as z from "zod";
import { DryRunStop, InterruptedError, OperationError } from "../../errors.js";
import type { Message } from "../../model/types.js";
import { toIsoUtc } from "../shared/dates.js";
import { lookup } from "../shared/lookup.js";
import type { Comm100Api } from "./api.js";
import { READ_BACK_SLACK_MS, READ_BACK_TICKETS } from "./guesses.js";
import { decodeBody, messageFromComm100, noteFromComm100 } from "./map.js";
import { walkTickets, type ListedTicket } from "./pagination.js";
import { subListSchema, WireMessageSchema, WireNoteSchema, WireTicketSchema, type WireTicket } from "./schema.js";

/** The answer schemas of the writes, for index.ts (which loads this module with its first write). */
export { WireMessageSchema, WireNoteSchema, WireTicketSchema };

/**
 * Errors a best-effort read-back must not swallow: the user stopped the run (Ctrl-C, an abort), or
 * a dry run's plan ends there (DryRunStop, which got wraps as the cause of its RequestError).
 */
export function endsTheRun(err: unknown): boolean {
  for (let cur = err, depth = 0; cur && depth < 6; cur = (cur as { cause?: unknown }).cause, depth++) {
    const e = cur as { name?: string; code?: string };
    if (cur instanceof InterruptedError || cur instanceof DryRunStop) return true;
    if (e.name === "AbortError" || e.code === "ERR_ABORTED" || e.code === "ABORT_ERR") return true;
  }
  return false;
}

/** The answer as `schema` reads it, or null when it is empty, not JSON, or not that shape (no id). */
export function parseWriteAnswer<T>(text: string, schema: z.ZodType<T>): T | null {
  if (!text.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The objects `include=` embeds for a ticket's ids (assignee, departmentAssignee, contactOrVisitor: [S1] line 95), by the id each names. */
const EMBEDDED = [
  ["assignee", "assigneeId"],
  ["departmentAssignee", "departmentAssigneeId"],
  ["contactOrVisitor", "contactOrVisitorId"],
] as const;

const sameId = (a: unknown, b: unknown) => String(a ?? "").toLowerCase() === String(b ?? "").toLowerCase();
const sameIds = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x) => b.some((y) => sameId(x, y)));

/**
 * The ticket a full-update PUT left, from the PUT's own answer, so an update costs a GET and a PUT,
 * not a third request to read it back: [S1] answers PUT ticketing/tickets/{id} with "HTTP/1.1 200 OK"
 * and the whole ticket (lines 466-470; the table's "Response:" of line 455 names no type), every
 * field of the sample request (line 464) echoed in it. The answer carries ids only, not the
 * objects `include=` embeds (names of the agent, department and contact), nor, perhaps, the tags'
 * names: those are taken from `before`, the ticket as read (with includes) just before the PUT,
 * only where the answer names the same ids.
 *
 * Null, and the caller reads the ticket back, when the answer is empty, not JSON, not a ticket
 * (no id), another ticket's, or names someone `before` did not (an id changed at the vendor's end, or
 * the PUT changed one): a name is never shown for the wrong person.
 */
export function ticketAfterPut(answer: string, id: string, before: Record<string, unknown>): { wire: WireTicket; raw: Record<string, unknown> } | null {
  const wire = parseWriteAnswer(answer, WireTicketSchema);
  if (!wire || String(wire.id) !== id) return null;
  const raw = { ...(JSON.parse(answer) as Record<string, unknown>) };
  for (const [object, idField] of EMBEDDED) {
    if (raw[object] !== undefined || before[object] === undefined) continue;
    if (!sameId(raw[idField], before[idField])) return null;
    raw[object] = before[object];
  }
  if (raw["tags"] === undefined && before["tags"] !== undefined) {
    if (!sameIds(raw["tagIds"] ?? [], before["tagIds"] ?? [])) return null;
    raw["tags"] = before["tags"];
  }
  return { wire: WireTicketSchema.parse(raw), raw };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", nbsp: " " };

/** Text as a person reads it: base64 data bodies decoded, HTML tags and common entities resolved, whitespace collapsed. */
export function comparable(text: string): string {
  return decodeBody(text)
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#39|[a-z]+);/gi, (m, e: string) => lookup(ENTITIES, e.toLowerCase()) ?? m)
    .replace(/\s+/g, " ")
    .trim();
}

/** The newest message (or internal note) of the ticket with this text, or null. */
export async function findPosted(api: Comm100Api, ticketId: string, text: string, internal: boolean): Promise<Message | null> {
  const key = internal ? "notes" : "messages";
  const body = await api.get(`ticketing/tickets/${encodeURIComponent(ticketId)}/${key}`);
  const list = subListSchema(key).parse(body);
  const posted = internal
    ? list.map((n) => noteFromComm100(WireNoteSchema.parse(n)))
    : list.map((m) => messageFromComm100(WireMessageSchema.parse(m))).filter((m) => m.author.type === "agent" && !m.internal);
  const want = comparable(text);
  const matches = posted.filter((m) => comparable(m.body) === want);
  matches.sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
  return matches.at(-1) ?? null;
}

/** A message that was accepted but could not be found again: what was sent, said plainly. */
export function unconfirmed(text: string, internal: boolean, agentId: string | undefined): Message {
  return { id: "unconfirmed", author: { type: "agent", id: agentId ?? null, name: null }, body: text, internal, createdAt: null, attachments: [] };
}

export interface CreatedQuery {
  subject: string;
  requester: string;
  /** Epoch ms when the create was sent. */
  since: number;
  params: Record<string, string>;
}

/** The ticket a create made, among the requester's most recent tickets. Throws when it cannot be found. */
export async function findCreated(api: Comm100Api, baseUrl: string, q: CreatedQuery): Promise<ListedTicket> {
  let seen = 0;
  for await (const t of walkTickets(api, baseUrl, { ...q.params, contactOrVisitor: q.requester }, 50)) {
    // Read the time as the mapping does (ISO, epoch ms as a number or digits); an unreadable one counts as recent.
    const iso = toIsoUtc(t.wire.createdTime);
    const created = iso === null ? Number.NaN : Date.parse(iso);
    const recent = Number.isNaN(created) || created >= q.since - READ_BACK_SLACK_MS;
    if (comparable(t.wire.subject) === comparable(q.subject) && recent) return t;
    if (++seen >= READ_BACK_TICKETS) break;
  }
  throw new OperationError(
    `Comm100 accepted the new ticket but its answer carried no ticket id, and it was not among ${q.requester}'s recent tickets when read back; check with \`ticket list --requester ${q.requester}\` before creating it again`,
    { vendor: "comm100" },
  );
}
