/**
 * Replays of the vendor document itself: a tiny server answers with the sample answers printed in
 * vendor-docs/3dolphins-ticket-api.txt (test/fixtures/3dolphins/, verbatim but for the JSON
 * repairs its README lists), and each test checks the exact request the provider sent and what
 * it made of the answer. Every assertion cites the doc line it rests on.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OperationError } from "../../../src/errors.js";
import { MessageSchema, TicketDetailSchema, TicketSchema } from "../../../src/model/schema.js";
import { ticketFromVendor } from "../../../src/providers/3dolphins/map.js";
import { WireTicketSchema } from "../../../src/providers/3dolphins/schema.js";
import { collect, providerFor, type TestProvider } from "../../helpers/provider.js";
import { scriptedServer, type Received, type ScriptedServer } from "./scripted-server.js";

const FIXTURES = new URL("../../fixtures/3dolphins/", import.meta.url);
const sample = (name: string) => readFileSync(new URL(`${name}.json`, FIXTURES), "utf8");
const G = "/dolphin/apiv1/graph";
const N = "[ticketNumber]"; // the doc's own ticket number, as printed
const TOKEN = "replay-token-0123456789";
const AGENT = "a0a213e26e8cdb893972a6d311694e2b";

/** Which sample answers which request: the doc's endpoint table, lines 19-272. */
function route(r: Received): string {
  const p = r.path.slice(G.length);
  if (r.method === "POST" && p === "/auth") return "auth";
  if (r.method === "GET" && p === "/tickets") return "list";
  if (r.method === "GET" && p === "/tickets/assignment") return "assignment";
  if (r.method === "GET" && p === "/tickets/priority") return "priority";
  if (r.method === "GET" && p.startsWith("/tickets/conversations/")) return "conversations";
  if (r.method === "POST" && p === "/tickets/sendMessage") return "send-message";
  if (r.method === "PUT" && p === "/tickets/update/reassign") return "reassign";
  if (r.method === "PUT" && p === "/tickets/update/transfer") return "transfer";
  if (r.method === "PUT" && p === "/tickets/update/escalate") return "escalate";
  if (r.method === "PUT" && p === "/tickets/update/close") return "close";
  if (r.method === "POST" && p === "/tickets/files") return "files";
  if (r.method === "GET" && p.startsWith("/tickets/")) return "show";
  throw new Error(`no sample for ${r.method} ${r.path}`);
}

let server: ScriptedServer;
let tp: TestProvider;
const sent = () => server.received.filter((r) => r.path !== `${G}/auth`);
const writes = () => server.received.filter((r) => r.method !== "GET");

beforeAll(async () => {
  server = await scriptedServer((r) => ({ body: sample(route(r)), headers: { "content-type": "application/json" } }));
});
afterAll(() => server.close());
beforeEach(async () => {
  tp = await providerFor(server.asSim({ token: TOKEN }, { replyAgent: AGENT, supervisorId: "[supervisorId]" }));
  server.received.length = 0;
});

