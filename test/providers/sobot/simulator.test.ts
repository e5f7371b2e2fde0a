/** The Sobot simulator speaks the documented wire format and refuses what the doc says Sobot refuses. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import { plusOneMonth } from "../../../src/sandbox/sobot/routes.js";

const DAY = 86_400_000;
let sim: SobotSimulator;
let token: string;

type Env = { ret_code: string; ret_msg: string; [k: string]: unknown };

async function call(path: string, init: { query?: Record<string, string | number>; json?: unknown; headers?: Record<string, string>; form?: FormData } = {}): Promise<Env> {
  const url = new URL(path, sim.baseUrl);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { language: "en", token, ...init.headers };
  const res = await fetch(url, {
    method: init.json !== undefined || init.form ? "POST" : "GET",
    headers: init.json !== undefined ? { ...headers, "content-type": "application/json" } : headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Env;
}

function tokenQuery(key = sim.credentials.secrets.app_key!) {
  const appid = sim.credentials.settings.appid!;
  const create_time = String(Math.floor(Date.now() / 1000));
  return { appid, create_time, sign: createHash("md5").update(appid + create_time + key).digest("hex") };
}

const T = "/api/ws/5/ticket/";
const now = Date.now();

beforeAll(async () => {
  sim = await startSimulator({ tickets: 80 });
  const env = await call("/api/get_token", { query: tokenQuery() });
  token = (env.item as { token: string }).token;
});
afterAll(async () => {
  await sim.close();
});

describe("sobot simulator: auth", () => {
  it("issues a token for a good sign, and refuses a bad one with 900003 (HTTP 200)", async () => {
    const bad = await call("/api/get_token", { query: tokenQuery("wrong-key") });
    expect(bad).toEqual({ ret_code: "900003", ret_msg: "signature error" });
    expect(await call("/api/get_token", { query: { ...tokenQuery(), appid: "nope" } })).toMatchObject({ ret_code: "900004" });
    expect(await call("/api/get_token", { query: { appid: "x" } })).toMatchObject({ ret_code: "400004" });
    expect(sim.state.token?.value).toBe(token);
  });

  it("checks the token header: 900001 blank, 900002 unknown or replaced; ret_msg is Chinese without language: en", async () => {
    expect(await call(`${T}get_data_dict`, { headers: { token: "" } })).toEqual({ ret_code: "900001", ret_msg: "Blank token" });
    expect(await call(`${T}get_data_dict`, { headers: { token: "0".repeat(32) } })).toEqual({ ret_code: "900002", ret_msg: "Token expired. Get a new one" });
    const zh = await call(`${T}get_data_dict`, { headers: { token: "", language: "" } });
    expect(zh.ret_code).toBe("900001");
    expect(zh.ret_msg).not.toBe("Blank token");
    // A new token invalidates the previous one.
    const fresh = ((await call("/api/get_token", { query: tokenQuery() })).item as { token: string }).token;
    expect(await call(`${T}get_data_dict`)).toMatchObject({ ret_code: "900002" });
    token = fresh;
    expect(await call(`${T}get_data_dict`)).toMatchObject({ ret_code: "000000", ret_msg: "Success" });
  });
});

describe("sobot simulator: lists", () => {
  const q = (extra: Record<string, string | number> = {}) => ({
    create_start_datetime_ms: now - 20 * DAY,
    create_end_datetime_ms: now,
    page_no: 1,
    page_size: 50,
    ...extra,
  });

  it("enforces the one-month window, the order of bounds and the time format", async () => {
    expect(await call(`${T}query_tickets`, { query: q({ create_start_datetime_ms: now - 32 * DAY }) })).toMatchObject({ ret_code: "400003" });
    expect(await call(`${T}query_tickets`, { query: q({ create_start_datetime_ms: now + DAY }) })).toMatchObject({ ret_code: "400002" });
    expect(await call(`${T}query_tickets`, { query: { page_no: 1, page_size: 10 } })).toMatchObject({ ret_code: "400001" });
    expect(await call(`${T}query_tickets`, { query: q({ create_start_datetime_ms: "2018-09-18 00:00:00" }) })).toMatchObject({ ret_code: "400005" });
    const byUpdate = { update_start_datetime_ms: now - 40 * DAY, update_end_datetime_ms: now, page_no: 1, page_size: 10 };
    expect(await call(`${T}query_tickets_by_update_time`, { query: byUpdate })).toMatchObject({ ret_code: "400019" });
    expect(await call(`${T}query_tickets_by_update_time`, { query: { page_no: 1 } })).toMatchObject({ ret_code: "400017" });
  });

  it("counts a month as a calendar month (Jan 31 + 1 month = Feb 28)", () => {
    expect(new Date(plusOneMonth(Date.UTC(2025, 0, 31, 10))).toISOString()).toBe("2025-02-28T10:00:00.000Z");
    expect(new Date(plusOneMonth(Date.UTC(2024, 0, 30))).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(new Date(plusOneMonth(Date.UTC(2025, 11, 15))).toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("caps page_size at 50, defaults to 15, and pages newest first", async () => {
    expect(await call(`${T}query_tickets`, { query: q({ page_size: 51 }) })).toMatchObject({ ret_code: "400014", ret_msg: "Request Failed" });
    const first = await call(`${T}query_tickets`, { query: { create_start_datetime_ms: now - 28 * DAY, create_end_datetime_ms: now } });
    expect(first).toMatchObject({ ret_code: "000000", page_no: 1, page_size: 15 });
    const items = first.items as { create_datetime_ms: number; ticketid: string }[];
    expect(items).toHaveLength(15);
    expect(first.page_count).toBe(Math.ceil((first.total_count as number) / 15));
    expect(items.map((i) => i.create_datetime_ms)).toEqual([...items.map((i) => i.create_datetime_ms)].sort((a, b) => b - a));
    const second = await call(`${T}query_tickets`, { query: { create_start_datetime_ms: now - 28 * DAY, create_end_datetime_ms: now, page_no: 2 } });
    expect((second.items as { ticketid: string }[]).some((i) => items.some((j) => j.ticketid === i.ticketid))).toBe(false);
  });

  it("formats times in the timezoneid zone (Asia/Shanghai by default) and keeps *_ms", async () => {
    const sh = (await call(`${T}query_tickets`, { query: q({ page_size: 1 }) })).items as Record<string, unknown>[];
    const ny = (await call(`${T}query_tickets`, { query: q({ page_size: 1 }), headers: { timezoneid: "America/New_York" } })).items as Record<string, unknown>[];
    expect(sh[0]!.create_datetime_ms).toBe(ny[0]!.create_datetime_ms);
    expect(sh[0]!.create_datetime).not.toBe(ny[0]!.create_datetime);
    expect(sh[0]!.create_datetime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // The list item carries names, not ids (as the doc's Items set).
    expect(Object.keys(sh[0]!)).not.toContain("deal_agentid");
  });

  it("is seeded across more than four months, with a category tree, agents, groups and custom statuses", async () => {
    const oldest = Math.min(...sim.state.tickets.map((t) => t.created));
    expect(now - oldest).toBeGreaterThan(120 * DAY);
    const dict = (await call(`${T}get_data_dict`)).item as Record<string, { node_flag?: string; sub_type_list?: unknown[] }[]>;
    expect(dict.ticket_type_list!.some((c) => c.node_flag === "1" && (c.sub_type_list?.length ?? 0) > 0)).toBe(true);
    expect(dict.agent_list!.length).toBeGreaterThanOrEqual(5);
    expect(dict.group_list!.length).toBeGreaterThanOrEqual(3);
    const statuses = (await call(`${T}query_ticket_status_infos`)).items as { status_code: string; status_type: number }[];
    expect(statuses.some((s) => s.status_type === 4)).toBe(true);
    const again = await startSimulator({ tickets: 80, now: () => new Date(now) });
    expect(again.state.tickets.map((t) => t.ticket_title)).toEqual(sim.state.tickets.map((t) => t.ticket_title));
    await again.close();
  });
});

describe("sobot simulator: tickets and writes", () => {
  const fixture = () => sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!;
  const reply = (extra: Record<string, unknown> = {}) => {
    const t = fixture();
    return {
      ticketid: t.ticketid,
      ticket_title: t.ticket_title,
      ticket_content: t.ticket_content,
      get_ticket_datetime_ms: t.updated,
      reply_type: "0",
      reply_agentid: sim.credentials.settings.agentId,
      reply_agent_name: sim.credentials.settings.agentName,
      ticket_status: t.ticket_status,
      ticket_level: t.ticket_level,
      ...extra,
    };
  };

  it("answers get_ticket_by_id with 400004 without an id and 400020 for an unknown one", async () => {
    expect(await call(`${T}get_ticket_by_id`)).toMatchObject({ ret_code: "400004" });
    expect(await call(`${T}get_ticket_by_id`, { query: { ticketid: sim.fixtures.missingTicketId } })).toEqual({ ret_code: "400020", ret_msg: "Ticket info not found" });
  });

  it("rejects save_ticket_reply missing what the doc requires, with its codes", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ticketid: "" }, "400004"],
      [{ get_ticket_datetime_ms: undefined }, "400004"],
      [{ reply_agentid: "" }, "400006"],
      [{ reply_agentid: "f".repeat(32) }, "400007"],
      [{ ticket_status: "" }, "400009"],
      [{ ticket_status: "4242" }, "400314"],
      [{ ticket_level: "" }, "400011"],
      [{ deal_group_name: "Billing" }, "400012"],
      [{ get_ticket_datetime_ms: 1000 }, "400016"],
      [{ ticketid: sim.fixtures.missingTicketId }, "400020"],
    ];
    for (const [change, code] of cases) {
      expect(await call(`${T}save_ticket_reply`, { json: reply(change) }), JSON.stringify(change)).toMatchObject({ ret_code: code });
    }
    const agent = sim.state.agents.find((a) => a.groupids.length === 1)!;
    const outside = sim.state.groups.find((g) => !agent.groupids.includes(g.groupid))!;
    expect(await call(`${T}save_ticket_reply`, { json: reply({ deal_agentid: agent.agentid, deal_groupid: outside.groupid }) })).toMatchObject({ ret_code: "400013" });
  });

  it("stores a reply, an internal note and a status change", async () => {
    expect(await call(`${T}save_ticket_reply`, { json: reply({ reply_content: "hello", reply_type: "1", ticket_status: "2" }) })).toEqual({ ret_code: "000000", ret_msg: "Success" });
    const t = fixture();
    expect(t.ticket_status).toBe("2");
    expect(t.replies.at(-1)).toMatchObject({ reply_content: "hello", reply_type: "1", reply_type_new: 3 });
    const shown = (await call(`${T}get_ticket_by_id`, { query: { ticketid: t.ticketid } })).item as { deal_list: { reply_content: string }[] };
    expect(shown.deal_list[0]!.reply_content).toBe("hello");
  });

  it("rejects save_agent_ticket missing what the doc requires, and a non-leaf category", async () => {
    const s = sim.credentials.settings;
    const leaf = sim.state.categories.find((c) => c.node_flag === "0")!;
    const parent = sim.state.categories.find((c) => c.node_flag === "1")!;
    const base = {
      companyid: s.companyid,
      ticket_title: "t",
      ticket_content: "c",
      ticket_from: "0",
      create_agentid: s.agentId,
      create_agent_name: s.agentName,
      ticket_status: "0",
      ticket_level: "1",
      ticket_typeid: leaf.typeid,
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ companyid: "" }, "400004"],
      [{ ticket_from: "" }, "400010"],
      [{ create_agentid: "" }, "400006"],
      [{ ticket_status: "" }, "400009"],
      [{ ticket_level: "" }, "400011"],
      [{ ticket_typeid: "" }, "400008"],
      [{ ticket_typeid: parent.typeid }, "400014"],
    ];
    for (const [change, code] of cases) {
      expect(await call(`${T}save_agent_ticket`, { json: { ...base, ...change } }), JSON.stringify(change)).toMatchObject({ ret_code: code });
    }
    const created = await call(`${T}save_agent_ticket`, { json: base });
    expect(created).toMatchObject({ ret_code: "000000", items: [] });
    expect((created.item as { ticketid: string }).ticketid).toMatch(/^[0-9a-f]{32}$/);
  });

  it("takes multipart uploads (file, file_num_key) and returns a file_url; reminders need agent and remark", async () => {
    const form = new FormData();
    form.append("file", new Blob(["abc"]), "note.txt");
    form.append("file_num_key", "16dfc20e-f3de-46tf-8088-844cfde704d3");
    const up = await call(`${T}upload_file`, { form });
    expect((up.item as { file_url: string }).file_url).toMatch(/note\.txt$/);
    expect(await call(`${T}upload_file`, { form: new FormData() })).toMatchObject({ ret_code: "400004" });

    const t = fixture();
    expect(await call(`${T}reminder`, { json: { ticketid: t.ticketid, reminder_remark: "x" } })).toMatchObject({ ret_code: "400006" });
    expect(await call(`${T}reminder`, { json: { ticketid: t.ticketid, reminder_agentid: sim.credentials.settings.agentId } })).toMatchObject({ ret_code: "400004" });
    expect(await call(`${T}reminder`, { json: { ticket_code: t.ticket_code, reminder_agentid: sim.credentials.settings.agentId, reminder_remark: "hurry" } })).toMatchObject({ ret_code: "000000" });
    expect(fixture().reminder?.remark).toBe("hurry");
  });

  it("answers an unknown route loudly, and restores exported state", async () => {
    const res = await fetch(new URL(`${T}merge_tickets`, sim.baseUrl), { headers: { token } });
    expect(res.status).toBe(404);
    const copy = await startSimulator({ state: sim.exportState() });
    try {
      expect(copy.state.tickets).toEqual(sim.state.tickets);
      expect(copy.credentials).toEqual(sim.credentials);
    } finally {
      await copy.close();
    }
  });
});
