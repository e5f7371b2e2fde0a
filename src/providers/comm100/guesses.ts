/**
 * Every Comm100 GUESS of the provider, in one place. vendor-docs/comm100-ticket-api.txt ("[S1]")
 * is silent on these (vendor-notes.md section 2 marks them GUESS, INFERRED or NOT FOUND); the code
 * around each one tolerates the other plausible answers.
 *
 * Shapes (GUESS, read tolerantly in schema.ts): the include objects `assignee`, `departmentAssignee`
 * and `contactOrVisitor` may carry any of id, name (or displayName), email, phoneNumber; the
 * message and note lists may come as `{messages|notes: [...]}` or as a bare array; the list answer
 * as the sample's object or the doc's "array of Ticket"; `lastUpdatedTime` ("timestamp", line 54)
 * as an ISO string or epoch ms; the error body's text is read from its `message` (http/errors.ts).
 */

/**
 * INFERRED (2020 v4 draft, vendor-notes 2.3): GET ticketing/tickets takes pageIndex (from 1) and
 * pageSize (at most 50). The published doc names no page parameter; servers ignore unknown ones.
 */
export const PAGE_SIZE_MAX = 50;
export const PAGE_PARAMS = { index: "pageIndex", size: "pageSize" } as const;

/**
 * GUESS: when the list answers a bare array ([S1] line 98, "An array of Ticket") there is no
 * nextPage; the walk asks for pageIndex + 1 until a page comes back shorter than the pageSize asked for.
 */
export const bareArrayPageIsLast = (items: number, asked: number): boolean => items < asked;

/**
 * FACT (vendor-notes 2.1): the token endpoint is on the control-panel host, `https://dashNN.comm100.io/oauth/token`
 * for `https://apiNN.comm100.io/v4`. GUESS: any other base URL (a proxy, the sandbox) serves it at
 * its own origin. The profile's `tokenUrl` setting overrides both.
 */
export function defaultTokenUrl(baseUrl: string): string {
  const u = new URL(baseUrl);
  const api = /^api(\d*)\.comm100\.io$/i.exec(u.hostname);
  if (api) return `https://dash${api[1]}.comm100.io/oauth/token`;
  return `${u.origin}/oauth/token`;
}

/** GUESS (RFC 6749 section 6; the 2025 auth page lists a Refresh Token grant without its fields). */
export const refreshGrant = (refreshToken: string, clientId: string) => ({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId });
/** FACT (vendor-notes 2.1): grant_type=password, email, password, client_id, form-encoded. */
export const passwordGrant = (email: string, password: string, clientId: string) => ({ grant_type: "password", email, password, client_id: clientId });

/** A cached token is renewed this long before it expires (at most a tenth of its lifetime). */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

/**
 * GUESS (vendor-notes 2.3, required fields NOT FOUND): a message as POST ticketing/messages takes
 * it, and as an item of a new ticket's `messages[]` ([S1] line 156). The fields are the documented
 * message fields; `isInternal: false` is sent so a reply is never ambiguous about reaching the customer.
 */
export function agentMessage(text: string, channelId: string | null, agentId: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { type: "text", body: text, sentByType: "agent", isInternal: false };
  if (channelId) body["channelId"] = channelId;
  if (agentId) body["sentById"] = agentId;
  return body;
}

/** The body of POST ticketing/messages: the message and its ticket (an integer, selfIncrementId). */
export const messageBody = (ticketId: string, text: string, channelId: string | null, agentId: string | undefined) => ({
  ticketId: Number(ticketId),
  ...agentMessage(text, channelId, agentId),
});

/** GUESS (vendor-notes 2.3): the body of POST ticketing/notes. */
export function noteBody(ticketId: string, text: string, agentId: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { ticketId: Number(ticketId), text };
  if (agentId) body["agentId"] = agentId;
  return body;
}

/**
 * GUESS: an answer to POST ticketing/tickets, /messages or /notes that is empty, unreadable or has
 * no `id` still means the write was done (the vendor said 2xx). The new object is then found by
 * reading back: a message or note by its text, a ticket among the requester's tickets by subject,
 * created no earlier than this long before the request (clocks differ).
 */
export const READ_BACK_SLACK_MS = 10 * 60_000;
/** How many of the requester's most recent tickets are searched for a created ticket. */
export const READ_BACK_TICKETS = 100;

/**
 * GUESS: which error answers name an unknown agent, department or contact. The error body is NOT
 * FOUND (vendor-notes 2.1); a 400/404/422 to a write whose message names the id or its field, or a
 * 404 to a write that carries exactly one such id, is read as "that id does not exist".
 */
export const REFERENCE_REFUSALS = [400, 404, 422];

/** Escalate is a CLI convention, not a Comm100 feature (vendor-notes 2.3): priority urgent, and a department when given. */
export const ESCALATE_PRIORITY = "urgent";

/**
 * GUESS: the unit of `firstResponseTimeSpan` ("Time it took for the agent to send the first
 * response after a ticket is created", [S1] line 67, typed long, unit not stated; the sample's 127
 * reads as seconds). firstResponseAt = createdTime + span x this.
 */
export const RESPONSE_SPAN_UNIT_MS = 1000;
