/**
 * Every 3Dolphins GUESS of the provider in one place (vendor-notes.md section 4 marks them GUESS
 * or INFERRED; vendor-docs/3dolphins-ticket-api.txt is silent on each). Each one is a working
 * assumption to check against a live server; the code around them tolerates other answers, and
 * the simulator (which keeps its own readings) serves the rival readings as variants.
 */

/** Page size for start/count paging. The doc shows count=1 only and names no maximum. */
export const PAGE_SIZE = 50;

/**
 * Paging metadata. Every list sample prints `hasMore: false, nextIndex: 0` even beside an item
 * (doc lines 58, 71, 125), so neither can be trusted to say "last page": a page is the last when
 * the server does not say hasMore and it came back shorter than asked. nextIndex is followed when
 * it moves forward (it may be an offset or a page number); otherwise `start` advances by the
 * items received (an offset).
 */
export function nextStart(page: { hasMore?: boolean | null; nextIndex?: number | null }, start: number, received: number, count: number): number | null {
  if (received === 0) return null;
  if (page.hasMore !== true && received < count) return null;
  const next = page.nextIndex ?? 0;
  return page.hasMore === true && next > start ? next : start + received;
}

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

/** GUESS: graph/tickets/assignment takes `status` in lower case (the doc shows `pending`, line 92). */
export const assignmentStatusParam = (vendorStatus: string): string => vendorStatus.toLowerCase();

/**
 * GUESS: the other assignment-queue parameters. The doc shows `sort=desc&isToday=true` (line 92);
 * we want every day, so isToday=false.
 */
export const ASSIGNMENT_PARAMS = { sort: "desc", isToday: "false" } as const;

/** INFERRED: graph/tickets/priority lists the tickets whose boolean `priority` flag is set. */
export const PRIORITY_QUEUE_MEANS_FLAG = true;

/**
 * GUESS: severities beyond the observed "Not Set", "Low", "Medium", "High". Unknown values
 * are kept in vendorStatus-like fashion (priority null), never rejected.
 */
export const EXTRA_URGENT_SEVERITIES = ["Critical", "Urgent"] as const;

/**
 * GUESS: PUT graph/tickets/update/close prints no body (doc line 226); its documented siblings
 * (reassign, escalate) name the ticket with `ticketNumber`. Nothing else is sent: a `remark` or
 * `closureType` the server does not know would be dropped silently, so close takes no comment
 * (refused before sending) and --resolve closes like close (every closed sample carries
 * closureType "Resolved", lines 71, 233). The result is checked: a ticket that is not Closed
 * afterwards is reported, not assumed.
 */
export function closeBody(ticketNumber: string): Record<string, unknown> {
  return { ticketNumber };
}

/**
 * GUESS: PUT graph/tickets/update/transfer (to a group) prints no body (line 186); its sample
 * answer sets `toGroup` (line 193). The ticket's group is checked afterwards.
 */
export function transferBody(ticketNumber: string, groupId: string): Record<string, unknown> {
  return { ticketNumber, toGroup: groupId };
}

/** GUESS: POST graph/tickets/files is multipart/form-data with the file in this part (vendor-notes 4.3). */
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
 * sendMessage's sample answer is the ticket's parent record (parent 1, the ticket's own status
 * and first message; doc line 86), not the message sent. A record is taken for our message only
 * when it carries the text we sent and is not the parent.
 */
export function isOurMessage(rec: { parent?: number | null; message?: string | null }, sent: string): boolean {
  return rec.parent !== 1 && typeof rec.message === "string" && rec.message.trim() === sent.trim();
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

/** GUESS: the error-envelope fields that carry a code (`errorCode` appears in the update sample, line 166). */
export const ERROR_CODE_FIELDS = ["errorCode", "code"] as const;

/** GUESS: vendor texts that mean "no such thing" and "your token is not good" (none is documented). */
export const NOT_FOUND_TEXT = /not\s*found|does\s*not\s*exist|no\s+such|unknown\s+(ticket|agent|supervisor|group|user)/i;
export const AUTH_TEXT = /unauthori[sz]ed|authenticat|invalid.*token|token.*(expired|invalid)|access is denied|forbidden/i;
