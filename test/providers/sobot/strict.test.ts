/**
 * The Sobot simulator is strict where vendor-docs/sobot-ticket-api.txt is explicit: one wrong
 * request per rule of src/sandbox/sobot/rules.ts, sent with plain fetch (not the provider), must be
 * refused with the rule's ret_code and change nothing. A rule without a case here fails the suite.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import { RULES, type RuleId } from "../../../src/sandbox/sobot/rules.js";

const DAY = 86_400_000;
const T = "/api/ws/5/ticket/";
let sim: SobotSimulator;
let token: string;

type Env = { ret_code: string; ret_msg: string; [k: string]: unknown };
interface Send {
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** A JSON body (content-type application/json unless headers say otherwise). */
  json?: unknown;
  /** A raw body, sent as is. */
  raw?: string | FormData;
}

async function call(path: string, init: Send = {}): Promise<{ status: number; env: Env; rule: string | null }> {
  const url = new URL(path, sim.baseUrl);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { language: "en", token, ...(init.json !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
  for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
  const post = init.json !== undefined || init.raw !== undefined;
  const res = await fetch(url, { method: post ? "POST" : "GET", headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.raw });
  return { status: res.status, env: (await res.json()) as Env, rule: res.headers.get("x-simulator-rule") };
}

function tokenQuery(over: { key?: string; time?: string } = {}) {
  const appid = sim.credentials.settings.appid!;
  const create_time = over.time ?? String(Math.floor(Date.now() / 1000));
  return { appid, create_time, sign: createHash("md5").update(appid + create_time + (over.key ?? sim.credentials.secrets.app_key!)).digest("hex") };
}

const fixture = () => sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!;
const settings = () => sim.credentials.settings;

/** A save_ticket_reply body the simulator accepts (the doc's table, lines 2601-2618). */
function reply(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const t = fixture();
  return {
    ticketid: t.ticketid,
    ticket_title: t.ticket_title,
    ticket_content: t.ticket_content,
    get_ticket_datetime_ms: Date.now() + 60_000,
    reply_type: "0",
    reply_content: "strict test",
    reply_agentid: settings().agentId,
    reply_agent_name: settings().agentName,
    ticket_status: t.ticket_status,
    ticket_level: t.ticket_level,
    ...extra,
  };
}

/** A save_agent_ticket body the simulator accepts (lines 2456-2476). */
function create(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    companyid: settings().companyid,
    ticket_title: "strict",
    ticket_content: "strict",
    ticket_from: "0",
    create_agentid: settings().agentId,
    create_agent_name: settings().agentName,
    ticket_status: "0",
    ticket_level: "1",
    ticket_typeid: settings().category,
    ...extra,
  };
}

const list = (q: Record<string, string | number>) => call(`${T}query_tickets`, { query: q });
const window = (extra: Record<string, string | number> = {}) => ({ create_start_datetime_ms: Date.now() - 10 * DAY, create_end_datetime_ms: Date.now(), page_no: 1, page_size: 20, ...extra });
const saveReply = (extra: Record<string, unknown>) => call(`${T}save_ticket_reply`, { json: reply(extra) });
const saveTicket = (extra: Record<string, unknown>) => call(`${T}save_agent_ticket`, { json: create(extra) });

/** One or more wrong requests per rule, each with the ret_code it must get. */
const CASES: Record<RuleId, [string, () => Promise<{ env: Env; rule: string | null }>, string][]> = {
  "token-header": [
    ["no token header", () => call(`${T}get_data_dict`, { headers: { token: "" } }), "900001"],
    ["the token as Authorization: Bearer", () => call(`${T}get_data_dict`, { headers: { token: "", authorization: `Bearer ${token}` } }), "900001"],
  ],
  "token-valid": [["a token never issued", () => call(`${T}get_data_dict`, { headers: { token: "0".repeat(32) } }), "900002"]],
  "token-params": [["no sign", () => call("/api/get_token", { query: { ...tokenQuery(), sign: "" } }), "400004"]],
  "token-create-time": [["create_time in milliseconds", () => call("/api/get_token", { query: tokenQuery({ time: String(Date.now()) }) }), "400005"]],
  "token-appid": [["an unknown appid", () => call("/api/get_token", { query: { ...tokenQuery(), appid: "nope" } }), "900004"]],
  "token-sign": [["a sign made with another key", () => call("/api/get_token", { query: tokenQuery({ key: "wrong" }) }), "900003"]],
  "json-content-type": [
    ["a JSON body labelled text/plain", () => call(`${T}save_ticket_reply`, { raw: JSON.stringify(reply()), headers: { "content-type": "text/plain" } }), "400004"],
    ["the fields as a form", () => call(`${T}save_ticket_reply`, { raw: new URLSearchParams(reply() as Record<string, string>).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } }), "400004"],
  ],
  "json-body": [
    ["malformed JSON", () => call(`${T}save_ticket_reply`, { raw: '{"ticketid": ', headers: { "content-type": "application/json" } }), "400004"],
    ["an array", () => call(`${T}reminder`, { json: [{ ticketid: fixture().ticketid }] }), "400004"],
  ],
  required: [
    ["no ticket_title", () => saveReply({ ticket_title: undefined }), "400004"],
    ["no get_ticket_datetime_ms", () => saveReply({ get_ticket_datetime_ms: undefined }), "400004"],
    ["no reply_type", () => saveReply({ reply_type: undefined }), "400004"],
    ["blank reply_agentid", () => saveReply({ reply_agentid: " " }), "400006"],
    ["no ticket_status", () => saveReply({ ticket_status: null }), "400009"],
    ["no ticket_level", () => saveReply({ ticket_level: undefined }), "400011"],
    ["no ticket_from", () => saveTicket({ ticket_from: undefined }), "400010"],
    ["no ticket_typeid", () => saveTicket({ ticket_typeid: "" }), "400008"],
    ["no reminder_remark", () => call(`${T}reminder`, { json: { ticketid: fixture().ticketid, reminder_agentid: settings().agentId } }), "400004"],
    ["get_ticket_by_id without ticketid", () => call(`${T}get_ticket_by_id`), "400004"],
  ],
  "string-type": [
    ["ticket_status as a number", () => saveReply({ ticket_status: 1 }), "400014"],
    ["reply_type as a number", () => saveReply({ reply_type: 0 }), "400014"],
  ],
  "long-type": [
    ["get_ticket_datetime_ms as a string", () => saveReply({ get_ticket_datetime_ms: String(Date.now() + 60_000) }), "400005"],
    ["get_ticket_datetime_ms as 'yyyy-MM-dd HH:mm:ss'", () => saveReply({ get_ticket_datetime_ms: "2019-09-19 13:00:00" }), "400005"],
  ],
  "int-type": [["first_contact_type as a string", () => saveTicket({ first_contact_type: "1", first_contact_info: "a@b.c", userid: sim.state.customers[0]!.userid }), "400014"]],
  "list-type": [
    ["extend_fields as an object", () => saveReply({ extend_fields: { fieldid: "x", field_value: "y" } }), "400014"],
    ["copy_agent entry without agent_mail", () => saveReply({ copy_agent: [{ agent_name: "x" }] }), "400014"],
  ],
  "reply-type-enum": [["reply_type 2", () => saveReply({ reply_type: "2" }), "400014"]],
  "level-enum": [["ticket_level 4", () => saveReply({ ticket_level: "4" }), "400014"]],
  "status-known": [
    ["an unknown status code", () => saveReply({ ticket_status: "4242" }), "400314"],
    ["a status id instead of its code", () => saveReply({ ticket_status: sim.state.statuses[1]!.status_id }), "400314"],
  ],
  "agent-known": [["an unknown reply agent", () => saveReply({ reply_agentid: "f".repeat(32) }), "400007"]],
  "group-id-with-name": [["deal_group_name without deal_groupid", () => saveReply({ deal_group_name: "Billing" }), "400012"]],
  "agent-in-group": [
    [
      "an agent outside the group",
      () => {
        const agent = sim.state.agents.find((a) => a.groupids.length === 1)!;
        return saveReply({ deal_agentid: agent.agentid, deal_groupid: sim.state.groups.find((g) => !agent.groupids.includes(g.groupid))!.groupid });
      },
      "400013",
    ],
  ],
  "deal-ids-known": [["an unknown deal_agentid", () => saveReply({ deal_agentid: "e".repeat(32) }), "400014"]],
  "ticket-known": [
    ["save_ticket_reply for a missing ticket", () => saveReply({ ticketid: sim.fixtures.missingTicketId }), "400020"],
    ["get_ticket_by_id with the ticket number", () => call(`${T}get_ticket_by_id`, { query: { ticketid: fixture().ticket_code } }), "400020"],
  ],
  "stale-read": [["a read older than the last update", () => saveReply({ get_ticket_datetime_ms: fixture().updated - 1 }), "400016"]],
  "leaf-category": [["a parent category", () => saveTicket({ ticket_typeid: sim.state.categories.find((c) => c.node_flag === "1")!.typeid }), "400014"]],
  company: [["another company's id", () => saveTicket({ companyid: "0".repeat(32) }), "400014"]],
  "contact-pair": [
    ["first_contact_type without info", () => saveTicket({ first_contact_type: 1, userid: sim.state.customers[0]!.userid }), "400004"],
    ["a preferred contact without userid", () => saveTicket({ first_contact_type: 1, first_contact_info: "a@b.c" }), "400004"],
  ],
  "customer-known": [["an unknown userid", () => saveTicket({ userid: "d".repeat(32) }), "400014"]],
  "extend-field-known": [["an unknown custom field", () => saveReply({ extend_fields: [{ fieldid: "nope", field_value: "1" }] }), "400014"]],
  "reminder-target": [["neither ticketid nor ticket_code", () => call(`${T}reminder`, { json: { reminder_agentid: settings().agentId, reminder_remark: "x" } }), "400004"]],
  multipart: [
    ["upload_file as JSON", () => call(`${T}upload_file`, { json: { file: "abc", file_num_key: "k" } }), "400004"],
    ["multipart without a file part", () => call(`${T}upload_file`, { raw: formWith({ file_num_key: "k" }) }), "400004"],
  ],
  "window-required": [
    ["no creation bounds", () => list({ page_no: 1, page_size: 10 }), "400001"],
    ["no update bounds", () => call(`${T}query_tickets_by_update_time`, { query: { page_no: 1, page_size: 10 } }), "400017"],
  ],
  "window-format": [["the curl example's string times", () => list(window({ create_start_datetime_ms: "2018-09-18 00:00:00" })), "400005"]],
  "window-order": [
    ["end before start", () => list(window({ create_start_datetime_ms: Date.now(), create_end_datetime_ms: Date.now() - DAY })), "400002"],
    ["update end before start", () => call(`${T}query_tickets_by_update_time`, { query: { update_start_datetime_ms: Date.now(), update_end_datetime_ms: Date.now() - DAY, page_no: 1, page_size: 5 } }), "400018"],
  ],
  "window-month": [
    ["32 days", () => list(window({ create_start_datetime_ms: Date.now() - 32 * DAY })), "400003"],
    ["update window of 40 days", () => call(`${T}query_tickets_by_update_time`, { query: { update_start_datetime_ms: Date.now() - 40 * DAY, update_end_datetime_ms: Date.now(), page_no: 1, page_size: 5 } }), "400019"],
  ],
  "page-required": [
    ["no page_no", () => list(window({ page_no: "" })), "400004"],
    ["page_size not an integer", () => list(window({ page_size: "ten" })), "400004"],
  ],
  "page-range": [
    ["page_size 51", () => list(window({ page_size: 51 })), "400014"],
    ["page_no 0", () => list(window({ page_no: 0 })), "400014"],
  ],
};

