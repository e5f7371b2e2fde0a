/** The 3Dolphins simulator on the wire (plain fetch, no provider): what a real client would see. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";

let sim: Simulator;
const password = "sim-test-password";
const url = (path: string) => `${sim.baseUrl}/graph/${path}`;
const bearer = () => ({ authorization: `Bearer ${sim.credentials.secrets["token"]}` });
const getJson = async (path: string, headers: Record<string, string> = bearer()) => {
  const res = await fetch(url(path), { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  sim = await startSimulator({ tickets: 60, secrets: { password } });
});
afterAll(async () => {
  await sim.close();
});

describe("3dolphins simulator", () => {
  it("serves under /dolphin/apiv1 and is deterministic per seed", async () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dolphin\/apiv1$/);
    const again = await startSimulator({ tickets: 60 });
    try {
      const a = (await getJson("tickets?start=0&count=5")).body["data"] as Record<string, unknown>[];
      const res = await fetch(`${again.baseUrl}/graph/tickets?start=0&count=5`, { headers: { authorization: `Bearer ${again.credentials.secrets["token"]}` } });
      const b = ((await res.json()) as Record<string, unknown>)["data"] as Record<string, unknown>[];
      expect(b.map((t) => [t["ticketNumber"], t["subject"], t["status"]])).toEqual(a.map((t) => [t["ticketNumber"], t["subject"], t["status"]]));
      expect(again.fixtures.ticketId).toBe(sim.fixtures.ticketId);
    } finally {
      await again.close();
    }
  });

  it("answers 401 the Spring way without a valid token", async () => {
    const none = await getJson("tickets?start=0&count=1", {});
    expect(none).toEqual({ status: 401, body: { error: "unauthorized", error_description: "Full authentication is required to access this resource" } });
    const wrong = await getJson("tickets?start=0&count=1", { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body["error"]).toBe("invalid_token");
  });

  it("pages with start/count, nextIndex and hasMore; rejects count over 100", async () => {
    const first = await getJson("tickets?start=0&count=25");
    expect(first.body).toMatchObject({ status: "success", hasMore: true, nextIndex: 25, prevIndex: 0, totalResults: 60 });
    const last = await getJson("tickets?start=50&count=25");
    expect(last.body).toMatchObject({ hasMore: false, nextIndex: 0 });
    expect((last.body["data"] as unknown[]).length).toBe(10);
    const over = await getJson("tickets?start=0&count=101");
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ status: 400, error: "Bad Request", message: "count must not exceed 100", path: "/dolphin/apiv1/graph/tickets" });
  });

  it("seeds several channel types with realistic records", async () => {
    const all = (await getJson("tickets?start=0&count=60")).body["data"] as Record<string, unknown>[];
    expect(new Set(all.map((t) => t["channelType"]))).toEqual(new Set(["whatsapp", "telegram", "webchat", "email"]));
    expect(new Set(all.map((t) => t["status"]))).toEqual(new Set(["Unassigned", "Assigned", "Open", "Pending", "Closed"]));
    for (const t of all) {
      expect(typeof t["createdDate"]).toBe("number");
      expect(t["createdDateText"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(t["ticketNumber"]).toMatch(/^\d{10}$/);
    }
  });

  it("issues tokens at graph/auth with a ZonedDateTime expireAt, and refuses bad credentials", async () => {
    const ok = await fetch(url("auth"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: sim.credentials.settings["username"], password }),
    });
    const body = (await ok.json()) as Record<string, string>;
    expect(ok.status).toBe(200);
    expect(body["expireAt"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00\[Asia\/Jakarta\]$/);
    const use = await getJson("tickets?start=0&count=1", { authorization: `Bearer ${body["token"]}` });
    expect(use.status).toBe(200);
    const bad = await fetch(url("auth"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "x", password: "y" }) });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as Record<string, unknown>)["message"]).toBe("Bad credentials");
  });

  it("reports an unknown ticket in the envelope and an unknown route loudly", async () => {
    const missing = await getJson(`tickets/${sim.fixtures.missingTicketId}`);
    expect(missing).toEqual({ status: 200, body: expect.objectContaining({ status: "failed", message: `Ticket ${sim.fixtures.missingTicketId} not found`, data: null }) });
    const nowhere = await getJson("tickets/update/whatever/else");
    expect(nowhere.status).toBe(404);
    expect(nowhere.body["simulator"]).toMatch(/no such 3Dolphins route/);
  });

  it("refuses a sendMessage on another channel than the ticket's", async () => {
    const wrongChannel = await fetch(url("tickets/sendMessage"), {
      method: "POST",
      headers: { ...bearer(), "content-type": "application/json" },
      body: JSON.stringify({ ticketNumber: sim.fixtures.ticketId, channelType: "fax", replyAgent: sim.credentials.settings["replyAgent"], message: "x" }),
    });
    expect(await wrongChannel.json()).toMatchObject({ status: "failed", message: expect.stringMatching(/channelType fax does not match/), data: null });
  });

  it("upload returns the link with the caller's token appended, and serves the file", async () => {
    const form = new FormData();
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "a.txt");
    const res = await fetch(url("tickets/files"), { method: "POST", headers: bearer(), body: form });
    const data = ((await res.json()) as Record<string, string>)["data"]!;
    expect(data).toMatch(new RegExp(`/graph/tickets/files/[0-9a-f]+/a\\.txt\\?access_token=Bearer ${sim.credentials.secrets["token"]}$`));
    const dl = await fetch(data.replace(" ", "%20"));
    expect(dl.status).toBe(200);
    expect(await dl.text()).toBe("hello");
    const missing = await fetch(url("tickets/files"), { method: "POST", headers: bearer(), body: new FormData() });
    expect(missing.status).toBe(400);
  });

  it("ignores fields a body carries beyond the documented ones (Spring's default): a remark on close never shows", async () => {
    const list = (await getJson("tickets?start=0&count=60")).body["data"] as Record<string, unknown>[];
    const t = list.find((x) => x["status"] === "Assigned" && x["ticketNumber"] !== sim.fixtures.ticketId)!;
    const res = await fetch(url("tickets/update/close"), {
      method: "PUT",
      headers: { ...bearer(), "content-type": "application/json" },
      body: JSON.stringify({ ticketNumber: t["ticketNumber"], remark: "internal: customer is VIP", closureType: "Spam" }),
    });
    const closed = ((await res.json()) as { data: Record<string, unknown> }).data;
    expect(closed).toMatchObject({ status: "Closed", closureType: "Resolved", remark: "" });
  });

  it("serves a customer's history by channel and socialId (doc lines 436-469)", async () => {
    const list = (await getJson("tickets?start=0&count=60")).body["data"] as Record<string, unknown>[];
    const t = list.find((x) => x["channelType"] === "webchat" && x["status"] !== "Unassigned")!;
    const social = encodeURIComponent(String(t["accountId"]));
    const key = String(t["channelKey"]).split("-").pop();
    for (const path of [`channelId/${String(t["channel"])}/${social}`, `${String(t["channel"])}/${social}/history`, `webchat/${key}/${social}`, `${String(t["channel"])}/${social}`]) {
      const r = await getJson(`tickets/conversations/${path}?count=100`);
      expect(r.status, path).toBe(200);
      const data = r.body["data"] as Record<string, unknown>[];
      expect(data.length, path).toBeGreaterThan(0);
      expect(data.some((m) => m["ticketNumber"] === t["ticketNumber"]), path).toBe(true);
    }
  });

  it("exports state that a new simulator resumes", async () => {
    await fetch(url("tickets/update/close"), {
      method: "PUT",
      headers: { ...bearer(), "content-type": "application/json" },
      body: JSON.stringify({ ticketNumber: sim.fixtures.ticketId }),
    });
    const state = JSON.parse(JSON.stringify(sim.exportState())) as unknown;
    const resumed = await startSimulator({ state, secrets: { token: "sbx-fixed" } });
    try {
      const res = await fetch(`${resumed.baseUrl}/graph/tickets/${sim.fixtures.ticketId}`, { headers: { authorization: "Bearer sbx-fixed" } });
      const t = ((await res.json()) as { data: Record<string, unknown> }).data;
      expect(t["status"]).toBe("Closed");
      expect(resumed.fixtures.listAllCount).toBe(60);
    } finally {
      await resumed.close();
    }
  });
});
