/**
 * Sobot's transport under answers no simulator reading gives: a token endpoint answer cut, not
 * JSON, or failing (it is never quoted), pages served round in a circle (PageGuard), answers of
 * the wrong shape (a ZodError naming the field), an outcome Sobot does not state (999999).
 * A tiny node:http server in the test plays Sobot; the provider talks to it over real HTTP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AuthError, NetworkError, OperationError } from "../../../src/errors.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const LIVE_TOKEN = "4ac37cb2e9c740dba4b75a34d5358802";
const TICKET_ID = "d6aef19dca6b4ee5b9dc4206d8162105";
type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

let server: Server;
let origin = "";
const seen: { path: string; query: Record<string, string>; method: string }[] = [];
let routes: Record<string, Handler> = {};

const json = (res: ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const goodToken: Handler = (_q, res) => json(res, { item: { token: LIVE_TOKEN, expires_in: "86400" }, ret_code: "000000", ret_msg: "Success" });
const statuses: Handler = (_q, res) => json(res, { items: [], ret_code: "000000", ret_msg: "Success" });

/** A fake Simulator over the tiny server, so the usual test wiring builds the provider. */
const fake = (): Simulator => ({
  vendor: "sobot",
  baseUrl: origin,
  requests: [],
  credentials: { secrets: { app_key: "test-app-key" }, settings: { appid: "1", companyid: "c", agentId: "a", agentName: "Agent", timezone: "Asia/Shanghai" } },
  fixtures: { ticketId: TICKET_ID, missingTicketId: TICKET_ID, assigneeId: "a", listAllCount: 0 },
  fail: () => undefined,
  exportState: () => ({}),
  close: async () => undefined,
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), method: req.method ?? "GET" });
    req.resume();
    req.on("end", () => {
      const handler = routes[url.pathname.split("/").pop()!];
      if (handler) handler(req, res, url);
      else json(res, { message: "no route" }, 404);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  routes = { get_token: goodToken, query_ticket_status_infos: statuses };
});

