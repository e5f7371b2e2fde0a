/**
 * Every way the Sobot simulator refuses a request, one rule each, with the ret_code it answers
 * and the line of vendor-docs/sobot-ticket-api.txt the rule rests on. The simulator refuses only
 * through these rules (`refusal(rule)`), and test/providers/sobot/strict.test.ts sends one wrong
 * request per rule with plain fetch, so the count here is the count of rules tested.
 * Codes marked GUESS: the document names no code for that case, so the generic 400014 "Request
 * Failed" is used (readings.ts GENERIC_FAILURE).
 */

import { GENERIC_FAILURE as G } from "./readings.js";

export interface Rule {
  /** The ret_code answered (for rules whose code depends on the field, the usual one). */
  code: string;
  /** Where the document says so. */
  doc: string;
  what: string;
}

export const RULES = {
  "token-header": { code: "900001", doc: "lines 19, 4920", what: "the token goes in a header named token; none (or only an Authorization header) is a blank token" },
  "token-valid": { code: "900002", doc: "lines 24-30, 4921", what: "a token that was never issued, was replaced, or expired" },
  "token-params": { code: "400004", doc: "lines 61-63, 4930", what: "get_token needs appid, create_time and sign" },
  "token-create-time": { code: "400005", doc: "line 62", what: "create_time is a unix timestamp in seconds (digits, at most 10)" },
  "token-appid": { code: "900004", doc: "line 4923", what: "an appid the platform does not know" },
  "token-sign": { code: "900003", doc: "lines 63, 91-93, 4922", what: "sign must be md5(appid + create_time + app_key), lower-case hex" },
  "json-content-type": { code: "400004", doc: "lines 2492, 2635, 2815", what: "JSON writes are sent with content-type: application/json" },
  "json-body": { code: "400004", doc: "lines 2495, 2638", what: "a JSON write's body is one JSON object" },
  required: { code: "400004", doc: "lines 2456-2476, 2601-2618, 2807-2811", what: "a field the table marks Required is missing, null or blank (400006/400008-400011 for the fields that have their own code)" },
  "string-type": { code: G, doc: "lines 2602-2616 (Type String)", what: "a String field sent as another JSON type (GUESS code)" },
  "long-type": { code: "400005", doc: "line 2605 (Long), line 4931", what: "get_ticket_datetime_ms is an integer of epoch milliseconds" },
  "int-type": { code: G, doc: "line 2475 (Int)", what: "first_contact_type is an integer, 1 or 2 (GUESS code)" },
  "list-type": { code: G, doc: "lines 2473-2488, 2617-2630", what: "copy_agent and extend_fields are lists of objects with their required keys (GUESS code)" },
  "reply-type-enum": { code: G, doc: "line 2607", what: 'reply_type is "0" (visible to all) or "1" (agents only) (GUESS code)' },
  "level-enum": { code: G, doc: "lines 2470, 2615", what: "ticket_level is 0, 1, 2 or 3 (GUESS code)" },
  "status-known": { code: "400314", doc: "lines 2469, 2614, 4954", what: "ticket_status is a live status code (built in or custom), not a status id" },
  "agent-known": { code: "400007", doc: "line 4933", what: "the operating agent id (reply/create/reminder agent) exists" },
  "group-id-with-name": { code: "400012", doc: "lines 2462-2463, 4938", what: "a receiving group name without its id" },
  "agent-in-group": { code: "400013", doc: "line 4939", what: "the receiving agent is a member of the receiving group" },
  "deal-ids-known": { code: G, doc: "lines 2462-2465", what: "deal_groupid and deal_agentid name an existing group and agent (GUESS code)" },
  "ticket-known": { code: "400020", doc: "line 4946", what: "the ticket exists" },
  "stale-read": { code: "400016", doc: "lines 2605, 4942", what: "the ticket changed after get_ticket_datetime_ms (readings.ts staleCheck)" },
  "leaf-category": { code: G, doc: "line 2471", what: "ticket_typeid is an existing leaf category (node_flag 0) (GUESS code)" },
  company: { code: G, doc: "line 2457", what: "companyid is this enterprise's id (GUESS code)" },
  "contact-pair": { code: "400004", doc: "line 2442", what: "first_contact_type and first_contact_info come together, and then userid is required" },
  "customer-known": { code: G, doc: "line 2459", what: "userid names an existing customer (GUESS code)" },
  "extend-field-known": { code: G, doc: "lines 2438-2439", what: "extend_fields name existing custom fields (GUESS code)" },
  "reminder-target": { code: "400004", doc: "lines 2808-2809", what: "a reminder names the ticket by ticketid or ticket_code" },
  multipart: { code: "400004", doc: "lines 2734, 2754", what: "upload_file is multipart/form-data with a file part" },
  "window-required": { code: "400001", doc: "lines 2913-2914, 3149-3150, 4927, 4943", what: "both time bounds are given (400017 for the update-time list)" },
  "window-format": { code: "400005", doc: "lines 2913 (Long), 4931", what: "the *_ms bounds are epoch milliseconds, not 'yyyy-MM-dd HH:mm:ss' strings" },
  "window-order": { code: "400002", doc: "lines 4928, 4944", what: "the end is not before the start (400018 for the update-time list)" },
  "window-month": { code: "400003", doc: "lines 2914, 4929, 4945", what: "the window spans at most one month (400019 for the update-time list; readings.ts month)" },
  "page-required": { code: "400004", doc: "lines 2922-2923", what: "page_no and page_size are required integers" },
  "page-range": { code: G, doc: "line 2923", what: "page_size is 1..50 and page_no at least 1 (GUESS code)" },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** A refusal: the rule and the code it answers with. */
export interface Refusal {
  rule: RuleId;
  code: string;
}

export function refusal(rule: RuleId, code: string = RULES[rule].code): Refusal {
  return { rule, code };
}
