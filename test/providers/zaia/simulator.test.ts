/** The Zaia simulator: deterministic seed, documented shapes, validation, persistence. */
import { describe, expect, it } from "vitest";
import { startSimulator } from "../../../src/sandbox/zaia/index.js";
import { CHANNEL_TYPES, LIFECYCLE, RESPONDER_ENTITIES } from "../../../src/sandbox/zaia/readings.js";

const DETAIL_FIELDS = [
  "assigneeEmail", "assigneeId", "assigneeName", "assigneePicture", "channelId", "channelName", "channelType", "chatId",
  "chatIsRemoved", "chatOwnerId", "completedAt", "createdAt", "id", "isOwnerBlocked", "ongoingAt", "ownerEmail", "ownerEntity",
  "ownerIdentifier", "ownerName", "pendingChatMessages", "responderEntity", "responderId", "responderName", "responderPicture",
  "responderVersionId", "responderVersionNumber", "status", "summary", "ticketingTeamId", "ticketingTeamName",
  "ticketingTeamPicture", "workspaceId",
].sort();
const ENTITY_FIELDS = ["createdAt", "id", "updatedAt", "assigneeId", "chatId", "circumstance", "completedAt", "lastViewedAt", "ongoingAt", "status", "summary", "ticketingTeamId"].sort();

const now = () => new Date("2024-06-01T12:00:00.000Z");

