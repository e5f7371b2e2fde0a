/**
 * `ticket api` on 3Dolphins (Provider.request) over real HTTP against the simulator: paths are
 * relative to the profile's base URL as configured (.../dolphin/apiv1, so they start with graph/),
 * the vendor's body comes back verbatim, an HTTP 404 and a refusal inside a 2xx envelope are
 * classified as for the provider's own calls, a POST body reaches the server as sent, the bearer
 * token is sent but never returned, and a refused token is renewed once in password mode.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, ConfigError, NotFoundError } from "../../../src/errors.js";
import { startSimulator } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { providerFor, type TestProvider } from "../../helpers/provider.js";

const G = "/dolphin/apiv1/graph";

let sim: Simulator;
let tp: TestProvider;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ tickets: 20 });
  token = sim.credentials.secrets["token"]!;
  tp = await providerFor(sim);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

const api = (method: string, path: string, extra: { query?: [string, string][]; body?: unknown } = {}) =>
  tp.provider.request!({ method, path, query: extra.query ?? [], ...(extra.body !== undefined ? { body: extra.body } : {}) });

/** The same request sent by hand, for the body the simulator answers. */
async function direct(path: string): Promise<unknown> {
  const res = await fetch(`${sim.baseUrl}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as unknown;
}

describe("3dolphins ticket api", () => {
  it("GET graph/tickets/{ticketNumber} (doc line 24): the vendor's body verbatim, status 200, no error", async () => {
    const path = `graph/tickets/${sim.fixtures.ticketId}`;
    const res = await api("GET", path);
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    expect(res.body).toEqual(await direct(path));
    expect(res.body).toMatchObject({ status: "success", data: { ticketNumber: sim.fixtures.ticketId } });
    expect(sim.requests[0]).toMatchObject({ method: "GET", path: `${G}/tickets/${sim.fixtures.ticketId}` });
  });

  it("a leading / and --query pairs: GET /graph/tickets?start&count (doc line 64) with the query as given", async () => {
    const res = await api("GET", "/graph/tickets", { query: [["start", "0"], ["count", "2"]] });
    expect(res.status).toBe(200);
    expect((res.body as { data: unknown[] }).data).toHaveLength(2);
    expect(sim.requests[0]).toMatchObject({ method: "GET", path: `${G}/tickets`, query: { start: "0", count: "2" } });
  });

  it("an HTTP 404: the status and the vendor's body, with a NotFound error", async () => {
    const res = await api("GET", "graph/no/such/route");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404 });
    expect(res.error).toBeInstanceOf(NotFoundError);
    expect(res.error).toMatchObject({ httpStatus: 404, vendor: "3dolphins" });
  });

  it("a refusal inside a 200 envelope is classified as the provider's own calls classify it", async () => {
    // A missing ticket: 200 {"status":"failed","message":"Ticket ... not found"} (the simulator's envelope reading).
    const missing = await api("GET", `graph/tickets/${sim.fixtures.missingTicketId}`);
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ status: "failed", message: `Ticket ${sim.fixtures.missingTicketId} not found` });
    expect(missing.error).toBeInstanceOf(NotFoundError);
    expect(missing.error).toMatchObject({ vendor: "3dolphins", vendorCode: "failed" });
    // The same answer to the provider's own show is the same class.
    await expect(tp.provider.show(sim.fixtures.missingTicketId!)).rejects.toBeInstanceOf(NotFoundError);

    // A refusal that is neither "not found" nor auth: exit 1 with the vendor's code.
    const wrongChannel = await api("POST", "graph/tickets/sendMessage", {
      body: { ticketNumber: sim.fixtures.ticketId, channelType: "no-such-channel", replyAgent: sim.credentials.settings["replyAgent"], message: "hi" },
    });
    expect(wrongChannel.status).toBe(200);
    expect(wrongChannel.error).toMatchObject({ code: "failed", vendorCode: "failed", message: expect.stringContaining("channelType no-such-channel does not match") });
  });

  it("a POST body reaches the server as sent (doc line 82), and its answer comes back", async () => {
    const ticket = ((await direct(`graph/tickets/${sim.fixtures.ticketId}`)) as { data: { channelType: string } }).data;
    const body = { ticketNumber: sim.fixtures.ticketId, channelType: ticket.channelType, replyAgent: sim.credentials.settings["replyAgent"], message: "Sent through ticket api – ünïcode" };
    const res = await api("POST", "graph/tickets/sendMessage", { body });
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    const received = sim.requests.find((r) => r.method === "POST")!;
    expect(received.path).toBe(`${G}/tickets/sendMessage`);
    expect(received.body).toEqual(body);
    expect(String(received.headers["content-type"])).toMatch(/^application\/json/);
  });

  it("the bearer token is in the request the server received, never in the returned value", async () => {
    const res = await api("GET", `graph/tickets/${sim.fixtures.ticketId}`);
    expect(sim.requests[0]!.headers["authorization"]).toBe(`Bearer ${token}`);
    expect(JSON.stringify(res)).not.toContain(token);
  });

  it("a refused token quoted back by the vendor: 401 and AuthError, the token masked in the returned body and message", async () => {
    const wrong = await providerFor(sim, { secrets: { token: "wrong-token-0123456789" } });
    const res = await wrong.provider.request!({ method: "GET", path: `graph/tickets/${sim.fixtures.ticketId}`, query: [] });
    expect(res.status).toBe(401);
    expect(res.error).toBeInstanceOf(AuthError);
    expect(sim.requests.at(-1)!.headers["authorization"]).toBe("Bearer wrong-token-0123456789");
    expect(JSON.stringify(res.body)).not.toContain("wrong-token-0123456789");
    expect(res.error!.message).not.toContain("wrong-token-0123456789");
  });

  it("paths are relative to the base URL as configured: a profile ending in /graph takes tickets/...", async () => {
    const graph = await providerFor(sim, { baseUrl: `${sim.baseUrl}/graph` });
    const res = await graph.provider.request!({ method: "GET", path: `tickets/${sim.fixtures.ticketId}`, query: [] });
    expect(res.status).toBe(200);
    expect(sim.requests.at(-1)!.path).toBe(`${G}/tickets/${sim.fixtures.ticketId}`);
  });

  it("an absolute URL is refused before anything is sent", async () => {
    await expect(api("GET", "http://evil.example/graph/tickets")).rejects.toMatchObject({ code: "usage" });
    expect(sim.requests).toHaveLength(0);
  });

  it("password mode: a token the server no longer knows is renewed once at graph/auth, then the request succeeds", async () => {
    const password = "api-test-password-0123";
    const pwSim = await startSimulator({ tickets: 5, secrets: { password } });
    try {
      const pw = await providerFor(pwSim, { secrets: { token: "", password }, cacheRoot: mkdtempSync(join(tmpdir(), "t3d-api-cache-")) });
      const path = `graph/tickets/${pwSim.fixtures.ticketId}`;
      expect((await pw.provider.request!({ method: "GET", path, query: [] })).status).toBe(200);
      // The server forgets every token it issued: the next call is refused, renewed once, and answered.
      (pwSim.exportState() as { tokens: unknown[] }).tokens.length = 0;
      pwSim.requests.length = 0;
      const res = await pw.provider.request!({ method: "GET", path, query: [] });
      expect(res.status).toBe(200);
      expect(res.error).toBeUndefined();
      expect(pwSim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`GET ${G}/tickets/${pwSim.fixtures.ticketId} 401`, `POST ${G}/auth 200`, `GET ${G}/tickets/${pwSim.fixtures.ticketId} 200`]);
      expect(JSON.stringify(res)).not.toContain(password);
    } finally {
      await pwSim.close();
    }
  });

  it("no credentials at all: a configuration error, nothing sent", async () => {
    const none = await providerFor(sim, { secrets: { token: "" } });
    await expect(none.provider.request!({ method: "GET", path: "graph/tickets", query: [] })).rejects.toBeInstanceOf(ConfigError);
    expect(sim.requests).toHaveLength(0);
  });
});
