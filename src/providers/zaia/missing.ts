/**
 * Which id a Zaia 404 is about. A write names several ids (the ticket in the path; a user, chat or
 * team in the body) and Zaia's refusal text is not documented, so after a 404 the provider asks:
 * does the ticket exist (GET details)? the team (GET /api/v1/ticketing-teams, vendor-notes.md 1.4)?
 * the chat (GET /api/v1/chat-messages?chatId=)? What remains is the user. The answer is a
 * NotFoundError (exit 5) naming the id and, where Zaia can list them, the candidates: teams from
 * the team list; users from the assignees of recent tickets (Zaia has no user directory, notes 1.4).
 */
import { NotFoundError } from "../../errors.js";
import type { Team } from "./schema.js";
import { httpStatusOf, MAX_PAGE_SIZE, type ZaiaApi } from "./api.js";
import { mustPass } from "./dry-answers.js";
import { NAME, VENDOR } from "./inputs.js";

/** How many candidates a message lists. */
const SHOWN = 8;

export interface Suspects {
  ticketId?: string;
  chatId?: string;
  teamId?: string | null;
  /** The user id in the body, and the flag (or setting) it came from. */
  user?: { id: string; from: string };
}

/** Does a read of this id answer 404? (true / false / null when it cannot tell) */
async function missing(read: () => Promise<unknown>): Promise<boolean | null> {
  try {
    await read();
    return false;
  } catch (err) {
    if (mustPass(err)) throw err;
    return httpStatusOf(err) === 404 ? true : null;
  }
}

function listed(items: { id: string; name: string | null }[]): string {
  const shown = items.slice(0, SHOWN).map((x) => (x.name ? `${x.name} (${x.id})` : x.id));
  return shown.join(", ") + (items.length > SHOWN ? `, and ${items.length - SHOWN} more` : "");
}

/** Users seen as assignees on recent tickets, per status value walked (one page each). */
async function recentAssignees(api: ZaiaApi, statuses: string[]): Promise<{ id: string; name: string | null }[]> {
  const seen = new Map<string, string | null>();
  for (const status of statuses) {
    try {
      for (const { value } of await api.listTickets({ status, pageNumber: 1, pageSize: MAX_PAGE_SIZE })) {
        if (value.assigneeId && !seen.has(value.assigneeId)) seen.set(value.assigneeId, value.assigneeName);
      }
    } catch (err) {
      if (mustPass(err)) throw err;
      // Candidates are a courtesy: a failed list leaves them out.
    }
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * The NotFoundError for a 404 a write received, naming what is missing. `fallback` is the error
 * to throw when no probe can tell.
 */
export async function whatIsMissing(api: ZaiaApi, statuses: string[], err: unknown, s: Suspects, fallback: unknown): Promise<unknown> {
  if (httpStatusOf(err) !== 404) return fallback;
  const details = { vendor: VENDOR, httpStatus: 404, cause: err } as const;
  if (s.ticketId && (await missing(() => api.ticketDetails(s.ticketId!)))) {
    return new NotFoundError(`${NAME}: ticket ${s.ticketId} not found`, details);
  }
  if (s.teamId) {
    const teams: Team[] | null = await api.ticketingTeams().catch((err: unknown) => {
      if (mustPass(err)) throw err;
      return null;
    });
    if (teams && !teams.some((t) => t.id === s.teamId)) {
      const live = teams.filter((t) => t.isRemoved !== true);
      return new NotFoundError(`${NAME}: team ${s.teamId} not found (--team)${live.length ? `; teams: ${listed(live)}` : ""}`, details);
    }
  }
  if (s.chatId && (await missing(() => api.chatMessages(s.chatId!, [])))) {
    return new NotFoundError(`${NAME}: chat ${s.chatId} not found (--field chatId)`, details);
  }
  if (s.user) {
    const known = await recentAssignees(api, statuses);
    const candidates = known.length ? `; users assigned to recent tickets: ${listed(known)}` : " (Zaia's API has no user directory to list candidates from)";
    return new NotFoundError(`${NAME}: user ${s.user.id} not found (${s.user.from})${candidates}`, details);
  }
  return fallback;
}
