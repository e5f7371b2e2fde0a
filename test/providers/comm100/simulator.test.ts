/**
 * The Comm100 simulator refuses what the document says Comm100 refuses. Every rule is proven with a
 * wrong request sent by plain fetch (never the provider), and the document's own sample requests
 * are accepted as written. "[S1] line N" is vendor-docs/comm100-ticket-api.txt.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";

let sim: Comm100Simulator;
let bearer: string;
let ticketId: string;
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/comm100/${name}`, import.meta.url), "utf8").trim();

interface Init {
  json?: unknown;
  raw?: string;
  contentType?: string;
  query?: Record<string, string>;
  authorization?: string | null;
}

async function call(method: string, path: string, init: Init = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const url = new URL(path.startsWith("/") ? path : `${sim.baseUrl}/${path}`, sim.baseUrl);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  const authorization = init.authorization === undefined ? bearer : init.authorization;
  if (authorization !== null) headers["authorization"] = authorization;
  let body: string | undefined;
  if (init.json !== undefined || init.raw !== undefined) {
    body = init.raw ?? JSON.stringify(init.json);
    headers["content-type"] = init.contentType ?? "application/json";
  }
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const token = (form: Record<string, string>, contentType = "application/x-www-form-urlencoded") =>
  fetch(new URL("/oauth/token", sim.baseUrl), { method: "POST", headers: { "content-type": contentType }, body: new URLSearchParams(form).toString() });

/** A Comm100 refusal: the status, and the error body `{code, message}` (readings.ts). */
function refused(r: { status: number; body: any }, status: number, message?: RegExp) {
  expect(r.status).toBe(status);
  expect(r.body).toMatchObject({ code: status * 1000, message: expect.any(String) });
  if (message) expect(r.body.message).toMatch(message);
}

const validTicket = () => ({
  subject: "Printer on fire",
  channelId: "Email",
  contactOrVisitorId: sim.state.contacts[0]!.id,
});

