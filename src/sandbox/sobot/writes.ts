/**
 * The Sobot simulator's writes: save_agent_ticket, save_ticket_reply, upload_file, reminder.
 * A JSON write is checked in this order: content type, body, the doc's request table (fields.ts),
 * then the references (agents, groups, statuses, categories, the ticket). Every refusal is a rule.
 */
import { randomBytes } from "node:crypto";
import type { Router, SimReply, SimRequest } from "../shared/server.js";
import { isJsonRequest, isMultipartRequest } from "../shared/strict.js";
import { ok, refuse, type RouteEnv } from "./envelope.js";
import { checkFields, REMINDER, SAVE_AGENT_TICKET, SAVE_TICKET_REPLY, text, type FieldTable } from "./fields.js";
import { categoryPath, LEVEL_NAMES, logText, makeFile, nextTicketCode, storedText } from "./format.js";
import { agentById, groupById } from "./render.js";
import type { Authed } from "./routes.js";
import { ASSIGNMENT_STAYS_CONSISTENT } from "./readings.js";
import { refusal, type Refusal } from "./rules.js";
import type { SimFile, SimState, SimTicket } from "./state.js";

type Body = Record<string, unknown>;

const statusName = (s: SimState, code: string) => s.statuses.find((x) => x.status_code === code)?.status_name ?? code;

/** Receiving group and agent: name without id, unknown ids, agent outside the group. */
function checkAssignment(s: SimState, body: Body): Refusal | null {
  const groupid = text(body, "deal_groupid");
  const agentid = text(body, "deal_agentid");
  if (!groupid && text(body, "deal_group_name")) return refusal("group-id-with-name");
  if (groupid && !groupById(s, groupid)) return refusal("deal-ids-known");
  const agent = agentid ? agentById(s, agentid) : undefined;
  if (agentid && !agent) return refusal("deal-ids-known");
  if (agent && groupid && !agent.groupids.includes(groupid)) return refusal("agent-in-group");
  return null;
}

/** Status and level of a write: a live status code (not an id), a documented level. */
function checkStatusAndLevel(s: SimState, body: Body): Refusal | null {
  const status = s.statuses.find((x) => x.status_code === text(body, "ticket_status"));
  if (!status || status.is_delete === 1) return refusal("status-known");
  if (!(text(body, "ticket_level") in LEVEL_NAMES)) return refusal("level-enum");
  return null;
}

function checkExtendFields(s: SimState, body: Body): Refusal | null {
  const list = Array.isArray(body.extend_fields) ? (body.extend_fields as Body[]) : [];
  return list.every((f) => s.fields.some((d) => d.fieldid === text(f, "fieldid"))) ? null : refusal("extend-field-known");
}

function applyExtendFields(t: SimTicket, body: Body): void {
  for (const f of Array.isArray(body.extend_fields) ? (body.extend_fields as Body[]) : []) {
    const fieldid = text(f, "fieldid");
    const value = text(f, "field_value");
    const existing = t.fields.find((x) => x.fieldid === fieldid);
    if (existing) existing.field_value = value;
    else t.fields.push({ fieldid, field_value: value });
  }
}

/** The receiving group/agent after a write (readings.ts omittedAssignment, ASSIGNMENT_STAYS_CONSISTENT). */
function applyAssignment(env: RouteEnv, t: SimTicket, body: Body, changes: Record<string, string>): void {
  const s = env.state;
  const groupid = text(body, "deal_groupid");
  const agentid = text(body, "deal_agentid");
  const before = { g: t.deal_groupid, a: t.deal_agentid };
  if (env.reading.omittedAssignment === "clear") {
    t.deal_groupid = groupid;
    t.deal_agentid = agentid;
  } else {
    if (agentid) t.deal_agentid = agentid;
    if (groupid) t.deal_groupid = groupid;
    const agent = agentById(s, t.deal_agentid);
    if (ASSIGNMENT_STAYS_CONSISTENT && agentid && !groupid && t.deal_groupid && !agent?.groupids.includes(t.deal_groupid)) t.deal_groupid = "";
    if (ASSIGNMENT_STAYS_CONSISTENT && groupid && !agentid && t.deal_agentid && !agent?.groupids.includes(groupid)) t.deal_agentid = "";
  }
  if (before.a !== t.deal_agentid) changes["Receiving Agent"] = agentById(s, t.deal_agentid)?.agent_name ?? "";
  if (before.g !== t.deal_groupid) changes["Receiving Group"] = groupById(s, t.deal_groupid)?.group_name ?? "";
}

