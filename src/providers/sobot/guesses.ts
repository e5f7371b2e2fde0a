/**
 * Every working assumption about Sobot that the documents (vendor-docs/sobot-ticket-api.txt,
 * vendor-notes.md section 3) do not settle, in one place. Each one is marked GUESS or INFERRED
 * and should be checked against a live tenant. No imports: the descriptor reads this file too.
 */

/**
 * INFERRED: ticket ids (ticketid) are 32 lower-case hex characters in every example of the doc
 * ("b6dacd72a5cf4e2999e78a18a9126c72"). Case-insensitive to be lenient.
 */
export const TICKET_ID_PATTERN = /^[0-9a-f]{32}$/i;

/**
 * INFERRED: ticket numbers (ticket_code) are digits: "20190912000007" (doc line 2987),
 * "202004200000001" (line 4043), even "1534758910" (line 3564). get_ticket_by_id takes only the
 * ticketid (line 3387), so a number is resolved through the list first.
 */
export const TICKET_CODE_PATTERN = /^\d{6,20}$/;

/**
 * GUESS: a ticket number starts with its creation day, yyyyMMdd, in the company's time zone
 * ("20240903000001", line 2817; "20191111000001" for a ticket of 2019-11-11, lines 4729-4752).
 * A number is resolved by listing the tickets created from the day before to the day after
 * (any time zone), and matching ticket_code. A number without a date cannot be resolved.
 */
export const TICKET_CODE_SEARCH_MARGIN_DAYS = 1;

/**
 * GUESS: "the time period queried cannot exceed one month" (400003 / 400019) does not say how a
 * month is counted. 28 days fits inside every reading (calendar month from any start day, 30 or
 * 31 days), so the provider walks windows of 28 days.
 */
export const LIST_WINDOW_MS = 28 * 24 * 60 * 60 * 1000;

/** FACT: page_size is at most 50 (default 15). */
export const MAX_PAGE_SIZE = 50;

/** The choice: with no --since, list the tickets created in the last 30 days. */
export const DEFAULT_LIST_DAYS = 30;

/**
 * GUESS: the time bounds of query_tickets(_by_update_time) are inclusive at both ends, so the
 * provider's windows never overlap (each ends 1 ms before the next starts). Ids are also
 * de-duplicated across windows and pages, which covers the other readings.
 */
export const WINDOWS_INCLUSIVE = true;

/**
 * INFERRED (vendor-notes 3.4): the curl examples send `create_start_datetime=yyyy-MM-dd HH:mm:ss`
 * but the parameter tables say `create_start_datetime_ms` (epoch ms). We follow the tables.
 */
export const TIME_PARAMS_IN_MS = true;

/**
 * GUESS: error answers come as HTTP 200 with a non-"000000" ret_code (no HTTP error statuses are
 * documented). HTTP errors are still handled by the shared transport mapping.
 */
export const ERRORS_ARE_HTTP_200 = true;

/**
 * GUESS: 400016 ("Access to ticket info expired, please refresh") is the optimistic-concurrency
 * check on get_ticket_datetime_ms: the ticket changed after we read it. A write that gets it reads
 * the ticket again and sends once more (the first attempt was refused, so nothing is sent twice).
 */
export const STALE_READ_CODE = "400016";

/**
 * GUESS: the reply_type of a save_ticket_reply that carries no text (assign, escalate, close
 * without a comment) is "1" (agents only), so a state change never reaches the customer as an
 * empty public reply. A text is "0" only when it is a public reply (reply_type, line 2607).
 */
export const STATE_ONLY_REPLY_TYPE = "1";

/**
 * INFERRED: Sobot stores reply_content and ticket_content as HTML ("<p>343</p>", line 3527).
 * The CLI sends the user's text as it is (the doc's own example sends "agent reply", line 2638),
 * maps stored HTML to text for people (html.ts), and finds a reply it sent by comparing after
 * that normalization.
 */
export const TEXT_SENT_AS_IS = true;

/**
 * INFERRED: get_ticket_by_id may carry deal_agent_name without deal_agentid (the doc's own
 * example, lines 3515-3537). A read-modify-write keeps that assignee by resolving the name
 * through get_data_dict's agent_list (and group names through group_list); a name that matches
 * no agent, or several, stops the write before anything is sent.
 */
export const RESOLVE_ASSIGNEE_NAMES = true;

/**
 * GUESS: a ret_code on an HTTP error status (no such status is documented) is read as the
 * envelope it is: the refusal it names, with its code, exactly as on HTTP 200.
 */
export const ENVELOPE_ON_HTTP_ERRORS = true;

/**
 * GUESS: 999999 "Unknown System Exception" does not say whether a write happened, so it is not
 * reported as a refusal (no vendorCode): the command layer reconciles by reading the ticket.
 */
export const OUTCOME_UNKNOWN_CODES: ReadonlySet<string> = new Set(["999999"]);

/**
 * GUESS: save_ticket_reply replaces what it is given. A read-modify-write therefore echoes the
 * ticket's current receiving group/agent and custom fields, not only the documented required
 * title, description, status and priority, so that an omitted field cannot be read as "clear it".
 */
export const ECHO_ASSIGNMENT_AND_FIELDS = true;

/**
 * GUESS: when an agent is assigned without a group, the current group is not sent (the agent may
 * not belong to it: 400013). When a group is assigned without an agent, the agent is not sent.
 */
export const ASSIGN_OMITS_OTHER_HALF = true;

/**
 * GUESS: `file_num_key` ("a value generated randomly to determine the number of uploaded files")
 * is one random id per batch of files uploaded together.
 */
export const ONE_FILE_NUM_KEY_PER_BATCH = true;

/** GUESS: the `reminder_remark` sent by `escalate` when no reason is given (the field is required). */
export const DEFAULT_ESCALATION_REMARK = "Escalated with the ticket CLI";

/**
 * GUESS: a ticket_status code that is neither built in nor listed by query_ticket_status_infos is
 * normalized as "open" (vendorStatus keeps the code).
 */
export const UNKNOWN_STATUS_FALLBACK = "open" as const;

/**
 * GUESS: a token is refreshed ahead of its expiry by this margin (capped at 10% of its lifetime),
 * as the doc asks ("refresh the new token in advance based on this valid time").
 */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * GUESS: a token lock file older than this belongs to a process that died while refreshing
 * (a refresh takes one GET; the transport's timeouts and retries end well before this).
 */
export const TOKEN_LOCK_STALE_MS = 45_000;

/** The doc's default for the timezoneid header. */
export const DEFAULT_TIMEZONE = "Asia/Shanghai";
