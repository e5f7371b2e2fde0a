/**
 * The Sobot simulator's state: one company with agents in skill groups, a category tree,
 * custom statuses and fields, customers and tickets (replies, logs, files, evaluations), and the
 * tokens issued. Plain data, so it survives JSON (the demo profile persists it).
 */

export interface SimAgent {
  agentid: string;
  agent_name: string;
  email: string;
  groupids: string[];
}
export interface SimGroup {
  groupid: string;
  group_name: string;
}
export interface SimCategory {
  typeid: string;
  type_name: string;
  parentid: string;
  type_level: number;
  /** "0" leaf, "1" has children (FACT: node_flag 0 = leaf). */
  node_flag: "0" | "1";
}
export interface SimStatus {
  status_id: string;
  status_code: string;
  status_name: string;
  status_type: number;
  status_desc: string;
  customer_status_name: string;
  is_delete: number;
}
export interface SimField {
  fieldid: string;
  field_name: string;
  field_type: number;
  fill_flag: number;
  options: { data_name: string; data_value: string }[];
}
export interface SimCustomer {
  userid: string;
  user_nick: string;
  user_name: string;
  user_tels: string;
  user_emails: string;
  partnerid: string;
}
export interface SimFile {
  file_name: string;
  file_url: string;
  file_type: string;
}
export interface SimReply {
  replyid: string;
  reply_title: string;
  reply_content: string;
  reply_type: "0" | "1";
  reply_type_new: number;
  at: number;
  start_type: string;
  update_user_name: string;
  files: SimFile[];
}
export interface SimLog {
  update_title: string;
  update_contents: string;
  log_from: string;
  at: number;
  start_type: string;
  update_agent_name: string;
}
export interface SimTicket {
  ticketid: string;
  ticket_code: string;
  ticket_title: string;
  ticket_content: string;
  ticket_from: string;
  ticket_level: string;
  ticket_status: string;
  ticket_typeid: string;
  start_type: "0" | "1";
  start_name: string;
  deal_groupid: string;
  deal_agentid: string;
  userid: string;
  update_agent_name: string;
  created: number;
  updated: number;
  closed: number | null;
  files: SimFile[];
  fields: { fieldid: string; field_value: string }[];
  replies: SimReply[];
  logs: SimLog[];
  reminder: { agentid: string; remark: string; at: number } | null;
  /** The customer's satisfaction evaluation (score, remark, evaluation_datetime; lines 2971-2974). */
  evaluation: { score: number; remark: string; at: number } | null;
}
/** A token, and the app_key it was issued for (md5): a changed (revoked) key ends its tokens. */
export interface SimToken {
  value: string;
  expiresAt: number;
  keyHash?: string;
}
export interface SimState {
  version: 1;
  appid: string;
  app_key: string;
  companyid: string;
  agents: SimAgent[];
  groups: SimGroup[];
  categories: SimCategory[];
  statuses: SimStatus[];
  fields: SimField[];
  customers: SimCustomer[];
  tickets: SimTicket[];
  /** The latest token issued. */
  token: SimToken | null;
  /** Earlier tokens still valid (only under the "coexist" token reading). */
  olderTokens: SimToken[];
  /** ticket_code sequence per day (yyyyMMdd). */
  codeSeq: Record<string, number>;
  /** Ids handed out, so new ones never collide. */
  idCounter: number;
}
