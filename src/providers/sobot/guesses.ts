/**
 * Every working assumption about Sobot that the documents (vendor-docs/sobot-ticket-api.txt,
 * vendor-notes.md section 3) do not settle, in one place. Each one is marked GUESS or INFERRED
 * and should be checked against a live tenant. No imports: the descriptor reads this file too.
 */

/**
 * INFERRED: ticket ids (ticketid) are 32 lower-case hex characters in every example of the doc
 * ("b6dacd72a5cf4e2999e78a18a9126c72"). The ticket number (ticket_code, "20190912000007") is not
 * accepted by get_ticket_by_id. Case-insensitive to be lenient.
 */
export const TICKET_ID_PATTERN = /^[0-9a-f]{32}$/i;

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
