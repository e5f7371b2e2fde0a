/**
 * Zaia wire types (vendor-docs/zaia-ticket-api.txt), checked with zod at the boundary. A payload of
 * the wrong shape throws the ZodError itself (the command layer names the field, exit 1).
 * TOLERANT on purpose: enums are plain strings (their values are unknown, see guesses.ts), extra
 * fields are ignored, and every field the doc marks nullable (plus the non-essential ones)
 * becomes `null` when missing, never `undefined`. Only what a ticket cannot do without
 * (id, chatId, status) is required.
 */
import * as z from "zod";
import { fastParse } from "../shared/fast-parse.js";
import { CHAT_MESSAGE_ENVELOPE_KEYS } from "./guesses.js";

/** An id: never empty or blank (a model object without an id is no object). */
const id = z.string().regex(/\S/, "an empty id");

/** A nullable field: missing or null -> null. */
const nstr = z.string().nullish().transform((v) => v ?? null);
const nnum = z.number().nullish().transform((v) => v ?? null);
const nbool = z.boolean().nullish().transform((v) => v ?? null);

/** A row of GET /api/v1/tickets/details (doc lines 236-366) and GET /api/v1/tickets/{id}/details (doc lines 23-153). */
export const DetailRowSchema = fastParse(z.object({
  id,
  chatId: id,
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
}));
export type DetailRow = z.infer<typeof DetailRowSchema>;

/** INFERRED (vendor-notes.md 1.1): the list answer is a bare array of detail rows. */
export const DetailRowsSchema = fastParse(z.array(DetailRowSchema));

/** The ticket entity POST /tickets and the PATCH verbs return (doc lines 395-427, 460-492, 588-620, 649-681). */
export const TicketEntitySchema = z.object({
  id,
  chatId: id,
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

/** Just the id of a write answer, for when the rest of it does not parse. */
export const IdOnlySchema = z.object({ id });

/** POST /api/v1/tickets/{ticketId}/tags (doc lines 521-529). */
export const TagLinkSchema = z.object({
  tagId: z.string(),
  ticketId: z.string(),
  createdAt: nstr,
  updatedAt: nstr,
});
export type TagLink = z.infer<typeof TagLinkSchema>;

/** DELETE /api/v1/tickets/{ticketId}/tags/{tagId} (doc lines 557-559). */
export const MessageBodySchema = z.object({ message: z.string().nullish().transform((v) => v ?? "") });

/**
 * A workspace tag of GET /api/v1/tags (vendor-notes.md 1.4, FACT: the endpoint; MindCloud: a tag
 * has a `name`, a `color` 0..9 and a `description`, and is fetched by its UUID `id`). The answer is
 * INFERRED to be a bare array like every Zaia list whose schema was visible (notes 1.1).
 */
export const TagSchema = z.object({ id, name: nstr });
export const TagsSchema = z.array(TagSchema);
export type Tag = z.infer<typeof TagSchema>;

/** A ticketing team (vendor-notes.md 1.4); only id and name matter here. */
export const TeamSchema = z.object({ id: z.string().min(1), name: nstr, isRemoved: nbool });
export const TeamsSchema = z.array(TeamSchema);
export type Team = z.infer<typeof TeamSchema>;

/** GUESS (guesses.ts): a message body is a string, `{ text }`, or an array of typed parts. */
const TextPart = z.union([z.string(), z.object({ text: z.string().nullish(), content: z.string().nullish() }).passthrough()]);
const ContentSchema = z
  .union([z.string(), z.array(TextPart), z.object({ text: z.string().nullish() }).passthrough()])
  .nullish()
  .transform((v): string | null => {
    if (v == null) return null;
    if (typeof v === "string") return v;
    if (Array.isArray(v)) return v.map((p) => (typeof p === "string" ? p : (p.text ?? p.content ?? ""))).join("");
    return v.text ?? null;
  });

/** GUESS (see guesses.ts): one chat message, body and sender under the plausible names. */
export const ChatMessageSchema = z
  .object({
    id: z.union([id, z.number()]).transform(String),
    chatId: nstr,
    chatThreadId: nstr,
    ticketId: nstr,
    content: ContentSchema,
    text: ContentSchema,
    message: ContentSchema,
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

/** GUESS: a bare array, or an object carrying the array under one of CHAT_MESSAGE_ENVELOPE_KEYS. */
export const ChatMessagesSchema = z.union([
  z.array(ChatMessageSchema),
  z
    .record(z.string(), z.unknown())
    .refine((o) => CHAT_MESSAGE_ENVELOPE_KEYS.some((k) => Array.isArray(o[k])), { message: `expected an array, or an object with ${CHAT_MESSAGE_ENVELOPE_KEYS.join("/")}` })
    .transform((o) => o[CHAT_MESSAGE_ENVELOPE_KEYS.find((k) => Array.isArray(o[k]))!] as unknown[])
    .pipe(z.array(ChatMessageSchema)),
]);
