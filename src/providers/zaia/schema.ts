/**
 * Zaia wire types (vendor-docs/zaia-ticket-api.txt), checked with zod at the boundary.
 * TOLERANT on purpose: enums are plain strings (their values are unknown, see guesses.ts),
 * extra fields are ignored, and every field the doc marks nullable (plus the non-essential
 * ones) becomes `null` when missing, never `undefined`. Only what a ticket cannot do without
 * (id, chatId, status) is required.
 */
import { z } from "zod";
import { OperationError } from "../../errors.js";

/** A nullable field: missing or null -> null. */
const nstr = z.string().nullish().transform((v) => v ?? null);
const nnum = z.number().nullish().transform((v) => v ?? null);
const nbool = z.boolean().nullish().transform((v) => v ?? null);

/** A row of GET /api/v1/tickets/details and GET /api/v1/tickets/{id}/details. */
export const DetailRowSchema = z.object({
  id: z.string().min(1),
  chatId: z.string().min(1),
  status: z.string(),
  summary: z.string().nullish().transform((v) => v ?? ""),
  createdAt: nstr,
  ongoingAt: nstr,
  completedAt: nstr,
  assigneeId: nstr,
  assigneeName: nstr,
  assigneeEmail: nstr,
  assigneePicture: nstr,
  channelId: nstr,
  channelName: nstr,
  channelType: nstr,
  chatIsRemoved: z.boolean().nullish().transform((v) => v ?? false),
  chatOwnerId: nstr,
  isOwnerBlocked: nbool,
  ownerEntity: nstr,
  ownerName: nstr,
  ownerEmail: nstr,
  ownerIdentifier: nstr,
  pendingChatMessages: nnum,
  responderEntity: nstr,
  responderId: nstr,
  responderName: nstr,
  responderPicture: nstr,
  responderVersionId: nstr,
  responderVersionNumber: nnum,
  ticketingTeamId: nstr,
  ticketingTeamName: nstr,
  ticketingTeamPicture: nstr,
  workspaceId: nstr,
});
export type DetailRow = z.infer<typeof DetailRowSchema>;

export const DetailRowsSchema = z.array(DetailRowSchema);

/** The ticket entity that POST /tickets and the PATCH verbs (complete, takeover, assignee) return. */
export const TicketEntitySchema = z.object({
  id: z.string().min(1),
  chatId: z.string().min(1),
  status: z.string(),
  summary: z.string().nullish().transform((v) => v ?? ""),
  createdAt: nstr,
  updatedAt: nstr,
  assigneeId: nstr,
  circumstance: nstr,
  completedAt: nstr,
  lastViewedAt: nstr,
  ongoingAt: nstr,
  ticketingTeamId: nstr,
});
export type TicketEntity = z.infer<typeof TicketEntitySchema>;

/** POST /api/v1/tickets/{ticketId}/tags. */
export const TagLinkSchema = z.object({
  tagId: z.string(),
  ticketId: z.string(),
  createdAt: nstr,
  updatedAt: nstr,
});
export type TagLink = z.infer<typeof TagLinkSchema>;

/** DELETE /api/v1/tickets/{ticketId}/tags/{tagId}. */
export const MessageBodySchema = z.object({ message: z.string().nullish().transform((v) => v ?? "") });

/** GUESS (see guesses.ts): one chat message. Body and sender fields under a few plausible names. */
export const ChatMessageSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    chatId: nstr,
    chatThreadId: nstr,
    ticketId: nstr,
    content: nstr,
    text: nstr,
    message: nstr,
    senderEntity: nstr,
    senderId: nstr,
    createdAt: nstr,
    updatedAt: nstr,
    sender: z
      .object({ id: nstr, entity: nstr, name: nstr, picture: nstr })
      .nullish()
      .transform((v) => v ?? null),
  })
  .transform(({ text, message, ...m }) => ({ ...m, content: m.content ?? text ?? message ?? "" }));
export type ChatMessage = z.output<typeof ChatMessageSchema>;

/** GUESS: a bare array; `{ data }` / `{ items }` envelopes are accepted too. */
export const ChatMessagesSchema = z.union([
  z.array(ChatMessageSchema),
  z.object({ data: z.array(ChatMessageSchema) }).transform((o) => o.data),
  z.object({ items: z.array(ChatMessageSchema) }).transform((o) => o.items),
]);

/** A Zaia payload that does not have the expected shape (names Zaia and the field path). */
export class WireShapeError extends OperationError {}

/** Parse a vendor payload; a mismatch becomes a WireShapeError naming Zaia and the field path. */
export function parseWire<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join(".") : "(root)";
  throw new WireShapeError(`Zaia sent ${what} of an unexpected shape: ${path}: ${issue?.message ?? "invalid"}`, { vendor: "zaia" });
}