describe("the token endpoint's answer is never quoted", () => {
  const cases: [string, Handler][] = [
    ["cut mid-answer", (_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"item":{"token":"${LIVE_TOKEN}","expires_in":"864`);
    }],
    ["an HTML page with 200", (_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html><body>token=${LIVE_TOKEN}</body></html>`);
    }],
    ["a 500 carrying the token", (_q, res) => json(res, { message: `issued ${LIVE_TOKEN}`, item: { token: LIVE_TOKEN } }, 500)],
    ["a 400 whose text is the token", (_q, res) => {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(LIVE_TOKEN);
    }],
    ["a refusal whose ret_msg carries it", (_q, res) => json(res, { ret_code: "900003", ret_msg: `bad sign, current token ${LIVE_TOKEN}` })],
  ];
  for (const [what, handler] of cases) {
    it(`${what}: a clean error, no token in the message or the logs`, async () => {
      routes.get_token = handler;
      const tp = await providerFor(fake(), { verbose: true });
      const err = await tp.provider.show(TICKET_ID).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect([NetworkError, AuthError, Error].some((c) => err instanceof c)).toBe(true);
      const text = `${(err as Error).message} ${(err as { hint?: string }).hint ?? ""} ${JSON.stringify(err)}`;
      expect(text).not.toContain(LIVE_TOKEN);
      expect((err as { cause?: unknown }).cause).toBeUndefined();
      expect(tp.logs.join("\n")).not.toContain(LIVE_TOKEN);
    });
  }

  it("a cut or non-JSON token answer is exit 7, a refusal exit 4 in the doc's words", async () => {
    routes.get_token = cases[0]![1];
    const cut = await (await providerFor(fake())).provider.show(TICKET_ID).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(NetworkError);
    expect((cut as Error).message).toBe("Sobot sent an unreadable answer to the token request (HTTP 200, application/json)");
    routes.get_token = cases[4]![1];
    const refused = await (await providerFor(fake())).provider.show(TICKET_ID).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthError);
    expect((refused as Error).message).toBe("Sobot refused the request: signature error (ret_code 900003)");
  });

  it("registers the token and the sign as secrets the moment they exist", async () => {
    routes.get_ticket_by_id = (_q, res) => json(res, { ret_code: "400020", ret_msg: "Ticket info not found" });
    const tp = await providerFor(fake());
    await tp.provider.show(TICKET_ID).catch(() => undefined);
    const sign = seen.find((r) => r.path === "/api/get_token")!.query.sign!;
    expect(tp.redactor.redact(`t=${LIVE_TOKEN} s=${sign}`)).toBe("t=*** s=***");
  });
});

describe("list walks are bounded", () => {
  const page = (ids: string[], pageCount: number | null = 999) => ({
    items: ids.map((id) => ({ ticketid: id, ticket_title: id, ticket_status: "1", create_datetime_ms: Date.now() - 1000 })),
    page_no: 1,
    page_size: ids.length,
    page_count: pageCount,
    total_count: 9999,
    ret_code: "000000",
    ret_msg: "Success",
  });
  const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(30, "0")}`.slice(-32));

  it("a server sending the same page again: exit 7 naming the page, no ticket twice", async () => {
    const same = ids(50, "a");
    routes.query_tickets = (_q, res) => json(res, page(same));
    const tp = await providerFor(fake());
    const got: string[] = [];
    const err = await (async () => {
      for await (const t of tp.provider.list({})) got.push(t.id);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/page 2 \(window \d+-\d+ page 2\)/);
    expect(got).toEqual(same);
    expect(seen.filter((r) => r.path.endsWith("query_tickets"))).toHaveLength(2);
  });

  it("--limit fetches no page beyond what it needs", async () => {
    routes.query_tickets = (_q, res, url) => json(res, page(ids(Number(url.searchParams.get("page_size")), `p${url.searchParams.get("page_no")}`)));
    const tp = await providerFor(fake());
    expect(await collect(tp.provider.list({ limit: 60 }))).toHaveLength(60);
    expect(seen.filter((r) => r.path.endsWith("query_tickets")).map((r) => [r.query.page_no, r.query.page_size])).toEqual([["1", "50"], ["2", "50"]]);
  });
});

describe("answers of the wrong shape and unstated outcomes", () => {
  it("valid JSON of the wrong shape is a ZodError naming the field from the top of the answer (exit 1)", async () => {
    routes.get_ticket_by_id = (_q, res) => json(res, { item: { ticketid: TICKET_ID, deal_list: "not a list" }, ret_code: "000000" });
    const err = await (await providerFor(fake())).provider.show(TICKET_ID).catch((e: unknown) => e);
    // The guard maps the provider's ZodError (its cause) to exit 1, naming the field.
    expect(err).toBeInstanceOf(OperationError);
    expect((err as Error).message).toContain("item.deal_list");
    expect((err as { cause?: unknown }).cause).toBeInstanceOf(ZodError);
    routes.get_ticket_by_id = (_q, res) => json(res, { item: {} });
    const noCode = await (await providerFor(fake())).provider.show(TICKET_ID).catch((e: unknown) => e);
    expect(((noCode as { cause?: ZodError }).cause as ZodError).issues[0]!.path).toEqual(["ret_code"]);
  });

  it("a server without query_ticket_status_infos or get_data_dict (HTTP 404): show falls back to the built-in statuses, with a warning", async () => {
    routes = { get_token: goodToken };
    routes.get_ticket_by_id = (_q, res) => json(res, { item: { ticketid: TICKET_ID, ticket_status: "2", ticket_title: "x", deal_agent_name: "admin2" }, ret_code: "000000" });
    const tp = await providerFor(fake());
    const t = await tp.provider.show(TICKET_ID);
    expect(t).toMatchObject({ status: "pending", vendorStatus: "2", assignee: { id: null, name: "admin2", email: null } });
    expect(tp.logs.some((l) => l.includes("built-in statuses"))).toBe(true);
  });

  it("an unknown status code passes through as vendorStatus", async () => {
    routes.get_ticket_by_id = (_q, res) => json(res, { item: { ticketid: TICKET_ID, ticket_status: "7777", ticket_title: "x" }, ret_code: "000000" });
    const t = await (await providerFor(fake())).provider.show(TICKET_ID);
    expect(t).toMatchObject({ vendorStatus: "7777", status: "open" });
  });

  it("999999 on a write is not a refusal: no vendorCode, so the outcome is reconciled", async () => {
    routes.get_ticket_by_id = (_q, res) => json(res, { item: { ticketid: TICKET_ID, ticket_title: "x", ticket_content: "y", ticket_status: "1", ticket_level: "0" }, ret_code: "000000" });
    routes.save_ticket_reply = (_q, res) => json(res, { ret_code: "999999", ret_msg: "Unknown System Exception" });
    const err = await (await providerFor(fake())).provider.reply!(TICKET_ID, { body: "hi", internal: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).vendorCode).toBeUndefined();
    expect(seen.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("an envelope refusal on HTTP 200 carries its ret_code as vendorCode, and is not sent again", async () => {
    routes.get_ticket_by_id = (_q, res) => json(res, { item: { ticketid: TICKET_ID, ticket_title: "x", ticket_content: "y", ticket_status: "1", ticket_level: "0" }, ret_code: "000000" });
    routes.save_ticket_reply = (_q, res) => json(res, { ret_code: "400007", ret_msg: "Incorrect operation agent ID" });
    const err = await (await providerFor(fake())).provider.reply!(TICKET_ID, { body: "hi", internal: false }).catch((e: unknown) => e);
    expect((err as { vendorCode?: string }).vendorCode).toBe("400007");
    expect(seen.filter((r) => r.method === "POST")).toHaveLength(1);
  });
});
