/** The Sobot simulator speaks the documented wire format (its refusals, rule by rule, are in strict.test.ts). */
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

  it("counts a month as a calendar month (Jan 31 + 1 month = Feb 28)", () => {
    expect(new Date(plusOneMonth(Date.UTC(2025, 0, 31, 10))).toISOString()).toBe("2025-02-28T10:00:00.000Z");
    expect(new Date(plusOneMonth(Date.UTC(2024, 0, 30))).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(new Date(plusOneMonth(Date.UTC(2025, 11, 15))).toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("pages newest first, page_size items a page, with page_count and total_count", async () => {
    const first = await call(`${T}query_tickets`, { query: { create_start_datetime_ms: now - 28 * DAY, create_end_datetime_ms: now, page_no: 1, page_size: 15 } });
    expect(first).toMatchObject({ ret_code: "000000", page_no: 1, page_size: 15 });
    const items = first.items as { create_datetime_ms: number; ticketid: string }[];
    expect(items).toHaveLength(15);
    expect(first.page_count).toBe(Math.ceil((first.total_count as number) / 15));
    expect(items.map((i) => i.create_datetime_ms)).toEqual([...items.map((i) => i.create_datetime_ms)].sort((a, b) => b - a));
    const second = await call(`${T}query_tickets`, { query: { create_start_datetime_ms: now - 28 * DAY, create_end_datetime_ms: now, page_no: 2, page_size: 15 } });
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

  it("stores a reply as HTML (an internal note here) and a status change, and logs the text", async () => {
    expect(await call(`${T}save_ticket_reply`, { json: reply({ reply_content: "hello <world> & co\nbye", reply_type: "1", ticket_status: "2" }) })).toEqual({ ret_code: "000000", ret_msg: "Success" });
    const t = fixture();
    expect(t.ticket_status).toBe("2");
    expect(t.replies.at(-1)).toMatchObject({ reply_content: "<p>hello &lt;world&gt; &amp; co<br/>bye</p>", reply_type: "1", reply_type_new: 3 });
    const shown = (await call(`${T}get_ticket_by_id`, { query: { ticketid: t.ticketid } })).item as { deal_list: { reply_content: string }[]; update_log_list: { update_contents: string }[] };
    expect(shown.deal_list[0]!.reply_content).toBe("<p>hello &lt;world&gt; &amp; co<br/>bye</p>");
    expect(JSON.parse(shown.update_log_list[0]!.update_contents).reply).toBe("hello <world> & co\nbye");
    // Markup sent as markup is kept.
    expect(await call(`${T}save_ticket_reply`, { json: reply({ reply_content: "<p>already <b>HTML</b></p>", get_ticket_datetime_ms: Date.now() + 1000 }) })).toMatchObject({ ret_code: "000000" });
    expect(fixture().replies.at(-1)?.reply_content).toBe("<p>already <b>HTML</b></p>");
  });

  it("serves the detail as the doc's example does: deal_agent_name and deal_groupid, no deal_agentid; evaluations where rated", async () => {
    const t = fixture();
    const item = (await call(`${T}get_ticket_by_id`, { query: { ticketid: t.ticketid } })).item as Record<string, unknown>;
    expect(item).not.toHaveProperty("deal_agentid");
    expect(item.deal_groupid).toBe(t.deal_groupid);
    expect(item.deal_agent_name).toBe(sim.state.agents.find((a) => a.agentid === t.deal_agentid)!.agent_name);
    const rated = sim.state.tickets.find((x) => x.evaluation?.remark)!;
    const shown = (await call(`${T}get_ticket_by_id`, { query: { ticketid: rated.ticketid } })).item as Record<string, unknown>;
    expect(shown).toMatchObject({ score: rated.evaluation!.score, remark: rated.evaluation!.remark, evaluation_datetime_ms: rated.evaluation!.at });
    expect(shown.evaluation_datetime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("creates with save_agent_ticket: item.ticketid and an empty items, as the doc's example (lines 2518-2525)", async () => {
    const s = sim.credentials.settings;
    const created = await call(`${T}save_agent_ticket`, {
      json: { companyid: s.companyid, ticket_title: "t", ticket_content: "c", ticket_from: "0", create_agentid: s.agentId, create_agent_name: s.agentName, ticket_status: "0", ticket_level: "1", ticket_typeid: s.category },
    });
    expect(created).toMatchObject({ ret_code: "000000", items: [] });
    const id = (created.item as { ticketid: string }).ticketid;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.state.tickets.find((t) => t.ticketid === id)).toMatchObject({ ticket_content: "<p>c</p>", ticket_code: expect.stringMatching(/^\d{14}$/) });
  });

  it("takes multipart uploads (file, file_num_key) and returns a file_url; takes a reminder by ticket_code", async () => {
    const form = new FormData();
    form.append("file", new Blob(["abc"]), "note.txt");
    form.append("file_num_key", "16dfc20e-f3de-46tf-8088-844cfde704d3");
    const up = await call(`${T}upload_file`, { form });
    expect((up.item as { file_url: string }).file_url).toMatch(/note\.txt$/);

    const t = fixture();
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
