/**
 * Agents, departments and contacts given to a write (assign --to/--team, escalate --to, create
 * --requester/--assignee/--team). [S1] types them guid; one that is not a guid, or that Comm100
 * refuses as unknown (guesses.ts, REFERENCE_REFUSALS), is a NotFoundError (exit 5) naming it. The
 * v4 ticketing doc lists no agents or departments, so the hint offers those seen on recent tickets.
 */
import { NotFoundError } from "../../errors.js";
import { vendorMessage } from "../../http/errors.js";
import type { Comm100Api } from "./api.js";
import { REFERENCE_REFUSALS } from "./guesses.js";
import { wireSchemas } from "./wire.js";

export type RefKind = "agent" | "department" | "contact";

export interface Ref {
  kind: RefKind;
  id: string;
  /** The flag it came from, for the message. */
  flag: string;
  /** The wire field that carries it. */
  field: string;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOUN: Record<RefKind, string> = { agent: "agent", department: "department", contact: "contact or visitor" };
const PLURAL: Record<RefKind, string> = { agent: "agents", department: "departments", contact: "contacts" };
const INCLUDE: Record<RefKind, string> = { agent: "assignee", department: "departmentAssignee", contact: "contactOrVisitor" };
/** Vendor names are shown in a hint: no control or bidi characters. */
export const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");

const describe = (r: Ref) => `${NOUN[r.kind]} "${clean(r.id)}" (${r.flag})`;

/** Up to eight `Name (id)` of that kind on the most recent tickets; empty when they cannot be read. */
async function candidates(api: Comm100Api, kind: RefKind): Promise<string[]> {
  try {
    const [body, { TicketPageSchema, WireTicketSchema }] = await Promise.all([api.get("ticketing/tickets", { pageSize: "50", include: INCLUDE[kind] }), wireSchemas()]);
    const page = TicketPageSchema.parse(body);
    const found = new Map<string, string>();
    for (const raw of page.tickets) {
      const t = WireTicketSchema.safeParse(raw);
      if (!t.success) continue;
      const [id, obj] =
        kind === "agent" ? [t.data.assigneeId, t.data.assignee] : kind === "department" ? [t.data.departmentAssigneeId, t.data.departmentAssignee] : [t.data.contactOrVisitorId, t.data.contactOrVisitor];
      if (id && !found.has(id.toLowerCase())) found.set(id.toLowerCase(), obj?.name ? `${clean(obj.name)} (${id})` : id);
      if (found.size >= 8) break;
    }
    return [...found.values()];
  } catch {
    return [];
  }
}

async function notFound(api: Comm100Api, refs: Ref[], why: string, httpStatus?: number): Promise<NotFoundError> {
  const kinds = [...new Set(refs.map((r) => r.kind))];
  const seen = kinds.length === 1 ? await candidates(api, kinds[0]!) : [];
  const subject = refs.length === 1 ? describe(refs[0]!) : `one of ${refs.map(describe).join(", ")}`;
  return new NotFoundError(`Comm100 has no ${subject}${why}`, {
    vendor: "comm100",
    httpStatus,
    hint: seen.length > 0 ? `${PLURAL[kinds[0]!]} on recent tickets: ${seen.join(", ")}` : undefined,
  });
}

/** Before anything is sent: an id that is not a guid cannot exist. */
export async function checkRefs(api: Comm100Api, refs: Ref[]): Promise<void> {
  const malformed = refs.find((r) => !GUID.test(r.id));
  if (malformed) throw await notFound(api, [malformed], `: Comm100 ${NOUN[malformed.kind]} ids are guids`);
}

/** Runs `write` (its refs already checked), reading a refusal that names one of `refs` as "not found". */
export async function withRefs<T>(api: Comm100Api, refs: Ref[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const response = (err as { response?: { statusCode?: number; body?: unknown } }).response;
    const status = response?.statusCode;
    if (status === undefined || !REFERENCE_REFUSALS.includes(status) || refs.length === 0) throw err;
    const said = (vendorMessage(response?.body) ?? "").toLowerCase();
    // A whole-word field name: "departmentAssigneeId" does not name "assigneeId".
    const names = (r: Ref) => said.includes(r.id.toLowerCase()) || new RegExp(`\\b${r.field}\\b`, "i").test(said);
    const named = refs.filter(names);
    if (named.length > 0) throw await notFound(api, named, "", status);
    if (status === 404) throw await notFound(api, refs, "", status);
    throw err;
  }
}
