/**
 * Replays of vendor-docs/zaia-ticket-api.txt: a tiny node:http server (not the simulator) serves
 * the document's answers verbatim (test/fixtures/zaia/, see its README for how each was taken
 * from the document), the provider runs against it, and each test checks both the exact request
 * sent (method, path, query, the headers that matter, body) and the normalized result. Every
 * assertion cites the document line it rests on ("doc N") or vendor-notes.md ("notes 1.x").
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TicketDetailSchema, TicketSchema } from "../../../src/model/schema.js";
import { tagTicket, untagTicket } from "../../../src/providers/zaia/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/zaia/${name}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
const DETAIL = fixture("ticket-detail");
const PLACEHOLDERS = fixture("ticket-detail-placeholders");
const ENTITY = fixture("ticket-entity");
const TAG_LINK = fixture("tag-link");
const TAG_REMOVED = fixture("tag-removed");

const KEY = "zaia-doc-replay-key-0001";
const ME = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b";
const ID = DETAIL["id"] as string;
const CHAT = DETAIL["chatId"] as string;

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
type Answer = { status: number; body?: unknown };

let server: Server;
let origin: string;
let seen: Seen[] = [];
/** What the server answers, by "METHOD /path" (the query is not part of the key). */
let answers: Record<string, Answer> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://replay.local");
      seen.push({ method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers[`${req.method} ${url.pathname}`] ?? { status: 404, body: { message: `Cannot ${req.method} ${url.pathname}` } };
      res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8" });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answers = {
    [`GET /api/v1/tickets/${ID}/details`]: { status: 200, body: DETAIL },
    "GET /api/v1/tickets/details": { status: 200, body: [DETAIL] },
    "GET /api/v1/chat-messages": { status: 200, body: [] },
  };
});

/** A provider on the replay server, with the profile a user would have (key, userId). */
function provider(settings: Record<string, string> = {}) {
  const target: Simulator = {
    vendor: "zaia",
    baseUrl: origin,
    requests: [],
    credentials: { secrets: { apiKey: KEY }, settings: { userId: ME, ...settings } },
    fixtures: { ticketId: ID, missingTicketId: ID, assigneeId: ME, listAllCount: 1 },
    fail: () => {},
    exportState: () => null,
    close: async () => {},
  };
  return providerFor(target);
}

const json = (s: Seen) => JSON.parse(s.body) as unknown;
const writes = () => seen.filter((s) => s.method !== "GET");

describe("GET /api/v1/tickets/{id}/details (doc lines 1-156)", () => {
  it("sends the raw key in `authorization` and maps every documented field", async () => {
    const tp = await provider();
    const d = await tp.provider.show(ID, { history: true });
    const req = seen[0]!;
    expect(req.method).toBe("GET"); // doc 155-157
    expect(req.path).toBe(`/api/v1/tickets/${ID}/details`); // doc 156, path id (doc 7-10)
    expect([...req.query.keys()]).toEqual([]); // doc 1-16: no query parameters
    expect(req.headers["authorization"]).toBe(KEY); // doc 12-15: header `authorization` = the API key, no scheme
    expect(req.body).toBe("");

    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
    expect(d.id).toBe(ID); // doc 72-74
    expect(d.number).toBeNull();
    expect(d.subject).toBe(DETAIL["summary"]); // doc 135-137: the short summary is the ticket's only title
    expect(d.vendorStatus).toBe("ongoing"); // doc 130-134 (enum values: notes 1.3, GUESS)
    expect(d.status).toBe("open");
    expect(d.assignee).toEqual({ id: DETAIL["assigneeId"], name: "Ana Silva", email: "ana.silva@acme-support.example" }); // doc 23-33
    expect(d.team).toEqual({ id: DETAIL["ticketingTeamId"], name: "Billing" }); // doc 139-145
    // doc 60-62 chatOwnerId, 84-86 ownerEmail (null), 93-95 ownerIdentifier (a phone on WhatsApp), 97-99 ownerName
    expect(d.requester).toEqual({ id: DETAIL["chatOwnerId"], name: "Budi Santoso", email: null, phone: "+55 11 91234-5678" });
    expect(d.channel).toBe("whatsapp"); // doc 47-50
    expect(d.createdAt).toBe("2025-02-10T09:15:00.000Z"); // doc 68-70
    expect(d.updatedAt).toBe("2025-02-10T09:42:30.000Z"); // doc 80-82: ongoingAt, the latest lifecycle time (rows carry no updatedAt)
    expect(d.priority).toBeNull();
    expect(d.tags).toEqual([]);
    expect(d.customFields).toMatchObject({
      chatId: CHAT, // doc 52-54
      pendingChatMessages: 2, // doc 101-103
      chatIsRemoved: false, // doc 56-58
      ownerEntity: "external-users", // doc 88-92
      isOwnerBlocked: null, // doc 76-78 (nullable)
      channelName: "WhatsApp Business", // doc 43-45
      responder: { id: DETAIL["responderId"], entity: "agents", name: "Lia, support agent", versionId: null, versionNumber: null }, // doc 105-128
    });
    expect(d.history?.map((h) => h.action)).toEqual(["created", "ongoing"]); // doc 64-70, 80-82
  });

  it("asks for the ticket's own messages of its chat (notes 1.4)", async () => {
    const tp = await provider();
    await tp.provider.show(ID);
    const req = seen[1]!;
    expect(`${req.method} ${req.path}`).toBe("GET /api/v1/chat-messages");
    expect(req.query.get("chatId")).toBe(CHAT); // notes 1.4: chatId (uuid, required), from the row (doc 52-54)
    expect(req.query.getAll("ticketIds")).toEqual([ID]); // notes 1.4: ticketIds
    expect(req.query.get("joins")).toBe("senders"); // notes 1.4: joins enum chat-message-follow-ups | senders
  });

  it("takes the answer an OpenAPI renderer prints (placeholders, unknown enum values, a non-v4 example UUID)", async () => {
    const id = PLACEHOLDERS["id"] as string;
    answers[`GET /api/v1/tickets/${id}/details`] = { status: 200, body: PLACEHOLDERS };
    const tp = await provider();
    const d = await tp.provider.show(id);
    expect(seen[0]?.path).toBe(`/api/v1/tickets/${id}/details`); // doc 7-10: any well-formed UUID goes out as typed
    expect(d.vendorStatus).toBe("text"); // doc 130-134: an enum value we do not know passes through
    expect(d.status).toBe("open");
    expect(d.channel).toBe("text"); // doc 47-50
    expect(d.createdAt).toBe("2025-01-01T00:00:00.000Z"); // doc 68-70
    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
  });
});

