/**
 * Sobot wire types (zod), tolerant: unknown enum values pass through as strings, numbers and
 * strings are both accepted where the doc's examples mix them, nulls and extra fields are fine.
 * A wrong shape is a ZodError whose path names the field from the top of the answer
 * (`parseAt`), which the command layer reports as "unexpected answer from Sobot: field ...".
 */
import * as z from "zod";
import type { ZodType } from "zod";
import { fastParse } from "../shared/fast-parse.js";

/** `schema.parse(value)`, with the ZodError's paths starting at `path` (e.g. ["items", 3]). */
export function parseAt<T>(schema: ZodType<T>, value: unknown, ...path: (string | number)[]): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new z.ZodError(r.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] })));
}

/** A string field that may arrive as a number or null. */
const str = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));
/** An id, as a string or a number: never empty or blank (a model object without an id is no object). */
const id = z
  .union([z.string().regex(/\S/, "an empty id"), z.number()])
  .transform(String);
/** An epoch-ms field that may arrive as a number or a numeric string. */
const ms = z.union([z.number(), z.string()]).nullish();

/** The envelope every endpoint answers with (get_timezone uses retCode/retMsg, doc line 644). */
export const EnvelopeSchema = fastParse(z
  .object({
    ret_code: str,
    retCode: str,
    ret_msg: str,
    retMsg: str,
    item: z.unknown().optional(),
    items: z.unknown().optional(),
    page_no: z.union([z.number(), z.string()]).nullish(),
    page_size: z.union([z.number(), z.string()]).nullish(),
    page_count: z.union([z.number(), z.string()]).nullish(),
    total_count: z.union([z.number(), z.string()]).nullish(),
  })
  .refine((e) => e.ret_code !== null || e.retCode !== null, { message: "no ret_code in the answer", path: ["ret_code"] })
  .transform((e) => ({ ...e, code: (e.ret_code ?? e.retCode) as string, message: e.ret_msg ?? e.retMsg ?? null })));
export type Envelope = z.output<typeof EnvelopeSchema>;

export const TokenItemSchema = z.object({ token: z.string().min(1), expires_in: z.union([z.string(), z.number()]).nullish() });

export const FileSchema = z.object({ file_name: str, file_url: str, file_type: str });
export type WireFile = z.output<typeof FileSchema>;

/** One ticket of query_tickets / query_tickets_by_update_time. */
export const ListTicketSchema = fastParse(z.object({
  ticketid: id,
  ticket_title: str,
  ticket_content: str,
  ticket_code: str,
  ticket_from: str,
  ticket_level: str,
  ticket_status: str,
  start_type: str,
  start_name: str,
  ticket_type_name: str,
  ticket_typeid: str,
  deal_agent_name: str,
  deal_group_name: str,
  deal_agentid: str,
  deal_groupid: str,
  userid: str,
  create_datetime: str,
  create_datetime_ms: ms,
  update_datetime: str,
  update_datetime_ms: ms,
  user_nick: str,
  user_name: str,
  user_tels: str,
  user_emails: str,
  /** The satisfaction evaluation (doc lines 2971-2974, 3442-3445). */
  score: z.union([z.number(), z.string()]).nullish(),
  remark: str,
  evaluation_datetime: str,
  evaluation_datetime_ms: ms,
}));
export type WireListTicket = z.output<typeof ListTicketSchema>;

export const ReplySchema = z.object({
  replyid: str,
  reply_title: str,
  reply_content: str,
  reply_type: str,
  reply_datetime: str,
  reply_datetime_ms: ms,
  start_type: str,
  update_user_name: str,
  face_img: str,
  file_list: z.array(FileSchema).nullish(),
  reply_type_new: str,
});
export type WireReply = z.output<typeof ReplySchema>;

export const UpdateLogSchema = z.object({
  update_title: str,
  update_contents: str,
  log_from: str,
  update_datetime: str,
  update_datetime_ms: ms,
  start_type: str,
  update_agent_name: str,
});
export type WireUpdateLog = z.output<typeof UpdateLogSchema>;

export const ExtendFieldSchema = z.object({
  fieldid: str,
  field_name: str,
  field_type: str,
  field_text: str,
  field_value: str,
});

/** get_ticket_by_id's item. */
export const TicketDetailSchema = ListTicketSchema.extend({
  companyid: str,
  file_list: z.array(FileSchema).nullish(),
  extend_fields_list: z.array(ExtendFieldSchema).nullish(),
  deal_list: z.array(ReplySchema).nullish(),
  update_log_list: z.array(UpdateLogSchema).nullish(),
  closed_datetime: str,
  closed_datetime_ms: ms,
});
export type WireTicketDetail = z.output<typeof TicketDetailSchema>;

export const StatusInfoSchema = z.object({
  status_id: str,
  status_code: z.union([z.string(), z.number()]).transform(String),
  status_name: str,
  status_type: z.union([z.number(), z.string()]).nullish().transform((v) => (v === null || v === undefined ? null : Number(v))),
  is_delete: z.union([z.number(), z.string()]).nullish().transform((v) => Number(v ?? 0)),
});
export type WireStatusInfo = z.output<typeof StatusInfoSchema>;

export interface WireCategory {
  typeid: string | null;
  type_name: string | null;
  parentid: string | null;
  node_flag: string | null;
  companyid: string | null;
  sub_type_list?: WireCategory[] | null | undefined;
}
export const CategorySchema: z.ZodType<WireCategory> = z.lazy(() =>
  z.object({
    typeid: str,
    type_name: str,
    parentid: str,
    node_flag: str,
    companyid: str,
    sub_type_list: z.array(CategorySchema).nullish(),
  }),
) as unknown as z.ZodType<WireCategory>;

export const DataDictSchema = z.object({
  ticket_type_list: z.array(CategorySchema).nullish(),
  group_list: z.array(z.object({ groupid: str, group_name: str })).nullish(),
  agent_list: z.array(z.object({ agentid: str, agent_name: str })).nullish(),
});
export type WireDataDict = z.output<typeof DataDictSchema>;

export const CreatedSchema = z.object({ ticketid: id });
export const UploadedSchema = z.object({ file_url: z.string() });
