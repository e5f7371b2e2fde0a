import type { VendorDescriptor } from "../descriptor.js";

/** Comm100 v4 Ticketing (vendor-docs/comm100-ticket-api.txt, vendor-notes.md section 2). */
export const comm100: VendorDescriptor = {
  vendor: "comm100",
  displayName: "Comm100",
  available: true,
  baseUrlExample: "https://api15.comm100.io/v4",
  authSummary: "OAuth bearer token (token), or API key (apiKey) with agent email and siteId",
  secrets: [
    { name: "token", description: "OAuth access token, sent as Authorization: Bearer", required: false, primary: true },
    { name: "apiKey", description: "API key for HTTP Basic auth with the agent email (needs settings email and siteId)", required: false },
  ],
  settings: [
    { name: "agentId", description: "Your agent id (guid): sender of replies (sentById) and author of notes", required: false },
    { name: "email", description: "Agent email, the Basic-auth user name when an apiKey is used", required: false },
    { name: "siteId", description: "Comm100 site id, sent as ?siteId= with API-key auth", required: false },
    { name: "channelId", description: "Default channel for `ticket create` (channelId is required by Comm100)", required: false },
    { name: "escalateDepartmentId", description: "Department that `ticket escalate` assigns to (optional)", required: false },
  ],
  capabilities: {
    list: { supported: true, how: "GET ticketing/tickets, following nextPage; keywords, tag, updated time and contact filter server-side, status/priority/assignee client-side" },
    show: { supported: true, how: "GET ticketing/tickets/{id}?include=ticketingTag,ticketingEventLog, plus GET ticketing/tickets/{id}/messages and /notes" },
    create: { supported: true, how: "POST ticketing/tickets (subject, channelId and contactOrVisitorId required)" },
    reply: { supported: true, how: "POST ticketing/messages; --internal posts a note with POST ticketing/notes" },
    assign: { supported: true, how: "PUT ticketing/tickets/{id} (read-modify-write of the full ticket) with assigneeId and/or departmentAssigneeId" },
    escalate: { supported: true, how: "convention, not a Comm100 feature: PUT ticketing/tickets/{id} with priority urgent (and the department given by --to or the profile's escalateDepartmentId)" },
    merge: { supported: true, how: "POST ticketing/tickets/{target}:merge with {sourceId}, once per source ticket" },
    close: { supported: true, how: "PUT ticketing/tickets/{id} with status resolved (Comm100 has no separate closed status)" },
    upload: { supported: false, how: "Comm100's v4 API documents no file upload endpoint" },
  },
  listFilters: ["query", "tag", "updatedSince", "requester", "status", "priority", "assignee", "team", "since"],
  checkTicketId: (id) => (/^\d+$/.test(id) ? null : "Comm100 ticket ids are numbers"),
  loadProvider: async () => (await import("./index.js")).createComm100Provider,
  loadSimulator: async () => await import("../../sandbox/comm100/index.js"),
};