describe("GET /api/v1/tickets/details (doc lines 157-369)", () => {
  it("sends status (required), pageNumber and pageSize <= 100, and reads a bare array of rows", async () => {
    const tp = await provider();
    const list = await collect(tp.provider.list({ limit: 1 }), 1);
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(`${req.method} ${req.path}`).toBe("GET /api/v1/tickets/details"); // doc 368-369
    expect(req.query.get("status")).toBe("pending"); // doc 214: status Required (values: notes 1.3, GUESS)
    expect(req.query.get("pageNumber")).toBe("1"); // doc 183-187: min 1
    expect(req.query.get("pageSize")).toBe("1"); // doc 188-192: 1..100, sized to --limit
    expect(req.headers["authorization"]).toBe(KEY); // doc 225-228
    expect(list).toHaveLength(1); // doc 230-235 + notes 1.1: a bare array of detail rows
    expect(list[0]).toMatchObject({ id: ID, vendorStatus: "ongoing", subject: DETAIL["summary"], vendor: "zaia" });
    expect(() => TicketSchema.parse(list[0])).not.toThrow();
  });

  it("walks one status per call, filters as the doc names them, and prints a ticket once", async () => {
    const tp = await provider();
    const list = await collect(tp.provider.list({ assignee: "me", query: "refund" }));
    expect(list.map((t) => t.id)).toEqual([ID]);
    expect(seen.map((s) => s.query.get("status"))).toEqual(["pending", "ongoing", "completed"]); // doc 214: one status per call
    for (const s of seen) {
      expect(s.query.getAll("assigneeIds")).toEqual([ME]); // doc 162-170: uuid or uuid[] (repeated keys)
      expect(s.query.get("search")).toBe("refund"); // doc 213
      expect(Number(s.query.get("pageSize"))).toBeLessThanOrEqual(100); // doc 188-192
    }
  });
});

