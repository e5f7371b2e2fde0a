/**
 * The Sobot simulator's handlers: the wire format of vendor-docs/sobot-ticket-api.txt.
 * Every answer is HTTP 200 with a ret_code envelope (vendor-notes 3.2 GUESS); the `token` header
 * is checked on every ticket call (900001 blank, 900002 expired or replaced); get_token checks the
 * sign (900003); lists enforce the one-month window (400003 / 400019) and page_size <= 50.
 */
import { createHash, randomBytes } from "node:crypto";
import { Router, type SimReply, type SimRequest } from "../shared/server.js";
import { retMsg, type Language } from "./codes.js";
import {
  categoryPath,
  COMPANY_TIMEZONE,
  formatZoned,
  knownZone,
  LEVEL_NAMES,
  makeFile,
  nextTicketCode,
  type SimAgent,
  type SimCategory,
  type SimFile,
  type SimState,
  type SimTicket,
} from "./seed.js";

export const TICKET_BASE = "/api/ws/5/ticket";

export interface RouteEnv {
  state: SimState;
  now: () => number;
  tokenTtlSeconds: number;
}

/* --------------------------------------------------------------- helpers */

const lang = (req: SimRequest): Language => (String(req.headers["language"] ?? "").toLowerCase() === "en" ? "en" : "zh");

function ok(req: SimRequest, extra: Record<string, unknown> = {}): SimReply {
  return { status: 200, body: { ...extra, ret_code: "000000", ret_msg: retMsg("000000", lang(req)) } };
}

function fail(req: SimRequest, code: string): SimReply {
  return { status: 200, body: { ret_code: code, ret_msg: retMsg(code, lang(req)) } };
}

/** A request field as text: query for GET, JSON body for POST; numbers accepted. */
function field(req: SimRequest, name: string): string {
  const source = req.method === "GET" ? Object.fromEntries(req.query) : req.body;
  if (!source || typeof source !== "object") return "";
  const v = (source as Record<string, unknown>)[name];
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return "";
}

function bodyList(req: SimRequest, name: string): unknown[] {
  const v = req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>)[name] : undefined;
  return Array.isArray(v) ? v : [];
}

/** Epoch ms from a `*_ms` parameter: "" when missing, null when not an integer. */
function msParam(req: SimRequest, name: string): number | "" | null {
  const v = field(req, name);
  if (v === "") return "";
  return /^\d{1,15}$/.test(v) ? Number(v) : null;
}

/** Java's plusMonths(1): same day next month, clamped to its last day (UTC). */
export function plusOneMonth(ms: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

function zoneOf(req: SimRequest): string {
  const tz = String(req.headers["timezoneid"] ?? "").trim();
  return tz && knownZone(tz) ? tz : COMPANY_TIMEZONE;
}

function newId(env: RouteEnv): string {
  env.state.idCounter += 1;
  return randomBytes(16).toString("hex");
}

const agentById = (s: SimState, id: string) => s.agents.find((a) => a.agentid === id);
const groupById = (s: SimState, id: string) => s.groups.find((g) => g.groupid === id);
const statusByCode = (s: SimState, code: string) => s.statuses.find((x) => x.status_code === code);

function statusName(s: SimState, code: string): string {
  return statusByCode(s, code)?.status_name ?? code;
}

/* ------------------------------------------------------------ rendering */

function fileOut(f: SimFile) {
  return { file_name: f.file_name, file_url: f.file_url, file_type: f.file_type };
}

function customerOf(s: SimState, t: SimTicket) {
  return s.customers.find((c) => c.userid === t.userid);
}

/** An item of query_tickets: the doc's "Items set" (no ids for agent, group, customer or category). */
function listItem(s: SimState, t: SimTicket, tz: string): Record<string, unknown> {
  const c = customerOf(s, t);
  const item: Record<string, unknown> = {
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
    user_nick: c?.user_nick ?? "",
  };
  if (c?.user_name) item.user_name = c.user_name;
  if (c?.user_tels) item.user_tels = c.user_tels;
  if (c?.user_emails) item.user_emails = c.user_emails;
  return item;
}

/** get_ticket_by_id's item: the doc's "Item object", replies and logs newest first as in its example. */
function detailItem(s: SimState, t: SimTicket, tz: string): Record<string, unknown> {
  const c = customerOf(s, t);
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
    deal_groupid: t.deal_groupid,
    deal_group_name: groupById(s, t.deal_groupid)?.group_name ?? "",
    deal_agentid: t.deal_agentid,
    deal_agent_name: agentById(s, t.deal_agentid)?.agent_name ?? "",
    userid: t.userid,
    user_nick: c?.user_nick ?? "",
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
  };
  if (c?.user_name) item.user_name = c.user_name;
  if (c?.user_tels) item.user_tels = c.user_tels;
  if (c?.user_emails) item.user_emails = c.user_emails;
  if (t.closed !== null) {
    item.closed_datetime = formatZoned(t.closed, tz);
    item.closed_datetime_ms = t.closed;
  }
  return item;
}

