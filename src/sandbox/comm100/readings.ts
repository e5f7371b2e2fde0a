/**
 * Every place where the Comm100 document (vendor-docs/comm100-ticket-api.txt, "[S1]") is silent or
 * contradicts itself, and the simulator has to pick a reading. This file is the simulator's own
 * GUESS list: written from the document and vendor-notes.md section 2, never from the provider.
 * The other plausible readings are served as variants (`startSimulator({ variant })`), so a
 * provider can be run against each of them.
 *
 * Shapes the document names but never prints (GUESS, one reading only): an event log item
 * (`include=ticketingEventLog`) is `{id, ticketId, time, operatorId, operatorType, type, description}`,
 * served as `eventLogs`; the include objects `assignee`, `departmentAssignee` and `contactOrVisitor`
 * carry `{id, name, email}` (a contact also `phoneNumber`); `tags`, `draft` and `noteMentions` are
 * always present, as in the sample answer of line 133 whose request (line 125) has no include.
 */

export interface Readings {
  /**
   * [S1] line 98 says the list answer is "An array of Ticket"; its own sample (line 112) is an
   * object `{tickets, nextPage, previousPage, total}`. Default: the sample's object.
   */
  listForm: "object" | "array";
  /**
   * The published doc prints `nextPage: null` only. The 2020 v4 draft (vendor-notes 2.3) calls
   * nextPage a "page uri". Default: an absolute URL; variants: a path from the host root
   * ("/v4/ticketing/tickets?..."), or a path relative to the API base ("ticketing/tickets?...").
   */
  nextPage: "absolute" | "root-relative" | "base-relative";
  /**
   * What POST ticketing/tickets, ticketing/messages and ticketing/notes answer. [S1] prints a
   * 201 with the ticket (line 171-173); the messages and notes pages were never reached (vendor-notes
   * 2.3 NOT FOUND). Default: the created object; variants: an empty 201, or an object without `id`.
   */
  writeAnswer: "object" | "empty" | "idless";
  /** GET ticketing/tickets/{id}/messages and /notes: `{messages|notes, nextPage, ...}` (by analogy with tickets) or a bare array. */
  subListForm: "object" | "array";
  /** Whether `include=` embeds objects (assignee, departmentAssignee, contactOrVisitor, ticketingMessage, ...). */
  honorIncludes: boolean;
  /** PUT is a full update ([S1] marks subject/channelId/contactOrVisitorId required on it): omitted optional fields are cleared, or kept. */
  putOmitted: "clear" | "keep";
  /** An unknown assigneeId/departmentAssigneeId/contactOrVisitorId/tag id in a write: 400 naming the field, or 404. */
  unknownReference: 400 | 404;
}

export const DEFAULT_READINGS: Readings = {
  listForm: "object",
  nextPage: "absolute",
  writeAnswer: "object",
  subListForm: "object",
  honorIncludes: true,
  putOmitted: "clear",
  unknownReference: 400,
};

/** The other plausible readings, by name. */
const VARIANT_READINGS = {
  "bare-array": { listForm: "array" },
  "relative-next": { nextPage: "root-relative" },
  "base-relative-next": { nextPage: "base-relative" },
  "empty-write-answers": { writeAnswer: "empty" },
  "idless-write-answers": { writeAnswer: "idless" },
  "bare-sublists": { subListForm: "array" },
  "includes-ignored": { honorIncludes: false },
  "put-keeps-omitted": { putOmitted: "keep" },
  "unknown-reference-404": { unknownReference: 404 },
} as const satisfies Record<string, Partial<Readings>>;

export type Variant = keyof typeof VARIANT_READINGS;
export const VARIANTS = Object.keys(VARIANT_READINGS) as Variant[];

export function readingsFor(variant: string | undefined): Readings {
  if (variant === undefined) return DEFAULT_READINGS;
  const change = (VARIANT_READINGS as Record<string, Partial<Readings>>)[variant];
  if (!change) throw new Error(`unknown Comm100 simulator variant "${variant}" (known: ${VARIANTS.join(", ")})`);
  return { ...DEFAULT_READINGS, ...change };
}

/**
 * GUESS: the error body. vendor-notes 2.1 says only "JSON in the body"; the v3 design doc
 * (jamyzhang/APIDesign v3/Introduction.md, "Error Handling") shows `{ code: 400000, message }`.
 */
export const errorBody = (status: number, message: string) => ({ code: status * 1000, message });

/** GUESS (after RFC 6749 section 5.2): the token endpoint's error body. */
export const oauthErrorBody = (error: string, description: string) => ({ error, error_description: description });

/** INFERRED: the v3 doc's token sample answers expires_in 43199 (12 hours). Used unless tokenTtlSeconds is given. */
export const DEFAULT_TOKEN_TTL_SECONDS = 43_199;

/** INFERRED from the 2020 v4 draft (vendor-notes 2.3): pageIndex from 1, pageSize default 20, max 50. */
export const PAGE_SIZE = { default: 20, max: 50 } as const;

/**
 * GUESS (vendor-notes 2.3, NOT FOUND in any page reached): the fields POST ticketing/messages
 * and POST ticketing/notes require.
 */
export const REQUIRED_MESSAGE_FIELDS = ["ticketId", "body"] as const;
export const REQUIRED_NOTE_FIELDS = ["ticketId", "text"] as const;

/** GUESS (RFC 6749 section 6 allows either): a refresh token is used once; the refresh answer carries a new one. */
export const REFRESH_TOKEN_SINGLE_USE = true;

/**
 * GUESS: how a JSON write with another Content-Type is refused. The samples all send
 * `Content-Type: application/json`; ASP.NET answers another type with 415 Unsupported Media Type.
 */
export const WRONG_CONTENT_TYPE_STATUS = 415;

/**
 * GUESS: API-key requests without `siteId` (FACT: required, vendor-notes 2.1) are refused as
 * unauthenticated (401), since the site cannot be known. The 2020 draft's default 90-day window
 * (timeFrom/timeTo) is not applied: the published doc has only `time`.
 */
export const MISSING_SITE_ID_STATUS = 401;

/** GUESS: the OAuth client the sandbox accepts (Control Panel > Security > OAuth Client on a real site). */
export const SANDBOX_CLIENT_ID = "sandbox-oauth-client";
