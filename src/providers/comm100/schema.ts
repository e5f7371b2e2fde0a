/**
 * Comm100 wire types (zod), tolerant by design: unknown enum values pass as strings, extra fields
 * are ignored, and anything the doc marks optional may be null or missing. A wrong shape where a
 * shape matters still fails, as a ZodError naming the field.
 */
import * as z from "zod";
import { fastParse } from "../shared/fast-parse.js";

const str = z.string().nullish();
/**
 * Ids are guids (strings); tolerate a number where a server sends one. A ticket, message or note
 * id must hold a non-blank character (the model requires an id): "" or "   " is refused with a
 * ZodError naming the field. The value itself is kept as sent.
 */
const idLike = z.union([z.string().regex(/\S/, "an empty id"), z.number()]).transform(String);
/** Ids of things a ticket refers to (tags, include objects, the message's ticket): tolerated as sent, never required. */
const refId = z.union([z.string(), z.number()]).transform(String);
/** The include objects are not printed by the doc (guesses.ts, "Shapes"): any of id/name/email/phoneNumber may be there. */
const named = z
  .object({ id: refId.nullish(), name: str, displayName: str, email: str, phoneNumber: str })
  .transform((o) => ({ ...o, name: o.name ?? o.displayName ?? null }));
/** Timestamps: ISO strings in the samples; lastUpdatedTime is typed "timestamp" ([S1] line 54), so epoch numbers are taken too. */
const time = z.union([z.string(), z.number()]).nullish();

export const WireTicketSchema = fastParse(z.object({
  id: idLike,
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
  status: str,
  priority: str,
  createdByType: str,
  isReadByAgent: z.boolean().nullish(),
  isInRecycleBin: z.boolean().nullish(),
  mergedToTargetId: z.union([z.number(), z.string()]).nullish(),
  contactLanguage: str,
  agentLanguage: str,
  autoTranslationStatus: z.boolean().nullish(),
  createdTime: time,
  lastUpdatedTime: time,
  /** The stats timestamps (issue 13): [S1] lines 46, 55, 57, 67. */
  lastRepliedTime: time,
  lastRepliedByType: str,
  resolvedTime: time,
  firstResponseTimeSpan: z.union([z.number(), z.string()]).nullish(),
  tagIds: z.array(refId).nullish(),
  tags: z.array(z.object({ id: refId, name: str })).nullish(),
  assignee: named.nullish(),
  departmentAssignee: named.nullish(),
  contactOrVisitor: named.nullish(),
  /** include=ticketingMessage ([S1] line 119). */
  messages: z.array(z.unknown()).nullish(),
  eventLogs: z
    .array(z.object({ id: str, time, operatorId: str, operatorType: str, type: str, description: str }))
    .nullish(),
}));
export type WireTicket = z.infer<typeof WireTicketSchema>;

/** Both list answers: the doc's words ("An array of Ticket", line 98) and its sample (an object, line 112). */
export const TicketPageSchema = fastParse(z.union(
  [
  z.array(z.unknown()).transform((tickets) => ({ tickets, nextPage: null as string | null, bare: true })),
  z
    .object({ tickets: z.array(z.unknown()), nextPage: str, total: z.number().nullish() })
    .transform((p) => ({ tickets: p.tickets, nextPage: p.nextPage ?? null, bare: false })),
  ],
  { error: 'the ticket list: expected an array of tickets, or an object with a "tickets" array' },
));

const attachment = z.object({ id: str, fileKey: str, name: str, size: z.number().nullish(), type: str, url: str });

export const WireMessageSchema = z.object({
  id: idLike,
  ticketId: refId.nullish(),
  sentById: str,
  sentByType: str,
  time,
  type: str,
  body: z.string().nullish(),
  isInternal: z.boolean().nullish(),
  attachments: z.array(attachment).nullish(),
});
export type WireMessage = z.infer<typeof WireMessageSchema>;

export const WireNoteSchema = z.object({
  id: idLike,
  agentId: str,
  createdTime: time,
  text: z.string().nullish(),
  attachments: z.array(attachment).nullish(),
});
export type WireNote = z.infer<typeof WireNoteSchema>;

/**
 * GET ticketing/tags: "An array of Tag", each `{id, name}` (FACT: the Tag page of the v4 doc,
 * https://dash15.comm100.io/doc/Ticketing/ticketingTag; vendor-notes 2.3). `{tags: [...]}`, the
 * ticket list's object form, is taken too.
 */
const tag = z.object({ id: refId, name: z.string().nullish() });
export const TagListSchema = z.union([z.array(tag), z.object({ tags: z.array(tag) }).transform((o) => o.tags)], {
  error: 'the tag list: expected an array of tags, or an object with a "tags" array',
});

/** Message and note lists (guesses.ts, "Shapes"): `{messages|notes: [...]}` or a bare array; anything else is a wrong shape. */
export const subListSchema = (key: "messages" | "notes") =>
  z.union([z.array(z.unknown()), z.object({ [key]: z.array(z.unknown()) }).transform((o) => o[key] as unknown[])], {
    error: `the ${key} list: expected an array, or an object with a "${key}" array`,
  });
