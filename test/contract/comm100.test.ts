/**
 * The shared contract, run against the Comm100 simulator's own reading and against every variant
 * it serves where the document is silent (src/sandbox/comm100/readings.ts).
 */
import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "../../src/sandbox/types.js";
import { VARIANTS } from "../../src/sandbox/comm100/index.js";
import { collect, providerFor } from "../helpers/provider.js";
import { describeProviderContract, type ContractOptions } from "./provider-contract.js";

const base: ContractOptions = {
  vendor: "comm100",
  badSecrets: { token: "wrong-token-123" },
  internalNotes: true,
  credentialHeader: "authorization",
  isCredentialRequest: (r: RecordedRequest) => r.path === "/oauth/token",
};

describeProviderContract({
  ...base,
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

      it("asks for no more than --limit tickets when nothing is filtered client-side", async () => {
        const { sim, tp } = get();
        await collect(tp.provider.list({ limit: 7 }));
        const pages = sim.requests.filter((r) => r.path === "/v4/ticketing/tickets");
        expect(pages).toHaveLength(1);
        expect(pages[0]!.query["pageSize"]).toBe("7");
      });

      it("assign is a read-modify-write that preserves every other field", async () => {
        const { sim, tp } = get();
        const id = sim.fixtures.mergeSourceIds![0]!;
        const before = await tp.provider.show(id);
        sim.requests.length = 0;
        await tp.provider.assign!(id, { assignee: sim.fixtures.assigneeId, team: sim.fixtures.teamId });
        const put = sim.requests.find((r) => r.method === "PUT")!;
        expect(put.path).toBe(`/v4/ticketing/tickets/${id}`);
        expect(put.headers["content-type"]).toMatch(/^application\/json/);
        const body = put.body as Record<string, unknown>;
        expect(body["assigneeId"]).toBe(sim.fixtures.assigneeId);
        expect(body["assigneeType"]).toBe("agent");
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

      it("escalate raises priority to urgent and records the reason as an internal note, never a message", async () => {
        const { sim, tp } = get();
        const t = await tp.provider.escalate!(sim.fixtures.ticketId, { reason: "VIP customer" });
        expect(t.priority).toBe("urgent");
        const note = sim.requests.find((r) => r.method === "POST" && r.path === "/v4/ticketing/notes");
        expect((note?.body as Record<string, unknown>)["text"]).toBe("Escalated: VIP customer");
        expect(sim.requests.some((r) => r.path === "/v4/ticketing/messages")).toBe(false);
        const shown = await tp.provider.show(sim.fixtures.ticketId);
        expect(shown.priority).toBe("urgent");
        expect(shown.messages.filter((m) => m.body === "Escalated: VIP customer").map((m) => m.internal)).toEqual([true]);
      });

      it("close --comment is an internal note, never a message to the customer", async () => {
        const { sim, tp } = get();
        const id = sim.fixtures.mergeSourceIds![0]!;
        await tp.provider.close!(id, { comment: "Duplicate of another ticket" });
        expect(sim.requests.some((r) => r.method === "POST" && r.path === "/v4/ticketing/messages")).toBe(false);
        const note = sim.requests.find((r) => r.method === "POST" && r.path === "/v4/ticketing/notes");
        expect(note?.body).toMatchObject({ ticketId: Number(id), text: "Duplicate of another ticket" });
      });

      it("a public reply says isInternal false and goes out on the conversation's channel", async () => {
        const { sim, tp } = get();
        await tp.provider.reply!(sim.fixtures.ticketId, { body: "On its way", internal: false });
        const post = sim.requests.find((r) => r.method === "POST" && r.path === "/v4/ticketing/messages")!;
        expect(post.body).toMatchObject({ ticketId: Number(sim.fixtures.ticketId), type: "text", body: "On its way", sentByType: "agent", isInternal: false });
        expect(typeof (post.body as Record<string, unknown>)["channelId"]).toBe("string");
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

      it("authenticates with an API key as Basic email:key plus siteId, and registers the Basic value as a secret", async () => {
        const { startSimulator, SANDBOX_API_KEY_SETTINGS } = await import("../../src/sandbox/comm100/index.js");
        const sim = await startSimulator({ tickets: 5, secrets: { apiKey: "sbx-key-test-0001" } });
        try {
          const tp = await providerFor(sim, { secrets: { token: "", apiKey: "sbx-key-test-0001" }, settings: SANDBOX_API_KEY_SETTINGS });
          const tickets = await collect(tp.provider.list({}));
          expect(tickets).toHaveLength(5);
          const r = sim.requests[0]!;
          const basic = Buffer.from("agent@sandbox.example.com:sbx-key-test-0001").toString("base64");
          expect(r.query["siteId"]).toBe("10000");
          expect(r.headers["authorization"]).toBe(`Basic ${basic}`);
          expect(tp.redactor.redact(`header was ${basic}`)).toBe("header was ***");
        } finally {
          await sim.close();
        }
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

for (const variant of VARIANTS) describeProviderContract({ ...base, simulator: { variant } });

// The OAuth-only site (password grant, expiring tokens) is covered by test/providers/comm100/oauth.test.ts:
// the shared suite counts the token POST as a write, and its write-only 503 fault would hit the token
// request instead of the reply it means to fail.
