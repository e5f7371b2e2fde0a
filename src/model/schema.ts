/**
 * zod schemas for the normalized model: used by tests, by anything that must check a model value,
 * and by `ticket schema` (src/model/output-schemas.ts), which turns them into JSON Schema. The
 * descriptions are the README's "Ticket keys" table; a test keeps the two in step.
 */
import * as z from "zod";
import { AUTHOR_TYPES, PRIORITIES, STATUSES, VENDORS } from "./enums.js";

const isoUtc = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, "an ISO-8601 UTC timestamp")
  .nullable();

export const PersonSchema = z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable() });

export const TicketSchema = z.object({
  id: z.string().min(1).describe("the id every other verb accepts"),
  number: z.string().nullable().describe("the human number when it differs from id (Sobot ticket_code), else null"),
  subject: z.string(),
  status: z.enum(STATUSES).describe("the normalized status"),
  vendorStatus: z.string().describe("the vendor's own status value, untouched"),
  priority: z.enum(PRIORITIES).nullable(),
  assignee: PersonSchema.nullable().describe("the assigned agent"),
  team: z.object({ id: z.string(), name: z.string().nullable() }).nullable().describe("team / department / group"),
  requester: PersonSchema.extend({ phone: z.string().nullable() }).nullable().describe("the customer / contact"),
  channel: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: isoUtc.describe("ISO-8601 UTC, or null when the vendor does not say"),
  updatedAt: isoUtc.describe("ISO-8601 UTC, or null when the vendor does not say"),
  // Issue 13: absent where the vendor's list answer has no such field (README "Ticket keys"; `ticket stats` says which vendors give them).
  lastCustomerMessageAt: isoUtc.optional().describe("the customer's latest message, ISO-8601 UTC; absent where the vendor does not give it"),
  firstResponseAt: isoUtc.optional().describe("the first agent response, ISO-8601 UTC; absent where the vendor does not give it"),
  resolvedAt: isoUtc.optional().describe("when the ticket was resolved or closed, ISO-8601 UTC; absent where the vendor does not give it"),
  vendor: z.enum(VENDORS),
  profile: z.string().describe("the profile the ticket was read with"),
  raw: z.unknown().optional().describe("the vendor's own payload; only with --raw"),
});

export const AttachmentSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  size: z.number().nullable().describe("bytes"),
  contentType: z.string().nullable(),
  url: z.string().nullable(),
});

export const MessageSchema = z.object({
  id: z.string().min(1),
  author: z.object({ type: z.enum(AUTHOR_TYPES), id: z.string().nullable(), name: z.string().nullable() }),
  body: z.string(),
  internal: z.boolean().describe("an internal note, not visible to the customer"),
  createdAt: isoUtc,
  attachments: z.array(AttachmentSchema),
});

export const HistoryEventSchema = z.object({
  at: isoUtc,
  actor: z.string().nullable(),
  action: z.string(),
  detail: z.string().nullable(),
});

export const TicketDetailSchema = TicketSchema.extend({
  messages: z.array(MessageSchema).describe("the conversation, oldest first"),
  attachments: z.array(AttachmentSchema),
  history: z.array(HistoryEventSchema).optional().describe("the event / operation log, with show --history where the vendor has one"),
  customFields: z.record(z.string(), z.unknown()).optional().describe("vendor custom fields, by field name or id"),
  satisfaction: z
    .object({ score: z.number().nullable(), remark: z.string().nullable(), at: isoUtc })
    .nullable()
    .optional()
    .describe("the customer's satisfaction rating, where the vendor records one (Sobot)"),
});