describe("POST /api/v1/tickets (doc lines 431-495)", () => {
  it("posts exactly chatId, ticketingTeamId (null), assigneeId and status as JSON, then reads the ticket back", async () => {
    answers["POST /api/v1/tickets"] = { status: 200, body: ENTITY };
    const tp = await provider();
    const t = await tp.provider.create!({ subject: "", fields: { chatId: CHAT } });
    const [post] = writes();
    expect(writes()).toHaveLength(1);
    expect(`${post!.method} ${post!.path}`).toBe("POST /api/v1/tickets"); // doc 494-495
    expect(String(post!.headers["content-type"])).toMatch(/^application\/json/); // doc 440: a JSON body
    expect(post!.headers["authorization"]).toBe(KEY); // doc 435-438
    // doc 441-453: all four Required; ticketingTeamId is nullable, so it is sent as null, never left out.
    expect(json(post!)).toEqual({ chatId: CHAT, ticketingTeamId: null, assigneeId: ME, status: "pending" });
    expect(Object.keys(json(post!) as object)).toEqual(["chatId", "ticketingTeamId", "assigneeId", "status"]);
    expect(seen.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual([
      // The undocumented status value (doc 453, notes 1.3) is checked once with a one-row list (doc 214, 188-192) ...
      "GET /api/v1/tickets/details?status=pending&pageNumber=1&pageSize=1",
      "POST /api/v1/tickets?",
      // ... and the answer's id (doc 461-463) is read back for names.
      `GET /api/v1/tickets/${ENTITY["id"]}/details?`,
    ]);
    expect(t).toMatchObject({ id: ID, assignee: { id: DETAIL["assigneeId"], name: "Ana Silva" } });
  });

  it("sends --team as ticketingTeamId and --status open as the matching value", async () => {
    answers["POST /api/v1/tickets"] = { status: 200, body: ENTITY };
    const team = "bb8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    const tp = await provider();
    await tp.provider.create!({ subject: "", fields: { chatId: CHAT }, team, status: "open", assignee: DETAIL["assigneeId"] as string });
    expect(json(writes()[0]!)).toEqual({ chatId: CHAT, ticketingTeamId: team, assigneeId: DETAIL["assigneeId"], status: "ongoing" }); // doc 441-453
  });
});

describe("PATCH verbs (doc lines 370-430, 563-684)", () => {
  const cases = [
    // [verb, run, path, body, doc lines]
    ["close", (tp: Awaited<ReturnType<typeof provider>>) => tp.provider.close!(ID, {}), `/api/v1/tickets/${ID}/complete`, { userId: ME }, "384-387, 429-430"],
    ["escalate", (tp: Awaited<ReturnType<typeof provider>>) => tp.provider.escalate!(ID, {}), `/api/v1/tickets/${ID}/takeover`, { assigneeId: ME }, "577-580, 622-623"],
    [
      "assign",
      (tp: Awaited<ReturnType<typeof provider>>) => tp.provider.assign!(ID, { assignee: DETAIL["assigneeId"] as string }),
      `/api/v1/tickets/${ID}/assignee`,
      { assigneeId: DETAIL["assigneeId"] },
      "638-641, 683-684",
    ],
  ] as const;

  for (const [verb, run, path, body, lines] of cases) {
    it(`${verb}: PATCH ${path.replace(ID, "{id}")} with exactly ${JSON.stringify(Object.keys(body))} (doc ${lines})`, async () => {
      answers[`PATCH ${path}`] = { status: 200, body: ENTITY };
      const tp = await provider();
      const t = await run(tp);
      const [patch] = writes();
      expect(writes()).toHaveLength(1);
      expect(`${patch!.method} ${patch!.path}`).toBe(`PATCH ${path}`);
      expect(String(patch!.headers["content-type"])).toMatch(/^application\/json/);
      expect(patch!.headers["authorization"]).toBe(KEY);
      expect(json(patch!)).toEqual(body);
      expect(t.id).toBe(ID);
      expect(() => TicketSchema.parse(t)).not.toThrow();
    });
  }

  it("maps the write's own answer when the ticket cannot be read back (doc 395-427)", async () => {
    answers[`PATCH /api/v1/tickets/${ID}/complete`] = { status: 200, body: ENTITY };
    delete answers[`GET /api/v1/tickets/${ID}/details`];
    const tp = await provider();
    const t = await tp.provider.close!(ID, {});
    expect(t).toMatchObject({
      id: ID, // doc 396-398
      status: "closed", // doc 420 (values: notes 1.3)
      vendorStatus: "completed",
      subject: ENTITY["summary"], // doc 421-423
      assignee: { id: ENTITY["assigneeId"], name: null, email: null }, // doc 401-403
      team: null, // doc 425-427: nullable
      createdAt: "2025-02-10T09:15:00.000Z", // doc 395
      updatedAt: "2025-02-10T11:03:12.000Z", // doc 400
    });
    expect(tp.logs.some((l) => l.includes("reading it back failed"))).toBe(true);
  });
});

describe("tags (doc lines 496-562)", () => {
  it("POST /api/v1/tickets/{ticketId}/tags {tagId} and DELETE /api/v1/tickets/{ticketId}/tags/{tagId}", async () => {
    const tagId = TAG_LINK["tagId"] as string;
    answers[`POST /api/v1/tickets/${ID}/tags`] = { status: 200, body: TAG_LINK };
    answers[`DELETE /api/v1/tickets/${ID}/tags/${tagId}`] = { status: 200, body: TAG_REMOVED };
    const tp = await provider();
    expect(await tagTicket(tp.ctx, ID, tagId)).toMatchObject({ tagId, ticketId: ID }); // doc 520-529
    expect(json(seen[0]!)).toEqual({ tagId }); // doc 510-513
    expect(`${seen[0]!.method} ${seen[0]!.path}`).toBe(`POST /api/v1/tickets/${ID}/tags`); // doc 531-532
    expect(await untagTicket(tp.ctx, ID, tagId)).toBe("Tag removed from the ticket"); // doc 557-559
    expect(`${seen[1]!.method} ${seen[1]!.path}`).toBe(`DELETE /api/v1/tickets/${ID}/tags/${tagId}`); // doc 561-562
    expect(seen[1]!.body).toBe("");
  });
});
