/**
 * The 3Dolphins simulator's own readings of what vendor-docs/3dolphins-ticket-api.txt leaves open:
 * the one place where the simulator guesses (GUESS / INFERRED below). Written from the document
 * and vendor-notes.md section 4, never from the provider. Where another reading is as plausible,
 * a variant serves it (`SimulatorOptions.variant`); the contract suite runs the provider against
 * every variant, so a provider that only works with one reading fails.
 */

export interface Reading {
  /**
   * The doc prints only success envelopes (every sample: `"status": "success"`). GUESS "envelope":
   * a refused operation (unknown ticket or agent, closed ticket) answers HTTP 200 with
   * `{status: "failed", message, data: null}`. "http": Spring's own error answer under a 4xx
   * (`{timestamp, status, error, message, path}`), as a plain @RestController would send.
   */
  failures: "envelope" | "http";
  /**
   * Every list sample ends `"hasMore": false, "nextIndex": 0, "prevIndex": 0, "totalResults": 0`
   * even when it carries an item (doc lines 58, 71, 125). GUESS "counted": the fields mean what
   * they say (hasMore while items remain, nextIndex the next start). "literal": they are always
   * what the samples print, so a client must page until a short page.
   */
  pageMeta: "counted" | "literal";
  /**
   * `start` in `?start=0&count=1` (doc lines 50, 64, 92, 105, 118): GUESS "offset" (an item
   * offset, nextIndex = start + count). "page": a page number (nextIndex = page + 1).
   */
  start: "offset" | "page";
  /**
   * The empty queues print `"data": "[]"` (doc lines 99, 112). GUESS "array": an empty list is a
   * JSON array (the quotes are the doc's templating). "string": the literal string "[]".
   */
  emptyList: "array" | "string";
  /**
   * POST graph/tickets/files answers `"data": "null?access_token=Bearer [generatedToken]"`
   * (doc lines 259, 272): a file URL with the caller's token appended, whose URL part is "null".
   * INFERRED "link": the URL part is the stored file's link. "doc-sample": exactly the sample,
   * no usable link at all.
   */
  uploadAnswer: "link" | "doc-sample";
  /**
   * sendMessage's sample answer is the ticket's parent record (parent 1, status, closureType;
   * doc line 86), and update/* answer the updated ticket (lines 138-233). GUESS "ticket": so.
   * "bare": sendMessage answers the new bubble and update/* answer `data: null`.
   */
  writeAnswers: "ticket" | "bare";
}

export const DEFAULT_READING: Readonly<Reading> = {
  failures: "envelope",
  pageMeta: "counted",
  start: "offset",
  emptyList: "array",
  uploadAnswer: "link",
  writeAnswers: "ticket",
};

/** The other plausible readings. "doc-literal" takes every sample at its word at once. */
export const VARIANT_READINGS: Readonly<Record<string, Partial<Reading>>> = {
  "http-errors": { failures: "http" },
  "doc-literal": { pageMeta: "literal", emptyList: "string", uploadAnswer: "doc-sample" },
  "page-number": { start: "page" },
  "bare-writes": { writeAnswers: "bare" },
};

/** The variants this simulator serves; undefined = the simulator's own reading. */
export const VARIANTS = Object.keys(VARIANT_READINGS) as readonly string[];

export function readingFor(variant: string | undefined): Reading {
  if (variant === undefined || variant === "" || variant === "default") return { ...DEFAULT_READING };
  const change = VARIANT_READINGS[variant];
  if (!change) throw new Error(`unknown 3Dolphins simulator variant "${variant}" (known: ${VARIANTS.join(", ")})`);
  return { ...DEFAULT_READING, ...change };
}

/* Smaller readings with no rival worth a variant (GUESS, kept here too). */

/** GUESS: `count` when the query has none, and its ceiling (the doc only ever shows count=1). */
export const DEFAULT_COUNT = 10;
export const MAX_COUNT = 100;

/**
 * GUESS: PUT update/close, update/transfer and update/transferToAgent print no body (doc lines
 * 226, 186, 213). Their siblings reassign and escalate take a JSON body naming `ticketNumber`
 * (lines 176, 203), so these do too: close `{ticketNumber}`; transfer `{ticketNumber, toGroup}`
 * (the field its sample answer sets, line 193); transferToAgent `{ticketNumber, teamMember: {id}}`
 * (reassign's shape). Closing records closureType "Resolved" (every closed sample, lines 71, 233).
 */
export const CLOSE_FIELDS = ["ticketNumber"] as const;
export const TRANSFER_FIELDS = ["ticketNumber", "toGroup"] as const;

/** GUESS: the multipart part that carries the file (the doc names none; Spring's usual `file`). */
export const UPLOAD_PART = "file";

/** GUESS: a closed ticket takes no more messages or assignment changes (re-open needs a supervisor, vendor-notes 4.2). */
export const CLOSED_IS_FINAL = true;

/*
 * Readings with no constant (the behavior lives in routes-*.ts, which point here):
 * - GUESS: fields a body carries beyond the documented ones are ignored, as Spring Boot's Jackson
 *   does by default (FAIL_ON_UNKNOWN_PROPERTIES off): an undocumented `remark` on close is accepted
 *   and dropped, it never shows on the ticket.
 * - INFERRED: statuses. The samples show Unassigned, Assigned and Closed (lines 31, 71, 180); the
 *   openDate/pendingDate fields and `assignment?status=pending` (line 92) imply Open and Pending,
 *   spelled like the others (vendor-notes 4.2). The assignment queue takes them in any case; an
 *   unknown status is an empty queue.
 * - GUESS: isToday=true keeps tickets created since midnight in the server's zone (Asia/Jakarta).
 * - INFERRED from the escalate sample (line 207): `escalatedTo` is the supervisor and the ticket is
 *   then assigned to them (`assignedAgent`, status Assigned).
 * - GUESS: replyAgent "Bot" is accepted on sendMessage like an agent id (line 324).
 */

/**
 * GUESS (vendor-notes 4.1): auth failures are Spring Security OAuth2's 401 answers
 * ({error, error_description} and a WWW-Authenticate header); "Invalid access token: <token>"
 * echoes the token, as Spring does.
 */
export const AUTH_REALM = 'Bearer realm="oauth2-resource"';

/** GUESS: a token given as the profile's fixed token expires like an issued one when a TTL is set. */
export const FIXED_TOKEN_EXPIRES_WITH_TTL = true;
