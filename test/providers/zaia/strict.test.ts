/**
 * The Zaia simulator refuses what vendor-docs/zaia-ticket-api.txt rules out (and what its own
 * GUESSES in src/sandbox/zaia/readings.ts rule out), each rule tested with a wrong request sent by
 * plain fetch, never by the provider. A right request next to it passes, so a rule cannot be a
 * blanket refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../../src/sandbox/zaia/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";

let sim: Simulator;
let key: string;
let ticketId: string;
let chatId: string;
let idleChatId: string;
let teamId: string;
let userId: string;

interface Call {
  method?: string;
  path: string;
  /** JSON body (sent as application/json unless `type` says otherwise). */
  json?: unknown;
  /** Raw body with its own content type. */
  raw?: { type: string; text: string };
  auth?: string | null;
}

async function call(c: Call, target: Simulator = sim): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  const auth = c.auth === undefined ? key : c.auth;
  if (auth !== null) headers["authorization"] = auth;
  let body: string | undefined;
  if (c.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(c.json);
  } else if (c.raw) {
    headers["content-type"] = c.raw.type;
    body = c.raw.text;
  }
  const res = await fetch(`${target.baseUrl}${c.path}`, { method: c.method ?? "GET", headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The wrong request is refused with `status` in the simulator's error shape; the right one is accepted. */
async function refuses(wrong: Call, status: number, right?: Call): Promise<void> {
  const res = await call(wrong);
  expect(res.status, `${wrong.method ?? "GET"} ${wrong.path}`).toBe(status);
  expect(typeof res.body["message"]).toBe("string");
  expect(res.body["statusCode"]).toBe(status);
  if (right) expect((await call(right)).status, `right: ${right.method ?? "GET"} ${right.path}`).toBe(200);
}

const LIST = "/api/v1/tickets/details?status=pending";

beforeAll(async () => {
  sim = await startSimulator({ tickets: 40 });
  key = sim.credentials.secrets["apiKey"]!;
  ticketId = sim.fixtures.ticketId;
  teamId = sim.fixtures.teamId!;
  userId = sim.credentials.settings["userId"]!;
  idleChatId = sim.fixtures.create!.fields!["chatId"]!;
  chatId = ((await call({ path: `/api/v1/tickets/${ticketId}/details` })).body["chatId"] as string) ?? "";
});
afterAll(() => sim.close());

describe("Zaia simulator: auth (doc: header parameter `authorization`, Required)", () => {
  it("rule 1: a request without the authorization header is 401", () => refuses({ path: LIST, auth: null }, 401, { path: LIST }));
  it("rule 2: a wrong key is 401", () => refuses({ path: LIST, auth: "not-the-key" }, 401, { path: LIST }));
  it("rule 3: the own reading takes the raw key only: Bearer <key> is 401", () => refuses({ path: LIST, auth: `Bearer ${key}` }, 401, { path: LIST }));

  it("rule 3 (variant bearer-auth): the raw key is 401, Bearer <key> is accepted", async () => {
    const bearer = await startSimulator({ tickets: 5, variant: "bearer-auth" });
    try {
      const k = bearer.credentials.secrets["apiKey"]!;
      expect((await call({ path: LIST, auth: k }, bearer)).status).toBe(401);
      expect((await call({ path: LIST, auth: `Bearer ${k}` }, bearer)).status).toBe(200);
    } finally {
      await bearer.close();
    }
  });

  it("rule 4: with tokenTtlSeconds the key stops working at its expiry (401)", async () => {
    let t = Date.parse("2024-06-01T12:00:00Z");
    const expiring = await startSimulator({ tickets: 5, tokenTtlSeconds: 60, now: () => new Date(t) });
    try {
      const k = expiring.credentials.secrets["apiKey"]!;
      expect((await call({ path: LIST, auth: k }, expiring)).status).toBe(200);
      t += 61_000;
      expect((await call({ path: LIST, auth: k }, expiring)).status).toBe(401);
    } finally {
      await expiring.close();
    }
  });
});

describe("Zaia simulator: ids (doc: `id string · uuid`, \"A UUID v4 string\")", () => {
  it("rule 5: a path id that is not a UUID is 400", () =>
    refuses({ path: "/api/v1/tickets/12345/details" }, 400, { path: `/api/v1/tickets/${ticketId}/details` }));
  it("rule 5: a UUID that is not version 4 is 400", () => refuses({ path: "/api/v1/tickets/9a8b7c6d-5e4f-1a3b-9c2d-1e0f9a8b7c6d/details" }, 400));
});

describe("Zaia simulator: list query (doc lines 161-224)", () => {
  it("rule 6: status is required", () => refuses({ path: "/api/v1/tickets/details" }, 400, { path: LIST }));
  it("rule 7: status must be one of the enum", () => refuses({ path: "/api/v1/tickets/details?status=open" }, 400, { path: LIST }));
  it("rule 8: status is one value, not repeated", () => refuses({ path: `${LIST}&status=ongoing` }, 400));
  it("rule 9: pageSize is at most 100", () => refuses({ path: `${LIST}&pageSize=101` }, 400, { path: `${LIST}&pageSize=100` }));
  it("rule 9: pageSize is at least 1", () => refuses({ path: `${LIST}&pageSize=0` }, 400, { path: `${LIST}&pageSize=1` }));
  it("rule 10: pageNumber is a number of at least 1", async () => {
    await refuses({ path: `${LIST}&pageNumber=0` }, 400, { path: `${LIST}&pageNumber=1` });
    await refuses({ path: `${LIST}&pageNumber=two` }, 400);
  });
  it("rule 11: array filters hold UUIDs, repeated keys (a comma list is refused)", () =>
    refuses({ path: `${LIST}&assigneeIds=${userId},${userId}` }, 400, { path: `${LIST}&assigneeIds=${userId}&assigneeIds=${userId}` }));
  it("rule 12: includeRemoved is a boolean", () => refuses({ path: `${LIST}&includeRemoved=yes` }, 400, { path: `${LIST}&includeRemoved=true` }));
  it("rule 13: an undeclared query property is refused (GUESS: whitelist)", async () => {
    await refuses({ path: `${LIST}&page=2` }, 400);
    await refuses({ path: `/api/v1/tickets/${ticketId}/details?include=messages` }, 400);
  });
});

describe("Zaia simulator: write bodies (doc: Body fields, Required)", () => {
  const assign = (json: unknown): Call => ({ method: "PATCH", path: `/api/v1/tickets/${ticketId}/assignee`, json });
  const create = (json: unknown): Call => ({ method: "POST", path: "/api/v1/tickets", json });
  const goodCreate = () => ({ chatId: idleChatId, ticketingTeamId: teamId, assigneeId: userId, status: "pending" });

  it("rule 14: a write that is not application/json is 415", async () => {
    await refuses({ method: "PATCH", path: `/api/v1/tickets/${ticketId}/assignee`, raw: { type: "application/x-www-form-urlencoded", text: `assigneeId=${userId}` } }, 415);
    await refuses({ method: "PATCH", path: `/api/v1/tickets/${ticketId}/assignee`, raw: { type: "text/plain", text: JSON.stringify({ assigneeId: userId }) } }, 415, assign({ assigneeId: userId }));
  });
  it("rule 15: a body that is not valid JSON is 400", () =>
    refuses({ method: "PATCH", path: `/api/v1/tickets/${ticketId}/assignee`, raw: { type: "application/json", text: '{"assigneeId": ' } }, 400));
  it("rule 16: the body is a JSON object", () => refuses(assign([{ assigneeId: userId }]), 400));
  it("rule 17: every Required field is present (nullable ones too)", async () => {
    await refuses({ method: "PATCH", path: `/api/v1/tickets/${ticketId}/complete`, json: {} }, 400);
    const { ticketingTeamId: _omitted, ...noTeam } = goodCreate();
    await refuses(create(noTeam), 400);
  });
  it("rule 18: a uuid field is a string, not a number", () => refuses(assign({ assigneeId: 123 }), 400));
  it("rule 19: a uuid field holds a UUID", () => refuses(create({ ...goodCreate(), chatId: "x" }), 400));
  it("rule 20: create's status is one of the enum", () => refuses(create({ ...goodCreate(), status: "done" }), 400));
  it("rule 21: an undeclared body property is refused (GUESS: whitelist)", () => refuses(assign({ assigneeId: userId, note: "hi" }), 400, assign({ assigneeId: userId })));
  it("rule 22: ids that name nothing are 404 saying which", async () => {
    const missing = sim.fixtures.missingTicketId;
    const cases: [Call, RegExp][] = [
      [{ path: `/api/v1/tickets/${missing}/details` }, /ticket/i],
      [assign({ assigneeId: sim.fixtures.missingAgentId }), /user/i],
      [create({ ...goodCreate(), chatId: missing }), /chat/i],
      [create({ ...goodCreate(), ticketingTeamId: missing }), /team/i],
      [{ method: "DELETE", path: `/api/v1/tickets/${ticketId}/tags/${missing}` }, /tag/i],
    ];
    for (const [c, says] of cases) {
      const res = await call(c);
      expect(res.status, c.path).toBe(404);
      expect(String(res.body["message"])).toMatch(says);
    }
  });
});

describe("Zaia simulator: chat-messages and ticketing-teams (vendor-notes.md 1.4)", () => {
  const msgs = (q: string) => `/api/v1/chat-messages?${q}`;
  it("rule 23: chat-messages needs chatId, a UUID", async () => {
    await refuses({ path: msgs("ticketIds=" + ticketId) }, 400, { path: msgs(`chatId=${chatId}`) });
    await refuses({ path: msgs("chatId=abc") }, 400);
  });
  it("rule 24: joins takes chat-message-follow-ups or senders", () => refuses({ path: msgs(`chatId=${chatId}&joins=users`) }, 400, { path: msgs(`chatId=${chatId}&joins=senders`) }));
  it("rule 25: pagination.limit is 1..1000", () =>
    refuses({ path: msgs(`chatId=${chatId}&pagination%5Blimit%5D=1001`) }, 400, { path: msgs(`chatId=${chatId}&pagination%5Blimit%5D=1000`) }));
  it("rule 26: ticketIds hold UUIDs", () => refuses({ path: msgs(`chatId=${chatId}&ticketIds=7`) }, 400, { path: msgs(`chatId=${chatId}&ticketIds=${ticketId}`) }));
  it("rule 27: ticketing-teams pages by at most 100 and joins only tools-agents", async () => {
    await refuses({ path: "/api/v1/ticketing-teams?pageSize=500" }, 400, { path: "/api/v1/ticketing-teams?pageSize=100" });
    await refuses({ path: "/api/v1/ticketing-teams?joins=users" }, 400, { path: "/api/v1/ticketing-teams?joins=tools-agents" });
  });
  it("rule 28: a route Zaia does not have is 404", () => refuses({ method: "POST", path: `/api/v1/tickets/${ticketId}/messages`, json: { content: "hi" } }, 404));
});

describe("Zaia simulator: variants refuse the other readings", () => {
  it("rule 7 (status-upper, status-ui-names): the own reading's status values are refused; only status-upper lists the allowed ones", async () => {
    for (const [variant, good, lists] of [
      ["status-upper", "PENDING", true],
      ["status-ui-names", "unanswered", false],
    ] as const) {
      const v = await startSimulator({ tickets: 5, variant });
      try {
        const res = await call({ path: LIST, auth: v.credentials.secrets["apiKey"]! }, v);
        expect(res.status).toBe(400);
        expect(String(res.body["message"]).includes(good)).toBe(lists);
        expect((await call({ path: `/api/v1/tickets/details?status=${good}`, auth: v.credentials.secrets["apiKey"]! }, v)).status).toBe(200);
      } finally {
        await v.close();
      }
    }
  });
  it("an unknown variant name is refused at start", async () => {
    await expect(startSimulator({ variant: "nope" })).rejects.toThrow(/no variant "nope"/);
  });
});
