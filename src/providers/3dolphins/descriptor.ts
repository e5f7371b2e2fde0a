import type { VendorDescriptor } from "../descriptor.js";

/** 3Dolphins Service API, Ticket (vendor-docs/3dolphins-ticket-api.txt, vendor-notes.md section 4). */
export const threeDolphins: VendorDescriptor = {
  vendor: "3dolphins",
  displayName: "3Dolphins",
  available: true,
  baseUrlExample: "http://host/dolphin/apiv1",
  authSummary:
    "bearer token (token), or username + password exchanged at POST graph/auth for a token that is cached until its expireAt; plain http only with a warning",
  secrets: [
    { name: "token", description: "Bearer token (Authorization: Bearer <token>); takes precedence over username + password", required: false, primary: true },
    { name: "password", description: "Password for the username setting; ticket obtains and caches a token via POST graph/auth", required: false },
  ],
  settings: [
    { name: "username", description: "3Dolphins user name for POST graph/auth (with the password secret), when no token is set", required: false },
    { name: "replyAgent", description: "Your agent id: the replyAgent of messages sent by reply and upload", required: false },
    { name: "supervisorId", description: "Default supervisor id for escalate (the escalate target overrides it)", required: false },
  ],
  capabilities: {
    list: {
      supported: true,
      how: "GET graph/tickets?start&count following nextIndex/hasMore; status via graph/tickets/assignment, urgent via graph/tickets/priority, other filters client-side",
    },
    show: { supported: true, how: "GET graph/tickets/{ticketNumber} plus the paged conversation GET graph/tickets/conversations/{ticketNumber}" },
    create: { supported: false, how: "3Dolphins' ticket API has no create endpoint: tickets are opened by inbound channel messages" },
    reply: {
      supported: true,
      how: "POST graph/tickets/sendMessage on the ticket's own channelType as the profile's replyAgent (no internal notes)",
      // No internal notes: a note would reach the customer.
      refusedFlags: ["--internal"],
    },
    assign: { supported: true, how: "PUT graph/tickets/update/reassign with teamMember.id; a team goes through PUT graph/tickets/update/transfer (toGroup)" },
    escalate: {
      supported: true,
      how: "PUT graph/tickets/update/escalate with supervisorId (the target, or the profile's supervisorId); it carries no reason",
      refusedFlags: ["--reason"],
    },
    merge: { supported: false, how: "3Dolphins' ticket API has no merge endpoint" },
    close: {
      supported: true,
      how: "PUT graph/tickets/update/close with the ticketNumber (closed as resolved; no comment: 3Dolphins has no internal notes)",
      refusedFlags: ["--comment"],
    },
    upload: {
      supported: true,
      how: "POST graph/tickets/files (multipart), then a public sendMessage reply carrying the file links, since messages have no attachment field",
      refusedFlags: ["--internal"],
    },
  },
  listFilters: ["status", "priority", "assignee", "team", "requester", "tag", "query", "channel", "since", "until", "updatedSince"],
  self: { setting: "replyAgent", basis: "the [AgentId] a ticket's assignedAgent holds, the one replyAgent and reassign's teamMember.id take (3dolphins-ticket-api.txt lines 166, 176)" },
  // The doc prints ticket numbers only as "[ticketNumber]": any visible text travels (encoded in
  // the path), except what could leave the path segment or walk up from it.
  checkTicketId: (id) =>
    id.length <= 64 && /^[^\s/\\?#%]+$/u.test(id) && !/[\p{Cc}\p{Cf}]/u.test(id) && id !== "." && id !== ".."
      ? null
      : "3Dolphins ticket numbers are up to 64 visible characters without spaces, '/', '\\', '?', '#' or '%'",
  concurrency: {
    default: 4,
    basis:
      "3Dolphins documents no rate limit (vendor-docs, vendor-notes section 4): 4 at a time, the default for an undocumented limit",
  },
  loadProvider: async () => (await import("./index.js")).createThreeDolphinsProvider,
  loadSimulator: async () => await import("../../sandbox/3dolphins/index.js"),
};
