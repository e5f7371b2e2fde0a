/**
 * The Sobot simulator's answers, shaped as the document's return tables and examples: list items
 * (names, no ids: lines 2950-2974), the detail item (lines 3410-3506; which receiving ids it
 * carries is a reading), the data dictionary's category tree (lines 1173-1182).
 */
import { categoryPath, formatZoned } from "./format.js";
import type { Reading } from "./readings.js";
import type { SimCategory, SimFile, SimState, SimTicket } from "./state.js";

const fileOut = (f: SimFile) => ({ file_name: f.file_name, file_url: f.file_url, file_type: f.file_type });

const customerOf = (s: SimState, t: SimTicket) => s.customers.find((c) => c.userid === t.userid);
export const agentById = (s: SimState, id: string) => s.agents.find((a) => a.agentid === id);
export const groupById = (s: SimState, id: string) => s.groups.find((g) => g.groupid === id);

/** Customer contact fields and the evaluation: only present when they have a value, as in the examples. */
function optional(s: SimState, t: SimTicket, tz: string): Record<string, unknown> {
  const c = customerOf(s, t);
  const out: Record<string, unknown> = {};
  if (c?.user_name) out.user_name = c.user_name;
  if (c?.user_tels) out.user_tels = c.user_tels;
  if (c?.user_emails) out.user_emails = c.user_emails;
  if (t.evaluation) {
    out.evaluation_datetime = formatZoned(t.evaluation.at, tz);
    out.evaluation_datetime_ms = t.evaluation.at;
    out.score = t.evaluation.score;
    if (t.evaluation.remark) out.remark = t.evaluation.remark;
  }
  return out;
}

/** An item of query_tickets / query_tickets_by_update_time. */
export function listItem(s: SimState, t: SimTicket, tz: string): Record<string, unknown> {
  return {
    ticketid: t.ticketid,
    ticket_title: t.ticket_title,
    ticket_content: t.ticket_content,
    ticket_code: t.ticket_code,
    ticket_from: t.ticket_from,
    ticket_level: t.ticket_level,
    ticket_status: t.ticket_status,
    start_type: t.start_type,
    start_name: t.start_name,
    ticket_type_name: categoryPath(s, t.ticket_typeid),
    deal_agent_name: agentById(s, t.deal_agentid)?.agent_name ?? "",
    deal_group_name: groupById(s, t.deal_groupid)?.group_name ?? "",
    create_datetime: formatZoned(t.created, tz),
    create_datetime_ms: t.created,
    update_datetime: formatZoned(t.updated, tz),
    update_datetime_ms: t.updated,
    user_nick: customerOf(s, t)?.user_nick ?? "",
    ...optional(s, t, tz),
  };
}

/** get_ticket_by_id's item; replies and logs newest first, as in its example. */
export function detailItem(s: SimState, t: SimTicket, tz: string, reading: Reading): Record<string, unknown> {
  const ids: Record<string, string> = {};
  if (reading.detailIds !== "none") ids.deal_groupid = t.deal_groupid;
  if (reading.detailIds === "both") ids.deal_agentid = t.deal_agentid;
  const item: Record<string, unknown> = {
    companyid: s.companyid,
    ticketid: t.ticketid,
    ticket_code: t.ticket_code,
    ticket_title: t.ticket_title,
    ticket_content: t.ticket_content,
    ticket_from: t.ticket_from,
    ticket_level: t.ticket_level,
    ticket_status: t.ticket_status,
    ticket_typeid: t.ticket_typeid,
    ticket_type_name: categoryPath(s, t.ticket_typeid),
    start_type: t.start_type,
    start_name: t.start_name,
    ...ids,
    deal_group_name: groupById(s, t.deal_groupid)?.group_name ?? "",
    deal_agent_name: agentById(s, t.deal_agentid)?.agent_name ?? "",
    userid: t.userid,
    user_nick: customerOf(s, t)?.user_nick ?? "",
    update_agent_name: t.update_agent_name,
    create_datetime: formatZoned(t.created, tz),
    create_datetime_ms: t.created,
    update_datetime: formatZoned(t.updated, tz),
    update_datetime_ms: t.updated,
    file_list: t.files.map(fileOut),
    extend_fields_list: t.fields.map((f) => {
      const def = s.fields.find((d) => d.fieldid === f.fieldid);
      return {
        fieldid: f.fieldid,
        field_name: def?.field_name ?? "",
        field_type: String(def?.field_type ?? 1),
        field_text: def?.options.find((o) => o.data_value === f.field_value)?.data_name ?? "",
        field_value: f.field_value,
        field_sortno: def ? s.fields.indexOf(def) + 1 : 99,
      };
    }),
    deal_list: [...t.replies]
      .sort((a, b) => b.at - a.at)
      .map((r) => ({
        replyid: r.replyid,
        reply_title: r.reply_title,
        reply_content: r.reply_content,
        reply_type: r.reply_type,
        reply_type_new: r.reply_type_new,
        reply_datetime: formatZoned(r.at, tz),
        reply_datetime_ms: r.at,
        start_type: r.start_type,
        update_user_name: r.update_user_name,
        face_img: "",
        file_list: r.files.map(fileOut),
      })),
    update_log_list: [...t.logs]
      .sort((a, b) => b.at - a.at)
      .map((l) => ({
        update_title: l.update_title,
        update_contents: l.update_contents,
        log_from: l.log_from,
        update_datetime: formatZoned(l.at, tz),
        update_datetime_ms: l.at,
        start_type: l.start_type,
        update_agent_name: l.update_agent_name,
        face_img: "",
      })),
    ...optional(s, t, tz),
  };
  if (t.closed !== null) {
    item.closed_datetime = formatZoned(t.closed, tz);
    item.closed_datetime_ms = t.closed;
  }
  return item;
}

export function categoryTree(s: SimState, parentid: string): Record<string, unknown>[] {
  return s.categories
    .filter((c) => c.parentid === parentid)
    .map((c: SimCategory) => {
      const node: Record<string, unknown> = {
        companyid: s.companyid,
        node_flag: c.node_flag,
        parentid: c.parentid,
        type_level: String(c.type_level),
        type_name: c.type_name,
        typeid: c.typeid,
      };
      if (c.node_flag === "1") node.sub_type_list = categoryTree(s, c.typeid);
      return node;
    });
}
