/**
 * --dry-run answers (src/http/dry-run.ts): for each write the provider would send, the smallest
 * success answer vendor-docs/3dolphins-ticket-api.txt prints for that endpoint, so every later
 * step of the verb is planned too. Every answer is the documented envelope
 * `{status: "success", data, hasMore, nextIndex, prevIndex, totalResults}` (lines 31, 99, 246,
 * 259); `data` carries only what the provider reads next, with placeholder ids (`dry-run-N`).
 *
 * Reads are never answered here (undefined: sent for real): the provider reads only real tickets
 * (the one named on the command line, before its write), and the update/* answers below carry the
 * changed ticket, so nothing is read back after a planned write.
 */
import type { DryRequest } from "../../http/dry-run.js";
import { VENDOR_STATUS } from "./guesses.js";

/** The placeholder id of what a planned write would have made or named. */
export const DRY_RUN_ID = "dry-run-1";

/** The documented success envelope around `data`. */
const envelope = (data: unknown) => ({ status: "success", data, hasMore: false, nextIndex: 0, prevIndex: 0, totalResults: 0 });

const fieldOf = (body: unknown, key: string): string | undefined => {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
};

/** A fresh answerer per client: placeholder file ids count up within one run. */
export function createDryAnswers(): (req: DryRequest) => unknown {
  let files = 0;
  return (req) => {
    if (req.method === "GET" || req.method === "HEAD") return undefined;
    const path = req.url.pathname.replace(/\/+$/, "");
    // Lines 248-272: POST graph/tickets/files[/media] answers a link to the stored file (the
    // sample's is "null?access_token=..."): a link under the same endpoint, without a token.
    if (/\/graph\/tickets\/files(\/media)?$/.test(path)) return envelope(`${req.url.origin}${path}/dry-run-${++files}`);
    // The provider takes the one ticket of an update/* answer as the ticket written, so a
    // placeholder number serves when the body is not at hand.
    const ticketNumber = fieldOf(req.body, "ticketNumber") ?? DRY_RUN_ID;
    // Line 86: sendMessage answers the ticket's parent record (parent 1), not the message sent.
    if (path.endsWith("/graph/tickets/sendMessage")) return envelope({ ticketNumber, parent: 1 });
    // Lines 180, 193, 207, 233: update/* answer the updated ticket. It carries the change the
    // provider checks for, so nothing is read back for a change that was only planned.
    if (path.endsWith("/graph/tickets/update/close")) return envelope({ ticketNumber, status: VENDOR_STATUS.closed, closureType: "Resolved" });
    if (path.endsWith("/graph/tickets/update/reassign")) {
      const member = req.body && typeof req.body === "object" ? (req.body as { teamMember?: unknown }).teamMember : undefined;
      return envelope({ ticketNumber, status: VENDOR_STATUS.assigned, assignedAgent: fieldOf(member, "id") ?? null });
    }
    if (path.endsWith("/graph/tickets/update/transfer")) return envelope({ ticketNumber, status: VENDOR_STATUS.unassigned, toGroup: fieldOf(req.body, "toGroup") ?? null });
    if (path.endsWith("/graph/tickets/update/escalate")) return envelope({ ticketNumber, status: VENDOR_STATUS.assigned, supervisor: fieldOf(req.body, "supervisorId") ?? null });
    return undefined;
  };
}
