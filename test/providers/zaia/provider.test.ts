/**
 * Provider behavior on payloads the simulator does not send (unknown statuses, odd chat-message
 * shapes, a list 400 from a wrong status guess, a failing read-back after a write), served over
 * real HTTP by a tiny Router-based server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperationError, UsageError } from "../../../src/errors.js";
import { TicketDetailSchema } from "../../../src/model/schema.js";
import { listTicketsSearchParams } from "../../../src/providers/zaia/api.js";
import { Router, startSimServer, type SimServer } from "../../../src/sandbox/shared/server.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const ID = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const ID2 = "8a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const CHAT = "7d1e3c55-2a4b-4c6d-8e9f-1a2b3c4d5e6f";
const USER = "5f0c1a52-9d7e-4b3a-8c21-0e6f4d2b9a11";
const row = (o: Record<string, unknown> = {}) => ({ id: ID, chatId: CHAT, status: "snoozed", summary: "odd one", createdAt: "2024-05-01T10:00:00Z", ...o });

let server: SimServer;
let sim: Simulator;

beforeAll(async () => {
  const router = new Router()
    .on("GET", "/api/v1/tickets/details", (req) => {
      const status = req.query.get("status");
      if (status === "bogus") return { status: 400, body: { message: "status must be one of the following values: a, b", statusCode: 400 } };
      return { status: 200, body: status === "snoozed" ? [row()] : [] };
    })
    .on("GET", "/api/v1/tickets/:id/details", (req) =>
      req.params["id"] === ID2 ? { status: 500, body: { message: "boom" } } : { status: 200, body: row() },
    )
    .on("GET", "/api/v1/chat-messages", () => ({ status: 200, body: { unexpected: "shape" } }))
    .on("PATCH", "/api/v1/tickets/:id/complete", (req) => ({
      status: 200,
      body: { id: req.params["id"], chatId: CHAT, status: "completed", summary: "s", createdAt: "2024-05-01T10:00:00Z", updatedAt: "2024-05-02T10:00:00Z" },
    }));
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
    expect(err.hint).toContain("statuses=");
  });

  it("shows a ticket even when the conversation has an unexpected shape, with a warning", async () => {
    const tp = await providerFor(sim);
    const d = await tp.provider.show(ID);
    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
    expect(d.messages).toEqual([]);
    expect(tp.logs.some((l) => l.includes("conversation"))).toBe(true);
  });

  it("returns the write's own entity, with a warning, when reading back fails", async () => {
    const tp = await providerFor(sim);
    const t = await tp.provider.close!(ID2, {});
    expect(t).toMatchObject({ id: ID2, status: "closed", updatedAt: "2024-05-02T10:00:00.000Z" });
    expect(tp.logs.some((l) => l.includes("reading it back failed"))).toBe(true);
  });

  it("resolves `me` to the profile's userId and refuses non-UUID assignees", async () => {
    const tp = await providerFor(sim);
    server.requests.length = 0;
    await collect(tp.provider.list({ assignee: "me" }));
    expect(server.requests[0]?.query["assigneeIds"]).toBe(USER);
    await expect(collect(tp.provider.list({ assignee: "ana" }))).rejects.toBeInstanceOf(UsageError);
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
