/**
 * The Sobot simulator's routes: /api/get_token and the reads under /api/ws/5/ticket/ (the
 * writes are in writes.ts). Every refusal goes through a rule of rules.ts.
 */
import { createHash, randomBytes } from "node:crypto";
import { Router, type SimReply, type SimRequest } from "../shared/server.js";
import { retMsg } from "./codes.js";
import { lang, ok, param, refuse, type RouteEnv } from "./envelope.js";
import { COMPANY_TIMEZONE, knownZone, LEVEL_NAMES } from "./format.js";
import { categoryTree, detailItem, listItem } from "./render.js";
import { TOKENS_END_WITH_THEIR_KEY } from "./readings.js";
import { refusal } from "./rules.js";
import type { SimState, SimTicket } from "./state.js";
import { registerWrites } from "./writes.js";

export type { RouteEnv } from "./envelope.js";
export const TICKET_BASE = "/api/ws/5/ticket";

/** Java's plusMonths(1): same day next month, clamped to its last day (UTC). */
export function plusOneMonth(ms: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

const DAY = 24 * 60 * 60 * 1000;

const keyHash = (appKey: string) => createHash("md5").update(appKey).digest("hex");

function zoneOf(req: SimRequest): string {
  const tz = String(req.headers["timezoneid"] ?? "").trim();
  return tz && knownZone(tz) ? tz : COMPANY_TIMEZONE;
}

/** Epoch ms from a `*_ms` query parameter: "" when missing, null when not an integer. */
function msParam(req: SimRequest, name: string): number | "" | null {
  const v = param(req, name);
  if (v === "") return "";
  return /^\d{1,15}$/.test(v) ? Number(v) : null;
}

export type Authed = (handler: (req: SimRequest) => SimReply) => (req: SimRequest) => SimReply;

export function buildRouter(env: RouteEnv): Router {
  const s = (): SimState => env.state;
  const router = new Router();
  const t = (name: string) => `${TICKET_BASE}/${name}`;

  /** The `token` header every ticket endpoint checks first (doc line 19). */
  const authed: Authed = (handler) => (req) => {
    const token = String(req.headers["token"] ?? "").trim();
    if (!token) return refuse(env, req, refusal("token-header"));
    const key = keyHash(s().app_key);
    const live = [s().token, ...s().olderTokens].filter((x) => x !== null && env.now() < x.expiresAt && (!TOKENS_END_WITH_THEIR_KEY || x.keyHash === key));
    if (!live.some((x) => x!.value === token)) return refuse(env, req, refusal("token-valid"));
    return handler(req);
  };

  router.on("GET", "/api/get_token", (req) => {
    const appid = param(req, "appid");
    const createTime = param(req, "create_time");
    const sign = param(req, "sign").toLowerCase();
    if (!appid || !createTime || !sign) return refuse(env, req, refusal("token-params"));
    if (!/^\d{1,10}$/.test(createTime)) return refuse(env, req, refusal("token-create-time"));
    if (appid !== s().appid) return refuse(env, req, refusal("token-appid"));
    const expected = createHash("md5").update(`${appid}${createTime}${s().app_key}`).digest("hex");
    if (sign !== expected) return refuse(env, req, refusal("token-sign"));
    const value = randomBytes(16).toString("hex");
    const previous = s().token;
    s().olderTokens = env.reading.tokens === "coexist" && previous ? [...s().olderTokens, previous] : [];
    s().token = { value, expiresAt: env.now() + env.tokenTtlSeconds * 1000, keyHash: keyHash(s().app_key) };
    return ok(req, { item: { token: value, expires_in: String(env.tokenTtlSeconds) } });
  });

  router.on(
    "GET",
    t("get_timezone"),
    authed((req) => {
      // The doc's quirk (line 644): this one answers retCode/retMsg, not ret_code/ret_msg.
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
    authed((req) => ok(req, { items: s().statuses.map((x) => ({ ...x, dynamic_content: [], customer_dynamic_content: [] })) })),
  );

  const fieldsOut = () =>
    s().fields.map((f) => ({ field_data_list: f.options, field_name: f.field_name, field_type: f.field_type, fieldid: f.fieldid, fill_flag: f.fill_flag }));
  router.on("GET", t("query_ticket_extend_fields"), authed((req) => ok(req, { items: fieldsOut() })));
  router.on(
    "GET",
    t("query_fileds_by_typeid"),
    authed((req) => (param(req, "ticket_typeid") ? ok(req, { items: fieldsOut() }) : refuse(env, req, refusal("required", "400008")))),
  );

  const withinMonth = (start: number, end: number) => (env.reading.month === "30-days" ? end - start <= 30 * DAY : end <= plusOneMonth(start));

  const listHandler = (byUpdate: boolean) =>
    authed((req) => {
      const [startKey, endKey] = byUpdate ? ["update_start_datetime_ms", "update_end_datetime_ms"] : ["create_start_datetime_ms", "create_end_datetime_ms"];
      const [blank, order, tooLong] = byUpdate ? ["400017", "400018", "400019"] : ["400001", "400002", "400003"];
      const start = msParam(req, startKey);
      const end = msParam(req, endKey);
      if (start === "" || end === "") return refuse(env, req, refusal("window-required", blank));
      if (start === null || end === null) return refuse(env, req, refusal("window-format"));
      if (end < start) return refuse(env, req, refusal("window-order", order));
      if (!withinMonth(start, end)) return refuse(env, req, refusal("window-month", tooLong));
      const pageNoText = param(req, "page_no");
      const pageSizeText = param(req, "page_size");
      if (!/^\d{1,9}$/.test(pageNoText) || !/^\d{1,9}$/.test(pageSizeText)) return refuse(env, req, refusal("page-required"));
      const pageNo = Number(pageNoText);
      const pageSize = Number(pageSizeText);
      if (pageNo < 1 || pageSize < 1 || pageSize > 50) return refuse(env, req, refusal("page-range"));

      const filters: [string, (x: SimTicket) => string][] = [
        ["ticket_status", (x) => x.ticket_status],
        ["ticket_from", (x) => x.ticket_from],
        ["ticket_typeid", (x) => x.ticket_typeid],
        ["userid", (x) => x.userid],
        ["user_partnerid", (x) => s().customers.find((c) => c.userid === x.userid)?.partnerid ?? ""],
        ["deal_agentid", (x) => x.deal_agentid],
        ["deal_agent_groupid", (x) => x.deal_groupid],
      ];
      // Every page of one query walks the same tickets: matched and sorted once between two writes (indexes.ts).
      const key = JSON.stringify([byUpdate, start, end, filters.map(([name]) => param(req, name))]);
      const matching = env.index.list(key, () =>
        s()
          .tickets.filter((x) => {
            const when = byUpdate ? x.updated : x.created;
            if (when < start || when > end) return false;
            return filters.every(([name, get]) => {
              const want = param(req, name);
              return want === "" || get(x) === want;
            });
          })
          .sort((a, b) => (byUpdate ? b.updated - a.updated : b.created - a.created) || (a.ticketid < b.ticketid ? -1 : 1)),
      );
      const tz = zoneOf(req);
      const items = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((x) => listItem(s(), x, tz));
      return ok(req, { items, page_no: pageNo, page_size: pageSize, page_count: Math.ceil(matching.length / pageSize), total_count: matching.length });
    });
  router.on("GET", t("query_tickets"), listHandler(false));
  router.on("GET", t("query_tickets_by_update_time"), listHandler(true));

  router.on(
    "GET",
    t("get_ticket_by_id"),
    authed((req) => {
      const id = param(req, "ticketid");
      if (!id) return refuse(env, req, refusal("required"));
      const ticket = env.index.ticket(id);
      if (!ticket) return refuse(env, req, refusal("ticket-known"));
      return ok(req, { item: detailItem(s(), ticket, zoneOf(req), env.reading) });
    }),
  );

  registerWrites(router, env, authed);
  return router;
}
