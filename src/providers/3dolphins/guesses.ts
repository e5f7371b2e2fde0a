/**
 * Every 3Dolphins GUESS in one place (vendor-notes.md section 4 marks them GUESS or INFERRED).
 * Each one is a working assumption to check against a live server; the code around them is
 * written to tolerate other answers.
 */

/** Page size for start/count paging. The doc shows count=1 only and names no maximum. */
export const PAGE_SIZE = 50;

/**
 * INFERRED/GUESS: statuses besides the observed Unassigned/Assigned/Closed. `Open` and `Pending`
 * come from the openDate/pendingDate fields; their exact spelling is a guess.
 */
export const VENDOR_STATUS = {
  unassigned: "Unassigned",
  assigned: "Assigned",
  open: "Open",
  pending: "Pending",
  closed: "Closed",
} as const;

/** GUESS: graph/tickets/assignment takes `status` in lower case (the doc shows `pending`). */
export const assignmentStatusParam = (vendorStatus: string): string => vendorStatus.toLowerCase();

/**
 * GUESS: the other assignment-queue parameters. The doc shows `sort=desc&isToday=true`; we want
 * every day, so isToday=false.
 */
export const ASSIGNMENT_PARAMS = { sort: "desc", isToday: "false" } as const;

/** INFERRED: graph/tickets/priority lists the tickets whose boolean `priority` flag is set. */
export const PRIORITY_QUEUE_MEANS_FLAG = true;

/**
 * GUESS: severities beyond the observed "Not Set", "Low", "Medium", "High". Unknown values
 * are kept in vendorStatus-like fashion (priority null), never rejected.
 */
export const EXTRA_URGENT_SEVERITIES = ["Critical", "Urgent"] as const;

/** GUESS: PUT graph/tickets/update/close; the doc shows no body. */
export function closeBody(ticketNumber: string, opts: { resolve?: boolean | undefined; comment?: string | undefined }): Record<string, unknown> {
  const body: Record<string, unknown> = { ticketNumber };
  if (opts.resolve) body["closureType"] = "Resolved";
  if (opts.comment) body["remark"] = opts.comment;
  return body;
}

/** GUESS: PUT graph/tickets/update/transfer (to a group); the doc shows no body. */
export function transferBody(ticketNumber: string, groupId: string): Record<string, unknown> {
  return { ticketNumber, toGroup: groupId };
}

/** GUESS: POST graph/tickets/files is multipart/form-data with the file in this field. */
export const UPLOAD_FIELD = "file";

/**
 * Convention (not a 3Dolphins feature): sendMessage has no attachment field, so an upload is
 * referenced by a reply carrying the file's link (with the token stripped).
 */
export function uploadReplyText(message: string | undefined, links: { name: string; url: string }[]): string {
  const lines = links.map((l) => `${l.name}: ${l.url}`);
  return [message?.trim(), ...lines].filter((s): s is string => !!s).join("\n");
}

/**
 * GUESS: the auth answer is `{token, expireAt}`; when expireAt is missing or unreadable, treat
 * the token as valid this long.
 */
export const FALLBACK_TOKEN_TTL_MS = 30 * 60 * 1000;

/** Refresh a cached token this long before its expireAt. */
export const TOKEN_EXPIRY_SKEW_MS = 60 * 1000;

/**
 * GUESS: the error-envelope fields that carry the vendor's text (the doc shows only success
 * envelopes). Looked up in this order; a string `data` is the last resort.
 */
export const ERROR_TEXT_FIELDS = ["message", "errorMessage", "error_description", "error", "msg"] as const;
