import type { VendorDescriptor } from "../descriptor.js";
import type { Capabilities, ListFilter } from "../types.js";
import { DEFAULT_TIMEZONE, TICKET_CODE_PATTERN, TICKET_ID_PATTERN } from "./guesses.js";

/** Sobot Ticket API, open platform v5 (vendor-docs/sobot-ticket-api.txt, vendor-notes.md section 3). */
export const SOBOT_CAPABILITIES: Capabilities = {
  list: {
    supported: true,
    how: "GET query_tickets (or query_tickets_by_update_time for --updated-since) in windows of at most one month and pages of 50, newest first; the last 30 days unless --since (--all: the last 24 months, TICKET_SOBOT_MAX_MONTHS); no --tag: Sobot tickets have no tags",
  },
  show: {
    supported: true,
    how: "GET get_ticket_by_id: the description and replies (deal_list, reply_type 1 = internal), attachments, custom fields and the operation log (update_log_list)",
  },
  create: {
    supported: true,
    how: "POST save_agent_ticket as the profile's agent, in a leaf category (--category or the profile's category setting); files go through upload_file first; Sobot tickets have no tags (save_agent_ticket takes none, doc lines 2456-2476)",
    refusedFlags: ["--tag"],
  },
  reply: {
    supported: true,
    how: "POST save_ticket_reply (reply_type 0 visible to all, --internal 1 agents only) after reading the ticket with get_ticket_by_id, whose title, description, status, priority and assignee it echoes",
  },
  assign: {
    supported: true,
    how: "POST save_ticket_reply with deal_agentid and/or deal_groupid (names from get_data_dict), echoing the ticket read with get_ticket_by_id",
  },
  escalate: {
    supported: true,
    how: "convention, not a Sobot feature: ticket_level raised to 3 (urgent) with save_ticket_reply, then POST reminder to urge the handler; --to also assigns the agent or group",
  },
  merge: { supported: false, how: "Sobot's ticket API has no merge endpoint" },
  close: {
    supported: true,
    how: "POST save_ticket_reply with ticket_status 99 (closed), or 3 (resolved) with --resolve; --comment is an internal note (reply_type 1, agents only)",
  },
  upload: {
    supported: true,
    how: "POST upload_file (multipart) for each file, then one save_ticket_reply that carries their URLs in reply_file_str (--internal: agents only)",
  },
};

export const SOBOT_LIST_FILTERS: readonly ListFilter[] = [
  "since",
  "until",
  "updatedSince",
  "status",
  "priority",
  "channel",
  "category",
  "requester",
  "assignee",
  "team",
];

export const sobot: VendorDescriptor = {
  vendor: "sobot",
  displayName: "Sobot",
  available: true,
  baseUrlExample: "https://sg.sobot.io",
  authSummary:
    "appid + app_key: the token (md5 of appid + create_time + app_key) is fetched from /api/get_token, cached with its expiry in the cache folder under a fingerprint of appid + app_key, and refreshed once when Sobot says it expired",
  secrets: [
    { name: "app_key", description: "Sobot app_key (from Sobot after-sales), used only to sign token requests", required: true, primary: true },
  ],
  settings: [
    { name: "appid", description: "Sobot appid, issued with the app_key", required: true },
    { name: "companyid", description: "Sobot enterprise id (companyid), required by save_agent_ticket", required: true },
    { name: "agentId", description: "Your Sobot agent id: the agent that creates tickets and sends replies (create_agentid, reply_agentid)", required: true },
    { name: "agentName", description: "Your Sobot agent name, sent with agentId (create_agent_name, reply_agent_name)", required: true },
    {
      name: "timezone",
      description: "Time zone of Sobot's formatted times (timezoneid header), an IANA name",
      required: false,
      default: DEFAULT_TIMEZONE,
    },
    { name: "category", description: "Default ticket category for `ticket create`: a leaf ticket_typeid from get_data_dict", required: false },
  ],
  capabilities: SOBOT_CAPABILITIES,
  listFilters: SOBOT_LIST_FILTERS,
  self: { setting: "agentId", basis: "the agent id a ticket's deal_agentid names (sobot-ticket-api.txt lines 2464, 2610-2612)" },
  checkTicketId: (id) =>
    TICKET_ID_PATTERN.test(id.trim()) || TICKET_CODE_PATTERN.test(id.trim())
      ? null
      : "a Sobot ticket is named by its ticketid (32 hexadecimal characters) or its ticket number (ticket_code, digits)",
  concurrency: {
    default: 4,
    basis:
      "Sobot's open platform documents no rate limit for the ticket API (vendor-docs, vendor-notes section 3): 4 at a time, the default for an undocumented limit",
  },
  loadProvider: async () => (await import("./index.js")).createSobotProvider,
  loadSimulator: async () => await import("../../sandbox/sobot/index.js"),
};
