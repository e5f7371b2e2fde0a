/**
 * `ticket api` on Zaia (Provider.request), over real HTTP against the simulator. Paths are relative
 * to the base URL as configured (the documented origin: `api/v1/...`; a base ending in /api/v1:
 * `tickets/...`). Zaia refuses with HTTP statuses, never inside a 2xx body, so a 2xx is a success
 * whatever it holds (DELETE tag answers `{message}`, doc lines 551-559), and a 401 goes through the
 * provider's own auth retry (raw key, then Bearer once) before it is the provider's AuthError.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NotFoundError, OperationError, UsageError } from "../../../src/errors.js";
import type { ApiRequest } from "../../../src/providers/types.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { startSimulator, type ZaiaState } from "../../../src/sandbox/zaia/index.js";
import { providerFor } from "../../helpers/provider.js";

let sim: Simulator;
let state: ZaiaState;
let apiKey: string;

const req = (method: string, path: string, extra: Partial<ApiRequest> = {}): ApiRequest => ({ method, path, query: [], ...extra });

/** The simulator's own answer to a GET, fetched directly with the key. */
async function direct(path: string): Promise<unknown> {
  const res = await fetch(`${sim.baseUrl}${path}`, { headers: { authorization: apiKey } });
  return res.json();
}

beforeAll(async () => {
  sim = await startSimulator({ tickets: 30 });
  state = sim.exportState() as ZaiaState;
  apiKey = sim.credentials.secrets["apiKey"]!;
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

describe("Zaia ticket api (Provider.request)", () => {
  it("GET of a documented endpoint returns Zaia's body verbatim", async () => {
    const id = sim.fixtures.ticketId;
    const { provider } = await providerFor(sim);
    const res = await provider.request!(req("GET", `api/v1/tickets/${id}/details`));
    expect(res.status).toBe(200);
    expect(res.error).toBeUndefined();
    expect(res.body).toEqual(await direct(`/api/v1/tickets/${id}/details`));
    expect(sim.requests[0]).toMatchObject({ method: "GET", path: `/api/v1/tickets/${id}/details` });
  });

  it("query parameters (inline and --query, repeated keys kept) reach Zaia as given", async () => {
    const { provider } = await providerFor(sim);
    const [a, b] = state.tags;
    const res = await provider.request!(req("GET", "/api/v1/tickets/details?status=completed", { query: [["pageSize", "3"], ["tagIds", a!.id], ["tagIds", b!.id]] }));
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect((res.body as unknown[]).length).toBeLessThanOrEqual(3);
    expect(sim.requests[0]!.query).toEqual({ status: "completed", pageSize: "3", tagIds: [a!.id, b!.id] });
  });

  it("a base URL configured with /api/v1 takes paths relative to it", async () => {
    const { provider } = await providerFor(sim, { baseUrl: `${sim.baseUrl}/api/v1/` });
    const res = await provider.request!(req("GET", "tags", { query: [["pageSize", "2"]] }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(await direct("/api/v1/tags?pageSize=2"));
    expect(sim.requests[0]?.path).toBe("/api/v1/tags");
  });

  it("a 404 comes back with its status, Zaia's body and a NotFoundError", async () => {
    const { provider } = await providerFor(sim);
    const res = await provider.request!(req("GET", `api/v1/tickets/${sim.fixtures.missingTicketId}/details`));
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: "Ticket not found", statusCode: 404 });
    expect(res.error).toBeInstanceOf(NotFoundError);
    expect(res.error!.exitCode).toBe(5);
  });

  it("refusals are classified as the provider's own calls are: 2xx {message} is a success, 400 a rejection, 401 the provider's AuthError after both key forms", async () => {
    const t = state.tickets.find((x) => x.tags.length > 0)!;
    const { provider } = await providerFor(sim);
    // DELETE tag answers {message} with 200 (doc lines 551-559): not an error.
    const removed = await provider.request!(req("DELETE", `api/v1/tickets/${t.id}/tags/${t.tags[0]!.tagId}`));
    expect(removed).toEqual({ status: 200, body: { message: expect.any(String) } });
    // A refused status value: 400 with Zaia's words.
    const bad = await provider.request!(req("GET", "api/v1/tickets/details", { query: [["status", "snoozed"]] }));
    expect(bad.status).toBe(400);
    expect(bad.error).toBeInstanceOf(OperationError);
    expect(bad.error!.message).toMatch(/status/);
    // A wrong key: the raw form, then Bearer once (auth.ts), then the provider's AuthError (exit 4).
    sim.requests.length = 0;
    const wrong = await providerFor(sim, { secrets: { apiKey: "sbx-zaia-wrong" } });
    const refused = await wrong.provider.request!(req("GET", "api/v1/tags"));
    expect(refused.status).toBe(401);
    expect(refused.error).toBeInstanceOf(AuthError);
    expect(refused.error!.message).toMatch(/Zaia refused the API key \(HTTP 401, sent both raw and as "Bearer <key>"\)/);
    expect(sim.requests.map((r) => r.headers["authorization"])).toEqual(["sbx-zaia-wrong", "Bearer sbx-zaia-wrong"]);
  });

  it("a POST body reaches Zaia as sent; the key is in the request Zaia got, not in what comes back", async () => {
    const t = state.tickets.find((x) => x.tags.length < state.tags.length)!;
    const tag = state.tags.find((g) => !t.tags.some((l) => l.tagId === g.id))!;
    const { provider } = await providerFor(sim);
    const res = await provider.request!(req("POST", `api/v1/tickets/${t.id}/tags`, { body: { tagId: tag.id } }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tagId: tag.id, ticketId: t.id });
    const got = sim.requests[0]!;
    expect(got).toMatchObject({ method: "POST", path: `/api/v1/tickets/${t.id}/tags`, body: { tagId: tag.id } });
    expect(got.rawBody).toBe(JSON.stringify({ tagId: tag.id }));
    expect(got.headers["authorization"]).toBe(apiKey);
    expect(JSON.stringify(res)).not.toContain(apiKey);
  });

  it("an absolute URL is refused before anything is sent", async () => {
    const { provider } = await providerFor(sim);
    await expect(provider.request!(req("GET", "https://elsewhere.example/api/v1/tags"))).rejects.toBeInstanceOf(UsageError);
    expect(sim.requests).toEqual([]);
  });
});
