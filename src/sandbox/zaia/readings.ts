/**
 * The Zaia simulator's readings of what vendor-docs/zaia-ticket-api.txt leaves out, in ONE place.
 * Written from the document and vendor-notes.md section 1, never from the provider: where the
 * document is silent, the simulator keeps its own reading (marked GUESS) and can serve the other
 * plausible ones as variants (`SimulatorOptions.variant`), so a provider that only works with one
 * reading fails a test.
 *
 * FACT (doc): every route takes a header parameter named `authorization` (type string, no scheme
 * printed); ids are "A UUID v4 string"; list status is required; pageNumber min 1; pageSize 1..100
 * (default 10); array filters are `anyOf [uuid[], uuid]`; bodies of POST/PATCH are JSON objects
 * whose fields are listed as Required. Everything else below is a reading.
 */

/** The variants this simulator can serve; undefined = the simulator's own reading. */
export const VARIANTS = [
  /** The API key only in the `Bearer <key>` form (Zaia's legacy API used it; notes 1.1). */
  "bearer-auth",
  /** Status values in Prisma-style upper case: PENDING, ONGOING, COMPLETED. */
  "status-upper",
  /** Status values named after the Inbox guide's stages; a refused value's error lists nothing. */
  "status-ui-names",
  /** chat-messages wrapped as `{ data, pagination }`, the body in `text`. */
  "messages-envelope",
  /** chat-messages whose `content` is an array of typed parts and whose sender is only nested. */
  "messages-parts",
] as const;
export type Variant = (typeof VARIANTS)[number];

/** The simulator's internal lifecycle (stored in its state, whatever the wire spelling). */
export const LIFECYCLE = ["pending", "ongoing", "completed"] as const;
export type Lifecycle = (typeof LIFECYCLE)[number];

/** How one reading speaks on the wire. */
export interface Reading {
  /** `authorization` header value for a key: raw (own reading) or Bearer. */
  authValue(key: string): string;
  /** Wire spelling of each lifecycle status. */
  statusNames: Readonly<Record<Lifecycle, string>>;
  /** Whether a 400 for a bad status names the allowed values. */
  listsAllowedStatuses: boolean;
  /** chat-messages answer shape. */
  messages: "flat" | "envelope" | "parts";
}

/**
 * The simulator's own reading.
 * - Auth (FACT doc + MindCloud reference, notes 1.1): the raw key, no scheme.
 * - GUESS status enum: pending, ongoing, completed (notes 1.3: the timestamps ongoingAt and
 *   completedAt and the /complete verb point that way).
 * - GUESS chat message: a bare array (like every visible Zaia list, notes 1.1) of
 *   { id, chatId, chatThreadId, ticketId, content, senderEntity, senderId, createdAt, updatedAt },
 *   plus `sender` { id, entity, name, picture } with joins=senders (notes 1.4).
 */
const OWN: Reading = {
  authValue: (key) => key,
  statusNames: { pending: "pending", ongoing: "ongoing", completed: "completed" },
  listsAllowedStatuses: true,
  messages: "flat",
};

export function readingFor(variant: string | undefined): Reading {
  if (variant === undefined) return OWN;
  switch (variant as Variant) {
    case "bearer-auth":
      return { ...OWN, authValue: (key) => `Bearer ${key}` };
    case "status-upper":
      return { ...OWN, statusNames: { pending: "PENDING", ongoing: "ONGOING", completed: "COMPLETED" } };
    case "status-ui-names":
      return { ...OWN, statusNames: { pending: "unanswered", ongoing: "in_progress", completed: "finished" }, listsAllowedStatuses: false };
    case "messages-envelope":
      return { ...OWN, messages: "envelope" };
    case "messages-parts":
      return { ...OWN, messages: "parts" };
    default:
      throw new Error(`the Zaia simulator has no variant "${variant}" (it has: ${VARIANTS.join(", ")})`);
  }
}

/** GUESS (notes 1.3): `ownerEntity` values, platform user vs external user. */
export const OWNER_ENTITY = { user: "users", external: "external-users" } as const;

/** FACT for GET /api/v1/super-identities/responders; GUESS that tickets use the same plurals (notes 1.3). */
export const RESPONDER_ENTITIES = ["agents", "squads", "workflows"] as const;

/** FACT for GET /api/v1/chats `channelTypes`; INFERRED to be the ticket's channelType set (notes 1.3). */
export const CHANNEL_TYPES = ["widget", "waha", "whatsapp", "instagram", "api"] as const;

/** FACT: the `circumstance` description names takeover (human intervention) and handover (agent automatic creation). */
export const CIRCUMSTANCE = { takeover: "takeover", handover: "handover" } as const;

/** GUESS: a human team member's messages carry senderEntity "users". */
export const HUMAN_SENDER_ENTITY = "users";

/** FACT (notes 1.4): chat-messages `joins` values and the `pagination.limit` range/default. */
export const CHAT_MESSAGE_JOINS = ["chat-message-follow-ups", "senders"] as const;
export const CHAT_MESSAGES_LIMIT = { min: 1, max: 1000, default: 250 } as const;

/** FACT (doc): pageSize 1..100, default 10; pageNumber min 1, default 1. */
export const PAGE = { sizeMin: 1, sizeMax: 100, sizeDefault: 10, numberMin: 1 } as const;

/**
 * GUESS: validation answers look like a Nest/class-validator API: `{ message, error, statusCode }`.
 * The doc shows only `{ message }` (DELETE tag). Unknown query and body properties are refused
 * (forbidNonWhitelisted), so a misspelt parameter is never silently ignored.
 */
export const REFUSES_UNKNOWN_PROPERTIES = true;

/** GUESS: a write that is not `application/json` is refused with 415 before validation. */
export const WRONG_CONTENT_TYPE_STATUS = 415;

/** GUESS: list rows come newest first; search looks at these row fields. */
export const SEARCH_FIELDS = ["summary", "ownerName", "ownerEmail", "ownerIdentifier", "assigneeName"] as const;

/**
 * GUESS: a ticket created through the API by a person is a takeover; completing a completed ticket
 * is a 400; an id that names nothing (ticket, chat, user, team, tag) is a 404 saying which.
 */
export const API_CREATE_CIRCUMSTANCE = CIRCUMSTANCE.takeover;
