/**
 * Every Zaia wire value that is NOT printed in vendor-docs/zaia-ticket-api.txt, in one place
 * (vendor-notes.md section 1). The doc lost its enum arrays, so several values below are
 * GUESSES to pin on a live tenant (fetch https://api.endless.zaia.app/openapi once).
 * The provider stays tolerant: an unknown value passes through (vendorStatus, customFields)
 * and never crashes a mapping. The simulator imports the same constants, so a corrected
 * guess changes both sides at once.
 *
 * No runtime dependencies: the simulator and the descriptor may import this file.
 */
import type { AuthorType, Status } from "../../model/enums.js";

// ---------------------------------------------------------------------------------------------
// Ticket status
// ---------------------------------------------------------------------------------------------

/**
 * GUESS: the ticket `status` enum. NOT FOUND in any source; inferred from the `ongoingAt` /
 * `completedAt` timestamps and the `/complete` verb (the Inbox guide calls the stages
 * "Unanswered", "In Progress", "Finished"). Order = the order `ticket list` walks them.
 * A profile can override the walk with the `statuses` setting when the guess is wrong.
 */
export const ZAIA_STATUSES = ["pending", "ongoing", "completed"] as const;
export type ZaiaStatus = (typeof ZAIA_STATUSES)[number];

/** The status a new ticket gets when `ticket create` is not told otherwise (GUESS, see above). */
export const DEFAULT_CREATE_STATUS: ZaiaStatus = "pending";

/** The status `/takeover` sets and `/complete` sets (GUESS, see above). */
export const TAKEOVER_STATUS: ZaiaStatus = "ongoing";
export const COMPLETE_STATUS: ZaiaStatus = "completed";

/**
 * Zaia status -> normalized status. `pending` means "no human has answered yet" (Unanswered),
 * which is our `new`; Zaia has a single finished state, reported as `closed`.
 */
export const STATUS_TO_MODEL: Readonly<Record<ZaiaStatus, Status>> = {
  pending: "new",
  ongoing: "open",
  completed: "closed",
};

/** What an unknown vendor status normalizes to (its own value stays in vendorStatus). */
export const UNKNOWN_STATUS_MODEL: Status = "open";

/**
 * Normalized status -> the Zaia statuses it selects (list filter) or sets (create).
 * Empty = Zaia has no such state. `resolved` and `closed` both mean Zaia's `completed`.
 */
export const MODEL_TO_STATUSES: Readonly<Record<Status, readonly ZaiaStatus[]>> = {
  new: ["pending"],
  open: ["ongoing"],
  pending: [],
  on_hold: [],
  resolved: ["completed"],
  closed: ["completed"],
};

// ---------------------------------------------------------------------------------------------
// Other enums
// ---------------------------------------------------------------------------------------------

/** FACT (`channelTypes` of GET /api/v1/chats); INFERRED to be the ticket's `channelType` set (nullable). */
export const CHANNEL_TYPES = ["widget", "waha", "whatsapp", "instagram", "api"] as const;

/** FACT for GET /api/v1/super-identities/responders; GUESS that ticket `responderEntity` uses the same plurals. */
export const RESPONDER_ENTITIES = ["agents", "squads", "workflows"] as const;

/** FACT: the field description names both values. */
export const CIRCUMSTANCES = ["takeover", "handover"] as const;

/**
 * GUESS: `ownerEntity`. The doc contrasts a platform user (has ownerEmail) with an external
 * user (has ownerIdentifier); an /api/v1/external-users resource exists.
 */
export const OWNER_ENTITIES = ["users", "external-users"] as const;

// ---------------------------------------------------------------------------------------------
// Chat messages (GET /api/v1/chat-messages): only the query parameters are documented
// ---------------------------------------------------------------------------------------------

/** FACT: the `pagination.limit` default. We do not send `pagination` (its serialization is not visible). */
export const CHAT_MESSAGES_DEFAULT_LIMIT = 250;

/** FACT: a valid `joins` value; it asks Zaia to embed each message's sender. */
export const CHAT_MESSAGES_JOIN_SENDERS = "senders";

/**
 * GUESS: the response is a bare array (like every list whose schema was visible) of
 * `{ id, chatId, chatThreadId, ticketId, content, senderEntity, senderId, createdAt, updatedAt,
 *    sender?: { id, entity, name, picture } }` (sender only with joins=senders).
 * The provider also accepts `{ data: [...] }` / `{ items: [...] }` and `text`/`message` for the body.
 */
export const SENDER_ENTITIES = ["external-users", "users", ...RESPONDER_ENTITIES] as const;

/** GUESS: sender entity -> author type. The chat owner is always the customer, whatever the entity. */
export const SENDER_TO_AUTHOR: Readonly<Record<string, AuthorType>> = {
  "external-users": "customer",
  users: "agent",
  agents: "bot",
  squads: "bot",
  workflows: "bot",
};

// ---------------------------------------------------------------------------------------------
// Transport
// ---------------------------------------------------------------------------------------------

/**
 * FACT (doc: a header parameter named `authorization`, no scheme; MindCloud's reference: the raw
 * key) but still to verify on a live tenant: the raw key, no `Bearer ` prefix. Zaia's legacy
 * API used Bearer; that is a different API.
 */
export const AUTH_HEADER = "authorization";
export function authHeaderValue(apiKey: string): string {
  return apiKey;
}

/**
 * GUESS: error bodies are Nest-style `{ message, error, statusCode }`; only `{ message }` is seen
 * in the doc (DELETE tag). src/http/errors.ts reads `message` (or `error`) from whatever arrives.
 */
export const ERROR_BODY_SHAPE = "{ message: string, error?: string, statusCode?: number }";

/**
 * GUESS: `includeRemoved` (absent = false) adds tickets whose chat was soft-removed
 * (`chatIsRemoved: true`). `ticket list` leaves it off.
 */
export const INCLUDE_REMOVED_DEFAULT = false;

/** GUESS: list rows come newest first (createdAt descending). The doc states no order. */
export const LIST_ORDER = "createdAt desc";
