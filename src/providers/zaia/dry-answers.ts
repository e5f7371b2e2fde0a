/**
 * --dry-run answers (src/http/dry-run.ts): what Zaia would answer each write the provider sends,
 * the smallest success its document prints, so every later step of a verb is planned too. Nothing
 * here is sent or kept beyond the run.
 *
 * - POST /api/v1/tickets: 200 with the ticket entity (doc lines 454-492): the body sent, with the
 *   placeholder id DRY_RUN_ID (the tags of a create are then planned on that id).
 * - PATCH /api/v1/tickets/{id}/complete | takeover | assignee: 200 with the ticket entity (doc lines
 *   389-427, 582-620, 643-681), the change applied to the ticket as this run knows it.
 * - POST /api/v1/tickets/{ticketId}/tags: 200 `{createdAt, updatedAt, tagId, ticketId}` (doc lines 515-529).
 * - DELETE /api/v1/tickets/{ticketId}/tags/{tagId}: 200 `{message}` (doc lines 551-559).
 *
 * Reads after a planned write: GET /api/v1/tickets/{id}/details of a ticket a planned write made or
 * changed is answered as a detail row (doc lines 17-153) built from what was planned, so nothing is
 * requested for the placeholder id and the read-back shows the planned state. Any other read goes
 * to Zaia for real (its ids are real). Any other write is not answered: its plan ends there.
 */
import { DryRunStop, InterruptedError } from "../../errors.js";
import type { DryRequest } from "../../http/client.js";
import type { Status } from "../../model/enums.js";
import type { ProviderContext } from "../types.js";

/**
 * Is this run a --dry-run? ProviderContext.dryRun (asked of src/providers/context.ts; absent = no).
 * A Zaia verb's first request is its write (a PATCH), so in a dry run the provider reads the ticket
 * first: a missing ticket is then a NotFoundError (exit 5) before anything is planned.
 */
export function isDryRun(ctx: ProviderContext): boolean {
  return (ctx as ProviderContext & { dryRun?: boolean }).dryRun === true;
}

/** Errors no catch may keep: a dry run's stop (the plan ends there) and Ctrl-C. */
export function mustPass(err: unknown): boolean {
  return err instanceof DryRunStop || err instanceof InterruptedError;
}

/** Placeholder id of the ticket a planned create would make. */
export const DRY_RUN_ID = "dry-run-1";
/** Placeholder for a value Zaia would fill in that this run does not know (a chat id never read). */
export const DRY_RUN_UNKNOWN = "dry-run-unknown";

/** doc line 411: "takeover (human intervention) or handover (agent automatic creation)": an API create is a person's act. */
const CREATE_CIRCUMSTANCE = "takeover";

const TICKETS = /^api\/v1\/tickets$/;
const DETAILS = /^api\/v1\/tickets\/([^/]+)\/details$/;
const PATCH_VERB = /^api\/v1\/tickets\/([^/]+)\/(complete|takeover|assignee)$/;
const TAGS = /^api\/v1\/tickets\/([^/]+)\/tags$/;
const TAG = /^api\/v1\/tickets\/([^/]+)\/tags\/([^/]+)$/;

export interface DryAnswerOptions {
  /** The API root the client's paths are relative to (api.ts apiRoot). */
  root: string;
  now: () => Date;
  /** The Zaia status value a normalized status is sent as (statuses.ts), or null. */
  statusValue: (status: Status) => string | null;
}

export interface ZaiaDryAnswers {
  /** The client's `dryAnswer` (HttpClientOptions). */
  answer: (req: DryRequest) => unknown;
  /** A detail row read for real before a write (the ticket a planned PATCH starts from). */
  seen: (payload: unknown) => void;
}

type Entity = Record<string, unknown>;

