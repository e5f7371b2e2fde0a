/**
 * The Sobot simulator's own readings of what vendor-docs/sobot-ticket-api.txt leaves open: the
 * one place where the simulator guesses. Written from the document, never from the provider.
 * Each point the document is silent on has a default reading (GUESS) and, where another
 * reading is plausible, a variant that serves it (`SimulatorOptions.variant`). The contract suite
 * runs the provider against every variant, so a provider that only works with one reading fails.
 */

export interface Reading {
  /**
   * save_ticket_reply lists deal_groupid/deal_agentid as optional (doc lines 2608-2611) without
   * saying what leaving them out means. "keep": the ticket keeps its receiving group/agent
   * (GUESS). "clear": an omitted field clears it, as a full-object save would.
   */
  omittedAssignment: "keep" | "clear";
  /**
   * get_ticket_by_id's table lists deal_groupid and deal_agentid (lines 3423-3426), but its own
   * return example (lines 3515-3537) carries deal_groupid and deal_agent_name with NO
   * deal_agentid. "group-only" serves the example's shape (default); "both" the table's;
   * "none" names only (neither id), the list items' shape (lines 2961-2962).
   */
  detailIds: "group-only" | "both" | "none";
  /**
   * Sobot's consoles store ticket and reply text as HTML: the doc's examples show
   * "<p>343</p>" in deal_list (line 3527) for a reply logged as "343" (line 3578). "html": plain
   * text sent by the API is stored as HTML (wrapped in <p>, escaped, newlines as <br/>), text
   * that already carries tags is kept (GUESS). "verbatim": stored exactly as sent.
   */
  textStorage: "html" | "verbatim";
  /**
   * No HTTP error status is documented: every example answers 200 with a ret_code (lines
   * 4912-4954). "http-200": errors are HTTP 200 + ret_code (GUESS, vendor-notes 3.2).
   * "http-status": the same envelope under 400/401/403/404/500.
   */
  errorStatus: "http-200" | "http-status";
  /**
   * "a new token will be returned and its expiry time will be reset" and fetching one per call
   * "will easily lead to token invalidation" (lines 24-30). "latest-only": a new token
   * invalidates the previous one (INFERRED). "coexist": older tokens live until they expire.
   */
  tokens: "latest-only" | "coexist";
  /**
   * "the creation time period queried cannot exceed one month" (line 2914, code 400003).
   * "calendar": Java's plusMonths(1) from the start (GUESS). "30-days": 30 x 24 hours.
   */
  month: "calendar" | "30-days";
  /**
   * 400016 "Access to ticket info expired, please refresh" (line 4942) next to
   * get_ticket_datetime_ms (line 2605). true: refused when the ticket changed after the time
   * the caller says it read it (GUESS). false: never checked.
   */
  staleCheck: boolean;
  /**
   * Field types are documented (String, Long, Integer, List). "strict": a value of another
   * JSON type is refused (the document's types, taken literally). "coerce": numbers are
   * accepted for String fields and digit strings for Long/Integer (Jackson's default coercion).
   */
  scalars: "strict" | "coerce";
}

export const DEFAULT_READING: Readonly<Reading> = {
  omittedAssignment: "keep",
  detailIds: "group-only",
  textStorage: "html",
  errorStatus: "http-200",
  tokens: "latest-only",
  month: "calendar",
  staleCheck: true,
  scalars: "strict",
};

/** The other plausible readings, one difference each. */
export const VARIANT_READINGS: Readonly<Record<string, Partial<Reading>>> = {
  "clear-omitted-assignment": { omittedAssignment: "clear" },
  "detail-with-ids": { detailIds: "both" },
  "detail-names-only": { detailIds: "none" },
  "text-verbatim": { textStorage: "verbatim" },
  "http-error-status": { errorStatus: "http-status" },
  "tokens-coexist": { tokens: "coexist" },
  "month-30-days": { month: "30-days" },
  "no-stale-check": { staleCheck: false },
  "coerce-scalars": { scalars: "coerce" },
};

export function readingFor(variant: string | undefined): Reading {
  if (variant === undefined || variant === "" || variant === "default") return { ...DEFAULT_READING };
  const change = VARIANT_READINGS[variant];
  if (!change) throw new Error(`unknown Sobot simulator variant "${variant}" (known: ${Object.keys(VARIANT_READINGS).join(", ")})`);
  return { ...DEFAULT_READING, ...change };
}

/* Smaller readings that have no plausible rival worth a variant (GUESS, kept here too). */

/** No code is documented for a malformed value, an unknown id or an out-of-range page: 400014 "Request Failed". */
export const GENERIC_FAILURE = "400014";

/** An HTTP status per ret_code, for the "http-status" reading. */
export function httpStatusFor(code: string): number {
  if (code.startsWith("9000")) return 401;
  if (code === "700046") return 403;
  if (code === "400020" || code === "400021") return 404;
  if (code === "999999") return 500;
  return 400;
}

/**
 * Unknown request fields are ignored: the document's own examples send "get_ticket_datetime"
 * (line 2639) and "create_agentid " with a trailing space (line 2495) beside the documented names.
 */
export const UNKNOWN_FIELDS_IGNORED = true;

/** ticket_content is required but may be empty: the doc's own data has tickets with "" (line 4030). */
export const EMPTY_CONTENT_ACCEPTED = true;

/** ticket_code is the creation day (yyyyMMdd, company time) and a 6-digit sequence, as in "20190912000007". */
export const TICKET_CODE_DIGITS = 6;

/** A token dies with the app_key it was issued for: rotating (revoking) the key ends its tokens (900002). */
export const TOKENS_END_WITH_THEIR_KEY = true;

/**
 * Under the "keep" reading, a new agent alone keeps the current group only if it is a member, and
 * a new group alone keeps the current agent only if the agent is a member (400013 says the pair
 * must be consistent).
 */
export const ASSIGNMENT_STAYS_CONSISTENT = true;

/** The Chinese ret_msg texts (codes.ts) are the simulator's own rendering; only the English ones are printed in the doc. */
export const CHINESE_MESSAGES_ARE_OURS = true;
