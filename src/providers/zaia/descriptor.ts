import type { VendorDescriptor } from "../descriptor.js";
import { checkZaiaId } from "./ids.js";

/**
 * Zaia public API v1 (vendor-docs/zaia-ticket-api.txt, vendor-notes.md section 1).
 * A ticket is a chat that a human team takes over from the AI responder ("takeover") or that
 * the agent hands over ("handover"). Values the doc does not print are in src/providers/zaia/guesses.ts.
 */
export const zaia: VendorDescriptor = {
  vendor: "zaia",
  displayName: "Zaia",
  available: true,
  baseUrlExample: "https://api.endless.zaia.app",
  authSummary: "API key (apiKey), sent raw in the authorization header (as Bearer if Zaia refuses the raw key; the working form is remembered); settings userId (your Zaia user id) for close and as the default assignee",
  secrets: [
    {
      name: "apiKey",
      description: "Zaia API key (workspace settings > API keys), sent as the authorization header with no scheme (or as Bearer if Zaia refuses that)",
      required: true,
      primary: true,
    },
  ],
  settings: [
    {
      name: "userId",
      description:
        "Your Zaia user id (uuid): the userId that close (complete) sends, and the default assignee of create and escalate (takeover); `me` in --assignee means this id",
      required: false,
    },
    {
      name: "statuses",
      description:
        "Comma-separated Zaia status values (Zaia's enum is undocumented): what `ticket list` walks (Zaia requires one status per call) and what create sends. Unset = pending,ongoing,completed, corrected and remembered automatically when Zaia refuses them",
      required: false,
    },
  ],
  capabilities: {
    list: {
      supported: true,
      how: "GET /api/v1/tickets/details once per status (Zaia requires one), paged by pageNumber/pageSize <= 100: without --status it walks every status (pending, ongoing, completed unless Zaia says otherwise), so a plain list shows every ticket including finished ones; assignee, tag (a name, looked up in GET /api/v1/tags, or an id) and query filter server-side, team, channel and dates client-side",
    },
    show: {
      supported: true,
      how: "GET /api/v1/tickets/{id}/details, plus the ticket's conversation from GET /api/v1/chat-messages?chatId=...&ticketIds={id}",
    },
    create: {
      supported: true,
      how: "POST /api/v1/tickets on an existing chat given with --field chatId=<uuid>; --team sets ticketingTeamId, --assignee the assignee (default: the profile's userId), --status the status (default pending), --tag tag names or ids (each attached with POST /api/v1/tickets/{id}/tags); Zaia tickets have no subject, body, priority or requester, so those are refused",
      refusedFlags: ["--subject", "--body", "--priority", "--requester", "--channel", "--category", "--attach"],
    },
    reply: {
      supported: false,
      how: "Zaia's public API documents no endpoint that sends a message into a ticket's chat",
    },
    assign: {
      supported: true,
      how: "PATCH /api/v1/tickets/{id}/assignee with {assigneeId}; Zaia cannot move a ticket to another team this way",
    },
    escalate: {
      supported: true,
      how: "PATCH /api/v1/tickets/{id}/takeover: a human (--to, default the profile's userId) takes the chat over from the AI responder, and the ticket becomes ongoing; it has no field for --reason, so that is refused",
      refusedFlags: ["--reason"],
    },
    merge: { supported: false, how: "Zaia's ticket API has no merge endpoint" },
    close: {
      supported: true,
      how: "PATCH /api/v1/tickets/{id}/complete with {userId} from the profile's userId setting; the ticket becomes completed (shown as closed); --comment is refused (Zaia has no notes)",
      refusedFlags: ["--comment"],
    },
    upload: { supported: false, how: "Zaia's ticket API has no file upload endpoint" },
  },
  listFilters: ["status", "assignee", "tag", "query", "team", "channel", "since", "until"],
  self: { setting: "userId", basis: "the user uuid a ticket's assigneeId names and assigneeIds filters on (zaia-ticket-api.txt lines 27, 162, 385)" },
  checkTicketId: checkZaiaId,
  concurrency: {
    default: 4,
    basis:
      "Zaia's public API documents no rate limit (vendor-docs, vendor-notes section 1): 4 at a time, the default for an undocumented limit",
  },
  loadProvider: async () => (await import("./index.js")).createZaiaProvider,
  loadSimulator: async () => await import("../../sandbox/zaia/index.js"),
};
