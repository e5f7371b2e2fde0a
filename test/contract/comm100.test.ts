import { describe, expect, it } from "vitest";
import { collect, providerFor } from "../helpers/provider.js";
import { describeProviderContract } from "./provider-contract.js";

describeProviderContract({
  vendor: "comm100",
  badSecrets: { token: "wrong-token-123" },
  internalNotes: true,
  credentialHeader: "authorization",
  additionalTests: (get) => {
    describe("comm100 specifics", () => {
      it("follows nextPage with pageSize 50 and stops once --limit is reached", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const some = await collect(tp.provider.list({ limit: 60 }), 60);
        expect(some).toHaveLength(60);
        const pages = sim.requests.filter((r) => r.path === "/v4/ticketing/tickets");
        expect(pages).toHaveLength(2);
        expect(pages[0]!.query["pageSize"]).toBe("50");
        expect(pages[1]!.query["pageIndex"]).toBe("2");
      });

      it("assign is a read-modify-write that preserves every other field", async () => {
        const { sim, tp } = get();
        const id = sim.fixtures.mergeSourceIds![0]!;
        const before = await tp.provider.show(id);
        sim.requests.length = 0;
        await tp.provider.assign!(id, { assignee: sim.fixtures.assigneeId, team: sim.fixtures.teamId });
        const put = sim.requests.find((r) => r.method === "PUT")!;
        expect(put.path).toBe(`/v4/ticketing/tickets/${id}`);
        const body = put.body as Record<string, unknown>;
        expect(body["assigneeId"]).toBe(sim.fixtures.assigneeId);
        expect(body["departmentAssigneeId"]).toBe(sim.fixtures.teamId);
        expect(body["subject"]).toBe(before.subject);
        expect(body["contactOrVisitorId"]).toBe(before.requester?.id);
        expect(body["priority"]).toBe(before.priority);
        expect(body["status"]).toBe(before.vendorStatus);
        const after = await tp.provider.show(id);
        expect(after.subject).toBe(before.subject);
        expect(after.priority).toBe(before.priority);
        expect(after.tags).toEqual(before.tags);
      });

      it("escalate raises priority to urgent and records the reason as a note", async () => {
        const { sim, tp } = get();
        const t = await tp.provider.escalate!(sim.fixtures.ticketId, { reason: "VIP customer" });
        expect(t.priority).toBe("urgent");
        const note = sim.requests.find((r) => r.method === "POST" && r.path === "/v4/ticketing/notes");
        expect((note?.body as Record<string, unknown>)["text"]).toBe("Escalated: VIP customer");
        const shown = await tp.provider.show(sim.fixtures.ticketId);
        expect(shown.priority).toBe("urgent");
      });

      it("merge posts to the colon verb with a numeric sourceId", async () => {
        const { sim, tp } = get();
        const extra = await tp.provider.create!(sim.fixtures.create!);
        sim.requests.length = 0;
        await tp.provider.merge!(sim.fixtures.ticketId, [extra.id]);
        const merges = sim.requests.filter((r) => r.path.endsWith(":merge"));
        expect(merges).toHaveLength(1);
        expect(merges[0]!.path).toBe(`/v4/ticketing/tickets/${sim.fixtures.ticketId}:merge`);
        expect(merges[0]!.body).toEqual({ sourceId: Number(extra.id) });
      });

      it("merged sources leave the list and their messages move to the target", async () => {
        const { sim, tp } = get();
        const target = sim.fixtures.ticketId;
        const src = sim.fixtures.mergeSourceIds![1]!;
        const all = await collect(tp.provider.list({}));
        expect(all.some((t) => t.id === src)).toBe(false);
        const shown = await tp.provider.show(target);
        expect(shown.messages.length).toBeGreaterThan(1);
      });

      it("authenticates with an API key as Basic email:key plus siteId", async () => {
        const { startSimulator, SANDBOX_API_KEY_SETTINGS } = await import("../../src/sandbox/comm100/index.js");
        const sim = await startSimulator({ tickets: 5, secrets: { apiKey: "sbx-key-test-0001" } });
        try {
          const tp = await providerFor(sim, { secrets: { token: "" , apiKey: "sbx-key-test-0001" }, settings: SANDBOX_API_KEY_SETTINGS });
          const tickets = await collect(tp.provider.list({}));
          expect(tickets).toHaveLength(5);
          const r = sim.requests[0]!;
          expect(r.query["siteId"]).toBe("10000");
          expect(r.headers["authorization"]).toBe(`Basic ${Buffer.from("agent@sandbox.example.com:sbx-key-test-0001").toString("base64")}`);
        } finally {
          await sim.close();
        }
      });

      it("refuses a nextPage link that leaves the profile's base URL", async () => {
        const { sim } = get();
        // A profile whose base URL is a different origin's path cannot be tricked into following the simulator's links.
        const tp = await providerFor(sim, { baseUrl: sim.baseUrl.replace("127.0.0.1", "localhost") });
        const err = await collect(tp.provider.list({ limit: 80 })).catch((e: unknown) => e);
        expect(String(err)).toMatch(/refusing to follow/);
      });

      it("rejects a non-numeric ticket id before any request", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const err = await tp.provider.show("abc").catch((e: unknown) => e);
        expect((err as Error).message).toMatch(/Comm100 ticket ids are numbers/);
        expect(sim.requests).toHaveLength(0);
      });

      it("shows the event log with history", async () => {
        const { sim, tp } = get();
        const d = await tp.provider.show(sim.fixtures.ticketId, { history: true });
        expect(d.history?.length).toBeGreaterThan(0);
        expect(sim.requests.some((r) => String(r.query["include"] ?? "").includes("ticketingEventLog"))).toBe(true);
      });
    });
  },
});
