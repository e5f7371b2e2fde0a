/**
 * `ticket api` on Comm100 (issue 10 item 2): Provider.request sends one request under the
 * profile's base URL (https://apiNN.comm100.io/v4, vendor-notes 2.1) with the profile's auth,
 * renews an OAuth token after a 401 as every call does, and returns the vendor's answer verbatim
 * with the failure it means. Over real HTTP against the simulator.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, OperationError, UsageError } from "../../../src/errors.js";
import { SANDBOX_API_KEY_SETTINGS, SANDBOX_OAUTH_SETTINGS, startSimulator, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";
import { providerFor } from "../../helpers/provider.js";

const TOKEN = "c100-token-for-api-test";
const API_KEY = "c100-api-key-for-api-test";
const PASSWORD = "c100-password-for-api-test";
let sim: Comm100Simulator;
beforeAll(async () => {
  sim = await startSimulator({ tickets: 20, secrets: { token: TOKEN, apiKey: API_KEY, password: PASSWORD } });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

const get = (path: string, query: [string, string][] = []) => ({ method: "GET", path, query });
const only = () => {
  expect(sim.requests).toHaveLength(1);
  return sim.requests[0]!;
};

describe("comm100 ticket api: GET", () => {
  it("a documented endpoint ([S1] line 115) answers the vendor's body verbatim, under the base URL", async () => {
    const { provider } = await providerFor(sim);
    const id = sim.fixtures.ticketId;
    const res = await provider.request!(get(`ticketing/tickets/${id}`, [["include", "assignee"]]));
    const r = only();
    expect([r.method, r.path, r.query]).toEqual(["GET", `/v4/ticketing/tickets/${id}`, { include: "assignee" }]);
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    // Verbatim: the simulator's own answer, every key as Comm100 sends it (not the normalized model).
    const wire = sim.state.tickets.find((t) => String(t.id) === id)!;
    expect(res.body).toMatchObject({ id: wire.id, subject: wire.subject, status: wire.status, contactOrVisitorId: wire.contactOrVisitorId, tagIds: wire.tagIds });
    expect(res.body).toHaveProperty("assignee");
    expect(res.body).not.toHaveProperty("vendor");
  });

  it("a leading slash is relative to the base URL too, and --query keeps repeated keys in order", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!(get("/ticketing/tags?x=1", [["x", "2"]]));
    const r = only();
    expect(r.path).toBe("/v4/ticketing/tags");
    expect(r.query).toEqual({ x: ["1", "2"] });
    expect(res.body).toEqual(sim.state.tags.map(({ id, name }) => ({ id, name })));
  });

  it("an absolute URL is a usage error and nothing is sent", async () => {
    const { provider } = await providerFor(sim);
    await expect(provider.request!(get("https://api15.comm100.io/v4/ticketing/tickets"))).rejects.toBeInstanceOf(UsageError);
    expect(sim.requests).toEqual([]);
  });

  it("a 404 comes back with its status, body and a NotFoundError (exit 5)", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!(get("ticketing/tickets/999999"));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 404000, message: "Ticket 999999 not found." });
    expect(res.error).toBeInstanceOf(NotFoundError);
    expect(res.error!.exitCode).toBe(5);
    expect(res.error!.message).toBe("Comm100: ticketing/tickets/999999 not found");
    expect(res.error!.httpStatus).toBe(404);
  });

  it("a 400 is an OperationError (exit 1) with Comm100's own words", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!(get("ticketing/tickets", [["tagid", "vip"]]));
    expect(res.status).toBe(400);
    expect(res.error).toBeInstanceOf(OperationError);
    expect(res.error!.message).toMatch(/^Comm100 rejected the request \(HTTP 400\): .*tagid/i);
  });

  it("Comm100 has no 2xx envelope: a 200 whose body looks like an error is not a refusal, as for the provider's own calls", async () => {
    const { provider } = await providerFor(sim);
    sim.fail({ kind: "status", status: 200, body: JSON.stringify({ code: 400000, message: "looks like an error" }) });
    const res = await provider.request!(get("ticketing/tags"));
    expect(res).toEqual({ status: 200, body: { code: 400000, message: "looks like an error" } });
  });

  it("a refused credential is an AuthError (exit 4) with the 401 answer", async () => {
    const { provider } = await providerFor(sim, { secrets: { token: "not-the-token" } });
    const res = await provider.request!(get("ticketing/tags"));
    expect(res.status).toBe(401);
    expect(res.error).toBeInstanceOf(AuthError);
  });
});

describe("comm100 ticket api: writes and credentials", () => {
  it("a POST body reaches the server as sent, and the answer is returned", async () => {
    const { provider } = await providerFor(sim);
    const id = Number(sim.fixtures.ticketId);
    const body = { ticketId: id, text: "from ticket api \u00e9\u{1F600}", extra: { nested: [1, "two", null] } };
    const res = await provider.request!({ method: "POST", path: "ticketing/notes", query: [], body });
    const r = only();
    expect([r.method, r.path]).toEqual(["POST", "/v4/ticketing/notes"]);
    expect(r.body).toEqual(body);
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ticketId: id, text: body.text });
    expect(sim.state.notes.some((n) => n.text === body.text)).toBe(true);
  });

  it("the token goes to the server, and is nowhere in what is returned", async () => {
    const { provider } = await providerFor(sim);
    const token = sim.credentials.secrets["token"]!;
    expect(token).toBe(TOKEN);
    const res = await provider.request!(get("ticketing/tags"));
    expect(only().headers["authorization"]).toBe(`Bearer ${token}`);
    expect(JSON.stringify(res)).not.toContain(token);
  });

  it("API-key auth: Basic email:key and siteId are added, and neither the key nor the Basic value is returned", async () => {
    const { provider } = await providerFor(sim, { secrets: { token: "", apiKey: API_KEY }, settings: SANDBOX_API_KEY_SETTINGS });
    const res = await provider.request!(get("ticketing/tickets", [["pageSize", "1"]]));
    const r = only();
    const basic = Buffer.from(`${SANDBOX_API_KEY_SETTINGS.email}:${API_KEY}`).toString("base64");
    expect(r.headers["authorization"]).toBe(`Basic ${basic}`);
    expect(r.query).toEqual({ pageSize: "1", siteId: SANDBOX_API_KEY_SETTINGS.siteId });
    expect(res.status).toBe(200);
    const text = JSON.stringify(res);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(basic);
  });

  it("an expired OAuth token is renewed once after the 401, as for any call; no token in the answer", async () => {
    const cacheRoot = mkdtempSync(join(tmpdir(), "c100-api-"));
    const oauth = () => providerFor(sim, { cacheRoot, secrets: { token: "", password: PASSWORD }, settings: SANDBOX_OAUTH_SETTINGS });
    const { provider } = await oauth();
    expect((await provider.request!(get("ticketing/tags"))).status).toBe(200);
    sim.expireTokens();
    sim.requests.length = 0;
    const res = await provider.request!(get("ticketing/tags"));
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    const seen = sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(seen[0]).toBe("GET /v4/ticketing/tags 401");
    expect(seen.at(-1)).toBe("GET /v4/ticketing/tags 200");
    expect(seen.some((s) => s.startsWith("POST /oauth/token 200"))).toBe(true);
    const text = JSON.stringify(res);
    expect(text).not.toContain(PASSWORD);
    const bearer = String(sim.requests.at(-1)!.headers["authorization"]).replace(/^Bearer /, "");
    expect(bearer.length).toBeGreaterThan(8);
    expect(text).not.toContain(bearer);
  });
});