beforeAll(async () => {
  sim = await startSimulator({ tickets: 30, secrets: { password: "sim-test-password" } });
  bearer = `Bearer ${sim.credentials.secrets["token"] ?? ""}`;
  // An OAuth-only simulator: sign in once for a bearer token.
  const res = await token({ grant_type: "password", email: "agent@sandbox.example.com", password: "sim-test-password", client_id: sim.credentials.settings["clientId"]! });
  bearer = `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
  ticketId = String(sim.state.tickets[0]!.id);
});
afterAll(async () => {
  await sim.close();
});

describe("comm100 simulator: the document's own samples are accepted", () => {
  it("POST ticketing/tickets with the sample body of line 167 answers 201 with the ticket", async () => {
    const r = await call("POST", "ticketing/tickets", { raw: fixture("create-ticket.request.json") });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ subject: "Chat Transcript with Michael", contactOrVisitorId: "E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4", status: "new", priority: "normal" });
    expect(typeof r.body.id).toBe("number");
  });
  it("PUT ticketing/tickets/{id} with the sample body of line 464 answers 200", async () => {
    const r = await call("PUT", `ticketing/tickets/${ticketId}`, { raw: fixture("update-ticket.request.json") });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: Number(ticketId), subject: "Chat Transcript with Michael" });
  });
  it("POST ticketing/tickets/{id}:merge with the sample's string sourceId (line 295) answers 200 with no body (line 299)", async () => {
    const target = sim.state.tickets[1]!.id;
    const source = sim.state.tickets[2]!.id;
    const r = await call("POST", `ticketing/tickets/${target}:merge`, { raw: `{"sourceId": "${source}"}` });
    expect(r.status).toBe(200);
    expect(r.body).toBeUndefined();
  });
  it("the list answer is the sample's object: tickets, nextPage, previousPage, total (line 112)", async () => {
    const r = await call("GET", "ticketing/tickets", { query: { pageSize: "5" } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["nextPage", "previousPage", "tickets", "total"]);
    expect(r.body.tickets).toHaveLength(5);
    expect(r.body.nextPage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v4\/ticketing\/tickets\?.*pageIndex=2/);
    expect(r.body.previousPage).toBeNull();
    // Always there, as in the sample answered to a request without include (lines 125, 133).
    expect(r.body.tickets[0]).toHaveProperty("tags");
    expect(r.body.tickets[0]).toHaveProperty("noteMentions");
  });
  it("DELETE answers 204 No Content (line 491)", async () => {
    const created = await call("POST", "ticketing/tickets", { json: validTicket() });
    expect((await call("DELETE", `ticketing/tickets/${created.body.id}`)).status).toBe(204);
  });
});

describe("comm100 simulator: auth rules (vendor-notes 2.1)", () => {
  it("rule 1: a request without Authorization is 401", async () => {
    refused(await call("GET", "ticketing/tickets", { authorization: null }), 401);
  });
  it("rule 2: a Bearer token it never issued is 401", async () => {
    refused(await call("GET", "ticketing/tickets", { authorization: "Bearer not-a-token" }), 401);
  });
  it("rule 3: an expired token is 401 (tokens live tokenTtlSeconds)", async () => {
    let now = Date.now();
    const s = await startSimulator({ tickets: 3, tokenTtlSeconds: 60, now: () => new Date(now) });
    try {
      const get = () => fetch(`${s.baseUrl}/ticketing/tickets`, { headers: { authorization: `Bearer ${s.credentials.secrets["token"]}` } });
      expect((await get()).status).toBe(200);
      now += 61_000;
      const r = await get();
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ message: "The access token has expired." });
    } finally {
      await s.close();
    }
  });
  it("rule 4: Basic needs the agent email and the API key", async () => {
    const wrong = `Basic ${Buffer.from("agent@sandbox.example.com:wrong-key").toString("base64")}`;
    refused(await call("GET", "ticketing/tickets", { authorization: wrong, query: { siteId: "10000" } }), 401);
  });
  it("rule 5: Basic without the siteId query parameter is 401", async () => {
    const s = await startSimulator({ tickets: 3, secrets: { apiKey: "key-0123456789" } });
    try {
      const basic = `Basic ${Buffer.from("agent@sandbox.example.com:key-0123456789").toString("base64")}`;
      expect((await fetch(`${s.baseUrl}/ticketing/tickets?siteId=10000`, { headers: { authorization: basic } })).status).toBe(200);
      const r = await fetch(`${s.baseUrl}/ticketing/tickets`, { headers: { authorization: basic } });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { message: string }).message).toMatch(/siteId/);
    } finally {
      await s.close();
    }
  });
});

describe("comm100 simulator: token endpoint rules (vendor-notes 2.1)", () => {
  const good = () => ({ grant_type: "password", email: "agent@sandbox.example.com", password: "sim-test-password", client_id: sim.credentials.settings["clientId"]! });
  it("rule 6: a token request that is not form-encoded is 400 invalid_request", async () => {
    const r = await fetch(new URL("/oauth/token", sim.baseUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(good()) });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: "invalid_request" });
  });
  it("rule 7: a missing or unknown grant_type is 400", async () => {
    const { grant_type: _g, ...rest } = good();
    expect(await (await token(rest)).json()).toMatchObject({ error: "invalid_request" });
    const r = await token({ ...good(), grant_type: "client_credentials" });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: "unsupported_grant_type" });
  });
  it("rule 8: client_id is required and must be the site's OAuth client", async () => {
    const { client_id: _c, ...rest } = good();
    expect((await token(rest)).status).toBe(400);
    const r = await token({ ...good(), client_id: "someone-else" });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: "invalid_client" });
  });
  it("rule 9: a wrong password is 400 invalid_grant", async () => {
    const r = await token({ ...good(), password: "nope" });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: "invalid_grant" });
  });
  it("rule 10: a refresh token works once, then is 400 invalid_grant", async () => {
    const first = (await (await token(good())).json()) as { refresh_token: string; access_token: string; token_type: string; expires_in: number };
    expect(first).toMatchObject({ token_type: "bearer", expires_in: 43_199 });
    const refresh = { grant_type: "refresh_token", refresh_token: first.refresh_token, client_id: good().client_id };
    const again = await token(refresh);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { access_token: string }).access_token).not.toBe(first.access_token);
    const reused = await token(refresh);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("comm100 simulator: JSON write rules", () => {
  const writes: [string, string, () => unknown][] = [
    ["POST", "ticketing/tickets", validTicket],
    ["PUT", "ticketing/tickets/ID", validTicket],
    ["POST", "ticketing/messages", () => ({ ticketId: Number(ticketId), body: "hi" })],
    ["POST", "ticketing/notes", () => ({ ticketId: Number(ticketId), text: "hi" })],
    ["POST", "ticketing/tickets/ID:merge", () => ({ sourceId: 1 })],
  ];
  it("rule 11: a JSON write sent as a form or as text/plain is 415 (every sample sends Content-Type: application/json, e.g. line 166)", async () => {
    for (const [method, path, body] of writes) {
      const p = path.replace("ID", ticketId);
      refused(await call(method, p, { raw: new URLSearchParams(body() as Record<string, string>).toString(), contentType: "application/x-www-form-urlencoded" }), 415);
      refused(await call(method, p, { raw: JSON.stringify(body()), contentType: "text/plain" }), 415);
    }
  });
  it("rule 12: a body that is not valid JSON is 400", async () => {
    for (const [method, path] of writes) refused(await call(method, path.replace("ID", ticketId), { raw: '{"subject": ' }), 400, /not valid JSON/);
  });
  it("rule 13: a body that is not a JSON object is 400", async () => {
    for (const [method, path] of writes) refused(await call(method, path.replace("ID", ticketId), { json: [1, 2] }), 400, /required/);
  });
});

describe("comm100 simulator: ticket field rules ([S1] lines 138-157, 433-454)", () => {
  const both = async (change: Record<string, unknown>, message?: RegExp, status = 400) => {
    refused(await call("POST", "ticketing/tickets", { json: { ...validTicket(), ...change } }), status, message);
    refused(await call("PUT", `ticketing/tickets/${ticketId}`, { json: { ...validTicket(), ...change } }), status, message);
  };
  it("rule 14: subject, channelId and contactOrVisitorId are required on create and on update", async () => {
    for (const field of ["subject", "channelId", "contactOrVisitorId"]) {
      const body: Record<string, unknown> = validTicket();
      delete body[field];
      refused(await call("POST", "ticketing/tickets", { json: body }), 400, new RegExp(`${field} field is required`));
      refused(await call("PUT", `ticketing/tickets/${ticketId}`, { json: body }), 400, new RegExp(`${field} field is required`));
    }
    await both({ subject: "  " }, /subject field is required/);
  });
  it("rule 15: string fields take strings (subject, channelId, languages)", async () => {
    await both({ subject: 42 }, /subject is not a valid string/);
    await both({ channelId: 7 }, /channelId is not a valid string/);
    await both({ agentLanguage: false }, /agentLanguage/);
  });
  it("rule 16: guid fields take guids (assigneeId, departmentAssigneeId, contactOrVisitorId, channelAccountId, createdById)", async () => {
    for (const field of ["assigneeId", "departmentAssigneeId", "contactOrVisitorId", "channelAccountId", "createdById"]) await both({ [field]: "bob" }, new RegExp(`${field} is not a valid guid`));
    await both({ assigneeId: 12345 }, /assigneeId is not a valid guid/);
  });
  it("rule 17: bool fields take booleans (autoTranslationStatus; isReadByAgent and isInRecycleBin on update)", async () => {
    await both({ autoTranslationStatus: "true" }, /autoTranslationStatus is not a valid bool/);
    refused(await call("PUT", `ticketing/tickets/${ticketId}`, { json: { ...validTicket(), isReadByAgent: 1 } }), 400, /isReadByAgent/);
    refused(await call("PUT", `ticketing/tickets/${ticketId}`, { json: { ...validTicket(), isInRecycleBin: "no" } }), 400, /isInRecycleBin/);
  });
  it("rule 18: enum fields take only the allowed values (status, priority, assigneeType, contactOrVisitorType, createdByType)", async () => {
    await both({ status: "closed" }, /'closed' is not valid for status/);
    await both({ status: "New" }, /not valid for status/);
    await both({ priority: "critical" }, /not valid for priority/);
    await both({ assigneeType: "human" }, /not valid for assigneeType/);
    await both({ contactOrVisitorType: "customer" }, /not valid for contactOrVisitorType/);
    await both({ createdByType: "bot" }, /not valid for createdByType/);
  });
  it("rule 19: tagIds is an array of guids, messages an array of message objects with a body", async () => {
    await both({ tagIds: "vip" }, /tagIds/);
    await both({ tagIds: ["vip"] }, /tagIds/);
    await both({ messages: "hello" }, /messages/);
    await both({ messages: [{ type: "text" }] }, /messages\[0\]: The body field is required/);
    await both({ messages: [{ body: "x", type: "sms" }] }, /messages\[0\].*not valid for type/);
  });
  it("rule 20: an agent, department, contact or tag that does not exist is refused naming the field", async () => {
    const nobody = "0badc0de-0000-4000-8000-000000000000";
    await both({ assigneeId: nobody }, /assigneeId '0badc0de/);
    await both({ departmentAssigneeId: nobody }, /departmentAssigneeId/);
    await both({ contactOrVisitorId: nobody }, /contactOrVisitorId/);
    await both({ tagIds: [nobody] }, /tagId/);
  });
  it("rule 21: a ticket id in the path is a selfIncrementId (line 27): anything else is 400, an unknown one 404", async () => {
    for (const id of ["abc", "-1", "1.5", "0"]) refused(await call("GET", `ticketing/tickets/${id}`), 400, /not valid for id/);
    refused(await call("GET", "ticketing/tickets/999999"), 404);
    refused(await call("PUT", "ticketing/tickets/abc", { json: validTicket() }), 400);
  });
});

describe("comm100 simulator: list rules ([S1] lines 84-95; paging from the 2020 draft)", () => {
  it("rule 22: include takes only the values of line 95", async () => {
    refused(await call("GET", "ticketing/tickets", { query: { include: "assignee,messages" } }), 400, /'messages' is not valid for include/);
    refused(await call("GET", `ticketing/tickets/${ticketId}`, { query: { include: "agentAssignee" } }), 400);
    expect((await call("GET", "ticketing/tickets", { query: { include: "ticketingTag,assignee,departmentAssignee,contactOrVisitor" } })).status).toBe(200);
  });
  it("rule 23: time and lastRepliedTime are datetimes", async () => {
    refused(await call("GET", "ticketing/tickets", { query: { time: "yesterday" } }), 400, /time/);
    refused(await call("GET", "ticketing/tickets", { query: { lastRepliedTime: "soon" } }), 400, /lastRepliedTime/);
    expect((await call("GET", "ticketing/tickets", { query: { time: "2021-05-12T08:10:53.480Z" } })).status).toBe(200);
  });
  it("rule 24: tagid, viewId and contactOrVisitor are guids (any letter case of the name)", async () => {
    for (const name of ["tagid", "tagId", "viewId", "contactOrVisitor"]) refused(await call("GET", "ticketing/tickets", { query: { [name]: "vip" } }), 400);
  });
  it("rule 25: contactOrVisitorType is contact or visitor (line 94)", async () => {
    refused(await call("GET", "ticketing/tickets", { query: { contactOrVisitorType: "agent" } }), 400);
    expect((await call("GET", "ticketing/tickets", { query: { contactOrVisitorType: "visitor" } })).status).toBe(200);
  });
  it("rule 26: pageSize is 1 to 50 and pageIndex at least 1", async () => {
    for (const pageSize of ["0", "51", "ten"]) refused(await call("GET", "ticketing/tickets", { query: { pageSize } }), 400, /pageSize/);
    refused(await call("GET", "ticketing/tickets", { query: { pageIndex: "0" } }), 400, /pageIndex/);
  });
});

describe("comm100 simulator: merge, message and note rules", () => {
  it("rule 27: sourceId is required and an integer ([S1] line 282)", async () => {
    const target = sim.state.tickets[3]!.id;
    refused(await call("POST", `ticketing/tickets/${target}:merge`, { json: {} }), 400, /sourceId field is required/);
    refused(await call("POST", `ticketing/tickets/${target}:merge`, { json: { sourceId: "ten" } }), 400, /sourceId/);
    refused(await call("POST", `ticketing/tickets/${target}:merge`, { json: { sourceId: 4.5 } }), 400, /sourceId/);
  });
  it("rule 28: a ticket is not merged into itself, nor merged twice", async () => {
    const target = sim.state.tickets[4]!.id;
    refused(await call("POST", `ticketing/tickets/${target}:merge`, { json: { sourceId: target } }), 400, /itself/);
    const source = sim.state.tickets[5]!.id;
    expect((await call("POST", `ticketing/tickets/${target}:merge`, { json: { sourceId: source } })).status).toBe(200);
    refused(await call("POST", `ticketing/tickets/${target}:merge`, { json: { sourceId: source } }), 400, /already been merged/);
  });
  it("rule 29: a message needs its ticketId and body", async () => {
    refused(await call("POST", "ticketing/messages", { json: { body: "hi" } }), 400, /ticketId field is required/);
    refused(await call("POST", "ticketing/messages", { json: { ticketId: Number(ticketId) } }), 400, /body field is required/);
    refused(await call("POST", "ticketing/messages", { json: { ticketId: "eleven", body: "hi" } }), 400, /ticketId/);
    refused(await call("POST", "ticketing/messages", { json: { ticketId: 999999, body: "hi" } }), 404);
  });
  it("rule 30: message fields keep their documented types and values (type, sentByType, isInternal, sentById)", async () => {
    const base = { ticketId: Number(ticketId), body: "hi" };
    refused(await call("POST", "ticketing/messages", { json: { ...base, type: "sms" } }), 400, /type/);
    refused(await call("POST", "ticketing/messages", { json: { ...base, sentByType: "customer" } }), 400, /sentByType/);
    refused(await call("POST", "ticketing/messages", { json: { ...base, isInternal: "false" } }), 400, /isInternal/);
    refused(await call("POST", "ticketing/messages", { json: { ...base, sentById: "me" } }), 400, /sentById/);
  });
  it("rule 31: a note needs its ticketId and text, and a guid agentId", async () => {
    refused(await call("POST", "ticketing/notes", { json: { text: "x" } }), 400, /ticketId field is required/);
    refused(await call("POST", "ticketing/notes", { json: { ticketId: Number(ticketId) } }), 400, /text field is required/);
    refused(await call("POST", "ticketing/notes", { json: { ticketId: Number(ticketId), text: "x", agentId: "me" } }), 400, /agentId/);
  });
  it("an unknown path is a 404 in Comm100's error body", async () => {
    refused(await call("GET", "ticketing/attachments"), 404);
  });
});
