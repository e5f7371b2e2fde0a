/**
 * Provider behavior on answers the simulator does not send (unknown statuses, odd chat-message
 * shapes, a list 400 from a wrong status guess, write answers that do not parse, a page served
 * forever), served over real HTTP by a tiny Router-based server; and the fixes of issue 9 against
 * the simulator itself (unknown agents and teams, inputs Zaia cannot carry). Each fix's test
 * failed before the fix.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { NetworkError, NotFoundError, OperationError, UnsupportedError, UsageError } from "../../../src/errors.js";
import { TicketDetailSchema } from "../../../src/model/schema.js";
import { listTicketsSearchParams } from "../../../src/providers/zaia/api.js";
import { Router, startSimServer, type SimReply, type SimServer } from "../../../src/sandbox/shared/server.js";
import { startSimulator } from "../../../src/sandbox/zaia/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const ID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const ID2 = "8a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const ID3 = "6a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const ID4 = "4a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const CHAT = "7d1e3c55-2a4b-4c6d-8e9f-1a2b3c4d5e6f";
/** A chat the conversation route does not know (404). */
const CHAT4 = "4d1e3c55-2a4b-4c6d-8e9f-1a2b3c4d5e6f";
const USER = "5f0c1a52-9d7e-4b3a-8c21-0e6f4d2b9a11";
const row = (o: Record<string, unknown> = {}) => ({ id: ID, chatId: CHAT, status: "snoozed", summary: "odd one", createdAt: "2024-05-01T10:00:00Z", ...o });
const rowN = (n: number) => row({ id: `${String(n).padStart(8, "0")}-5e4f-4a3b-9c2d-1e0f9a8b7c6d` });

/** What the list route serves: by status value and page. */
let listing: (status: string | null, page: number, size: number) => SimReply;
let writeAnswer: SimReply;
let server: SimServer;
let sim: Simulator;

beforeAll(async () => {
  const router = new Router()
    .on("GET", "/api/v1/tickets/details", (req) =>
      listing(req.query.get("status"), Number(req.query.get("pageNumber") ?? 1), Number(req.query.get("pageSize") ?? 10)),
    )
    .on("GET", "/api/v1/tickets/:id/details", (req) => {
      if (req.params["id"] === ID2) return { status: 500, body: { message: "boom" } };
      return { status: 200, body: row({ id: req.params["id"], chatId: req.params["id"] === ID4 ? CHAT4 : CHAT }) };
    })
    .on("GET", "/api/v1/chat-messages", (req) =>
      req.query.get("chatId") === CHAT ? { status: 200, body: { unexpected: "shape" } } : { status: 404, body: { message: "Cannot GET" } },
    )
    .on("PATCH", "/api/v1/tickets/:id/complete", () => writeAnswer)
    .on("POST", "/api/v1/tickets", () => writeAnswer);
  server = await startSimServer({ router });
  sim = {
    vendor: "zaia",
    baseUrl: `${server.origin}/api/v1/`,
    requests: server.requests,
    credentials: { secrets: { apiKey: "sbx-zaia-test" }, settings: { userId: USER, statuses: "snoozed" } },
    fixtures: { ticketId: ID, missingTicketId: ID2, assigneeId: USER, listAllCount: 1 },
    fail: server.fail,
    exportState: () => null,
    close: server.close,
  };
});
beforeEach(() => {
  server.requests.length = 0;
  listing = (status) => {
    if (status === "bogus") return { status: 400, body: { message: "status must be one of the following values: a, b", statusCode: 400 } };
    return { status: 200, body: status === "snoozed" ? [row()] : [] };
  };
  writeAnswer = {
    status: 200,
    body: { id: ID, chatId: CHAT, status: "completed", summary: "s", createdAt: "2024-05-01T10:00:00Z", updatedAt: "2024-05-02T10:00:00Z" },
  };
});
afterEach(() => {
  delete process.env["TICKET_MAX_PAGES"];
});
afterAll(async () => {
  await server.close();
});

