/** zod schemas for the normalized model: used by tests and by anything that must check a model value. */
import { z } from "zod";
import { AUTHOR_TYPES, PRIORITIES, STATUSES, VENDORS } from "./enums.js";

const isoUtc = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, "an ISO-8601 UTC timestamp")
  .nullable();

export const PersonSchema = z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable() });

export const TicketSchema = z.object({
  id: z.string().min(1),
  number: z.string().nullable(),
  subject: z.string(),
  status: z.enum(STATUSES),
  vendorStatus: z.string(),
  priority: z.enum(PRIORITIES).nullable(),
  assignee: PersonSchema.nullable(),
  team: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  requester: PersonSchema.extend({ phone: z.string().nullable() }).nullable(),
  channel: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: isoUtc,
  updatedAt: isoUtc,
  vendor: z.enum(VENDORS),
  profile: z.string(),
  raw: z.unknown().optional(),
});

export const AttachmentSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  size: z.number().nullable(),
  contentType: z.string().nullable(),
  url: z.string().nullable(),
});

export const MessageSchema = z.object({
  id: z.string().min(1),
  author: z.object({ type: z.enum(AUTHOR_TYPES), id: z.string().nullable(), name: z.string().nullable() }),
  body: z.string(),
  internal: z.boolean(),
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
  messages: z.array(MessageSchema),
  attachments: z.array(AttachmentSchema),
  history: z.array(HistoryEventSchema).optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
  satisfaction: z.object({ score: z.number().nullable(), remark: z.string().nullable(), at: isoUtc }).nullable().optional(),
});