function filesFrom(s: SimState, value: string): SimFile[] {
  return value
    .split(";")
    .map((u) => u.trim())
    .filter(Boolean)
    .map((url) => ({ ...makeFile(s.companyid, decodeURIComponent(url.split("/").pop() ?? "file")), file_url: url }));
}

/** A field's text exactly as sent (content is not trimmed). */
const content = (body: Body, name: string) => (typeof body[name] === "string" ? (body[name] as string) : text(body, name));

export function registerWrites(router: Router, env: RouteEnv, authed: Authed): void {
  const s = () => env.state;
  const t = (name: string) => `/api/ws/5/ticket/${name}`;
  const no = (req: SimRequest, r: Refusal | null) => (r ? refuse(env, req, r) : null);

  /**
   * A JSON write: content type, one JSON object, the doc's request table, then the handler. What
   * the lists hold may change: their cached answers go, before and after it (indexes.ts).
   */
  const jsonWrite = (table: FieldTable, handler: (req: SimRequest, body: Body) => SimReply) =>
    authed((req) => {
      if (!isJsonRequest(req)) return refuse(env, req, refusal("json-content-type"));
      if (req.badJson || !req.body || typeof req.body !== "object" || Array.isArray(req.body)) return refuse(env, req, refusal("json-body"));
      const body = req.body as Body;
      env.index.changed();
      try {
        return no(req, checkFields(body, table, env.reading)) ?? handler(req, body);
      } finally {
        env.index.changed();
      }
    });

  router.on(
    "POST",
    t("save_agent_ticket"),
    jsonWrite(SAVE_AGENT_TICKET, (req, body) => {
      const st = s();
      if (text(body, "companyid") !== st.companyid) return refuse(env, req, refusal("company"));
      if (!agentById(st, text(body, "create_agentid"))) return refuse(env, req, refusal("agent-known"));
      const category = st.categories.find((c) => c.typeid === text(body, "ticket_typeid"));
      const userid = text(body, "userid");
      const contactType = text(body, "first_contact_type");
      const contactInfo = text(body, "first_contact_info");
      const problem =
        checkStatusAndLevel(st, body) ??
        (category && category.node_flag === "0" ? null : refusal("leaf-category")) ??
        (Boolean(contactType) !== Boolean(contactInfo) || (contactType && !userid) ? refusal("contact-pair") : null) ??
        (userid && !st.customers.some((c) => c.userid === userid) ? refusal("customer-known") : null) ??
        checkAssignment(st, body) ??
        checkExtendFields(st, body);
      if (problem) return refuse(env, req, problem);

      const now = env.now();
      const ticket: SimTicket = {
        ticketid: randomBytes(16).toString("hex"),
        ticket_code: nextTicketCode(st, now),
        ticket_title: text(body, "ticket_title"),
        ticket_content: storedText(content(body, "ticket_content"), env.reading),
        ticket_from: text(body, "ticket_from"),
        ticket_level: text(body, "ticket_level"),
        ticket_status: text(body, "ticket_status"),
        ticket_typeid: category!.typeid,
        start_type: "0",
        start_name: text(body, "create_agent_name"),
        deal_groupid: "",
        deal_agentid: "",
        userid,
        update_agent_name: text(body, "create_agent_name"),
        created: now,
        updated: now,
        closed: text(body, "ticket_status") === "99" ? now : null,
        files: filesFrom(st, text(body, "file_str")),
        fields: [],
        replies: [],
        logs: [],
        reminder: null,
        evaluation: null,
      };
      applyAssignment({ ...env, reading: { ...env.reading, omittedAssignment: "keep" } }, ticket, body, {});
      applyExtendFields(ticket, body);
      ticket.logs.push({
        update_title: "Ticket create",
        update_contents: JSON.stringify({
          "Ticket Category": categoryPath(st, ticket.ticket_typeid),
          "Ticket Title": ticket.ticket_title,
          "Problem description": logText(ticket.ticket_content),
          Priority: LEVEL_NAMES[ticket.ticket_level],
          "Tickets Status": statusName(st, ticket.ticket_status),
        }),
        log_from: "1",
        at: now,
        start_type: "0",
        update_agent_name: ticket.update_agent_name,
      });
      st.tickets.push(ticket);
      return ok(req, { item: { ticketid: ticket.ticketid }, items: [] });
    }),
  );

  router.on(
    "POST",
    t("save_ticket_reply"),
    jsonWrite(SAVE_TICKET_REPLY, (req, body) => {
      const st = s();
      const replyType = text(body, "reply_type");
      const problem =
        (replyType === "0" || replyType === "1" ? null : refusal("reply-type-enum")) ??
        (agentById(st, text(body, "reply_agentid")) ? null : refusal("agent-known")) ??
        checkStatusAndLevel(st, body) ??
        checkAssignment(st, body) ??
        checkExtendFields(st, body);
      if (problem) return refuse(env, req, problem);
      const ticket = env.index.ticket(text(body, "ticketid"));
      if (!ticket) return refuse(env, req, refusal("ticket-known"));
      if (env.reading.staleCheck && ticket.updated > Number(text(body, "get_ticket_datetime_ms"))) return refuse(env, req, refusal("stale-read"));

      const now = Math.max(env.now(), ticket.updated + 1);
      const changes: Record<string, string> = {};
      if (ticket.ticket_title !== text(body, "ticket_title")) changes["Ticket Title"] = ticket.ticket_title = text(body, "ticket_title");
      const description = content(body, "ticket_content");
      if (ticket.ticket_content !== description) changes["Problem description"] = logText((ticket.ticket_content = storedText(description, env.reading)));
      if (ticket.ticket_status !== text(body, "ticket_status")) {
        ticket.ticket_status = text(body, "ticket_status");
        changes["Tickets Status"] = statusName(st, ticket.ticket_status);
        ticket.closed = ticket.ticket_status === "99" ? now : null;
      }
      if (ticket.ticket_level !== text(body, "ticket_level")) {
        ticket.ticket_level = text(body, "ticket_level");
        changes.Priority = LEVEL_NAMES[ticket.ticket_level] ?? ticket.ticket_level;
      }
      applyAssignment(env, ticket, body, changes);
      applyExtendFields(ticket, body);
      const reply = storedText(content(body, "reply_content"), env.reading);
      const files = filesFrom(st, text(body, "reply_file_str"));
      const agentName = text(body, "reply_agent_name");
      if (reply.trim() || files.length > 0) {
        ticket.replies.push({
          replyid: randomBytes(16).toString("hex"),
          reply_title: replyType === "1" ? "Internal note" : "Reply to customer",
          reply_content: reply,
          reply_type: replyType as "0" | "1",
          reply_type_new: replyType === "1" ? 3 : 1,
          at: now,
          start_type: "0",
          update_user_name: agentName,
          files,
        });
        if (reply.trim()) changes.reply = logText(reply);
        if (files.length > 0) changes["reply file"] = files.map((f) => f.file_name).join(",");
      }
      ticket.logs.push({ update_title: "Ticket update", update_contents: JSON.stringify(changes), log_from: "1", at: now, start_type: "0", update_agent_name: agentName });
      ticket.updated = now;
      ticket.update_agent_name = agentName;
      return ok(req);
    }),
  );

  router.on(
    "POST",
    t("upload_file"),
    authed((req) => {
      const file = req.files["file"]?.[0];
      if (!isMultipartRequest(req) || !file) return refuse(env, req, refusal("multipart"));
      const stamp = `${env.now()}${String(s().idCounter++).padStart(3, "0")}`;
      return ok(req, { item: { file_url: makeFile(s().companyid, `${stamp}_${file.filename || "file"}`).file_url } });
    }),
  );

  router.on(
    "POST",
    t("reminder"),
    jsonWrite(REMINDER, (req, body) => {
      const st = s();
      const id = text(body, "ticketid");
      const code = text(body, "ticket_code");
      if (!id && !code) return refuse(env, req, refusal("reminder-target"));
      const agent = agentById(st, text(body, "reminder_agentid"));
      if (!agent) return refuse(env, req, refusal("agent-known"));
      const ticket = id ? env.index.ticket(id) : env.index.ticketByCode(code);
      if (!ticket) return refuse(env, req, refusal("ticket-known"));
      const remark = text(body, "reminder_remark");
      const now = Math.max(env.now(), ticket.updated + 1);
      ticket.reminder = { agentid: agent.agentid, remark, at: now };
      ticket.logs.push({
        update_title: "Ticket reminder",
        update_contents: JSON.stringify({ "Reminder note": remark }),
        log_from: "1",
        at: now,
        start_type: "0",
        update_agent_name: agent.agent_name,
      });
      return ok(req);
    }),
  );
}
