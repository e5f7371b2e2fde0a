/**
 * 3Dolphins wire types (vendor-docs/3dolphins-ticket-api.txt), tolerant by design: every field but
 * the ones we cannot do without is optional, a field of an unexpected type reads as undefined
 * instead of failing the whole answer, unknown enum values pass through as strings, and extra
 * fields are ignored. What we cannot do without (the envelope's `status`, a ticket's
 * `ticketNumber`) fails as a ZodError naming the field, so a wrong shape is reported, not guessed.
 */
import * as z from "zod";
import { fastParse } from "../shared/fast-parse.js";

const str = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .nullish()
  .catch(undefined);
const num = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)])
  .nullish()
  .catch(undefined);
const bool = z
  .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
  .nullish()
  .catch(undefined);
const strList = z
  .union([z.array(z.unknown()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string"))
  .nullish()
  .catch(undefined);

/** The envelope every endpoint answers with (except graph/auth): `"status": "success"` in every sample. */
export const EnvelopeSchema = fastParse(z.object({
  status: z.union([z.string(), z.number()]).transform((v) => String(v)),
  data: z.unknown().optional(),
  hasMore: bool,
  nextIndex: num,
  prevIndex: num,
  totalResults: num,
}));
export type Envelope = z.infer<typeof EnvelopeSchema>;

export const WireContactSchema = z
  .object({
    id: str,
    contactFirstName: str,
    contactLastName: str,
    contactEmail: strList,
    contactEmailString: str,
    phones: strList,
    phonesString: str,
    username: str,
  })
  .nullish()
  .catch(undefined);

/** A ticket: the parent record of a conversation (graph/tickets, graph/tickets/{n}, update/*). */
export const WireTicketSchema = fastParse(z.object({
  id: str,
  // Printed as a string in every sample ("[ticketNumber]"): the one field a ticket cannot do
  // without, so a missing or blank one is a wrong answer (a ZodError naming it), never a guessed
  // id. A whole number is tolerated (read as its digits): a value we did not expect, not a wrong one.
  ticketNumber: z.union([z.string().trim().min(1), z.number().int().nonnegative().transform(String)]),
  subject: str,
  message: str,
  messageId: str,
  status: str,
  timelineStatus: str,
  severity: str,
  priority: bool,
  assignedAgent: str,
  agentName: str,
  group: str,
  toGroup: str,
  supervisor: str,
  escalated: bool,
  escalatedDate: num,
  escalatedFrom: str,
  escalatedTo: str,
  channelType: str,
  channelName: str,
  contactId: str,
  accountId: str,
  accountName: str,
  friendlyName: str,
  emailRecipient: str,
  ticketTags: strList,
  contact: WireContactSchema,
  answer: bool,
  incoming: bool,
  replyAgent: str,
  parent: num,
  createdDate: num,
  modifiedDate: num,
  unassignedDate: num,
  assignedDate: num,
  openDate: num,
  pendingDate: num,
  closedDate: num,
  /** Seconds from creation to the first response (doc lines 71-72, 86; issue 13 stats). */
  responseTime: num,
  closedBy: str,
  closureType: str,
  remark: str,
  transferedDate: num,
  transferedFrom: str,
  transferedTo: str,
  customFields: z.record(z.string(), z.unknown()).nullish().catch(undefined),
}));
export type WireTicket = z.infer<typeof WireTicketSchema>;

/** One bubble of a conversation (graph/tickets/conversations/{n}, sendMessage). */
export const WireMessageSchema = z.object({
  id: str,
  messageId: str,
  ticketNumber: str,
  message: str,
  textMessage: str,
  cleanUpMessage: str,
  answer: bool,
  ticketAnswer: bool,
  incoming: bool,
  replyAgent: str,
  agentName: str,
  accountId: str,
  accountName: str,
  friendlyName: str,
  parent: num,
  createdDate: num,
  attachmentExist: bool,
});
export type WireMessage = z.infer<typeof WireMessageSchema>;
