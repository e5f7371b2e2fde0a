/**
 * The request tables of vendor-docs/sobot-ticket-api.txt for the JSON writes, as data: each
 * field's documented type and whether it is required, and the check of a body against them.
 */
import { EMPTY_CONTENT_ACCEPTED, type Reading } from "./readings.js";
import { refusal, type Refusal } from "./rules.js";

type Kind = "string" | "long" | "int" | "list";

interface FieldSpec {
  kind: Kind;
  required?: boolean;
  /** The ret_code of a missing value, when the doc has one for this field. */
  blankCode?: string;
  /** Present but empty is fine. */
  mayBeEmpty?: boolean;
  /** A list's item fields. */
  items?: Readonly<Record<string, FieldSpec>>;
}

export type FieldTable = Readonly<Record<string, FieldSpec>>;

const S: FieldSpec = { kind: "string" };
const REQ: FieldSpec = { kind: "string", required: true };
const AGENT_ID: FieldSpec = { kind: "string", required: true, blankCode: "400006" };

/** copy_agent set (lines 2478-2482, 2620-2624). */
const COPY_AGENT: FieldSpec = { kind: "list", items: { agent_name: REQ, agent_mail: REQ } };
/** extend_fields set (lines 2484-2488, 2626-2630). */
const EXTEND_FIELDS: FieldSpec = { kind: "list", items: { fieldid: REQ, field_value: { kind: "string", required: true, mayBeEmpty: true } } };

/** Create Tickets (Agent), lines 2456-2476. */
export const SAVE_AGENT_TICKET: FieldTable = {
  companyid: REQ,
  ticket_title: REQ,
  userid: S,
  ticket_content: { kind: "string", required: true, mayBeEmpty: EMPTY_CONTENT_ACCEPTED },
  ticket_from: { kind: "string", required: true, blankCode: "400010" },
  deal_groupid: S,
  deal_group_name: S,
  deal_agentid: S,
  deal_agent_name: S,
  create_agentid: AGENT_ID,
  create_agent_name: REQ,
  recordid: S,
  ticket_status: { kind: "string", required: true, blankCode: "400009" },
  ticket_level: { kind: "string", required: true, blankCode: "400011" },
  ticket_typeid: { kind: "string", required: true, blankCode: "400008" },
  file_str: S,
  copy_agent: COPY_AGENT,
  extend_fields: EXTEND_FIELDS,
  first_contact_type: { kind: "int" },
  first_contact_info: S,
};

/** Reply to Tickets (Agent), lines 2601-2618. */
export const SAVE_TICKET_REPLY: FieldTable = {
  ticket_title: REQ,
  ticket_content: { kind: "string", required: true, mayBeEmpty: EMPTY_CONTENT_ACCEPTED },
  ticketid: REQ,
  get_ticket_datetime_ms: { kind: "long", required: true },
  reply_content: S,
  reply_type: REQ,
  deal_groupid: S,
  deal_group_name: S,
  deal_agentid: S,
  deal_agent_name: S,
  reply_agentid: AGENT_ID,
  reply_agent_name: REQ,
  ticket_status: { kind: "string", required: true, blankCode: "400009" },
  ticket_level: { kind: "string", required: true, blankCode: "400011" },
  reply_file_str: S,
  copy_agent: COPY_AGENT,
  extend_fields: EXTEND_FIELDS,
};

/** Ticket Reminder, lines 2807-2811 (ticketid or ticket_code: checked by the route). */
export const REMINDER: FieldTable = {
  ticketid: S,
  ticket_code: S,
  reminder_agentid: AGENT_ID,
  reminder_remark: REQ,
};

const isInteger = (v: unknown) => typeof v === "number" && Number.isInteger(v);
const isDigits = (v: unknown) => typeof v === "string" && /^-?\d{1,18}$/.test(v.trim());

function checkValue(name: string, value: unknown, spec: FieldSpec, reading: Reading): Refusal | null {
  const missing = value === undefined || value === null;
  const blank = !missing && typeof value === "string" && value.trim() === "" && !spec.mayBeEmpty;
  if (missing || blank) return spec.required ? refusal("required", spec.blankCode) : null;
  const coerce = reading.scalars === "coerce";
  switch (spec.kind) {
    case "string":
      if (typeof value === "string") return null;
      return coerce && (typeof value === "number" || typeof value === "boolean") ? null : refusal("string-type");
    case "long":
      return isInteger(value) || (coerce && isDigits(value)) ? null : refusal("long-type");
    case "int":
      return (isInteger(value) || (coerce && isDigits(value))) && [1, 2].includes(Number(value)) ? null : refusal("int-type");
    case "list": {
      if (!Array.isArray(value)) return refusal("list-type");
      for (const item of value) {
        if (!item || typeof item !== "object" || Array.isArray(item)) return refusal("list-type");
        for (const [key, sub] of Object.entries(spec.items ?? {})) {
          // A sub-field problem is a malformed list entry, whatever it is.
          if (checkValue(`${name}.${key}`, (item as Record<string, unknown>)[key], sub, reading)) return refusal("list-type");
        }
      }
      return null;
    }
  }
}

/** The first problem of `body` against a request table, in the table's order; null when it is well formed. */
export function checkFields(body: Record<string, unknown>, table: FieldTable, reading: Reading): Refusal | null {
  for (const [name, spec] of Object.entries(table)) {
    const problem = checkValue(name, body[name], spec, reading);
    if (problem) return problem;
  }
  return null;
}

/** A field as text (after checkFields: strings, or numbers under the "coerce" reading). */
export function text(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}
