/**
 * --dry-run answers (src/http/dry-run.ts, HttpClientOptions.dryAnswer): for each write the Sobot
 * provider sends, the smallest answer the doc documents for its success, so that the steps after
 * it are planned too: an upload's file_url feeding the reply that carries it, a create's ticketid
 * read back, an escalation's reminder after its save_ticket_reply.
 *
 *   save_agent_ticket   {item:{ticketid}, ret_code, ret_msg}   (doc lines 2504-2525)
 *   upload_file         {item:{file_url}, ret_code, ret_msg}   (doc lines 2758-2778)
 *   save_ticket_reply   {ret_code, ret_msg}                    (doc lines 2648-2659)
 *   reminder            {ret_code, ret_msg}                    (doc lines 2825-2836)
 *   anything else       {ret_code, ret_msg}: "000000" is success for every endpoint (lines 4914-4916)
 *
 * Once a write of the item has been planned, the ticket it changed (or created) is read back with
 * get_ticket_by_id: that read is answered here with the ticket reduced to its id (lines 3363-3390),
 * so nothing is asked of Sobot for a placeholder id. Every other read is sent for real.
 */
import type { DryRequest } from "../../http/client.js";
import { SUCCESS } from "./errors.js";

const ok = (extra: Record<string, unknown> = {}) => ({ ...extra, ret_code: SUCCESS, ret_msg: "Success" });

/** The endpoint a request names: the last segment of /api/ws/5/ticket/<name>. */
function endpointOf(url: URL): string {
  return url.pathname.replace(/\/+$/, "").split("/").pop() ?? "";
}

/** One provider's answers; placeholders are numbered per run ("dry-run-1", "dry-run-file-1"). */
export function createDryAnswer(): (req: DryRequest) => unknown {
  let tickets = 0;
  let files = 0;
  return (req) => {
    const name = endpointOf(req.url);
    if (req.method === "GET" || req.method === "HEAD") {
      if (name !== "get_ticket_by_id") return undefined;
      return ok({ item: { ticketid: req.url.searchParams.get("ticketid") || `dry-run-${++tickets}` } });
    }
    if (name === "save_agent_ticket") return ok({ item: { ticketid: `dry-run-${++tickets}` } });
    if (name === "upload_file") return ok({ item: { file_url: `dry-run-file-${++files}` } });
    return ok();
  };
}