describe("3dolphins replays of the document's samples", () => {
  it("list: GET graph/tickets?start&count with the bearer token; the sample ticket, mapped", async () => {
    const [t] = await collect(tp.provider.list({ limit: 1 }), 1);
    // line 64: GET http://[server]/dolphin/apiv1/graph/tickets?start=0&count=1
    expect(sent().map((r) => [r.method, r.path, r.query])).toEqual([["GET", `${G}/tickets`, { start: "0", count: "1" }]]);
    // line 66: Authorization : Bearer [generatedToken]
    expect(sent()[0]!.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
    // line 71: the sample ticket (status Closed, severity Not Set, assignedAgent, toGroup, createdDate/modifiedDate in epoch ms)
    expect(t).toEqual({
      id: N,
      number: null,
      subject: "Tanggapan Email Nasabah a.n Ibu Sayyidatul Khoiriyah",
      status: "closed",
      vendorStatus: "Closed",
      priority: null,
      assignee: { id: "[AgentId]", name: "[agentName]", email: null },
      team: { id: "[group_Id]", name: null },
      requester: { id: "[contactId]", name: "[accountName]", email: null, phone: null },
      channel: "[channelType]",
      tags: [],
      createdAt: "2019-04-23T03:39:34.052Z",
      updatedAt: "2019-04-23T03:39:34.000Z",
      firstResponseAt: "2019-04-23T03:56:42.052Z", // createdDate + "responseTime": 1028 seconds (line 72)
      resolvedAt: "2019-04-23T03:58:09.672Z", // "closedDate": 1555991889672 (line 71)
      vendor: "3dolphins",
      profile: "test",
    });
    expect(() => TicketSchema.parse(t)).not.toThrow();
  });

  it("list --all: one page shorter than asked, with the sample's hasMore false, ends the walk", async () => {
    const all = await collect(tp.provider.list({}));
    // line 71: one item and "hasMore": false, "nextIndex": 0, "totalResults": 0
    expect(all.map((t) => t.id)).toEqual([N]);
    expect(sent().map((r) => r.query)).toEqual([{ start: "0", count: "50" }]);
  });

  it("list --status pending: the assignment queue; its sample's \"data\": \"[]\" is an empty list", async () => {
    const none = await collect(tp.provider.list({ status: ["pending"] }));
    // line 92: graph/tickets/assignment?status=pending&sort=desc&isToday=true&start=0&count=1 (isToday false: every day)
    expect(sent().map((r) => [r.path, r.query])).toEqual([[`${G}/tickets/assignment`, { status: "pending", sort: "desc", isToday: "false", start: "0", count: "50" }]]);
    // line 99: { "status": "success", "data": "[]", ... }
    expect(none).toEqual([]);
  });

  it("list --priority urgent: the priority queue; its empty sample is an empty list", async () => {
    const none = await collect(tp.provider.list({ priority: ["urgent"] }));
    // line 105: graph/tickets/priority?start=0&count=1
    expect(sent().map((r) => [r.path, r.query])).toEqual([[`${G}/tickets/priority`, { start: "0", count: "50" }]]);
    // line 112: "data": "[]"
    expect(none).toEqual([]);
  });

  it("show: GET graph/tickets/{ticketNumber} and its conversation; the samples mapped", async () => {
    const d = await tp.provider.show(N);
    // line 24: graph/tickets/[ticketNumber]; line 118: graph/tickets/conversations/[ticketNumber]?start=0&count=1
    expect(sent().map((r) => [r.method, r.path, r.query])).toEqual([
      ["GET", `${G}/tickets/%5BticketNumber%5D`, {}],
      ["GET", `${G}/tickets/conversations/%5BticketNumber%5D`, { start: "0", count: "50" }],
    ]);
    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
    // line 31: status Unassigned, subject "/start", ticketTags ["default", "default"], the contact's names, createdDate 1595403499334
    expect(d).toMatchObject({
      id: N,
      status: "new",
      vendorStatus: "Unassigned",
      subject: "/start",
      priority: null,
      assignee: null,
      tags: ["default"],
      requester: { id: "[contactId]", name: "Shafitri Nurhanifa" },
      channel: "[channelType]",
      createdAt: "2020-07-22T07:38:19.334Z",
    });
    // line 125: one bubble, "answer": true from replyAgent [AgentId] (line 324: an agent id means an agent answered).
    // The ticket's own first message has the same placeholder messageId, so it is that bubble.
    expect(d.messages).toEqual([
      { id: "[messageId]", author: { type: "agent", id: "[AgentId]", name: "[agentName]" }, body: "[message]", internal: false, createdAt: "2020-08-31T10:13:44.718Z", attachments: [] },
    ]);
  });

  it("reply: POST graph/tickets/sendMessage with the four documented fields; the answer (the ticket) is not taken for the message", async () => {
    const msg = await tp.provider.reply!(N, { body: "Invoice attached", internal: false });
    const post = writes()[0]!;
    // lines 74-78: POST graph/tickets/sendMessage, application/json
    expect([post.method, post.path, post.headers["content-type"]]).toEqual(["POST", `${G}/tickets/sendMessage`, "application/json"]);
    // line 82: { "ticketNumber", "channelType", "replyAgent": [AgentId], "message" }, channelType from the ticket (line 31)
    expect(post.json).toEqual({ ticketNumber: N, channelType: "[channelType]", replyAgent: AGENT, message: "Invoice attached" });
    expect(writes()).toHaveLength(1);
    // line 86: the answer is the parent record (parent 1, status Closed, message "[message]"): the message is what we sent.
    expect(msg).toMatchObject({ body: "Invoice attached", internal: false, author: { type: "agent", id: AGENT, name: null }, attachments: [] });
    expect(msg.id).not.toBe("[messageId]");
    expect(() => MessageSchema.parse(msg)).not.toThrow();
  });

  it("assign: PUT graph/tickets/update/reassign with teamMember.id; the answer's ticket", async () => {
    const t = await tp.provider.assign!(N, { assignee: "[AgentId]" });
    const put = writes()[0]!;
    // line 172: PUT graph/tickets/update/reassign; line 176: { "ticketNumber", "teamMember": { "id" } }
    expect([put.method, put.path, put.headers["content-type"]]).toEqual(["PUT", `${G}/tickets/update/reassign`, "application/json"]);
    expect(put.json).toEqual({ ticketNumber: N, teamMember: { id: "[AgentId]" } });
    expect(writes()).toHaveLength(1);
    // line 180: status Assigned, assignedAgent [agentId], agentName, modifiedDate 1599538402102
    expect(t).toMatchObject({ id: N, status: "open", vendorStatus: "Assigned", assignee: { id: "[agentId]", name: "[agentName]" }, updatedAt: "2020-09-08T04:13:22.102Z" });
  });

  it("assign --team: PUT graph/tickets/update/transfer (body GUESS); the sample does not show the group, so it is not claimed", async () => {
    const t = await tp.provider.assign!(N, { team: "[group_id]" });
    const put = writes()[0]!;
    // line 186: PUT graph/tickets/update/transfer (no body printed: vendor-notes 4.3 GUESS {ticketNumber, toGroup})
    expect([put.method, put.path, put.json]).toEqual(["PUT", `${G}/tickets/update/transfer`, { ticketNumber: N, toGroup: "[group_id]" }]);
    // line 193: status Unassigned, no toGroup/group field; the ticket read back (line 31) has none either
    expect(t).toMatchObject({ id: N, status: "new", vendorStatus: "Unassigned" });
    expect(tp.logs.filter((l) => l.startsWith("warning:"))).toEqual([
      "warning: 3Dolphins' answer does not show whether ticket [ticketNumber] is in group [group_id], so it could not be confirmed",
    ]);
  });

  it("escalate: PUT graph/tickets/update/escalate with supervisorId; the answer's ticket", async () => {
    const t = await tp.provider.escalate!(N, { to: "[supervisorId]" });
    const put = writes()[0]!;
    // line 199: PUT graph/tickets/update/escalate; line 203: { "ticketNumber": [ticketNumber]", "supervisorId" } (its missing quote fixed)
    expect([put.method, put.path, put.json]).toEqual(["PUT", `${G}/tickets/update/escalate`, { ticketNumber: N, supervisorId: "[supervisorId]" }]);
    // line 207: Assigned to [AgentId], severity High, group [group_id]
    expect(t).toMatchObject({ id: N, status: "open", vendorStatus: "Assigned", priority: "high", assignee: { id: "[AgentId]" }, team: { id: "[group_id]" } });
  });

  it("close: PUT graph/tickets/update/close naming the ticket only (body GUESS); the answer is Closed", async () => {
    const t = await tp.provider.close!(N, {});
    const put = writes()[0]!;
    // line 226: PUT graph/tickets/update/close (no body printed: {ticketNumber}, nothing the doc does not show)
    expect([put.method, put.path, put.headers["content-type"], put.json]).toEqual(["PUT", `${G}/tickets/update/close`, "application/json", { ticketNumber: N }]);
    expect(writes()).toHaveLength(1);
    // line 233: status Closed, closureType Resolved, severity High
    expect(t).toMatchObject({ id: N, status: "closed", vendorStatus: "Closed", priority: "high", assignee: { id: "[AgentId]" } });
  });

  it("upload: POST graph/tickets/files; the sample answer carries no link, so no message is sent and it exits 1", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "t3d-replay-")), "invoice.pdf");
    writeFileSync(path, "%PDF-1.4 invoice");
    const err = await tp.provider.upload!(N, [{ path, name: "invoice.pdf", size: 16 }], { message: "Invoice attached" }).catch((e: unknown) => e);
    // line 252: POST graph/tickets/files, the file as multipart (vendor-notes 4.3 GUESS: part "file")
    expect(writes().map((r) => [r.method, r.path])).toEqual([["POST", `${G}/tickets/files`]]);
    expect(String(writes()[0]!.headers["content-type"])).toMatch(/^multipart\/form-data; boundary=/);
    expect(writes()[0]!.raw).toContain('name="file"; filename="invoice.pdf"');
    // line 259: "data": "null?access_token=Bearer [generatedToken]": stored, no usable link: nothing sent to the customer.
    expect(err).toBeInstanceOf(OperationError);
    expect((err as Error).message).toBe(
      "3Dolphins stored invoice.pdf but returned no usable link, so it could not be attached to ticket [ticketNumber]; no message was sent to the customer",
    );
    expect((err as Error).message).not.toContain("generatedToken");
    expect(server.received.some((r) => r.path.endsWith("/sendMessage"))).toBe(false);
    // The same for a reply carrying files.
    server.received.length = 0;
    const reply = await tp.provider.reply!(N, { body: "See attached", internal: false, attachments: [{ path, name: "invoice.pdf", size: 16 }] }).catch((e: unknown) => e);
    expect(reply).toBeInstanceOf(OperationError);
    expect(server.received.some((r) => r.path.endsWith("/sendMessage"))).toBe(false);
  });

  it("login: POST graph/auth {username, password}; the answer's token is used and registered as a secret", async () => {
    const pw = await providerFor(server.asSim({ password: "replay-password" }, { username: "agent1" }), { cacheRoot: mkdtempSync(join(tmpdir(), "t3d-replay-cache-")) });
    await pw.provider.show(N);
    const [auth, show] = server.received;
    // vendor-notes 4.1 (FACT, Get Token page): POST .../dolphin/apiv1/graph/auth, JSON {"username", "password"}
    expect([auth!.method, auth!.path, auth!.headers["content-type"], auth!.json]).toEqual(["POST", `${G}/auth`, "application/json", { username: "agent1", password: "replay-password" }]);
    expect(auth!.headers["authorization"]).toBeUndefined();
    // ... answers {"token": "<generatedToken>", "expireAt": "2020-10-22T17:40:55.372+07:00[Asia/Jakarta]"}; line 26: Bearer [generatedToken]
    expect(show!.headers["authorization"]).toBe("Bearer <generatedToken>");
    expect(pw.redactor.redact("Bearer <generatedToken>")).toBe("Bearer ***");
  });

  it("show, with the sample read as printed (the record run into the envelope, its status overwriting \"success\"): the ticket", async () => {
    // line 31: { "status": "success", "data": "[]" "id": "[id]", ..., "status": "Unassigned", ... }: a comma added, nothing else.
    const record = (JSON.parse(sample("show")) as { data: Record<string, unknown> }).data;
    const merged = await scriptedServer((r) => ({ body: r.path.includes("/conversations/") ? sample("conversations") : { status: "success", data: "[]", ...record, hasMore: false, nextIndex: 0, prevIndex: 0, totalResults: 0 } }));
    try {
      const other = await providerFor(merged.asSim({ token: TOKEN }, { replyAgent: AGENT }));
      const d = await other.provider.show(N);
      expect(d).toMatchObject({ id: N, status: "new", vendorStatus: "Unassigned", subject: "/start" });
    } finally {
      await merged.close();
    }
  });

  it("every ticket-shaped sample answer maps to a valid ticket, its status passed through as printed", () => {
    const cases: [string, number, string][] = [
      ["show", 31, "Unassigned"],
      ["data-post", 58, ""],
      ["list", 71, "Closed"],
      ["send-message", 86, "Closed"],
      ["update-number", 138, "Unassigned"],
      ["update-id", 152, ""],
      ["update", 166, "Closed"],
      ["reassign", 180, "Assigned"],
      ["transfer", 193, "Unassigned"],
      ["escalate", 207, "Assigned"],
      ["transfer-to-agent", 220, "Unassigned"],
      ["close", 233, "Closed"],
    ];
    for (const [name, line, vendorStatus] of cases) {
      const data = (JSON.parse(sample(name)) as { data: unknown }).data;
      const record = Array.isArray(data) ? data[0] : data;
      const t = ticketFromVendor(WireTicketSchema.parse(record), "replay");
      expect(() => TicketSchema.parse(t), `${name} (line ${line})`).not.toThrow();
      expect(t.vendorStatus, `${name} (line ${line})`).toBe(vendorStatus);
      expect(t.id).toBe(N);
    }
  });
});
