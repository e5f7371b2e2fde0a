/**
 * The normalized model as plain TypeScript types (DESIGN.md section 3).
 * `schema.ts` holds the zod schemas that check these shapes at the boundary;
 * this file has no runtime code, so importing it costs nothing.
 */
import type { AuthorType, Priority, Status, VendorName } from "./enums.js";

export interface Person {
  id: string | null;
  name: string | null;
  email: string | null;
}

export interface Requester extends Person {
  phone: string | null;
}

export interface Team {
  id: string;
  name: string | null;
}

export interface Ticket {
  /** The id every other verb accepts. */
  id: string;
  /** Human-facing number when it differs from id (Sobot ticket_code), else null. */
  number: string | null;
  subject: string;
  status: Status;
  /** The vendor's own status value, untouched. */
  vendorStatus: string;
  priority: Priority | null;
  assignee: Person | null;
  team: Team | null;
  requester: Requester | null;
  channel: string | null;
  tags: string[];
  /** ISO-8601 UTC, or null when the vendor does not say. */
  createdAt: string | null;
  updatedAt: string | null;
  /**
   * Timestamps some vendors give in their list answer (issue 13), ISO-8601 UTC; absent or null when
   * the vendor does not say. lastCustomerMessageAt: the customer's latest message (inbox urgency,
   * watch's "new customer message"); firstResponseAt: the first agent answer; resolvedAt: when it was
   * resolved or closed (stats). Mapped per vendor in src/providers/<v>/map.ts.
   */
  lastCustomerMessageAt?: string | null;
  firstResponseAt?: string | null;
  resolvedAt?: string | null;
  vendor: VendorName;
  profile: string;
  /** The vendor payload; present only with --raw. */
  raw?: unknown;
}

export interface Attachment {
  id: string | null;
  name: string;
  size: number | null;
  contentType: string | null;
  url: string | null;
}

export interface Message {
  id: string;
  author: { type: AuthorType; id: string | null; name: string | null };
  body: string;
  internal: boolean;
  createdAt: string | null;
  attachments: Attachment[];
}

/** One entry of a ticket's event/operation log (Comm100 event log, Sobot update_log_list). */
export interface HistoryEvent {
  at: string | null;
  actor: string | null;
  action: string;
  detail: string | null;
}

export interface TicketDetail extends Ticket {
  /** Oldest first. */
  messages: Message[];
  attachments: Attachment[];
  /** Present when the vendor has one and it was asked for (`show --history`). */
  history?: HistoryEvent[];
  /** Vendor custom fields, by field name or id. */
  customFields?: Record<string, unknown>;
  /** The customer's satisfaction rating, where the vendor records one (Sobot). */
  satisfaction?: Satisfaction | null;
}

export interface Satisfaction {
  /** The score as the vendor gives it (e.g. 1-5). */
  score: number | null;
  remark: string | null;
  /** ISO-8601 UTC. */
  at: string | null;
}
