/**
 * The Sobot provider (Ticket API, open platform v5; vendor-docs/sobot-ticket-api.txt and
 * vendor-notes.md section 3). Every write goes through save_ticket_reply or save_agent_ticket as
 * the profile's agent; save_ticket_reply is a read-modify-write (rmw.ts). Every verb takes the
 * ticketid or the ticket number (ticket-ref.ts).
 *
 *   core.ts        settings, transport, lookups, reading one ticket
 *   api.ts         the transport, and `ticket api` (request) through it
 *   dry-answers.ts what --dry-run answers each planned write (and the read-back after it)
 *   reads.ts       list (month windows, PageGuard) and show
 *   span.ts        how far back `list --all` walks (TICKET_SOBOT_MAX_MONTHS)
 *   create.ts      save_agent_ticket
 *   writes.ts      reply, assign, escalate, close, upload
 *   rmw.ts         the save_ticket_reply body echoed from the ticket as read
 *   html.ts        Sobot's stored HTML as text, and comparing a sent text with a stored one
 *                  (sameText: also for the command layer's reconciliation of a lost answer)
 */
import type { Provider, ProviderContext, ProviderFactory } from "../types.js";
import { createCore } from "./core.js";
import { createCreate } from "./create.js";
import { sobotDirectory } from "./directory-methods.js";
import { SOBOT_CAPABILITIES, SOBOT_LIST_FILTERS } from "./descriptor.js";
import { createReads } from "./reads.js";
import { createWrites } from "./writes.js";

export const createSobotProvider: ProviderFactory = (ctx: ProviderContext): Provider => {
  const core = createCore(ctx);
  const { list, show } = createReads(core);
  const writes = createWrites(core, show);
  return {
    vendor: "sobot",
    capabilities: SOBOT_CAPABILITIES,
    listFilters: SOBOT_LIST_FILTERS,
    list,
    show,
    create: createCreate(core, writes.uploadFiles, writes.reread),
    reply: writes.reply,
    assign: writes.assign,
    escalate: writes.escalate,
    close: writes.close,
    upload: writes.upload,
    request: (req) => core.api().send(req),
    ...sobotDirectory(core.directory),
  };
};