function formWith(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

beforeAll(async () => {
  sim = await startSimulator({ tickets: 60 });
  token = ((await call("/api/get_token", { query: tokenQuery() })).env.item as { token: string }).token;
});
afterAll(async () => {
  await sim.close();
});

describe("sobot simulator: every rule refuses a wrong request", () => {
  it("has a case for every rule of rules.ts", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(RULES).sort());
    expect(Object.keys(RULES).length).toBe(35);
  });

  for (const [rule, cases] of Object.entries(CASES) as [RuleId, (typeof CASES)[RuleId]][]) {
    it(`${rule}: ${RULES[rule].what}`, async () => {
      for (const [what, send, code] of cases) {
        const before = JSON.stringify(sim.state.tickets);
        const { env, rule: applied } = await send();
        expect(env, `${rule}: ${what}`).toMatchObject({ ret_code: code });
        expect(applied, `${what} is refused by this rule`).toBe(rule);
        expect(env.ret_msg.length, what).toBeGreaterThan(0);
        expect(JSON.stringify(sim.state.tickets), `${what} changed nothing`).toBe(before);
      }
    });
  }

  it("accepts the well-formed requests the cases are derived from (so each refusal is the rule's)", async () => {
    expect((await saveReply({})).env.ret_code).toBe("000000");
    expect((await saveTicket({})).env.ret_code).toBe("000000");
    expect((await list(window())).env.ret_code).toBe("000000");
    expect((await call(`${T}upload_file`, { raw: (() => {
      const f = formWith({ file_num_key: "k" });
      f.append("file", new Blob(["x"]), "x.txt");
      return f;
    })() })).env.ret_code).toBe("000000");
  });

  it("answers every refusal with HTTP 200 by default, and with an error status under the http-error-status variant", async () => {
    expect((await saveReply({ ticket_level: "4" })).status).toBe(200);
    const other = await startSimulator({ tickets: 10, variant: "http-error-status" });
    try {
      const res = await fetch(new URL(`${T}get_data_dict`, other.baseUrl), { headers: { language: "en" } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ ret_code: "900001", ret_msg: "Blank token" });
    } finally {
      await other.close();
    }
  });
});
