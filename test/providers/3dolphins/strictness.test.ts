/**
 * Every request rule the 3Dolphins simulator enforces (src/sandbox/3dolphins/rules.ts RULES, from
 * the vendor document) refuses a wrong request sent with plain fetch, the way the vendor's Spring
 * application would, while the right request passes. The table is typed by rule id, so a rule
 * without a test does not compile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUESSED_RULES, RULES, type RuleId } from "../../../src/sandbox/3dolphins/rules.js";
import { startSimulator } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";

let sim: Simulator;
const password = "strict-test-password";
const url = (path: string) => `${sim.baseUrl}/graph/${path}`;
const token = () => sim.credentials.secrets["token"]!;
const bearer = () => ({ authorization: `Bearer ${token()}` });
const json = { "content-type": "application/json" };

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string | FormData } = {}) {
  const res = await fetch(url(path), { method, headers: init.headers ?? bearer(), body: init.body ?? null });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body };
}
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = { ...bearer(), ...json }) =>
  call(method, path, { headers, body: typeof body === "string" ? body : JSON.stringify(body) });

/** Spring's error answer (the framework refuses before the application sees the request). */
const spring = (status: number, message: string | RegExp) =>
  expect.objectContaining({ status, error: expect.any(String), message: typeof message === "string" ? message : expect.stringMatching(message), path: expect.stringMatching(/^\/dolphin\/apiv1\/graph\//) });

let open = "";
let agent = "";
let channelType = "";

beforeAll(async () => {
  sim = await startSimulator({ tickets: 40, secrets: { password } });
  const list = (await call("GET", "tickets?start=0&count=40")).body["data"] as Record<string, unknown>[];
  const t = list.find((x) => x["status"] === "Assigned" && x["ticketNumber"] !== sim.fixtures.ticketId)!;
  open = String(t["ticketNumber"]);
  channelType = String(t["channelType"]);
  agent = sim.credentials.settings["replyAgent"]!;
});
afterAll(async () => {
  await sim.close();
});

const CASES: Record<RuleId, () => Promise<void>> = {
  "bearer-required": async () => {
    expect(await call("GET", "tickets?start=0&count=1", { headers: {} })).toEqual({
      status: 401,
      body: { error: "unauthorized", error_description: "Full authentication is required to access this resource" },
    });
    expect((await call("GET", "tickets?start=0&count=1")).status).toBe(200);
  },
  "bearer-scheme": async () => {
    for (const header of [token(), `Basic ${token()}`, `Token ${token()}`, "Bearer"]) {
      expect((await call("GET", "tickets?start=0&count=1", { headers: { authorization: header } })).status, header).toBe(401);
    }
    expect((await call("GET", "tickets?start=0&count=1", { headers: { authorization: `bearer ${token()}` } })).status).toBe(200);
  },
  "token-valid": async () => {
    const wrong = await call("GET", "tickets?start=0&count=1", { headers: { authorization: "Bearer sbx-3d-unknown" } });
    expect(wrong).toEqual({ status: 401, body: { error: "invalid_token", error_description: "Invalid access token: sbx-3d-unknown" } });
    let offset = 0;
    const timed = await startSimulator({ tickets: 5, secrets: { password }, tokenTtlSeconds: 60, now: () => new Date(Date.now() + offset) });
    try {
      const login = await fetch(`${timed.baseUrl}/graph/auth`, { method: "POST", headers: json, body: JSON.stringify({ username: timed.credentials.settings["username"], password }) });
      const issued = ((await login.json()) as { token: string }).token;
      const use = () => fetch(`${timed.baseUrl}/graph/tickets?start=0&count=1`, { headers: { authorization: `Bearer ${issued}` } });
      expect((await use()).status).toBe(200);
      offset = 61_000;
      const expired = await use();
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as Record<string, string>)["error_description"]).toBe(`Access token expired: ${issued}`);
    } finally {
      await timed.close();
    }
  },
  "json-content-type": async () => {
    const body = { ticketNumber: open, supervisorId: sim.credentials.settings["supervisorId"] };
    const asForm = await call("PUT", "tickets/update/escalate", { headers: { ...bearer(), "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body as Record<string, string>).toString() });
    expect(asForm).toEqual({ status: 415, body: spring(415, "Content type 'application/x-www-form-urlencoded' not supported") });
    const asText = await send("POST", "tickets/sendMessage", { ticketNumber: open, channelType, replyAgent: agent, message: "x" }, { ...bearer(), "content-type": "text/plain" });
    expect(asText.status).toBe(415);
    const none = await call("PUT", "tickets/update/close", { body: JSON.stringify({ ticketNumber: open }) });
    expect(none.body).toEqual(spring(415, /Content type '.*' not supported/));
    const login = await call("POST", "auth", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ username: "a", password: "b" }) });
    expect(login.status).toBe(415);
  },
  "json-body": async () => {
    expect(await send("PUT", "tickets/update/reassign", "")).toEqual({ status: 400, body: spring(400, "Required request body is missing") });
    expect(await send("PUT", "tickets/update/reassign", "{")).toEqual({ status: 400, body: spring(400, /^JSON parse error/) });
    expect(await send("PUT", "tickets/update/reassign", [{ ticketNumber: open }])).toEqual({ status: 400, body: spring(400, /from Array value/) });
    expect(await send("POST", "tickets/sendMessage", '"text"')).toEqual({ status: 400, body: spring(400, /from String value/) });
  },
  "string-fields": async () => {
    const base = { ticketNumber: open, channelType, replyAgent: agent, message: "typed" };
    for (const [field, value] of [["ticketNumber", Number(open) || 42], ["message", { text: "x" }], ["replyAgent", [agent]], ["channelType", true]] as const) {
      const r = await send("POST", "tickets/sendMessage", { ...base, [field]: value });
      expect(r, field).toEqual({ status: 400, body: spring(400, new RegExp(`java\\.lang\\.String.*"${field}"`)) });
    }
    const esc = await send("PUT", "tickets/update/escalate", { ticketNumber: open, supervisorId: 7 });
    expect(esc.status).toBe(400);
  },
  "required-fields": async () => {
    const base = { ticketNumber: open, channelType, replyAgent: agent, message: "required" };
    for (const field of Object.keys(base)) {
      const { [field as keyof typeof base]: _, ...rest } = base;
      expect(await send("POST", "tickets/sendMessage", rest), field).toEqual({ status: 400, body: spring(400, `${field} must not be blank`) });
    }
    expect((await send("POST", "tickets/sendMessage", { ...base, message: "  " })).status).toBe(400);
    expect((await send("PUT", "tickets/update/escalate", { ticketNumber: open })).body).toEqual(spring(400, "supervisorId must not be blank"));
    expect((await send("PUT", "tickets/update", { ticketNumber: open, channelType })).body).toEqual(spring(400, "replyAgent must not be blank"));
    expect((await send("POST", `tickets/data/${open}?start=0&count=5`, {})).body).toEqual(spring(400, "channel_type must not be blank"));
    expect((await send("PUT", "tickets/update/close", {})).body).toEqual(spring(400, "ticketNumber must not be blank"));
    // The right request passes.
    expect((await send("POST", "tickets/sendMessage", base)).body).toMatchObject({ status: "success" });
  },
  "team-member-object": async () => {
    const bodies = [{ ticketNumber: open }, { ticketNumber: open, teamMember: agent }, { ticketNumber: open, teamMember: { id: 5 } }, { ticketNumber: open, teamMember: {} }];
    for (const body of bodies) expect((await send("PUT", "tickets/update/reassign", body)).status, JSON.stringify(body)).toBe(400);
    expect((await send("PUT", "tickets/update/reassign", { ticketNumber: open, teamMember: { id: agent } })).body).toMatchObject({ status: "success" });
  },
  "paging-integers": async () => {
    for (const q of ["start=-1&count=5", "start=a&count=5", "start=0&count=1.5", "start=0&count=0", "start=0&count=ten"]) {
      const r = await call("GET", `tickets?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body, q).toEqual(spring(400, /type 'int'|at least 1/));
    }
    for (const path of ["tickets/priority?start=x", `tickets/conversations/${open}?count=-2`, "tickets/assignment?status=pending&count=x"]) {
      expect((await call("GET", path)).status, path).toBe(400);
    }
  },
  "multipart-upload": async () => {
    const asJson = await send("POST", "tickets/files", { file: "aGVsbG8=" });
    expect(asJson).toEqual({ status: 400, body: spring(400, "Current request is not a multipart request") });
    const form = new FormData();
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "a.txt");
    expect((await call("POST", "tickets/files/media", { body: form })).body).toMatchObject({ status: "success" });
  },
  "date-format": async () => {
    const webchat = (await call("GET", "tickets?start=0&count=40")).body["data"] as Record<string, unknown>[];
    const t = webchat.find((x) => x["channelType"] === "webchat")!;
    const path = `tickets/conversations/${String(t["channel"])}/${encodeURIComponent(String(t["accountId"]))}`;
    for (const bad of ["01-02-2025", "2025-13-01", "2025-02-30", "2025/02/01", "yesterday"]) {
      const r = await call("GET", `${path}?startDate=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body).toEqual(spring(400, /yyyy-MM-dd/));
    }
    const ok = await call("GET", `${path}?startDate=2000-01-01&endDate=2100-12-31`);
    expect(ok.body).toMatchObject({ status: "success" });
    expect((ok.body["data"] as unknown[]).length).toBeGreaterThan(0);
  },
  "live-chat-history": async () => {
    const all = (await call("GET", "tickets?start=0&count=40")).body["data"] as Record<string, unknown>[];
    const t = all.find((x) => x["channelType"] === "whatsapp")!;
    const r = await call("GET", `tickets/conversations/${String(t["channel"])}/${encodeURIComponent(String(t["accountId"]))}`);
    expect(r).toEqual({ status: 400, body: spring(400, /only available for live chat/) });
  },
  "assignment-status": async () => {
    expect(await call("GET", "tickets/assignment?start=0&count=5")).toEqual({ status: 400, body: spring(400, /'status' .* is not present/) });
    expect((await call("GET", "tickets/assignment?status=pending&start=0&count=5")).status).toBe(200);
  },
  "boolean-params": async () => {
    expect((await call("GET", "tickets/assignment?status=pending&isToday=yes")).body).toEqual(spring(400, /type 'boolean'/));
    expect((await call("GET", "tickets/assignment?status=pending&isToday=TRUE")).status).toBe(200);
  },
  "sort-order": async () => {
    expect((await call("GET", "tickets/assignment?status=pending&sort=newest")).body).toEqual(spring(400, /asc or desc/));
    expect((await call("GET", "tickets/assignment?status=pending&sort=asc")).status).toBe(200);
  },
  "auth-credentials": async () => {
    expect((await send("POST", "auth", { username: sim.credentials.settings["username"] }, json)).body).toEqual(spring(400, "password must not be blank"));
    expect((await send("POST", "auth", { username: sim.credentials.settings["username"], password: 123 }, json)).status).toBe(400);
    expect(await send("POST", "auth", { username: sim.credentials.settings["username"], password: "wrong" }, json)).toEqual({ status: 401, body: spring(401, "Bad credentials") });
    expect((await send("POST", "auth", { username: sim.credentials.settings["username"], password }, json)).body).toMatchObject({ token: expect.any(String) });
  },
};

describe("3dolphins simulator refuses what the document rules out", () => {
  it("has a test for every rule, and says where the document states it", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(RULES).sort());
    for (const [id, where] of Object.entries(RULES)) expect(where, id).toMatch(/line|vendor-notes/);
  });

  for (const [id, run] of Object.entries(CASES)) it(`${id}: ${RULES[id as RuleId]}`, run);

  it(`GUESS count-ceiling: ${GUESSED_RULES["count-ceiling"]}`, async () => {
    expect(await call("GET", "tickets?start=0&count=101")).toEqual({ status: 400, body: spring(400, "count must not exceed 100") });
    expect((await call("GET", "tickets?start=0&count=100")).status).toBe(200);
  });

  it(`GUESS upload-part: ${GUESSED_RULES["upload-part"]}`, async () => {
    const form = new FormData();
    form.append("attachment", new Blob(["hello"]), "a.txt");
    expect(await call("POST", "tickets/files", { body: form })).toEqual({ status: 400, body: spring(400, "Required request part 'file' is not present") });
  });
});