function categoryTree(s: SimState, parentid: string): Record<string, unknown>[] {
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

/* --------------------------------------------------- shared write checks */

type Check = { code: string } | null;

/** Receiving group/agent: 400012 name without id, unknown ids 400014, agent not in group 400013. */
function checkAssignment(s: SimState, req: SimRequest): Check {
  const groupid = field(req, "deal_groupid");
  const agentid = field(req, "deal_agentid");
  if (!groupid && field(req, "deal_group_name")) return { code: "400012" };
  if (groupid && !groupById(s, groupid)) return { code: "400014" };
  const agent = agentid ? agentById(s, agentid) : undefined;
  if (agentid && !agent) return { code: "400014" };
  if (agent && groupid && !agent.groupids.includes(groupid)) return { code: "400013" };
  return null;
}

/** GUESS: an agent alone keeps the current group only if it is a member; a group alone keeps the agent only if a member. */
function applyAssignment(s: SimState, t: SimTicket, req: SimRequest, changes: Record<string, string>): void {
  const groupid = field(req, "deal_groupid");
  const agentid = field(req, "deal_agentid");
  if (!groupid && !agentid) return;
  const before = { g: t.deal_groupid, a: t.deal_agentid };
  if (agentid) t.deal_agentid = agentid;
  if (groupid) t.deal_groupid = groupid;
  const agent = agentById(s, t.deal_agentid);
  if (agentid && !groupid && t.deal_groupid && !agent?.groupids.includes(t.deal_groupid)) t.deal_groupid = "";
  if (groupid && !agentid && t.deal_agentid && !agent?.groupids.includes(groupid)) t.deal_agentid = "";
  if (before.a !== t.deal_agentid) changes["Receiving Agent"] = agentById(s, t.deal_agentid)?.agent_name ?? "";
  if (before.g !== t.deal_groupid) changes["Receiving Group"] = groupById(s, t.deal_groupid)?.group_name ?? "";
}

function checkExtendFields(s: SimState, req: SimRequest): Check {
  for (const f of bodyList(req, "extend_fields")) {
    const id = f && typeof f === "object" ? String((f as Record<string, unknown>).fieldid ?? "") : "";
    if (!id || !s.fields.some((d) => d.fieldid === id)) return { code: "400014" };
  }
  return null;
}

function applyExtendFields(t: SimTicket, req: SimRequest): void {
  for (const f of bodyList(req, "extend_fields")) {
    const { fieldid, field_value } = f as { fieldid: unknown; field_value: unknown };
    const value = field_value === undefined || field_value === null ? "" : String(field_value);
    const existing = t.fields.find((x) => x.fieldid === String(fieldid));
    if (existing) existing.field_value = value;
    else t.fields.push({ fieldid: String(fieldid), field_value: value });
  }
}

function filesFrom(s: SimState, value: string): SimFile[] {
  return value
    .split(";")
    .map((u) => u.trim())
    .filter(Boolean)
    .map((url) => {
      const name = decodeURIComponent(url.split("/").pop() ?? "file");
      return { ...makeFile(s.companyid, name), file_url: url };
    });
}

/* ---------------------------------------------------------------- routes */

export function buildRouter(env: RouteEnv): Router {
  const s = () => env.state;
  const router = new Router();

  /** The `token` header check every ticket endpoint does first. */
  const authed =
    (handler: (req: SimRequest) => SimReply) =>
    (req: SimRequest): SimReply => {
      const token = String(req.headers["token"] ?? "").trim();
      if (!token) return fail(req, "900001");
      const current = s().token;
      if (!current || current.value !== token || env.now() >= current.expiresAt) return fail(req, "900002");
      return handler(req);
    };

  router.on("GET", "/api/get_token", (req) => {
    const appid = field(req, "appid");
    const createTime = field(req, "create_time");
    const sign = field(req, "sign").toLowerCase();
    if (!appid || !createTime || !sign) return fail(req, "400004");
    if (!/^\d+$/.test(createTime)) return fail(req, "400005");
    if (appid !== s().appid) return fail(req, "900004");
    const expected = createHash("md5").update(`${appid}${createTime}${s().app_key}`).digest("hex");
    if (sign !== expected) return fail(req, "900003");
    // Every call issues a new token and invalidates the previous one (FACT).
    const value = randomBytes(16).toString("hex");
    s().token = { value, expiresAt: env.now() + env.tokenTtlSeconds * 1000 };
    return ok(req, { item: { token: value, expires_in: String(env.tokenTtlSeconds) } });
  });

  const t = (name: string) => `${TICKET_BASE}/${name}`;

  router.on(
    "GET",
    t("get_timezone"),
    authed((req) => {
      // FACT quirk: this endpoint answers retCode/retMsg, not ret_code/ret_msg.
      const zones = [
        { offset: -5.0, sortNo: 8, timezone: "-05:00", timezoneId: "America/New_York", timezoneValue: "GMT-04:00 New_York" },
        { offset: 1.0, sortNo: 14, timezone: "+00:00", timezoneId: "Europe/London", timezoneValue: "GMT+01:00 London" },
        { offset: 8.0, sortNo: 27, timezone: "+08:00", timezoneId: "Asia/Shanghai", timezoneValue: "GMT+08:00 Beijing" },
        { offset: 8.0, sortNo: 27, timezone: "+08:00", timezoneId: "Asia/Singapore", timezoneValue: "GMT+08:00 Singapore" },
      ];
      return { status: 200, body: { item: zones, retCode: "000000", retMsg: retMsg("000000", lang(req)) } };
    }),
  );

  router.on(
    "GET",
    t("get_data_dict"),
    authed((req) => {
      const st = s();
      return ok(req, {
        item: {
          ticket_type_list: categoryTree(st, "-1"),
          ticket_status_list: st.statuses.filter((x) => x.is_delete === 0 && x.status_code !== "98").map((x) => ({ dict_name: x.status_name, dict_value: x.status_code })),
          ticket_level_list: Object.entries(LEVEL_NAMES).map(([dict_value, dict_name]) => ({ dict_name, dict_value })),
          group_list: st.groups.map((g) => ({ group_name: g.group_name, groupid: g.groupid })),
          agent_list: st.agents.map((a) => ({ agent_name: a.agent_name, agentid: a.agentid })),
        },
      });
    }),
  );

  router.on(
    "GET",
    t("query_ticket_status_infos"),
    authed((req) =>
      ok(req, {
        items: s().statuses.map((x) => ({ ...x, dynamic_content: [], customer_dynamic_content: [] })),
      }),
    ),
  );

  const fieldsOut = () =>
    s().fields.map((f) => ({ field_data_list: f.options, field_name: f.field_name, field_type: f.field_type, fieldid: f.fieldid, fill_flag: f.fill_flag }));
  router.on("GET", t("query_ticket_extend_fields"), authed((req) => ok(req, { items: fieldsOut() })));
  router.on(
    "GET",
    t("query_fileds_by_typeid"),
    authed((req) => (field(req, "ticket_typeid") ? ok(req, { items: fieldsOut() }) : fail(req, "400008"))),
  );

  /* -- lists -- */

  const listHandler = (byUpdate: boolean) =>
    authed((req) => {
      const [startKey, endKey] = byUpdate ? ["update_start_datetime_ms", "update_end_datetime_ms"] : ["create_start_datetime_ms", "create_end_datetime_ms"];
      const [blank, order, tooLong] = byUpdate ? ["400017", "400018", "400019"] : ["400001", "400002", "400003"];
      const start = msParam(req, startKey);
      const end = msParam(req, endKey);
      if (start === "" || end === "") return fail(req, blank);
      if (start === null || end === null) return fail(req, "400005");
      if (end < start) return fail(req, order);
      if (end > plusOneMonth(start)) return fail(req, tooLong);
      // "the first page by default", "15 per page by default, 50 per page max".
      const pageNoText = field(req, "page_no") || "1";
      const pageSizeText = field(req, "page_size") || "15";
      if (!/^\d+$/.test(pageNoText) || !/^\d+$/.test(pageSizeText)) return fail(req, "400004");
      const pageNo = Number(pageNoText);
      const pageSize = Number(pageSizeText);
      // GUESS: the doc gives no code for an out-of-range page: the generic "Request Failed".
      if (pageNo < 1 || pageSize < 1 || pageSize > 50) return fail(req, "400014");

      const filters: [string, (x: SimTicket) => string][] = [
        ["ticket_status", (x) => x.ticket_status],
        ["ticket_from", (x) => x.ticket_from],
        ["ticket_typeid", (x) => x.ticket_typeid],
        ["userid", (x) => x.userid],
        ["user_partnerid", (x) => customerOf(s(), x)?.partnerid ?? ""],
        ["deal_agentid", (x) => x.deal_agentid],
        ["deal_agent_groupid", (x) => x.deal_groupid],
      ];
      const matching = s()
        .tickets.filter((x) => {
          const when = byUpdate ? x.updated : x.created;
          if (when < start || when > end) return false;
          return filters.every(([name, get]) => {
            const want = field(req, name);
            return want === "" || get(x) === want;
          });
        })
        .sort((a, b) => (byUpdate ? b.updated - a.updated : b.created - a.created) || (a.ticketid < b.ticketid ? -1 : 1));
      const tz = zoneOf(req);
      const items = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((x) => listItem(s(), x, tz));
      return ok(req, {
        items,
        page_no: pageNo,
        page_size: pageSize,
        page_count: Math.ceil(matching.length / pageSize),
        total_count: matching.length,
      });
    });
  router.on("GET", t("query_tickets"), listHandler(false));
  router.on("GET", t("query_tickets_by_update_time"), listHandler(true));

  router.on(
    "GET",
    t("get_ticket_by_id"),
    authed((req) => {
      const id = field(req, "ticketid");
      if (!id) return fail(req, "400004");
      const ticket = s().tickets.find((x) => x.ticketid === id);
      if (!ticket) return fail(req, "400020");
      return ok(req, { item: detailItem(s(), ticket, zoneOf(req)) });
    }),
  );

  /* -- writes -- */

  const needJson = (handler: (req: SimRequest) => SimReply) =>
    authed((req) => (req.badJson || !req.body || typeof req.body !== "object" || Array.isArray(req.body) ? fail(req, "400004") : handler(req)));

  const checkAgent = (req: SimRequest, idKey: string, nameKey: string): Check => {
    const id = field(req, idKey);
    if (!id) return { code: "400006" };
    if (!agentById(s(), id)) return { code: "400007" };
    if (!field(req, nameKey)) return { code: "400004" };
    return null;
  };

  const checkStatusAndLevel = (req: SimRequest): Check => {
    const status = field(req, "ticket_status");
    if (!status) return { code: "400009" };
    const known = statusByCode(s(), status);
    if (!known || known.is_delete === 1) return { code: "400314" };
    const level = field(req, "ticket_level");
    if (!level) return { code: "400011" };
    if (!(level in LEVEL_NAMES)) return { code: "400014" };
    return null;
  };

  router.on(
    "POST",
    t("save_agent_ticket"),
    needJson((req) => {
      const st = s();
      if (!field(req, "companyid") || !field(req, "ticket_title") || !field(req, "ticket_content")) return fail(req, "400004");
      if (field(req, "companyid") !== st.companyid) return fail(req, "400014");
      if (!field(req, "ticket_from")) return fail(req, "400010");
      const problem =
        checkAgent(req, "create_agentid", "create_agent_name") ??
        checkStatusAndLevel(req) ??
        (field(req, "ticket_typeid") ? null : { code: "400008" }) ??
        checkAssignment(st, req) ??
        checkExtendFields(st, req);
      if (problem) return fail(req, problem.code);
      const category = st.categories.find((c) => c.typeid === field(req, "ticket_typeid"));
      // GUESS: no code is documented for a non-leaf or unknown category: the generic one.
      if (!category || category.node_flag !== "0") return fail(req, "400014");
      const userid = field(req, "userid");
      if (userid && !st.customers.some((c) => c.userid === userid)) return fail(req, "400014");

      const now = env.now();
      const creator = agentById(st, field(req, "create_agentid")) as SimAgent;
      const ticket: SimTicket = {
        ticketid: newId(env),
        ticket_code: nextTicketCode(st, now),
        ticket_title: field(req, "ticket_title"),
        ticket_content: field(req, "ticket_content"),
        ticket_from: field(req, "ticket_from"),
        ticket_level: field(req, "ticket_level"),
        ticket_status: field(req, "ticket_status"),
        ticket_typeid: category.typeid,
        start_type: "0",
        start_name: field(req, "create_agent_name") || creator.agent_name,
        deal_groupid: "",
        deal_agentid: "",
        userid,
        update_agent_name: field(req, "create_agent_name"),
        created: now,
        updated: now,
        closed: field(req, "ticket_status") === "99" ? now : null,
        files: filesFrom(st, field(req, "file_str")),
        fields: [],
        replies: [],
        logs: [],
        reminder: null,
      };
      applyAssignment(st, ticket, req, {});
      applyExtendFields(ticket, req);
      ticket.logs.push({
        update_title: "Ticket create",
        update_contents: JSON.stringify({
          "Ticket Category": categoryPath(st, ticket.ticket_typeid),
          "Ticket Title": ticket.ticket_title,
          "Problem description": ticket.ticket_content,
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
    needJson((req) => {
      const st = s();
      const id = field(req, "ticketid");
      if (!id || !field(req, "ticket_title") || !field(req, "ticket_content")) return fail(req, "400004");
      const readAt = msParam(req, "get_ticket_datetime_ms");
      if (readAt === "") return fail(req, "400004");
      if (readAt === null) return fail(req, "400005");
      const replyType = field(req, "reply_type");
      if (!replyType) return fail(req, "400004");
      if (replyType !== "0" && replyType !== "1") return fail(req, "400014");
      const problem = checkAgent(req, "reply_agentid", "reply_agent_name") ?? checkStatusAndLevel(req) ?? checkAssignment(st, req) ?? checkExtendFields(st, req);
      if (problem) return fail(req, problem.code);
      const ticket = st.tickets.find((x) => x.ticketid === id);
      if (!ticket) return fail(req, "400020");
      // GUESS: the ticket changed after the caller read it.
      if (ticket.updated > readAt) return fail(req, "400016");

      const now = Math.max(env.now(), ticket.updated + 1);
      const changes: Record<string, string> = {};
      if (ticket.ticket_title !== field(req, "ticket_title")) changes["Ticket Title"] = ticket.ticket_title = field(req, "ticket_title");
      if (ticket.ticket_content !== field(req, "ticket_content")) changes["Problem description"] = ticket.ticket_content = field(req, "ticket_content");
      if (ticket.ticket_status !== field(req, "ticket_status")) {
        ticket.ticket_status = field(req, "ticket_status");
        changes["Tickets Status"] = statusName(st, ticket.ticket_status);
        ticket.closed = ticket.ticket_status === "99" ? now : null;
      }
      if (ticket.ticket_level !== field(req, "ticket_level")) {
        ticket.ticket_level = field(req, "ticket_level");
        changes.Priority = LEVEL_NAMES[ticket.ticket_level] ?? ticket.ticket_level;
      }
      applyAssignment(st, ticket, req, changes);
      applyExtendFields(ticket, req);
      const content = field(req, "reply_content");
      const files = filesFrom(st, field(req, "reply_file_str"));
      const agentName = field(req, "reply_agent_name");
      if (content || files.length > 0) {
        ticket.replies.push({
          replyid: newId(env),
          reply_title: replyType === "1" ? "Internal note" : "Reply to customer",
          reply_content: content,
          reply_type: replyType as "0" | "1",
          reply_type_new: replyType === "1" ? 3 : 1,
          at: now,
          start_type: "0",
          update_user_name: agentName,
          files,
        });
        if (content) changes.reply = content;
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
      if (!file) return fail(req, "400004");
      const stamp = `${env.now()}${String(env.state.idCounter++).padStart(3, "0")}`;
      const url = makeFile(s().companyid, `${stamp}_${file.filename || "file"}`).file_url;
      return ok(req, { item: { file_url: url } });
    }),
  );

  router.on(
    "POST",
    t("reminder"),
    needJson((req) => {
      const st = s();
      const id = field(req, "ticketid");
      const code = field(req, "ticket_code");
      if (!id && !code) return fail(req, "400004");
      const agentId = field(req, "reminder_agentid");
      if (!agentId) return fail(req, "400006");
      const agent = agentById(st, agentId);
      if (!agent) return fail(req, "400007");
      const remark = field(req, "reminder_remark");
      if (!remark) return fail(req, "400004");
      const ticket = st.tickets.find((x) => (id ? x.ticketid === id : x.ticket_code === code));
      if (!ticket) return fail(req, "400020");
      const now = Math.max(env.now(), ticket.updated + 1);
      ticket.reminder = { agentid: agentId, remark, at: now };
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

  return router;
}