describe("Zaia provider tolerance", () => {
  it("walks the statuses of the profile's `statuses` setting and passes unknown values through", async () => {
    const tp = await providerFor(sim);
    const list = await collect(tp.provider.list({}));
    expect(server.requests.map((r) => r.query["status"])).toEqual(["snoozed"]);
    // A base URL typed with /api/v1 still reaches /api/v1 once.
    expect(server.requests[0]?.path).toBe("/api/v1/tickets/details");
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ vendorStatus: "snoozed", status: "open", assignee: null, requester: null });
  });

  it("explains a 400 on list as a possibly wrong status guess", async () => {
    const tp = await providerFor(sim, { settings: { statuses: "bogus" } });
    const err = (await collect(tp.provider.list({})).catch((e: unknown) => e)) as OperationError;
    expect(err).toBeInstanceOf(OperationError);
    expect(err.message).toContain('listing status "bogus"');
    expect(err.message).toContain("status must be one of");
    expect(err.hint).toContain("--set statuses=");
  });

  it("shows a ticket even when the conversation has an unexpected shape, with a warning", async () => {
    const tp = await providerFor(sim);
    const d = await tp.provider.show(ID);
    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
    expect(d.messages).toEqual([]);
    expect(tp.logs.some((l) => l.includes("conversation"))).toBe(true);
  });

  // Fix: a failing chat-messages call (an endpoint outside the ticket doc) used to fail `show` itself.
  it("shows a ticket whose conversation endpoint answers 404, with a warning", async () => {
    const tp = await providerFor(sim);
    const d = await tp.provider.show(ID4);
    expect(d).toMatchObject({ id: ID4, messages: [] });
    expect(server.requests.map((r) => `${r.status} ${r.path}`)).toEqual([`200 /api/v1/tickets/${ID4}/details`, "404 /api/v1/chat-messages"]);
    expect(tp.logs.some((l) => l.includes(`could not read ticket ${ID4}'s conversation`))).toBe(true);
  });

  it("returns the write's own entity, with a warning, when reading back fails", async () => {
    const tp = await providerFor(sim);
    writeAnswer = { status: 200, body: { ...(writeAnswer.body as object), id: ID2 } };
    const t = await tp.provider.close!(ID2, {});
    expect(t).toMatchObject({ id: ID2, status: "closed", updatedAt: "2024-05-02T10:00:00.000Z" });
    expect(tp.logs.some((l) => l.includes("reading it back failed"))).toBe(true);
  });

  // Fix: an accepted write whose answer does not parse used to throw before the read-back ("failed").
  it("reads the ticket back when Zaia accepted a write but its answer has another shape", async () => {
    const tp = await providerFor(sim, { settings: { statuses: "pending" } });
    writeAnswer = { status: 200, body: { ok: true } };
    const t = await tp.provider.close!(ID, {});
    expect(t).toMatchObject({ id: ID, vendorStatus: "snoozed" });
    writeAnswer = { status: 200, body: { id: ID3 } };
    const created = await tp.provider.create!({ subject: "", fields: { chatId: CHAT }, status: "new" });
    expect(created.id).toBe(ID3);
  });

  it("a created ticket whose answer carries no id is a ZodError naming the field (the command layer reads back)", async () => {
    const tp = await providerFor(sim, { settings: { statuses: "pending" } });
    writeAnswer = { status: 200, body: { created: true } };
    const err = await tp.provider.create!({ subject: "", fields: { chatId: CHAT } }).catch((e: unknown) => e);
    expect((err as { cause?: unknown }).cause ?? err).toBeInstanceOf(ZodError);
    expect(JSON.stringify(((err as { cause?: ZodError }).cause ?? (err as ZodError)).issues[0]?.path)).toBe('["id"]');
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("resolves `me` to the profile's userId and refuses non-UUID assignees", async () => {
    const tp = await providerFor(sim);
    await collect(tp.provider.list({ assignee: "me" }));
    expect(server.requests[0]?.query["assigneeIds"]).toBe(USER);
    await expect(collect(tp.provider.list({ assignee: "ana" }))).rejects.toBeInstanceOf(UsageError);
  });
});

