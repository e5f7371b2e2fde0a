/**
 * Every Zaia wire value the PROVIDER assumes that is NOT printed in vendor-docs/zaia-ticket-api.txt,
 * in one place (vendor-notes.md section 1). The doc lost its enum arrays, so several values below
 * are GUESSES to pin on a live tenant (fetch https://api.endless.zaia.app/openapi once).
 * The provider stays tolerant: an unknown value passes through (vendorStatus, customFields) and
 * never crashes a mapping, and where a guess can be checked at run time (the status enum, the
 * auth form) the provider checks it and remembers what the server accepted.
 * The simulator keeps its own readings (src/sandbox/zaia/readings.ts) and never imports this file.
 *
 * No runtime dependencies: the descriptor may import this file.
 */
import type { AuthorType, Status } from "../../model/enums.js";

// ---------------------------------------------------------------------------------------------
// Ticket status
// ---------------------------------------------------------------------------------------------

/**
 * GUESS: the ticket `status` enum. NOT FOUND in any source; inferred from the `ongoingAt` /
 * `completedAt` timestamps and the `/complete` verb (notes 1.3). Order = the order `ticket list`
 * walks them. When Zaia refuses a value, the provider learns the real enum (statuses.ts) from
 * the refusal or by trying the other spellings below; the profile's `statuses` setting overrides all.
 */
export const GUESSED_STATUSES = ["pending", "ongoing", "completed"] as const;

/**
 * GUESS: other plausible spellings of the same three-stage enum, tried in order when the first
 * guess is refused and the refusal does not list the allowed values: Prisma-style upper case, and
 * the stage names of the Inbox guide ("Unanswered", "In Progress", "Finished").
 */
export const STATUS_DIALECTS: readonly (readonly string[])[] = [
  GUESSED_STATUSES,
  ["PENDING", "ONGOING", "COMPLETED"],
  ["unanswered", "in_progress", "finished"],
];

/**
 * Zaia status -> normalized status, by meaning, whatever the spelling (the key is the value
 * lower-cased with `-`/space as `_`). "No human has answered yet" (pending, Unanswered) is our
 * `new`; Zaia has a single finished state, reported as `closed`.
 */
export const STATUS_SYNONYMS: Readonly<Record<string, Status>> = {
  pending: "new",
  unanswered: "new",
  new: "new",
  waiting: "new",
  queued: "new",
  ongoing: "open",
  in_progress: "open",
  inprogress: "open",
  open: "open",
  active: "open",
  assigned: "open",
  completed: "closed",
  complete: "closed",
  finished: "closed",
  closed: "closed",
  done: "closed",
  resolved: "resolved",
};

/** What an unknown vendor status normalizes to (its own value stays in vendorStatus). */
export const UNKNOWN_STATUS_MODEL: Status = "open";

/** The normalized status a new ticket gets when `ticket create` is not told otherwise (GUESS: Zaia's `pending`). */
export const DEFAULT_CREATE_MODEL_STATUS: Status = "new";

// ---------------------------------------------------------------------------------------------
// Other enums
// ---------------------------------------------------------------------------------------------

/** GUESS (notes 1.3): `ownerEntity`, platform user vs external user. Only shown in customFields. */
export const OWNER_ENTITIES = ["users", "external-users"] as const;

// ---------------------------------------------------------------------------------------------
// Chat messages (GET /api/v1/chat-messages): only the query parameters are documented (notes 1.4)
// ---------------------------------------------------------------------------------------------

/** FACT: the `pagination.limit` default. We do not send `pagination` (its serialization is not visible). */
export const CHAT_MESSAGES_DEFAULT_LIMIT = 250;

/** FACT: a valid `joins` value; it asks Zaia to embed each message's sender. */
export const CHAT_MESSAGES_JOIN_SENDERS = "senders";

/**
 * GUESS: the answer is a bare array (like every list whose schema was visible) or an envelope
 * (`data` / `items` / `messages`); the body is `content` (a string, an array of typed parts, or
 * `{ text }`) or `text` / `message`; the sender is flat (`senderId`, `senderEntity`) and/or nested
 * (`sender` { id, entity, name }). schema.ts accepts every one of these.
 */
export const CHAT_MESSAGE_ENVELOPE_KEYS = ["data", "items", "messages", "results"] as const;

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
 * key) but still to verify on a live tenant: the raw key first. GUESS (notes 1.1 recommendation):
 * after a 401, try `Bearer <key>` once (Zaia's legacy API used it) and remember per profile and
 * key which form worked (auth.ts).
 */
export const AUTH_HEADER = "authorization";
export const AUTH_FORMS = ["raw", "bearer"] as const;
export type AuthForm = (typeof AUTH_FORMS)[number];
export function authHeaderValue(apiKey: string, form: AuthForm): string {
  return form === "bearer" ? `Bearer ${apiKey}` : apiKey;
}

/**
 * GUESS: error bodies carry at least `message` (a string, or Nest's array of strings); only
 * `{ message }` is seen in the doc (DELETE tag). A refused enum value may be explained as
 * "status must be one of the following values: a, b, c" (class-validator's wording); statuses.ts
 * reads the values from it when it is there.
 */
export const ALLOWED_VALUES_PATTERNS = [/must be one of the following values:\s*(.+)$/i, /(?:allowed|expected|valid) values?(?: are| is)?:?\s*(.+)$/i];

/** GUESS: `includeRemoved` (absent = false) adds tickets whose chat was soft-removed. `ticket list` leaves it off. */
export const INCLUDE_REMOVED_DEFAULT = false;
