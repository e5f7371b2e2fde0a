/** The 3Dolphins simulator's state (JSON-serializable: it is what exportState returns) and small helpers. */

/** A ticket or conversation record exactly as the wire carries it (vendor doc field names). */
export type Rec = Record<string, unknown>;

export interface SimUser {
  id: string;
  name: string;
  username: string;
  role: "agent" | "supervisor";
}

export interface SimGroup {
  id: string;
  name: string;
}

export interface SimChannel {
  id: string;
  /** channelType: whatsapp, telegram, webchat, email. */
  type: string;
  name: string;
  key: string;
}

export interface StoredFile {
  id: string;
  name: string;
  type: string;
  size: number;
  contentBase64: string;
  uploadedBy: string;
  uploadedAt: number;
}

export interface IssuedToken {
  token: string;
  userId: string;
  expiresAtMs: number;
}

export interface ThreeDolphinsState {
  version: 1;
  /** The owner/createdBy of system records. */
  systemId: string;
  users: SimUser[];
  groups: SimGroup[];
  channels: SimChannel[];
  /** Newest first, the order graph/tickets lists them in. */
  tickets: Rec[];
  /** Conversation bubbles per ticketNumber, oldest first (the parent record is the ticket itself). */
  conversations: Record<string, Rec[]>;
  files: StoredFile[];
  tokens: IssuedToken[];
  /** Counter for ids of new records. */
  serial: number;
}

/** The sandbox's server zone: Java ZonedDateTime strings and the *Text fields use it. */
export const ZONE = "Asia/Jakarta";
const ZONE_OFFSET_MS = 7 * 3_600_000;

/** "yyyy-MM-dd HH:mm" in the server zone, like createdDateText. */
export function dateText(ms: number): string {
  return new Date(ms + ZONE_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** "yyyy-MM-dd HH:mm:ss", like prettyDate. */
export function prettyDate(ms: number): string {
  return new Date(ms + ZONE_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** A Java ZonedDateTime string: "2020-10-22T17:40:55.372+07:00[Asia/Jakarta]" (graph/auth expireAt). */
export function zonedDateTime(ms: number): string {
  return `${new Date(ms + ZONE_OFFSET_MS).toISOString().slice(0, 23)}+07:00[${ZONE}]`;
}

/** Start of the server-zone day containing `ms`. */
export function startOfDay(ms: number): number {
  const local = ms + ZONE_OFFSET_MS;
  return local - (local % 86_400_000) - ZONE_OFFSET_MS;
}

/** 32 hex characters, the shape of 3Dolphins record and user ids. */
export function hex32(random: () => number): string {
  return Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
}

export const STATUS_STYLE: Record<string, string> = {
  Unassigned: "ticket-unassigned",
  Assigned: "ticket-assigned",
  Open: "ticket-open",
  Pending: "ticket-pending",
  Closed: "ticket-closed",
};

export const SEVERITY_STYLE: Record<string, string> = {
  "Not Set": "severity-low",
  Low: "severity-low",
  Medium: "severity-medium",
  High: "severity-high",
};