describe("Zaia list walk under the page guard", () => {
  // Fix: a server that serves the same full page forever made the walk loop (it only skipped seen rows).
  it("stops with exit 7 naming the page when Zaia serves a page again", async () => {
    listing = (_s, _p, size) => ({ status: 200, body: Array.from({ length: size }, (_, i) => rowN(i + 1)) });
    const tp = await providerFor(sim);
    const got: string[] = [];
    const err = await (async () => {
      for await (const t of tp.provider.list({})) got.push(t.id);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).exitCode).toBe(7);
    expect((err as Error).message).toMatch(/page 2 \(status snoozed, page 2\)/);
    expect(got).toHaveLength(100);
    expect(new Set(got).size).toBe(100);
    expect(server.requests).toHaveLength(2);
  });

  it("prints a ticket served under two statuses once, without calling it a loop", async () => {
    listing = () => ({ status: 200, body: [row()] });
    const tp = await providerFor(sim, { settings: { statuses: "pending,ongoing,completed" } });
    const list = await collect(tp.provider.list({}));
    expect(list.map((t) => t.id)).toEqual([ID]);
    expect(server.requests.map((r) => r.query["status"])).toEqual(["pending", "ongoing", "completed"]);
  });

  it("stops past TICKET_MAX_PAGES", async () => {
    process.env["TICKET_MAX_PAGES"] = "3";
    listing = (_s, page, size) => ({ status: 200, body: Array.from({ length: size }, (_, i) => rowN(page * 1000 + i)) });
    const tp = await providerFor(sim);
    const err = await collect(tp.provider.list({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toContain("ran past 3 pages");
    expect(server.requests).toHaveLength(4);
  });

  it("asks for no page beyond --limit, and a short page ends a status", async () => {
    listing = (s, page, size) => ({
      status: 200,
      body: Array.from({ length: page === 3 ? 1 : size }, (_, i) => rowN((s === "dozing" ? 10_000 : 0) + page * 1000 + i)),
    });
    const tp = await providerFor(sim, { settings: { statuses: "snoozed,dozing" } });
    expect(await collect(tp.provider.list({ limit: 150 }))).toHaveLength(150);
    expect(server.requests.map((r) => [r.query["status"], r.query["pageNumber"], r.query["pageSize"]])).toEqual([
      ["snoozed", "1", "100"],
      ["snoozed", "2", "100"],
    ]);
    server.requests.length = 0;
    expect(await collect(tp.provider.list({}))).toHaveLength(402);
    expect(server.requests.map((r) => `${r.query["status"]}:${r.query["pageNumber"]}`)).toEqual(["snoozed:1", "snoozed:2", "snoozed:3", "dozing:1", "dozing:2", "dozing:3"]);
  });
});

describe("Zaia list query encoding", () => {
  it("sends arrays as repeated keys and leaves out what is not set", () => {
    const sp = listTicketsSearchParams({
      status: "pending",
      pageNumber: 2,
      pageSize: 100,
      assigneeIds: ["a", "b"],
      tagIds: ["t"],
      chatIds: [],
      search: "refund",
      includeRemoved: true,
    });
    expect(sp.toString()).toBe("status=pending&pageNumber=2&pageSize=100&assigneeIds=a&assigneeIds=b&tagIds=t&search=refund&includeRemoved=true");
    expect(listTicketsSearchParams({ status: "ongoing" }).toString()).toBe("status=ongoing");
  });
});

describe("Zaia against its simulator: the same mistake, the same exit code; nothing dropped", () => {
  let zsim: Simulator;
  beforeAll(async () => {
    zsim = await startSimulator({ tickets: 60 });
  });
  afterAll(() => zsim.close());
  beforeEach(() => {
    zsim.requests.length = 0;
  });
  const writes = () => zsim.requests.filter((r) => r.method !== "GET");

  // Fix: an unknown agent used to come back as "ticket <id> not found" (the ticket existed).
  it("assign --to an unknown agent is exit 5 naming the agent, with the assignees Zaia shows", async () => {
    const tp = await providerFor(zsim);
    const missing = zsim.fixtures.missingAgentId!;
    const err = (await tp.provider.assign!(zsim.fixtures.ticketId, { assignee: missing }).catch((e: unknown) => e)) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.exitCode).toBe(5);
    expect(err.message).toContain(`user ${missing} not found (--to)`);
    expect(err.message).toContain(zsim.fixtures.assigneeId);
    expect(err.message).not.toContain(`ticket ${zsim.fixtures.ticketId} not found`);
    expect(writes()).toHaveLength(1);
  });

  it("escalate --to an unknown agent is exit 5 naming the agent; a missing ticket is named as the ticket", async () => {
    const tp = await providerFor(zsim);
    const missing = zsim.fixtures.missingAgentId!;
    const err = await tp.provider.escalate!(zsim.fixtures.ticketId, { to: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain(`user ${missing} not found`);
    const gone = await tp.provider.escalate!(zsim.fixtures.missingTicketId, {}).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as Error).message).toBe(`Zaia: ticket ${zsim.fixtures.missingTicketId} not found`);
  });

  it("create with an unknown team is exit 5 naming the team and listing Zaia's teams; an unknown chat names the chat", async () => {
    const tp = await providerFor(zsim);
    const input = zsim.fixtures.create!;
    const team = zsim.fixtures.missingAgentId!;
    const err = await tp.provider.create!({ ...input, team }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toMatch(new RegExp(`team ${team} not found \\(--team\\); teams: .*${zsim.fixtures.teamId}`));
    const chat = zsim.fixtures.missingTicketId;
    const noChat = await tp.provider.create!({ ...input, fields: { chatId: chat } }).catch((e: unknown) => e);
    expect(noChat).toBeInstanceOf(NotFoundError);
    expect((noChat as Error).message).toContain(`chat ${chat} not found`);
  });

  // Fix: these inputs used to be dropped with a warning while the write went out.
  it("refuses what Zaia cannot carry before sending anything: create's subject, body, priority, requester, attachments", async () => {
    const tp = await providerFor(zsim);
    const base = zsim.fixtures.create!;
    for (const extra of [
      { subject: "Printer on fire" },
      { body: "Hello, customer" },
      { priority: "high" as const },
      { requester: zsim.fixtures.assigneeId },
      { attachments: [{ path: "/tmp/x.png", name: "x.png", size: 3 }] },
      { fields: { ...base.fields, priority: "high" } },
    ]) {
      const err = await tp.provider.create!({ ...base, ...extra }).catch((e: unknown) => e);
      expect(err, JSON.stringify(extra)).toBeInstanceOf(UnsupportedError);
      expect((err as Error).message).toMatch(/nothing was sent/);
    }
    expect(zsim.requests).toEqual([]);
  });

  it("close --comment (an internal note) is refused before anything is sent: Zaia has nowhere to keep it", async () => {
    const tp = await providerFor(zsim);
    const err = await tp.provider.close!(zsim.fixtures.ticketId, { comment: "Duplicate of 1041" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as UnsupportedError).exitCode).toBe(6);
    expect(zsim.requests).toEqual([]);
  });
});
