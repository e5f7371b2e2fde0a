/**
 * --dry-run answers (src/http/dry-run.ts): what Comm100 would answer each write the verbs send,
 * the smallest success its documents print, so every later step is planned too. Nothing here is
 * sent or stored beyond the run.
 *
 * - POST ticketing/tickets: 201 with the ticket ([S1] lines 168-172): the body sent, with a placeholder id.
 * - PUT ticketing/tickets/{id}: 200 with the ticket ([S1] lines 466-470): the body sent, under its id.
 * - POST ticketing/tickets/{id}:merge: "No Content" ([S1] line 285; the sample is a bare 200 OK, line 299).
 * - POST ticketing/messages and ticketing/notes: the message or note (vendor-notes 2.3; its answer is
 *   NOT FOUND, so the object sent with a placeholder id, the reading writes.ts takes first).
 *
 * Reads after a planned write: the ticket a planned PUT or create would leave is answered from
 * what was planned (the verbs read it back; the real one is unchanged, the created one does not
 * exist). Any other read goes to Comm100 for real: its ids are real.
 */
import type { DryRequest } from "../../http/client.js";

/** Placeholder id of whatever a planned write would create. */
export const DRY_RUN_ID = "dry-run-1";

const TICKET = /^ticketing\/tickets\/([^/:]+)$/;
const MERGE = /^ticketing\/tickets\/[^/:]+:merge$/;

export function createDryAnswers(baseUrl: string): (req: DryRequest) => unknown {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  /** Tickets as the planned writes of this run would leave them, by id. */
  const planned = new Map<string, Record<string, unknown>>();
  const relative = (url: URL): string | undefined => (url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length + 1) : undefined);
  const sent = (body: unknown): Record<string, unknown> => (body && typeof body === "object" && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {});

  return ({ method, url, body }) => {
    const path = relative(url);
    if (path === undefined) return undefined;
    const ticket = TICKET.exec(path);
    const id = ticket ? decodeURIComponent(ticket[1]!) : undefined;
    if (method === "GET") return id !== undefined ? planned.get(id) : undefined;
    if (method === "POST" && path === "ticketing/tickets") {
      const created = { ...sent(body), id: DRY_RUN_ID };
      planned.set(DRY_RUN_ID, created);
      return created;
    }
    if (method === "PUT" && id !== undefined) {
      // selfIncrementId ([S1] line 27): the ticket's id as the number Comm100 prints.
      const updated = { ...sent(body), id: /^\d+$/.test(id) ? Number(id) : id };
      planned.set(id, updated);
      return updated;
    }
    if (method === "POST" && MERGE.test(path)) return "";
    if (method === "POST" && (path === "ticketing/messages" || path === "ticketing/notes")) return { ...sent(body), id: DRY_RUN_ID };
    return undefined;
  };
}
