/**
 * The Sobot simulator's deterministic seed: agents in skill groups, a category tree with leaves,
 * custom statuses, custom fields, customers, and tickets spread over the last five months, or
 * `spanDays` (denser in the last month) with replies, internal notes, files, logs and satisfaction evaluations.
 * Text is stored as Sobot's consoles store it: HTML ("<p>343</p>", doc line 3527).
 */
import { AGENT_REPLIES, BODIES, createPicker, emailFor, FIRST_NAMES, LAST_NAMES, personName, subjectFor } from "../shared/seed.js";
import { categoryPath, hex32, LEVEL_NAMES, logText, makeFile, nextTicketCode } from "./format.js";
import type { SimCategory, SimField, SimGroup, SimReply, SimState, SimStatus, SimTicket } from "./state.js";

export const SEED = 20250217;
const DAY = 24 * 60 * 60 * 1000;

const REMARKS = {
  good: ["The problem was solved very quickly", "Friendly and clear, thank you", "Fixed on the first try"],
  bad: ["Took three days to get an answer", "The answer did not help", "Had to explain the problem twice"],
} as const;

export interface SeedOptions {
  /** How far back the oldest tickets go, in days (default 150: five months). */
  spanDays?: number;
}

export function seedState(count: number, now: number, opts: SeedOptions = {}): SimState {
  const spanDays = Math.max(31, opts.spanDays ?? 150);
  const p = createPicker(SEED);
  const companyid = hex32(p);
  const state: SimState = {
    version: 1,
    appid: `sbx${hex32(p).slice(0, 13)}`,
    app_key: `sbx-${hex32(p)}`,
    companyid,
    agents: [],
    groups: [],
    categories: [],
    statuses: [],
    fields: [],
    customers: [],
    tickets: [],
    token: null,
    olderTokens: [],
    codeSeq: {},
    idCounter: 0,
  };

  state.groups = ["General Support", "Billing", "Technical Support"].map((group_name) => ({ groupid: hex32(p), group_name }));
  const [general, billing, technical] = state.groups as [SimGroup, SimGroup, SimGroup];
  const agentGroups = [[general, billing, technical], [general], [billing], [technical], [technical, general], [billing, general]];
  const usedNames = new Set<string>();
  state.agents = agentGroups.map((groups, i) => {
    let name = i === 0 ? "Admin" : personName(p);
    while (usedNames.has(name)) name = `${p.pick(FIRST_NAMES)} ${p.pick(LAST_NAMES)}`;
    usedNames.add(name);
    return { agentid: hex32(p), agent_name: name, email: emailFor(name, "support.example.com"), groupids: groups.map((g) => g.groupid) };
  });

  // A category tree with leaves at levels 1 to 3.
  const cat = (type_name: string, parent: SimCategory | null, leaf: boolean): SimCategory => {
    const c: SimCategory = {
      typeid: hex32(p),
      type_name,
      parentid: parent ? parent.typeid : "-1",
      type_level: parent ? parent.type_level + 1 : 1,
      node_flag: leaf ? "0" : "1",
    };
    state.categories.push(c);
    return c;
  };
  const billingCat = cat("Billing", null, false);
  cat("Refunds", billingCat, true);
  cat("Invoices", billingCat, true);
  const tech = cat("Technical", null, false);
  const account = cat("Login & Account", tech, false);
  cat("Password reset", account, true);
  cat("Two-factor authentication", account, true);
  cat("App crashes", tech, true);
  cat("Delivery", null, true);
  cat("Other", null, true);

  // Built-in codes plus custom statuses, as query_ticket_status_infos shows them.
  const status = (status_code: string, status_name: string, status_type: number, is_delete = 0): SimStatus => ({
    status_id: hex32(p),
    status_code,
    status_name,
    status_type,
    status_desc: "",
    customer_status_name: status_type >= 5 ? status_name : "Processing",
    is_delete,
  });
  state.statuses = [
    status("0", "Not Received", 1),
    status("1", "Processing", 2),
    status("2", "Waiting for Reply", 3),
    status("1012", "Waiting on engineering", 2),
    status("1023", "Waiting for customer details", 3),
    status("1104", "Paused", 4),
    status("3", "Resolved", 5),
    status("99", "Closed", 6),
    status("98", "Deleted", 7),
    status("1072", "Escalated (retired)", 2, 1),
  ];

  state.fields = [
    { fieldid: hex32(p), field_name: "Order number", field_type: 1, fill_flag: 0, options: [] },
    {
      fieldid: hex32(p),
      field_name: "Plan",
      field_type: 6,
      fill_flag: 0,
      options: ["Free", "Pro", "Enterprise"].map((data_name, i) => ({ data_name, data_value: String(540264609760473 + i * 1000) })),
    },
  ];
  const [orderField, planField] = state.fields as [SimField, SimField];

  for (let i = 0; i < 30; i++) {
    const name = personName(p);
    state.customers.push({
      userid: hex32(p),
      user_nick: name.split(" ")[0] ?? name,
      user_name: p.chance(0.7) ? name : "",
      user_tels: p.chance(0.5) ? `+65 ${p.int(8000, 9999)} ${p.int(1000, 9999)}` : "",
      user_emails: emailFor(name),
      partnerid: p.chance(0.3) ? `crm-${p.int(1000, 9999)}` : "",
    });
  }

  const leaves = state.categories.filter((c) => c.node_flag === "0");
  const agentOnlySources = ["0", "7", "8"];
  const sources = ["0", "1", "12", "12", "6", "25", "23", "8", "4", "2"];
  const recentStatuses = ["0", "0", "1", "1", "1", "1", "2", "2", "1012", "1023", "1104", "3", "99", "99"];
  const olderStatuses = ["99", "99", "99", "99", "3", "3", "1", "2", "98"];
  const levels = ["0", "1", "1", "1", "2", "2", "3"];

  // Ages: 55% in the last month (kept clear of the 30-day edge), the rest up to spanDays back.
  const recentCount = Math.ceil(count * 0.55);
  const created: number[] = [];
  for (let i = 0; i < count; i++) {
    const ageMs = i < recentCount ? p.int(10 * 60 * 1000, Math.floor(29.5 * DAY)) : p.int(Math.ceil(30.5 * DAY), spanDays * DAY);
    created.push(now - ageMs);
  }
  created.sort((a, b) => a - b);

  for (const createdAt of created) {
    const recent = now - createdAt < 30 * DAY;
    const customer = p.pick(state.customers);
    const source = p.pick(sources);
    const byAgent = agentOnlySources.includes(source);
    const creator = p.pick(state.agents);
    const statusCode = p.pick(recent ? recentStatuses : olderStatuses);
    const agent = statusCode === "0" ? null : p.pick(state.agents);
    const groupid = agent ? p.pick(agent.groupids) : p.chance(0.5) ? p.pick(state.groups).groupid : "";
    const ticketid = hex32(p);
    const t: SimTicket = {
      ticketid,
      ticket_code: nextTicketCode(state, createdAt),
      ticket_title: subjectFor(p),
      ticket_content: `<p>${p.pick(BODIES)}</p>`,
      ticket_from: source,
      ticket_level: p.pick(levels),
      ticket_status: statusCode,
      ticket_typeid: p.pick(leaves).typeid,
      start_type: byAgent ? "0" : "1",
      start_name: byAgent ? creator.agent_name : customer.user_nick,
      deal_groupid: groupid,
      deal_agentid: agent?.agentid ?? "",
      userid: customer.userid,
      update_agent_name: byAgent ? creator.agent_name : customer.user_nick,
      created: createdAt,
      updated: createdAt,
      closed: null,
      files: p.chance(0.15) ? [makeFile(companyid, `screenshot_${p.int(100, 999)}.png`)] : [],
      fields: [],
      replies: [],
      logs: [],
      reminder: null,
      evaluation: null,
    };
    if (p.chance(0.5)) t.fields.push({ fieldid: orderField.fieldid, field_value: String(p.int(10000, 99999)) });
    if (p.chance(0.4)) t.fields.push({ fieldid: planField.fieldid, field_value: p.pick(planField.options).data_value });
    t.logs.push({
      update_title: "Ticket create",
      update_contents: JSON.stringify({
        "Ticket Category": categoryPath(state, t.ticket_typeid),
        "Ticket Title": t.ticket_title,
        Priority: LEVEL_NAMES[t.ticket_level],
        "Tickets Status": "Not Received",
      }),
      log_from: "1",
      at: createdAt,
      start_type: t.start_type,
      update_agent_name: t.start_name,
    });

    // The conversation, between creation and now.
    const replyCount = statusCode === "0" ? 0 : p.int(1, 4);
    let at = createdAt;
    const span = Math.max(60_000, Math.min(now - createdAt, 10 * DAY));
    for (let r = 0; r < replyCount; r++) {
      at = Math.min(now - 60_000, at + p.int(5 * 60_000, Math.max(5 * 60_000 + 1, Math.floor(span / (replyCount + 1)))));
      if (at <= t.updated) at = t.updated + 1000;
      const fromAgent = r % 2 === 0 || p.chance(0.3);
      const internal = fromAgent && p.chance(0.2);
      const who = agent ?? creator;
      const reply: SimReply = {
        replyid: hex32(p),
        reply_title: internal ? "Internal note" : fromAgent ? "Reply to customer" : "Customer reply",
        reply_content: fromAgent ? `<p>${p.pick(AGENT_REPLIES)}</p>` : `<p>${p.pick(BODIES)}</p>`,
        reply_type: internal ? "1" : "0",
        reply_type_new: internal ? 3 : 1,
        at,
        start_type: fromAgent ? "0" : "1",
        update_user_name: fromAgent ? who.agent_name : customer.user_nick,
        files: p.chance(0.1) ? [makeFile(companyid, `log_${p.int(100, 999)}.txt`)] : [],
      };
      t.replies.push(reply);
      t.logs.push({
        update_title: "Ticket update",
        update_contents: JSON.stringify({ reply: logText(reply.reply_content) }),
        log_from: "1",
        at,
        start_type: reply.start_type,
        update_agent_name: reply.update_user_name,
      });
      t.updated = at;
      t.update_agent_name = reply.update_user_name;
    }
    if (statusCode === "99" || statusCode === "3") {
      t.updated = Math.min(now - 30_000, t.updated + p.int(60_000, DAY));
      if (statusCode === "99") t.closed = t.updated;
      t.logs.push({
        update_title: "Ticket update",
        update_contents: JSON.stringify({ "Tickets Status": statusCode === "99" ? "Closed" : "Resolved" }),
        log_from: "1",
        at: t.updated,
        start_type: "0",
        update_agent_name: (agent ?? creator).agent_name,
      });
    }
    // Customers rate some resolved and closed tickets (score 1-5, an optional remark; lines 2971-2974).
    if ((statusCode === "99" || statusCode === "3") && p.chance(0.4)) {
      const score = p.int(1, 5);
      t.evaluation = { score, remark: p.chance(0.6) ? p.pick(REMARKS[score >= 4 ? "good" : "bad"]) : "", at: Math.min(now - 1000, t.updated + p.int(60_000, DAY)) };
    }
    state.tickets.push(t);
  }

  // The contract fixture: a recent, open (Processing), assigned ticket must exist.
  const fixture = [...state.tickets].reverse().find((t) => t.ticket_status === "1" && t.deal_agentid && now - t.created < 20 * DAY);
  if (!fixture) {
    const t = state.tickets.findLast((x) => now - x.created < 20 * DAY) ?? state.tickets[state.tickets.length - 1];
    if (t) {
      const a = state.agents[1] ?? state.agents[0]!;
      t.ticket_status = "1";
      t.deal_agentid = a.agentid;
      t.deal_groupid = a.groupids[0] ?? "";
    }
  }
  state.idCounter = 0;
  return state;
}
