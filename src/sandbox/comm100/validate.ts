/**
 * The request rules the Comm100 document states explicitly, as data: field types from the
 * "Name Type In Required" tables of [S1] (vendor-docs/comm100-ticket-api.txt), the allowed values
 * it lists, and its required flags. A failed rule is a 400 in Comm100's error body (readings.ts).
 * ASP.NET-style model binding ignores unknown fields, so unknown fields are not refused.
 */
import { ASSIGNEE_TYPES, INCLUDES, MESSAGE_TYPES, PRIORITIES, ROLE_TYPES, STATUSES } from "./model.js";

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** selfIncrementId: an integer. The doc's own samples also send it as a digit string ("sourceId": "9527", line 295). */
const SELF_INCREMENT_ID = /^\d{1,18}$/;

type FieldType = "string" | "guid" | "bool" | "selfIncrementId" | "guid[]" | "object[]" | "string[]" | readonly string[];

/** POST ticketing/tickets, [S1] lines 138-157. */
const CREATE_FIELDS: Record<string, FieldType> = {
  subject: "string",
  originalConversationId: "string",
  assigneeId: "guid",
  departmentAssigneeId: "guid",
  channelId: "string",
  channelAccountId: "guid",
  contactOrVisitorId: "guid",
  createdById: "guid",
  assigneeType: ASSIGNEE_TYPES,
  contactOrVisitorType: ROLE_TYPES,
  status: STATUSES,
  priority: PRIORITIES,
  createdByType: ROLE_TYPES,
  contactLanguage: "string",
  agentLanguage: "string",
  autoTranslationStatus: "bool",
  messages: "object[]",
  tagIds: "guid[]",
};
/** PUT ticketing/tickets/{id}, [S1] lines 433-454: the create fields plus two booleans. */
const UPDATE_FIELDS: Record<string, FieldType> = { ...CREATE_FIELDS, isReadByAgent: "bool", isInRecycleBin: "bool" };
/** Both mark subject, channelId and contactOrVisitorId required ([S1] lines 140, 144, 146 and 435, 439, 441). */
const TICKET_REQUIRED = ["subject", "channelId", "contactOrVisitorId"];

/** Message fields (vendor-notes 2.3, FACT from the ticketingMessage page). Which are required is a GUESS (readings.ts). */
const MESSAGE_FIELDS: Record<string, FieldType> = {
  ticketId: "selfIncrementId",
  parentId: "guid",
  sentById: "guid",
  sentByType: ROLE_TYPES,
  type: MESSAGE_TYPES,
  channelId: "string",
  body: "string",
  isInternal: "bool",
  attachments: "object[]",
};
/** Note fields (vendor-notes 2.3, FACT from the ticketingNote page). */
const NOTE_FIELDS: Record<string, FieldType> = {
  ticketId: "selfIncrementId",
  agentId: "guid",
  text: "string",
  attachments: "object[]",
  noteMentions: "object[]",
};

export type Fields = "create" | "update" | "message" | "note";
const SPECS: Record<Fields, Record<string, FieldType>> = { create: CREATE_FIELDS, update: UPDATE_FIELDS, message: MESSAGE_FIELDS, note: NOTE_FIELDS };

function typeProblem(field: string, value: unknown, type: FieldType): string | null {
  const bad = (what: string) => `The value of ${field} is not a valid ${what}.`;
  if (Array.isArray(type)) return typeof value === "string" && type.includes(value) ? null : `The value '${String(value)}' is not valid for ${field}. Allowed values are ${type.map((v) => `"${v}"`).join(", ")}.`;
  switch (type) {
    case "string":
      return typeof value === "string" ? null : bad("string");
    case "guid":
      return typeof value === "string" && GUID.test(value) ? null : bad("guid");
    case "bool":
      return typeof value === "boolean" ? null : bad("bool");
    case "selfIncrementId":
      return (typeof value === "number" && Number.isSafeInteger(value) && value > 0) || (typeof value === "string" && SELF_INCREMENT_ID.test(value)) ? null : bad("selfIncrementId");
    case "guid[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && GUID.test(v)) ? null : bad("array of guid");
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? null : bad("array of string");
    case "object[]":
      return Array.isArray(value) && value.every((v) => v !== null && typeof v === "object" && !Array.isArray(v)) ? null : bad("array");
  }
  return null;
}

/** The first rule `body` breaks for that request kind, as the message of a 400; null when it keeps them all. */
export function fieldProblem(kind: Fields, body: Record<string, unknown>, required: readonly string[]): string | null {
  for (const field of required) {
    const v = body[field];
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return `The ${field} field is required.`;
  }
  for (const [field, type] of Object.entries(SPECS[kind])) {
    const v = body[field];
    if (v === undefined || v === null) continue;
    const problem = typeProblem(field, v, type);
    if (problem) return problem;
  }
  if (kind === "create" || kind === "update") {
    for (const [i, m] of ((body["messages"] as Record<string, unknown>[] | undefined) ?? []).entries()) {
      const problem = fieldProblem("message", m, ["body"]);
      if (problem) return `messages[${i}]: ${problem}`;
    }
  }
  return null;
}

export const ticketProblem = (kind: "create" | "update", body: Record<string, unknown>) => fieldProblem(kind, body, TICKET_REQUIRED);

/** The {id} of a ticket path: a selfIncrementId ([S1] line 27). */
export const isTicketId = (raw: string): boolean => SELF_INCREMENT_ID.test(raw) && Number(raw) > 0;

/** `include`: comma-separated, each one of the values [S1] line 95 allows. Returns the bad value, if any. */
export function badInclude(values: string[]): string | undefined {
  return values.find((v) => !(INCLUDES as readonly string[]).includes(v));
}

/** Query parameters of GET ticketing/tickets, [S1] lines 87-95 (types guid, datetime, string). */
export const LIST_QUERY: Record<string, "guid" | "datetime" | readonly string[]> = {
  tagid: "guid",
  time: "datetime",
  lastRepliedTime: "datetime",
  viewId: "guid",
  contactOrVisitor: "guid",
  // "Contact or Visitor" (line 94).
  contactOrVisitorType: ["contact", "visitor"],
};

export function queryProblem(name: string, value: string): string | null {
  const type = LIST_QUERY[name];
  if (type === undefined) return null;
  if (type === "guid") return GUID.test(value) ? null : `The value '${value}' is not valid for ${name}.`;
  if (type === "datetime") return Number.isNaN(Date.parse(value)) ? `The value '${value}' is not valid for ${name}.` : null;
  return type.includes(value) ? null : `The value '${value}' is not valid for ${name}.`;
}