async function withSim<T>(fn: (sim: Awaited<ReturnType<typeof startSimulator>>, call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>) => Promise<T>, opts = {}) {
  const sim = await startSimulator({ tickets: 80, now, ...opts });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.baseUrl}${path}`, {
      method,
      headers: { authorization: sim.credentials.secrets["apiKey"]!, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  try {
    return await fn(sim, call);
  } finally {
    await sim.close();
  }
}

describe("Zaia simulator", () => {
  it("seeds the same workspace every time, relative to its clock", async () => {
    const a = await withSim(async (sim) => [sim.exportState(), sim.credentials, sim.fixtures]);
    const b = await withSim(async (sim) => [sim.exportState(), sim.credentials, sim.fixtures]);
    expect(a).toEqual(b);
    const state = a[0] as { tickets: { createdAt: string }[] };
    for (const t of state.tickets) expect(Date.parse(t.createdAt)).toBeLessThan(now().getTime());
    expect((a[1] as { secrets: { apiKey: string } }).secrets.apiKey).toMatch(/^sbx-zaia-/);
  });

  it("serves rows with every documented field, across statuses, channel types and responder kinds", async () => {
    await withSim(async (_sim, call) => {
      const rows: Record<string, unknown>[] = [];
      for (const status of LIFECYCLE) {
        const res = await call("GET", `/api/v1/tickets/details?status=${status}&pageSize=100&includeRemoved=true`);
        expect(res.status).toBe(200);
        expect(Array.isArray(res.body)).toBe(true);
        expect(res.body.length).toBeGreaterThan(0);
        rows.push(...res.body);
      }
      for (const r of rows) expect(Object.keys(r).sort()).toEqual(DETAIL_FIELDS);
      expect(new Set(rows.map((r) => r["channelType"]))).toEqual(new Set([...CHANNEL_TYPES, null]));
      expect(new Set(rows.map((r) => r["responderEntity"]))).toEqual(new Set(RESPONDER_ENTITIES));
      expect(rows.some((r) => r["chatIsRemoved"] === true)).toBe(true);
      expect(rows.some((r) => (r["pendingChatMessages"] as number) > 0)).toBe(true);
    });
  });

  it("pages with pageNumber/pageSize and answers a short last page", async () => {
    await withSim(async (_sim, call) => {
      const all = (await call("GET", "/api/v1/tickets/details?status=completed&pageSize=100")).body as { id: string }[];
      const p1 = (await call("GET", "/api/v1/tickets/details?status=completed&pageSize=7&pageNumber=1")).body as { id: string }[];
      const p2 = (await call("GET", "/api/v1/tickets/details?status=completed&pageSize=7&pageNumber=2")).body as { id: string }[];
      expect([...p1, ...p2].map((r) => r.id)).toEqual(all.slice(0, 14).map((r) => r.id));
      const last = Math.ceil(all.length / 7);
      expect(((await call("GET", `/api/v1/tickets/details?status=completed&pageSize=7&pageNumber=${last}`)).body as unknown[]).length).toBeLessThan(7);
      // The default page size is 10.
      expect(((await call("GET", "/api/v1/tickets/details?status=completed")).body as unknown[]).length).toBe(10);
    });
  });

  it("rejects what Zaia rejects, Nest-style", async () => {
    await withSim(async (sim, call) => {
      const id = sim.fixtures.ticketId;
      const cases: [string, string, unknown, number][] = [
        ["GET", "/api/v1/tickets/details?status=open", undefined, 400],
        ["GET", "/api/v1/tickets/details?status=pending&pageSize=0", undefined, 400],
        ["GET", "/api/v1/tickets/details?status=pending&page=2", undefined, 400],
        ["GET", "/api/v1/tickets/details?status=pending&includeRemoved=yes", undefined, 400],
        ["GET", `/api/v1/tickets/${sim.fixtures.missingTicketId}/details`, undefined, 404],
        ["GET", "/api/v1/chat-messages", undefined, 400],
        ["POST", "/api/v1/tickets", { chatId: "x", ticketingTeamId: null, assigneeId: sim.fixtures.assigneeId, status: "pending" }, 400],
        ["POST", "/api/v1/tickets", { chatId: sim.fixtures.create!.fields!["chatId"], assigneeId: sim.fixtures.assigneeId, status: "pending" }, 400],
        ["POST", "/api/v1/tickets", { chatId: sim.fixtures.create!.fields!["chatId"], ticketingTeamId: null, assigneeId: sim.fixtures.assigneeId, status: "done" }, 400],
        ["POST", "/api/v1/tickets", { chatId: sim.fixtures.missingTicketId, ticketingTeamId: null, assigneeId: sim.fixtures.assigneeId, status: "pending" }, 404],
        ["PATCH", `/api/v1/tickets/${id}/complete`, {}, 400],
        ["PATCH", `/api/v1/tickets/${id}/assignee`, { assigneeId: sim.fixtures.assigneeId, extra: 1 }, 400],
        ["PATCH", `/api/v1/tickets/${id}/takeover`, { assigneeId: sim.fixtures.missingTicketId }, 404],
        ["DELETE", `/api/v1/tickets/${id}/tags/${sim.fixtures.missingTicketId}`, undefined, 404],
        ["GET", "/api/v1/nope", undefined, 404],
      ];
      for (const [method, path, body, status] of cases) {
        const res = await call(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(status);
        expect(typeof res.body.message, `${method} ${path}`).toBe("string");
        expect(res.body.statusCode).toBe(status);
      }
    });
  });

  it("applies takeover, assignee and complete, returning the ticket entity", async () => {
    await withSim(async (sim, call) => {
      const id = sim.fixtures.ticketId;
      const before = (await call("GET", `/api/v1/tickets/${id}/details`)).body;
      expect(before.status).toBe("pending");
      const taken = await call("PATCH", `/api/v1/tickets/${id}/takeover`, { assigneeId: sim.fixtures.assigneeId });
      expect(Object.keys(taken.body).sort()).toEqual(ENTITY_FIELDS);
      expect(taken.body).toMatchObject({ status: "ongoing", assigneeId: sim.fixtures.assigneeId, ongoingAt: now().toISOString() });
      const me = sim.credentials.settings["userId"]!;
      expect((await call("PATCH", `/api/v1/tickets/${id}/assignee`, { assigneeId: me })).body.assigneeId).toBe(me);
      const done = await call("PATCH", `/api/v1/tickets/${id}/complete`, { userId: me });
      expect(done.body).toMatchObject({ status: "completed", completedAt: now().toISOString() });
      expect((await call("PATCH", `/api/v1/tickets/${id}/complete`, { userId: me })).status).toBe(400);
      const after = (await call("GET", `/api/v1/tickets/${id}/details`)).body;
      expect(after).toMatchObject({ status: "completed", assigneeId: me, pendingChatMessages: 0 });
    });
  });

  it("serves a chat's messages, filtered by ticket, oldest first, senders joined on request", async () => {
    await withSim(async (sim, call) => {
      const row = (await call("GET", `/api/v1/tickets/${sim.fixtures.ticketId}/details`)).body;
      const whole = (await call("GET", `/api/v1/chat-messages?chatId=${row.chatId}`)).body as { ticketId: string | null; createdAt: string; sender?: unknown }[];
      const ticket = (await call("GET", `/api/v1/chat-messages?chatId=${row.chatId}&ticketIds=${row.id}&joins=senders`)).body as typeof whole;
      expect(whole.length).toBeGreaterThan(ticket.length);
      expect(ticket.length).toBeGreaterThan(0);
      expect(ticket.every((m) => m.ticketId === row.id && m.sender)).toBe(true);
      expect(whole.every((m) => m.sender === undefined)).toBe(true);
      expect(whole.map((m) => m.createdAt)).toEqual([...whole.map((m) => m.createdAt)].sort());
    });
  });

  it("persists its state through exportState/state, with the same credentials", async () => {
    const { state, creds, created } = await withSim(async (sim, call) => {
      const input = sim.fixtures.create!;
      const res = await call("POST", "/api/v1/tickets", { chatId: input.fields!["chatId"], ticketingTeamId: null, assigneeId: sim.fixtures.assigneeId, status: "pending" });
      expect(res.status).toBe(200);
      return { state: JSON.parse(JSON.stringify(sim.exportState())), creds: sim.credentials, created: res.body.id as string };
    });
    await withSim(
      async (sim, call) => {
        expect(sim.credentials).toEqual(creds);
        expect((await call("GET", `/api/v1/tickets/${created}/details`)).status).toBe(200);
        const res = await call("POST", "/api/v1/tickets", { chatId: sim.fixtures.create!.fields!["chatId"], ticketingTeamId: null, assigneeId: sim.fixtures.assigneeId, status: "pending" });
        expect(res.body.id).not.toBe(created);
      },
      { state },
    );
  });

  it("accepts only the configured key, raw", async () => {
    await withSim(
      async (sim) => {
        expect(sim.credentials.secrets["apiKey"]).toBe("my-key");
        const ok = await fetch(`${sim.baseUrl}/api/v1/tickets/details?status=pending`, { headers: { authorization: "my-key" } });
        expect(ok.status).toBe(200);
        const wrong = await fetch(`${sim.baseUrl}/api/v1/tickets/details?status=pending`, { headers: { authorization: "other" } });
        expect(wrong.status).toBe(401);
      },
      { secrets: { apiKey: "my-key" } },
    );
  });
});
