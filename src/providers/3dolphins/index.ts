/**
 * 3Dolphins ticket provider (vendor-docs/3dolphins-ticket-api.txt; vendor-notes.md section 4).
 * Base URL: http://host/dolphin/apiv1 (on-premise) or the hosted equivalent; every path is under graph/.
 * Ticket ids are ticketNumbers. Guesses live in ./guesses.ts; what the vendor cannot carry is
 * refused in ./refusals.ts before anything is sent.
 */
import { NotFoundError, OperationError, UsageError } from "../../errors.js";
import type { Ticket } from "../../model/types.js";
import type { Provider, ProviderFactory } from "../types.js";
import { createApi, VendorNotFoundError } from "./api.js";
import { threeDolphins as descriptor } from "./descriptor.js";
import { threeDolphinsDirectory } from "./directory.js";
import { closeBody, transferBody, VENDOR_STATUS } from "./guesses.js";
import { createMessenger } from "./messages.js";
import { refuseCloseInputs, refuseEscalateInputs, refuseInternal } from "./refusals.js";
import { createTicketReader, subjectOf, type ParsedTicket } from "./tickets.js";

/** The vendorCode of a write the vendor answered with success but did not apply. */
export const NOT_APPLIED = "not-applied";

/** Where agent, supervisor and group ids can be found: the API has no directory of them. */
const NO_DIRECTORY =
  "3Dolphins' ticket API has no agent or group directory; ids appear as assignedAgent, supervisor and toGroup in `ticket list --json --raw`";

export const createThreeDolphinsProvider: ProviderFactory = (ctx) => {
  const api = createApi(ctx);
  const tickets = createTicketReader(ctx, api);
  const messenger = createMessenger(ctx, api, tickets.fileLinkBase);
  const settings = ctx.profile.settings;

  /**
   * A write that names someone besides the ticket. The ticket was read just before, so a "not
   * found" is about `who`: exit 5 naming it (vendorCode/httpStatus kept: nothing happened).
   */
  async function naming(who: string, fn: () => Promise<unknown>): Promise<unknown> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      const said = err instanceof VendorNotFoundError ? err.said : undefined;
      throw new NotFoundError(`3Dolphins has no ${who}${said ? ` (${said})` : ""}`, {
        vendor: "3dolphins",
        httpStatus: err.httpStatus,
        vendorCode: err.vendorCode,
        hint: NO_DIRECTORY,
      });
    }
  }

  /**
   * After a write whose body the doc does not print (close, transfer): the server may ignore
   * fields it does not know and still answer success, so the answer's ticket (or, when the answer
   * carries none, the ticket read back) must show the change. `shows` says true, false, or
   * undefined when the record does not carry the field at all (then it cannot be confirmed, and
   * the user is told). A change shown not to have happened is the vendor not doing it: refused
   * with a vendorCode, right after the write's answer, so it is never taken for a lost answer.
   */
  async function confirmed(id: string, data: unknown, shows: (p: ParsedTicket) => boolean | undefined, change: string): Promise<Ticket> {
    const answered = tickets.ticketIn(data, id);
    let after = answered ?? (await tickets.fetchTicket(id));
    let verdict = shows(after);
    if (verdict === undefined && answered) {
      after = await tickets.fetchTicket(id);
      verdict = shows(after);
    }
    if (verdict === false) {
      throw new OperationError(`3Dolphins answered success but ${subjectOf(id)} is not ${change}: nothing changed (the request's body is not documented, so the change may not be supported)`, {
        vendor: "3dolphins",
        vendorCode: NOT_APPLIED,
      });
    }
    if (verdict === undefined) ctx.warn(`3Dolphins' answer does not show whether ${subjectOf(id)} is ${change}, so it could not be confirmed`);
    return after.ticket;
  }

  const provider: Provider = {
    vendor: "3dolphins",
    capabilities: descriptor.capabilities!,
    listFilters: descriptor.listFilters!,

    list: (q) => tickets.list(q),

    show: (id, opts) => tickets.show(id, opts),

    async reply(id, input) {
      refuseInternal(input.internal, "reply");
      if (!input.body.trim() && !input.attachments?.length) throw new UsageError("a reply needs a message body");
      const agent = messenger.replyAgent("reply");
      const { wire } = await tickets.fetchTicket(id);
      if (input.attachments?.length) return (await messenger.sendWithFiles(id, wire, agent, input.body, input.attachments)).message;
      return await messenger.sendMessage(id, wire, agent, input.body);
    },

    async assign(id, input) {
      const assignee = input.assignee?.trim();
      const team = input.team?.trim();
      if (!assignee && !team) throw new UsageError("assign needs an agent id (assignee) or a group id (team)");
      await tickets.fetchTicket(id);
      let result: Ticket | undefined;
      if (team) {
        const data = await naming(`group "${team}"`, async () => (await api.send("PUT", "graph/tickets/update/transfer", transferBody(id, team), subjectOf(id))).data);
        result = await confirmed(id, data, (p) => (p.wire.toGroup ?? p.wire.group ? p.ticket.team?.id === team : undefined), `in group ${team}`);
      }
      if (assignee) {
        // Doc line 176: {"ticketNumber", "teamMember": {"id"}}.
        const body = { ticketNumber: id, teamMember: { id: assignee } };
        const data = await naming(`agent "${assignee}"`, async () => (await api.send("PUT", "graph/tickets/update/reassign", body, subjectOf(id))).data);
        result = (await tickets.ticketAfter(id, data)).ticket;
      }
      return result!;
    },

    async escalate(id, input) {
      refuseEscalateInputs(input);
      const supervisorId = input.to?.trim() || settings["supervisorId"]?.trim();
      if (!supervisorId) {
        throw new UsageError(
          `escalate needs a supervisor: pass the supervisor's id as the target, or set the profile setting supervisorId (ticket profile set ${ctx.profile.name} supervisorId=<id>)`,
        );
      }
      await tickets.fetchTicket(id);
      // Doc line 203: {"ticketNumber", "supervisorId"} (the sample's missing quote fixed).
      const data = await naming(`supervisor "${supervisorId}"`, async () => (await api.send("PUT", "graph/tickets/update/escalate", { ticketNumber: id, supervisorId }, subjectOf(id))).data);
      return (await tickets.ticketAfter(id, data)).ticket;
    },

    async close(id, input) {
      refuseCloseInputs(input);
      // Read first, as every other write does: a missing ticket is exit 5 before anything is sent
      // (and in --dry-run, where the close itself is only planned).
      await tickets.fetchTicket(id);
      const env = await api.send("PUT", "graph/tickets/update/close", closeBody(id), subjectOf(id));
      const closed = (p: ParsedTicket) => (p.wire.status ? p.wire.status.toLowerCase() === VENDOR_STATUS.closed.toLowerCase() : undefined);
      return await confirmed(id, env.data, closed, "Closed");
    },

    async upload(id, files, input) {
      refuseInternal(input.internal, "upload");
      if (files.length === 0) throw new UsageError("no files to upload");
      const agent = messenger.replyAgent("upload");
      const { wire } = await tickets.fetchTicket(id);
      return (await messenger.sendWithFiles(id, wire, agent, input.message, files)).attachments;
    },

    request: (req) => api.request(req),
    ...threeDolphinsDirectory(),
  };
  return provider;
};
