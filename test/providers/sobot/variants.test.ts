/**
 * Each variant of the Sobot simulator serves the reading it names (src/sandbox/sobot/readings.ts),
 * and differs from the default reading exactly there: shown with plain fetch, one request pair
 * per variant. (test/contract/sobot.test.ts runs the provider against every variant.)
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator, VARIANTS, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import { VARIANT_READINGS } from "../../../src/sandbox/sobot/readings.js";

const T = "/api/ws/5/ticket/";
const DAY = 86_400_000;
type Env = { ret_code: string; [k: string]: unknown };
const open: SobotSimulator[] = [];

/** A simulator of `variant` (undefined: the default reading) and a client holding a token. */
async function client(variant?: string) {
  const sim = await startSimulator({ tickets: 40, variant });
  open.push(sim);
  const appid = sim.credentials.settings.appid!;
  const getToken = async () => {
    const create_time = String(Math.floor(Date.now() / 1000));
    const sign = createHash("md5").update(appid + create_time + sim.credentials.secrets.app_key).digest("hex");
    const res = await fetch(new URL(`/api/get_token?appid=${appid}&create_time=${create_time}&sign=${sign}`, sim.baseUrl));
    return ((await res.json()) as { item: { token: string } }).item.token;
  };
  let token = await getToken();
  const call = async (name: string, init: { query?: Record<string, string | number>; json?: unknown; token?: string } = {}): Promise<Env> => {
    const url = new URL(`${T}${name}`, sim.baseUrl);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { language: "en", token: init.token ?? token };
    if (init.json) headers["content-type"] = "application/json";
    const res = await fetch(url, { method: init.json ? "POST" : "GET", headers, body: init.json ? JSON.stringify(init.json) : undefined });
    return (await res.json()) as Env;
  };
  const ticket = () => sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!;
  const reply = (extra: Record<string, unknown> = {}) => {
    const t = ticket();
    const s = sim.credentials.settings;
    return call("save_ticket_reply", {
      json: { ticketid: t.ticketid, ticket_title: t.ticket_title, ticket_content: t.ticket_content, get_ticket_datetime_ms: Date.now() + 60_000, reply_type: "0", reply_agentid: s.agentId, reply_agent_name: s.agentName, ticket_status: t.ticket_status, ticket_level: t.ticket_level, ...extra },
    });
  };
  const detail = async () => (await call("get_ticket_by_id", { query: { ticketid: ticket().ticketid } })).item as Record<string, unknown>;
  return { sim, call, reply, ticket, detail, newToken: async () => (token = await getToken()), oldToken: () => token };
}

afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

describe("sobot simulator variants", () => {
  it("lists its variants, one reading each, and refuses an unknown name", async () => {
    expect([...VARIANTS].sort()).toEqual(Object.keys(VARIANT_READINGS).sort());
    expect(VARIANTS.length).toBe(9);
    await expect(startSimulator({ variant: "no-such-reading" })).rejects.toThrow(/unknown Sobot simulator variant/);
  });

  it("clear-omitted-assignment: a save_ticket_reply without deal_* clears the assignment (the default keeps it)", async () => {
    for (const [variant, cleared] of [[undefined, false], ["clear-omitted-assignment", true]] as const) {
      const c = await client(variant);
      const before = c.ticket().deal_agentid;
      expect(before).not.toBe("");
      expect((await c.reply()).ret_code).toBe("000000");
      expect(c.ticket().deal_agentid, variant ?? "default").toBe(cleared ? "" : before);
    }
  });

  it("detail ids: the default serves the doc example's shape; detail-with-ids and detail-names-only the other two", async () => {
    const shapes: Record<string, [boolean, boolean]> = { default: [true, false], "detail-with-ids": [true, true], "detail-names-only": [false, false] };
    for (const [variant, [group, agent]] of Object.entries(shapes)) {
      const item = await (await client(variant === "default" ? undefined : variant)).detail();
      expect("deal_groupid" in item, variant).toBe(group);
      expect("deal_agentid" in item, variant).toBe(agent);
      expect(item.deal_agent_name, variant).toBeTruthy();
    }
  });

  it("text-verbatim: reply_content stored as sent (the default stores HTML)", async () => {
    for (const [variant, stored] of [[undefined, "<p>a &amp; b</p>"], ["text-verbatim", "a & b"]] as const) {
      const c = await client(variant);
      await c.reply({ reply_content: "a & b" });
      expect(c.ticket().replies.at(-1)!.reply_content).toBe(stored);
    }
  });

  it("http-error-status: a refusal comes with an HTTP error status and the same envelope", async () => {
    const c = await client("http-error-status");
    const res = await fetch(new URL(`${T}get_ticket_by_id?ticketid=${c.sim.fixtures.missingTicketId}`, c.sim.baseUrl), { headers: { token: c.oldToken(), language: "en" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ret_code: "400020", ret_msg: "Ticket info not found" });
  });

  it("tokens-coexist: a new token leaves the previous one valid (the default invalidates it)", async () => {
    for (const [variant, code] of [[undefined, "900002"], ["tokens-coexist", "000000"]] as const) {
      const c = await client(variant);
      const first = c.oldToken();
      await c.newToken();
      expect((await c.call("get_data_dict", { token: first })).ret_code, variant ?? "default").toBe(code);
    }
  });

  it("month-30-days: a 31-day window that is one calendar month is refused", async () => {
    const start = Date.UTC(2025, 0, 1);
    const q = { create_start_datetime_ms: start, create_end_datetime_ms: start + 31 * DAY, page_no: 1, page_size: 10 };
    expect((await (await client()).call("query_tickets", { query: q })).ret_code).toBe("000000");
    expect((await (await client("month-30-days")).call("query_tickets", { query: q })).ret_code).toBe("400003");
  });

  it("no-stale-check: a get_ticket_datetime_ms older than the last update is accepted", async () => {
    for (const [variant, code] of [[undefined, "400016"], ["no-stale-check", "000000"]] as const) {
      const c = await client(variant);
      expect((await c.reply({ get_ticket_datetime_ms: c.ticket().updated - 1 })).ret_code).toBe(code);
    }
  });

  it("coerce-scalars: numbers for String fields and digit strings for Long are accepted", async () => {
    for (const [variant, code] of [[undefined, "400014"], ["coerce-scalars", "000000"]] as const) {
      const c = await client(variant);
      expect((await c.reply({ ticket_level: Number(c.ticket().ticket_level) })).ret_code, variant ?? "default").toBe(code);
    }
    const c = await client("coerce-scalars");
    expect((await c.reply({ get_ticket_datetime_ms: String(Date.now() + 60_000) })).ret_code).toBe("000000");
  });
});
