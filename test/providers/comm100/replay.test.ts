/**
 * Replays of vendor-docs/comm100-ticket-api.txt: a tiny server answers with the document's own
 * sample answers, verbatim (test/fixtures/comm100/, see SOURCES.md), and each test checks both the
 * normalized result and the exact request the provider sent. Every assertion cites the document
 * line it rests on ("line N" = vendor-docs/comm100-ticket-api.txt line N). Paths the document does
 * not show (messages, notes) answer 404, as a server that knew only this document would.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TicketSchema } from "../../../src/model/schema.js";
import { startSimulator, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";
import { collect, providerFor } from "../../helpers/provider.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/comm100/${name}`, import.meta.url), "utf8").trim();
const SAMPLE = {
  list: fixture("list-tickets.200.json"),
  ticket: fixture("get-ticket.200.json"),
  createRequest: JSON.parse(fixture("create-ticket.request.json")) as Record<string, unknown>,
  created: fixture("create-ticket.201.json"),
  updateRequest: JSON.parse(fixture("update-ticket.request.json")) as Record<string, unknown>,
  updated: fixture("update-ticket.200.json"),
};
const TOKEN = "replay-access-token-0001";

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
}

let seen: Seen[] = [];
let origin = "";
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const url = new URL(req.url ?? "/", "http://replay");
    const text = Buffer.concat(chunks).toString("utf8");
    seen.push({ method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : undefined });
    const send = (status: number, body?: string) => {
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json; charset=utf-8" });
      res.end(body);
    };
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /v4/ticketing/tickets") return send(200, SAMPLE.list); // line 110-112
    if (route === "GET /v4/ticketing/tickets/11") return send(200, SAMPLE.ticket); // line 131-133
    if (route === "POST /v4/ticketing/tickets") return send(201, SAMPLE.created); // line 171-173
    if (route === "PUT /v4/ticketing/tickets/11") return send(200, SAMPLE.updated); // line 468-470
    if (route === "POST /v4/ticketing/tickets/1732:merge") return send(200); // line 299: 200 OK, no body
    if (route === "GET /v4/ticketing/tickets/1732") return send(200, SAMPLE.ticket);
    send(404, JSON.stringify({ code: 404000, message: "Not found" }));
  });
});

// A stand-in Simulator object: providerFor() takes its base URL and credentials, nothing else.
let profile: Comm100Simulator;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sim = await startSimulator({ tickets: 1 });
  await sim.close();
  profile = { ...sim, baseUrl: `${origin}/v4`, credentials: { secrets: { token: TOKEN }, settings: {} } };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  seen = [];
});

const pick = (o: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));

/** Ticket 11 as the samples of lines 112, 133, 173 and 470 describe it, normalized. */
const TICKET_11 = {
  id: "11", // "id":11, selfIncrementId (line 27)
  number: null,
  subject: "Chat Transcript with Michael",
  status: "new", // "status":"new" (line 43 allowed values)
  vendorStatus: "new",
  priority: "normal", // "priority":"normal" (line 44)
  assignee: { id: "1487fc9d-92e6-4487-a2e8-92e68d6892e6", name: null, email: null }, // assigneeId (line 30)
  team: { id: "91B032D9-0D07-4798-95F7-7EA482BC592C", name: null }, // departmentAssigneeId (line 31)
  requester: { id: "E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4", name: null, email: null, phone: null }, // contactOrVisitorId (line 37)
  channel: "F9B07E54-0D35-4F53-BA63-1194E4297291", // channelId (line 32)
  tags: ["my tag"], // tags[] (line 68): {"id":"bdf96bad-...","name":"my tag"}
  createdAt: "2021-05-12T08:10:53.480Z", // createdTime (line 53)
  updatedAt: "2021-04-07T05:59:17.887Z", // lastUpdatedTime (line 54)
  lastCustomerMessageAt: null, // "lastRepliedByType":"agent" (line 46): the last reply was ours
  firstResponseAt: "2021-05-12T08:13:00.480Z", // createdTime + "firstResponseTimeSpan":127 seconds (line 67, unit a GUESS)
  resolvedAt: "2021-05-12T08:10:53.486Z", // resolvedTime (line 57)
  vendor: "comm100",
  profile: "test",
};