const objectOf = (v: unknown): Entity => (v && typeof v === "object" && !Array.isArray(v) ? { ...(v as Entity) } : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export function createDryAnswers(opts: DryAnswerOptions): ZaiaDryAnswers {
  const rootPath = new URL(opts.root).pathname.replace(/\/+$/, "");
  /** Tickets as this run knows them (read for real, or as planned writes leave them), by id. */
  const known = new Map<string, Entity>();
  /** Ids whose state comes from a planned write: their reads are answered here. */
  const planned = new Set<string>();
  const relative = (url: URL): string | undefined => (url.pathname.startsWith(`${rootPath}/`) ? url.pathname.slice(rootPath.length + 1) : undefined);
  const now = () => opts.now().toISOString();

  /** The ticket entity of the write answers (doc lines 395-427): the fields the document lists. */
  function entity(base: Entity, change: Entity): Entity {
    const at = now();
    return {
      createdAt: str(base["createdAt"]) ?? at,
      id: base["id"],
      updatedAt: at,
      assigneeId: str(base["assigneeId"]),
      chatId: str(base["chatId"]) ?? DRY_RUN_UNKNOWN,
      circumstance: str(base["circumstance"]) ?? CREATE_CIRCUMSTANCE,
      completedAt: str(base["completedAt"]),
      lastViewedAt: str(base["lastViewedAt"]),
      ongoingAt: str(base["ongoingAt"]),
      status: str(base["status"]) ?? opts.statusValue("open") ?? DRY_RUN_UNKNOWN,
      summary: str(base["summary"]) ?? "",
      ticketingTeamId: str(base["ticketingTeamId"]),
      ...change,
    };
  }

  /** A detail row (doc lines 23-153) for a planned ticket: what the entity says, the rest as the row read before (or null). */
  function detailRow(id: string): Entity {
    const t = known.get(id)!;
    return { ...t, id, chatId: str(t["chatId"]) ?? DRY_RUN_UNKNOWN, status: str(t["status"]) ?? DRY_RUN_UNKNOWN };
  }

  /** Remember what a planned write leaves (plus row fields it changes), and answer with the entity. */
  function plan(id: string, value: Entity, row: Entity = {}): Entity {
    known.set(id, { ...known.get(id), ...value, ...row });
    planned.add(id);
    return value;
  }

  const answer = ({ method, url, body }: DryRequest): unknown => {
    const path = relative(url);
    if (path === undefined) return undefined;
    const sent = objectOf(body);
    const idIn = (re: RegExp, i = 1) => {
      const m = re.exec(path);
      return m ? decodeURIComponent(m[i]!) : undefined;
    };

    if (method === "GET") {
      const id = idIn(DETAILS);
      return id !== undefined && planned.has(id) ? detailRow(id) : undefined;
    }
    if (method === "POST" && TICKETS.test(path)) {
      const change = {
        assigneeId: str(sent["assigneeId"]),
        chatId: str(sent["chatId"]) ?? DRY_RUN_UNKNOWN,
        status: str(sent["status"]) ?? opts.statusValue("new") ?? DRY_RUN_UNKNOWN,
        ticketingTeamId: str(sent["ticketingTeamId"]),
      };
      return plan(DRY_RUN_ID, entity({ id: DRY_RUN_ID }, change));
    }
    if (method === "PATCH") {
      const m = PATCH_VERB.exec(path);
      if (!m) return undefined;
      const id = decodeURIComponent(m[1]!);
      const base: Entity = { ...known.get(id), id };
      if (m[2] === "complete") return plan(id, entity(base, { status: opts.statusValue("closed") ?? DRY_RUN_UNKNOWN, completedAt: now() }));
      // A new assignee: the names the row carried were the old assignee's.
      const assigneeId = str(sent["assigneeId"]);
      const person = assigneeId === str(base["assigneeId"]) ? {} : { assigneeName: null, assigneeEmail: null, assigneePicture: null };
      if (m[2] === "takeover") {
        return plan(id, entity(base, { assigneeId, status: opts.statusValue("open") ?? DRY_RUN_UNKNOWN, ongoingAt: str(base["ongoingAt"]) ?? now() }), person);
      }
      return plan(id, entity(base, { assigneeId }), person);
    }
    if (method === "POST") {
      const ticketId = idIn(TAGS);
      if (ticketId === undefined) return undefined;
      const at = now();
      return { createdAt: at, updatedAt: at, tagId: str(sent["tagId"]) ?? DRY_RUN_UNKNOWN, ticketId };
    }
    if (method === "DELETE" && TAG.test(path)) return { message: "dry run: the tag would be removed from the ticket" };
    return undefined;
  };

  return {
    answer,
    seen(payload) {
      const row = objectOf(payload);
      const id = str(row["id"]);
      if (id !== null) known.set(id, row);
    },
  };
}
