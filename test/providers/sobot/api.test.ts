/**
 * `ticket api` on Sobot (Provider.request, src/providers/sobot/api.ts `send`) over real HTTP
 * against the simulator: paths under the profile's base URL (the host origin), the token header
 * added and renewed like any call, the vendor's body returned as it came, and a refusal inside the
 * ret_code envelope classified as the provider's own calls classify it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, UsageError } from "../../../src/errors.js";
import { plannedRequests, resetPlan } from "../../../src/http/dry-run.js";
import { startSimulator, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import { providerFor } from "../../helpers/provider.js";

const TICKET = "/api/ws/5/ticket/";

let sim: SobotSimulator;
beforeAll(async () => {
  sim = await startSimulator({ tickets: 30 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.requests.length = 0;
});

const named = (name: string) => sim.requests.filter((r) => r.path === `${TICKET}${name}`);

describe("sobot ticket api", () => {
  it("GET of a documented endpoint (get_ticket_by_id, doc lines 3363-3390) returns Sobot's body verbatim", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!({ method: "GET", path: "/api/ws/5/ticket/get_ticket_by_id", query: [["ticketid", sim.fixtures.ticketId]] });
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    // The same request, sent by hand with the token the provider used: the same JSON, field for field.
    const token = String(named("get_ticket_by_id")[0]!.headers["token"]);
    const direct = await fetch(`${sim.baseUrl}${TICKET}get_ticket_by_id?ticketid=${sim.fixtures.ticketId}`, { headers: { token, language: "en", timezoneid: "Asia/Shanghai" } });
    expect(res.body).toEqual(await direct.json());
    expect((res.body as { item: { ticketid: string } }).item.ticketid).toBe(sim.fixtures.ticketId);
    // Sent as asked: the path under the base URL, the query, the language and time zone headers.
    const seen = named("get_ticket_by_id")[0]!;
    expect(seen.method).toBe("GET");
    expect(seen.query).toEqual({ ticketid: sim.fixtures.ticketId });
    expect(seen.headers["language"]).toBe("en");
  });

  it("an inline query in the path works like --query", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!({ method: "GET", path: `api/ws/5/ticket/get_ticket_by_id?ticketid=${sim.fixtures.ticketId}`, query: [] });
    expect(res.status).toBe(200);
    expect(named("get_ticket_by_id")[0]!.query).toEqual({ ticketid: sim.fixtures.ticketId });
  });

  it("a path no endpoint serves: its HTTP 404 and a NotFoundError (exit 5), the body as sent", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!({ method: "GET", path: "api/ws/5/ticket/no_such_endpoint", query: [] });
    expect(res.status).toBe(404);
    expect(res.error).toBeInstanceOf(NotFoundError);
    expect(res.error!.exitCode).toBe(5);
    expect(res.body).toMatchObject({ path: `${TICKET}no_such_endpoint` });
  });

  it("a refusal inside a 200 envelope is classified: 400020 not found (exit 5), 400001 a usage error (exit 2)", async () => {
    const { provider } = await providerFor(sim);
    const missing = await provider.request!({ method: "GET", path: "api/ws/5/ticket/get_ticket_by_id", query: [["ticketid", sim.fixtures.missingTicketId]] });
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ ret_code: "400020" });
    expect(missing.error).toBeInstanceOf(NotFoundError);
    expect(missing.error!.vendorCode).toBe("400020");

    const noWindow = await provider.request!({ method: "GET", path: "api/ws/5/ticket/query_tickets", query: [["page_no", "1"], ["page_size", "5"]] });
    expect(noWindow.status).toBe(200);
    expect(noWindow.body).toMatchObject({ ret_code: "400001" });
    expect(noWindow.error).toBeInstanceOf(UsageError);
    expect(noWindow.error!.message).toMatch(/ret_code 400001/);
  });

  it("the same refusal under an HTTP error status (the http-error-status reading) is still that refusal's class", async () => {
    const other = await startSimulator({ tickets: 10, variant: "http-error-status" });
    try {
      const { provider } = await providerFor(other);
      const res = await provider.request!({ method: "GET", path: "api/ws/5/ticket/get_ticket_by_id", query: [["ticketid", other.fixtures.missingTicketId]] });
      expect(res.status).toBe(404);
      expect(res.error).toBeInstanceOf(NotFoundError);
    } finally {
      await other.close();
    }
  });

  it("a POST body reaches Sobot as sent (reminder, doc lines 2787-2836), and its success has no error", async () => {
    const { provider } = await providerFor(sim);
    const sent = { ticketid: sim.fixtures.ticketId, reminder_agentid: sim.credentials.settings["agentId"], reminder_remark: "api test: ünïcode ✓" };
    const res = await provider.request!({ method: "POST", path: "api/ws/5/ticket/reminder", query: [], body: sent });
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    expect(res.body).toMatchObject({ ret_code: "000000" });
    const seen = named("reminder");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual(sent);
    expect(String(seen[0]!.headers["content-type"])).toMatch(/^application\/json/);
  });

  it("the credentials are in the request Sobot received, never in what is returned", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!({ method: "GET", path: "api/ws/5/ticket/get_data_dict", query: [] });
    expect(res.status).toBe(200);
    const token = sim.state.token!.value;
    expect(named("get_data_dict")[0]!.headers["token"]).toBe(token);
    const returned = JSON.stringify(res);
    expect(returned).not.toContain(token);
    expect(returned).not.toContain(sim.credentials.secrets["app_key"]!);
  });

  it("a token Sobot no longer takes (900002) is renewed once and the request sent again", async () => {
    const { provider } = await providerFor(sim);
    await provider.request!({ method: "GET", path: "api/ws/5/ticket/get_data_dict", query: [] });
    sim.state.token = null; // Sobot forgot it: the next call is refused with 900002
    sim.requests.length = 0;
    const res = await provider.request!({ method: "GET", path: "api/ws/5/ticket/get_ticket_by_id", query: [["ticketid", sim.fixtures.ticketId]] });
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    expect(sim.requests.map((r) => r.path.split("/").pop())).toEqual(["get_ticket_by_id", "get_token", "get_ticket_by_id"]);
    const [first, , second] = sim.requests;
    expect(second!.headers["token"]).not.toBe(first!.headers["token"]);
  });

  it("--dry-run: a POST is planned with the token masked and not sent", async () => {
    resetPlan();
    const { provider } = await providerFor(sim, { dryRun: true });
    const res = await provider.request!({ method: "POST", path: "api/ws/5/ticket/reminder", query: [], body: { ticketid: sim.fixtures.ticketId, reminder_agentid: "a", reminder_remark: "dry" } });
    expect(res.error).toBeUndefined();
    expect(named("reminder")).toEqual([]);
    for (const r of sim.requests) expect(r.method).toBe("GET");
    const plan = plannedRequests();
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ method: "POST", url: `${sim.baseUrl}${TICKET}reminder`, body: { reminder_remark: "dry" } });
    expect(plan[0]!.headers["token"]).toBe("***");
    resetPlan();
  });
});