function expectBearer(r: Seen) {
  // -H 'Authorization: Bearer {access_token}' (lines 106, 127, 165, 293, 462)
  expect(r.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
}

describe("comm100 replay of the document's samples", () => {
  it("GET ticketing/tickets (lines 84-112): the sample list, normalized", async () => {
    const { provider } = await providerFor(profile);
    const tickets = await collect(provider.list({}));
    expect(tickets).toEqual([TICKET_11]);
    expect(() => TicketSchema.parse(tickets[0])).not.toThrow();
    // "nextPage":null (line 112): one request, no page after it.
    expect(seen).toHaveLength(1);
    const [r] = seen;
    expect(r!.method).toBe("GET"); // -X 'GET' (line 105)
    expect(r!.path).toBe("/v4/ticketing/tickets"); // curl https://api15.comm100.io/v4/ticketing/tickets (line 104)
    expectBearer(r!);
    // include takes the values of line 95.
    expect(r!.query.get("include")!.split(",")).toEqual(["ticketingTag", "assignee", "departmentAssignee", "contactOrVisitor"]);
    expect(r!.body).toBeUndefined();
  });

  it("GET ticketing/tickets with filters: keywords, tagid, time, contactOrVisitor as the parameters of lines 88-93", async () => {
    const { provider } = await providerFor(profile);
    await collect(provider.list({ query: "printer", tag: "bdf96bad-890f-4af5-8f4e-42d2cc29e61b", updatedSince: new Date("2021-04-01T00:00:00Z"), requester: "E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4" }));
    const q = seen[0]!.query;
    expect(q.get("keywords")).toBe("printer"); // line 91
    expect(q.get("tagid")).toBe("bdf96bad-890f-4af5-8f4e-42d2cc29e61b"); // line 88, a guid
    expect(q.get("time")).toBe("2021-04-01T00:00:00.000Z"); // line 89, datetime, last updated time
    expect(q.get("contactOrVisitor")).toBe("E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4"); // line 93, a guid
  });

  it("GET ticketing/tickets/{id} (lines 115-133): the sample ticket, with the undocumented sub-lists skipped", async () => {
    const { provider, logs } = await providerFor(profile);
    const d = await provider.show("11");
    expect(d).toMatchObject(TICKET_11);
    expect(d.messages).toEqual([]);
    const r = seen[0]!;
    expect(r.method).toBe("GET"); // line 126
    expect(r.path).toBe("/v4/ticketing/tickets/11"); // line 125
    expectBearer(r);
    expect(r.query.get("include")!.split(",")).toContain("ticketingMessage"); // line 119
    expect(logs.every((l) => l.startsWith("warning: Comm100 answered HTTP 404 for the"))).toBe(true);
  });

  it("POST ticketing/tickets (lines 136-173): the required fields as the sample sends them; the 201 answer, normalized", async () => {
    const { provider } = await providerFor(profile);
    const t = await provider.create!({
      subject: "Chat Transcript with Michael",
      requester: "E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4",
      channel: "F9B07E54-0D35-4F53-BA63-1194E4297291",
      priority: "normal",
      status: "new",
      assignee: "1487fc9d-92e6-4487-a2e8-92e68d6892e6",
      team: "91B032D9-0D07-4798-95F7-7EA482BC592C",
      body: "Hello",
    });
    expect(t).toEqual(TICKET_11); // HTTP/1.1 201 Created (line 171) with the ticket (line 173)
    expect(seen).toHaveLength(1);
    const r = seen[0]!;
    expect([r.method, r.path]).toEqual(["POST", "/v4/ticketing/tickets"]); // lines 163-164
    expectBearer(r);
    expect(r.headers["content-type"]).toMatch(/^application\/json/); // line 166
    const body = r.body as Record<string, unknown>;
    // subject, channelId, contactOrVisitorId are required (lines 140, 144, 146); with the other
    // fields sent, the values are the sample's (line 167).
    const keys = ["subject", "channelId", "contactOrVisitorId", "assigneeId", "departmentAssigneeId", "assigneeType", "contactOrVisitorType", "status", "priority"];
    expect(pick(body, keys)).toEqual(pick(SAMPLE.createRequest, keys));
    // messages[] (line 156), each one as the sample's items: type, body, sentByType, isInternal (line 167).
    expect(body["messages"]).toEqual([{ type: "text", body: "Hello", sentByType: "agent", isInternal: false, channelId: "F9B07E54-0D35-4F53-BA63-1194E4297291" }]);
  });

  it("PUT ticketing/tickets/{id} (lines 431-470): assign sends the full ticket back, as the sample request does", async () => {
    const { provider } = await providerFor(profile);
    const t = await provider.assign!("11", { assignee: "1487fc9d-92e6-4487-a2e8-92e68d6892e6" });
    expect(t).toEqual(TICKET_11);
    // The PUT's answer is the ticket (lines 466-470) and names the agent the read did: no read-back.
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v4/ticketing/tickets/11", "PUT /v4/ticketing/tickets/11"]);
    const put = seen[1]!;
    expectBearer(put);
    expect(put.headers["content-type"]).toMatch(/^application\/json/); // line 463
    // Read from the sample ticket (line 133) and sent back: the same values as the sample PUT body (line 464).
    // subject, channelId and contactOrVisitorId are required on update too (lines 435, 439, 441).
    const keys = [
      "subject",
      "originalConversationId",
      "assigneeId",
      "departmentAssigneeId",
      "channelId",
      "channelAccountId",
      "contactOrVisitorId",
      "createdById",
      "assigneeType",
      "contactOrVisitorType",
      "status",
      "priority",
      "createdByType",
      "contactLanguage",
      "agentLanguage",
      "autoTranslationStatus",
    ];
    expect(pick(put.body as Record<string, unknown>, keys)).toEqual(pick(SAMPLE.updateRequest, keys));
    // tagIds (line 454) from the ticket's own (line 133).
    expect((put.body as Record<string, unknown>)["tagIds"]).toEqual(["1487fc9d-92e6-4487-a2e8-92e68d6892e6"]);
  });

  it("PUT ticketing/tickets/{id}: close sends status resolved, one of the values of line 445", async () => {
    const { provider } = await providerFor(profile);
    await provider.close!("11", {});
    const put = seen.find((r) => r.method === "PUT")!;
    expect((put.body as Record<string, unknown>)["status"]).toBe("resolved");
    expect((put.body as Record<string, unknown>)["subject"]).toBe("Chat Transcript with Michael");
  });

  it("POST ticketing/tickets/{id}:merge (lines 277-299): sourceId as an integer, the 200 with no body accepted", async () => {
    const { provider } = await providerFor(profile);
    await provider.merge!("1732", ["9527"]);
    const r = seen[0]!;
    // The sample URL "tickets{1732}:merge" (line 291) lacks its "/"; the endpoint is tickets/{id}:merge (line 277).
    expect([r.method, r.path]).toEqual(["POST", "/v4/ticketing/tickets/1732:merge"]);
    expectBearer(r);
    expect(r.headers["content-type"]).toMatch(/^application\/json/); // line 294
    // "sourceId integer body yes" (line 282); the sample's "9527" (line 295) is the document contradicting itself.
    expect(r.body).toEqual({ sourceId: 9527 });
  });
});
