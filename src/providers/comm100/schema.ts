/**
 * Comm100 wire types (zod), tolerant by design: unknown enum values pass as strings,
 * extra fields are ignored, and anything the doc marks optional may be null or missing.
 */
import { z } from "zod";

const str = z.string().nullish();
const named = z.object({ id: z.string(), name: str, email: str, phoneNumber: str }).partial({ name: true, email: true, phoneNumber: true });

export const WireTicketSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  subject: z.string().nullish().transform((s) => s ?? ""),
  originalConversationId: str,
  assigneeId: str,
  departmentAssigneeId: str,
  channelId: str,
  channelAccountId: str,
  lastMessageChannelId: str,
  contactOrVisitorId: str,
  createdById: str,
  assigneeType: str,
  contactOrVisitorType: str,
  status: z.string().nullish(),
  priority: str,
  createdByType: str,
  isReadByAgent: z.boolean().nullish(),
  isInRecycleBin: z.boolean().nullish(),
  mergedToTargetId: z.union([z.number(), z.string()]).nullish(),
  contactLanguage: str,
  agentLanguage: str,
  autoTranslationStatus: z.boolean().nullish(),
  createdTime: str,
  lastUpdatedTime: str,
  tagIds: z.array(z.string()).nullish(),
  tags: z.array(z.object({ id: z.string(), name: str })).nullish(),
  // GUESS (see sandbox/comm100/model.ts): shapes of the include= objects.
  assignee: named.nullish(),
  departmentAssignee: named.nullish(),
  contactOrVisitor: named.nullish(),
  eventLogs: z
    .array(z.object({ id: str, time: str, operatorId: str, operatorType: str, type: str, description: str }))
    .nullish(),
});
export type WireTicket = z.infer<typeof WireTicketSchema>;

export const TicketPageSchema = z.object({
  tickets: z.array(z.unknown()),
  nextPage: z.string().nullish(),
  total: z.number().nullish(),
});

const attachment = z.object({ id: str, fileKey: str, name: str, size: z.number().nullish(), type: str, url: str });

export const WireMessageSchema = z.object({
  id: z.string(),
  ticketId: z.union([z.number(), z.string()]).nullish(),
  sentById: str,
  sentByType: str,
  time: str,
  type: str,
  body: z.string().nullish(),
  isInternal: z.boolean().nullish(),
  attachments: z.array(attachment).nullish(),
});
export type WireMessage = z.infer<typeof WireMessageSchema>;

export const WireNoteSchema = z.object({
  id: z.string(),
  agentId: str,
  createdTime: str,
  text: z.string().nullish(),
  attachments: z.array(attachment).nullish(),
});
export type WireNote = z.infer<typeof WireNoteSchema>;

/** GUESS: message/note lists come as `{messages|notes: [...]}`; a bare array is accepted too. */
export function listOf(body: unknown, key: "messages" | "notes"): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object" && Array.isArray((body as Record<string, unknown>)[key])) {
    return (body as Record<string, unknown[]>)[key]!;
  }
  return [];
}
