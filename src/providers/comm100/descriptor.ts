import type { VendorDescriptor } from "../descriptor.js";

/** Comm100 v4 Ticketing (vendor-docs/comm100-ticket-api.txt, vendor-notes.md section 2). */
export const comm100: VendorDescriptor = {
  vendor: "comm100",
  displayName: "Comm100",
  available: true,
  baseUrlExample: "https://api15.comm100.io/v4",
  authSummary: "OAuth bearer token (token); or OAuth sign-in (password, with settings email and clientId), tokens cached and renewed; or API key (apiKey) with settings email and siteId",
  secrets: [
    { name: "token", description: "OAuth access token, sent as Authorization: Bearer", required: false, primary: true },
    { name: "password", description: "Agent password for the OAuth password grant (needs settings email and clientId); tokens are cached and renewed", required: false },
    { name: "apiKey", description: "API key for HTTP Basic auth with the agent email (needs settings email and siteId)", required: false },
  ],
  settings: [
    { name: "agentId", description: "Your agent id (guid): sender of replies (sentById) and author of notes", required: false },
    { name: "email", description: "Agent email: the OAuth sign-in (with password) or the Basic-auth user name (with apiKey)", required: false },
    { name: "clientId", description: "OAuth client id (Control Panel > Global Settings > Security > OAuth Client), for the password grant", required: false },
    { name: "tokenUrl", description: "OAuth token endpoint (default: https://dashNN.comm100.io/oauth/token for https://apiNN.comm100.io/v4)", required: false },
    { name: "siteId", description: "Comm100 site id, sent as ?siteId= with API-key auth", required: false },
    { name: "channelId", description: "Default channel for `ticket create` (channelId is required by Comm100)", required: false },
    { name: "escalateDepartmentId", description: "Department that `ticket escalate` assigns to (optional)", required: false },
  ],
  capabilities: {
    list: { supported: true, how: "GET ticketing/tickets, following nextPage; keywords, tag (a name is looked up in GET ticketing/tags), updated time and contact filter server-side, status/priority/assignee client-side" },
    show: { supported: true, how: "GET ticketing/tickets/{id}?include=ticketingMessage,... (or GET ticketing/tickets/{id}/messages), plus GET ticketing/tickets/{id}/notes" },
    create: { supported: true, how: "POST ticketing/tickets (subject, channelId and contactOrVisitorId required; --tag names looked up in GET ticketing/tags); no attachments, category or custom fields", refusedFlags: ["--attach", "--category", "--field"] },
    reply: { supported: true, how: "POST ticketing/messages; --internal posts a note with POST ticketing/notes; no attachments (v4 documents no upload)", refusedFlags: ["--attach"] },
    assign: { supported: true, how: "PUT ticketing/tickets/{id} (read-modify-write of the full ticket) with assigneeId and/or departmentAssigneeId" },
    escalate: { supported: true, how: "convention, not a Comm100 feature: PUT ticketing/tickets/{id} with priority urgent (and the department given by --to or the profile's escalateDepartmentId); --reason becomes an internal note" },
    merge: { supported: true, how: "POST ticketing/tickets/{target}:merge with {sourceId}, once per source ticket" },
    close: { supported: true, how: "PUT ticketing/tickets/{id} with status resolved (Comm100 has no separate closed status); --comment becomes an internal note" },
    upload: { supported: false, how: "Comm100's v4 API documents no file upload endpoint" },
  },
  listFilters: ["query", "tag", "updatedSince", "requester", "status", "priority", "assignee", "team", "since"],
  self: { setting: "agentId", basis: "the agent guid a ticket's assigneeId names (comm100-ticket-api.txt line 30)" },
  checkTicketId: (id) => (/^\d+$/.test(id) ? null : "Comm100 ticket ids are numbers"),
  concurrency: {
    default: 1,
    basis:
      "Comm100 documents a rate limit of 300 calls per 5 minutes per IP (vendor-notes 2.1: server-api-introduction), 1 call a second on average; every request is paced under it (rateLimit), and bulk runs go one at a time unless --concurrency says otherwise (more workers only spend the window's 300 calls sooner)",
  },
  // FACT (vendor-notes.md section 2.1, from server-api-introduction and the Comm100 KB): "300 calls per 5 minutes per IP".
  rateLimit: { calls: 300, perMs: 5 * 60_000, basis: "300 calls per 5 minutes per IP (vendor-notes 2.1: server-api-introduction)" },
  loadProvider: async () => (await import("./index.js")).createComm100Provider,
  loadSimulator: async () => await import("../../sandbox/comm100/index.js"),
};
