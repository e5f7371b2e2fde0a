/**
 * Zaia against its simulator over real HTTP: the shared contract once per reading the simulator
 * can serve (its own, and every VARIANT of src/sandbox/zaia/readings.ts), plus what is Zaia's own
 * (status walk, takeover, complete, UUID checks, unsupported verbs, tags) on the simulator's own reading.
 */
import { expect, it } from "vitest";
import { ConfigError, UnsupportedError, UsageError } from "../../src/errors.js";
import { TicketSchema } from "../../src/model/schema.js";
import { tagTicket, untagTicket } from "../../src/providers/zaia/index.js";
import { VARIANTS } from "../../src/sandbox/zaia/index.js";
import { collect, providerFor } from "../helpers/provider.js";
import { describeProviderContract } from "./provider-contract.js";

const NOT_A_UUID = "12345";

const base = {
  vendor: "zaia",
  badSecrets: { apiKey: "wrong-key" },
  internalNotes: false,
  credentialHeader: "authorization",
} as const;

for (const variant of VARIANTS) describeProviderContract({ ...base, simulator: { variant } });

describeProviderContract({
  ...base,
  additionalTests: (get) => {
    /** A fresh ticket in a given Zaia status, not touched by the contract's write tests. */
    async function ticketIn(status: "new" | "open" | "closed", skip = 1) {
      const { tp, sim } = get();
      const list = await collect(tp.provider.list({ status: [status], limit: skip + 1 }), skip + 1);
      const t = list.filter((x) => x.id !== sim.fixtures.ticketId)[skip - 1];
      expect(t, `a ${status} ticket`).toBeDefined();
      return t!;
    }

    it("sends the raw API key in the authorization header (no scheme)", async () => {
      const { tp, sim } = get();
      await collect(tp.provider.list({ limit: 1 }), 1);
      expect(sim.requests[0]?.headers["authorization"]).toBe(sim.credentials.secrets["apiKey"]);
    });

    it("walks every status with no filter: pending, ongoing and completed, each paged to a short page", async () => {
      const { tp, sim } = get();
      const all = await collect(tp.provider.list({}));
      const asked = sim.requests.map((r) => r.query["status"]);
      expect(new Set(asked)).toEqual(new Set(["pending", "ongoing", "completed"]));
      for (const r of sim.requests) {
        expect(r.path).toBe("/api/v1/tickets/details");
        expect(Number(r.query["pageSize"])).toBeLessThanOrEqual(100);
        expect(r.status).toBe(200);
      }
      expect(new Set(all.map((t) => t.vendorStatus))).toEqual(new Set(["pending", "ongoing", "completed"]));
      for (const t of all) expect(() => TicketSchema.parse(t)).not.toThrow();
    });

    it("maps the status filter to Zaia statuses, and refuses statuses Zaia has not", async () => {
      const { tp, sim } = get();
      const open = await collect(tp.provider.list({ status: ["open"] }));
      expect(open.length).toBeGreaterThan(0);
      expect(open.every((t) => t.vendorStatus === "ongoing" && t.status === "open")).toBe(true);
      expect(sim.requests.every((r) => r.query["status"] === "ongoing")).toBe(true);
      sim.requests.length = 0;
      const err = await collect(tp.provider.list({ status: ["on_hold"] })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedError);
      expect(sim.requests).toEqual([]);
    });

    it("sizes pages by --limit and stops fetching when the caller stops", async () => {
      const { tp, sim } = get();
      const got = await collect(tp.provider.list({ limit: 3 }), 3);
      expect(got).toHaveLength(3);
      expect(sim.requests).toHaveLength(1);
      expect(sim.requests[0]?.query["pageSize"]).toBe("3");
      expect(sim.requests[0]?.query["pageNumber"]).toBe("1");
    });

    it("sends assignee, tag and query filters the way Zaia takes them", async () => {
      const { tp, sim } = get();
      const sample = await ticketIn("open");
      const assigneeId = sample.assignee!.id!;
      sim.requests.length = 0;
      const mine = await collect(tp.provider.list({ assignee: assigneeId, query: "a" }));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((t) => t.assignee?.id === assigneeId)).toBe(true);
      for (const r of sim.requests) {
        expect(r.query["assigneeIds"]).toBe(assigneeId);
        expect(r.query["search"]).toBe("a");
      }
      sim.requests.length = 0;
      // --tag takes a name (issue 10 item 11): looked up in GET /api/v1/tags, then filtered by its id.
      const vip = await collect(tp.provider.list({ tag: "vip" }));
      const lists = sim.requests.filter((r) => r.path === "/api/v1/tickets/details");
      expect(sim.requests[0]?.path).toBe("/api/v1/tags");
      expect(lists.length).toBeGreaterThan(0);
      expect(new Set(lists.map((r) => r.query["tagIds"])).size).toBe(1);
      expect(vip.length).toBeGreaterThan(0);
    });

    it("filters by team client-side, by id or by name", async () => {
      const { tp } = get();
      const sample = (await collect(tp.provider.list({ status: ["closed"] }))).find((t) => t.team?.name);
      const byName = await collect(tp.provider.list({ team: sample!.team!.name!.toUpperCase() }));
      expect(byName.length).toBeGreaterThan(0);
      expect(byName.every((t) => t.team?.id === sample!.team!.id)).toBe(true);
    });

    it("shows the detail row with requester, team, responder and the ticket's messages", async () => {
      const { tp, sim } = get();
      const t = await ticketIn("open");
      sim.requests.length = 0;
      const d = await tp.provider.show(t.id, { history: true });
      expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/tickets/${t.id}/details`, "GET /api/v1/chat-messages"]);
      const chatId = (d.customFields?.["chatId"] as string) ?? "";
      expect(sim.requests[1]?.query).toEqual({ chatId, ticketIds: t.id, joins: "senders" });
      expect(d.requester?.id).toBeTruthy();
      expect(d.assignee?.name).toBeTruthy();
      expect((d.customFields?.["responder"] as { entity: string }).entity).toMatch(/^(agents|squads|workflows)$/);
      expect(d.messages.some((m) => m.author.type === "customer")).toBe(true);
      expect(d.messages.some((m) => m.author.type === "bot")).toBe(true);
      expect(d.messages.some((m) => m.author.type === "agent")).toBe(true);
      const times = d.messages.map((m) => m.createdAt!);
      expect([...times].sort()).toEqual(times);
      expect(d.history?.map((h) => h.action)).toEqual(["created", "ongoing"]);
    });

    it("escalate takes the chat over: assignee set, status ongoing, and show prints it", async () => {
      const { tp, sim } = get();
      const t = await ticketIn("new", 2);
      const to = sim.fixtures.assigneeId;
      sim.requests.length = 0;
      const after = await tp.provider.escalate!(t.id, { to });
      const write = sim.requests.find((r) => r.method === "PATCH");
      expect(write?.path).toBe(`/api/v1/tickets/${t.id}/takeover`);
      expect(write?.body).toEqual({ assigneeId: to });
      expect(after.status).toBe("open");
      expect(after.vendorStatus).toBe("ongoing");
      expect(after.assignee?.id).toBe(to);
      const shown = await tp.provider.show(t.id);
      expect(shown.assignee?.id).toBe(to);
      expect(shown.vendorStatus).toBe("ongoing");
      expect(shown.customFields?.["ongoingAt"]).toBeTruthy();
    });

    it("escalate without --to: the profile's own user takes the chat over, and the returned ticket names that user", async () => {
      const { tp, sim } = get();
      const t = await ticketIn("new", 3);
      sim.requests.length = 0;
      const after = await tp.provider.escalate!(t.id, {});
      const me = sim.credentials.settings["userId"]!;
      expect(sim.requests.find((r) => r.method === "PATCH")?.body).toEqual({ assigneeId: me });
      expect(after.assignee?.id).toBe(me);
      expect(after.assignee?.name).toBeTruthy();
      expect(after.vendorStatus).toBe("ongoing");
    });

    it("close completes with the profile's userId, and show prints completed", async () => {
      const { tp, sim } = get();
      const t = await ticketIn("open", 2);
      sim.requests.length = 0;
      const after = await tp.provider.close!(t.id, {});
      const write = sim.requests.find((r) => r.method === "PATCH");
      expect(write?.path).toBe(`/api/v1/tickets/${t.id}/complete`);
      expect(write?.body).toEqual({ userId: sim.credentials.settings["userId"] });
      expect(after.vendorStatus).toBe("completed");
      const shown = await tp.provider.show(t.id);
      expect(shown.status).toBe("closed");
      expect(shown.customFields?.["completedAt"]).toBeTruthy();
      expect(shown.customFields?.["pendingChatMessages"]).toBe(0);
    });

    it("close without a userId setting is a ConfigError, before any request", async () => {
      const { sim } = get();
      const tp = await providerFor(sim, { settings: { userId: "" } });
      sim.requests.length = 0;
      const err = await tp.provider.close!(sim.fixtures.ticketId, {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect(sim.requests).toEqual([]);
    });

    it("assign changes the assignee only, and show prints it; a team change is refused", async () => {
      const { tp, sim } = get();
      const t = await ticketIn("closed");
      sim.requests.length = 0;
      const after = await tp.provider.assign!(t.id, { assignee: "me" });
      const me = sim.credentials.settings["userId"]!;
      expect(sim.requests.find((r) => r.method === "PATCH")).toMatchObject({ path: `/api/v1/tickets/${t.id}/assignee`, body: { assigneeId: me } });
      expect(after.assignee?.id).toBe(me);
      expect(after.assignee?.name).toBeTruthy();
      expect((await tp.provider.show(t.id)).assignee?.id).toBe(me);
      sim.requests.length = 0;
      const err = await tp.provider.assign!(t.id, { team: sim.fixtures.teamId }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedError);
      expect(sim.requests).toEqual([]);
    });

    it("create posts chatId/ticketingTeamId/assigneeId/status and show prints the new ticket", async () => {
      const { tp, sim } = get();
      const input = sim.fixtures.create!;
      sim.requests.length = 0;
      const created = await tp.provider.create!({ ...input, status: "open" });
      const post = sim.requests.find((r) => r.method === "POST");
      expect(post?.path).toBe("/api/v1/tickets");
      expect(post?.body).toEqual({
        chatId: input.fields!["chatId"],
        ticketingTeamId: input.team,
        assigneeId: sim.credentials.settings["userId"],
        status: "ongoing",
      });
      const shown = await tp.provider.show(created.id);
      expect(shown.team?.id).toBe(input.team);
      expect(shown.vendorStatus).toBe("ongoing");
      expect(shown.customFields?.["chatId"]).toBe(input.fields!["chatId"]);
    });

    it("create without a chatId is a usage error, before any request", async () => {
      const { tp, sim } = get();
      const err = await tp.provider.create!({ subject: "no chat" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect(sim.requests).toEqual([]);
    });

    it("refuses reply, merge and upload with the reason, sending nothing", async () => {
      const { tp, sim } = get();
      for (const attempt of [
        () => tp.provider.reply!(sim.fixtures.ticketId, { body: "hi", internal: false }),
        () => tp.provider.merge!(sim.fixtures.ticketId, [sim.fixtures.missingTicketId]),
        () => tp.provider.upload!(sim.fixtures.ticketId, [], {}),
      ]) {
        const err = await attempt().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnsupportedError);
        expect((err as Error).message).toMatch(/^Zaia's /);
      }
      expect(sim.requests).toEqual([]);
    });

    it("catches a malformed UUID before any request, for every verb that takes an id", async () => {
      const { tp, sim } = get();
      const attempts = [
        () => tp.provider.show(NOT_A_UUID),
        () => tp.provider.assign!(NOT_A_UUID, { assignee: sim.fixtures.assigneeId }),
        () => tp.provider.escalate!(NOT_A_UUID, {}),
        () => tp.provider.close!(NOT_A_UUID, {}),
        () => tp.provider.assign!(sim.fixtures.ticketId, { assignee: "bob" }),
      ];
      for (const attempt of attempts) {
        const err = await attempt().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UsageError);
        expect((err as UsageError).exitCode).toBe(2);
      }
      expect(sim.requests).toEqual([]);
    });

    it("the simulator itself answers 400 to a malformed id, a missing status and pageSize > 100", async () => {
      const { sim } = get();
      const key = sim.credentials.secrets["apiKey"]!;
      const get400 = async (path: string) => (await fetch(`${sim.baseUrl}${path}`, { headers: { authorization: key } })).status;
      expect(await get400(`/api/v1/tickets/${NOT_A_UUID}/details`)).toBe(400);
      expect(await get400("/api/v1/tickets/details")).toBe(400);
      expect(await get400("/api/v1/tickets/details?status=pending&pageSize=101")).toBe(400);
      expect(await get400("/api/v1/tickets/details?status=pending&assigneeIds=a,b")).toBe(400);
      const noKey = await fetch(`${sim.baseUrl}/api/v1/tickets/details?status=pending`);
      expect(noKey.status).toBe(401);
      expect(await noKey.json()).toMatchObject({ message: "Unauthorized" });
      const bearer = await fetch(`${sim.baseUrl}/api/v1/tickets/details?status=pending`, { headers: { authorization: `Bearer ${key}` } });
      expect(bearer.status).toBe(401);
    });

    it("tags and untags a ticket through the exported functions", async () => {
      const { tp, sim } = get();
      const t = await ticketIn("open", 3);
      const state = sim.exportState() as { tags: { id: string }[]; tickets: { id: string; tags: { tagId: string }[] }[] };
      const current = state.tickets.find((x) => x.id === t.id)!.tags.map((l) => l.tagId);
      const tagId = state.tags.map((x) => x.id).find((id) => !current.includes(id))!;
      sim.requests.length = 0;
      const link = await tagTicket(tp.ctx, t.id, tagId);
      expect(link).toMatchObject({ tagId, ticketId: t.id });
      expect(sim.requests[0]).toMatchObject({ method: "POST", path: `/api/v1/tickets/${t.id}/tags`, body: { tagId } });
      const tagged = await collect(tp.provider.list({ tag: tagId }));
      expect(tagged.map((x) => x.id)).toContain(t.id);
      expect(await untagTicket(tp.ctx, t.id, tagId)).toBeTruthy();
      expect(sim.requests.at(-1)).toMatchObject({ method: "DELETE", path: `/api/v1/tickets/${t.id}/tags/${tagId}` });
      const after = await collect(tp.provider.list({ tag: tagId }));
      expect(after.map((x) => x.id)).not.toContain(t.id);
      await expect(tagTicket(tp.ctx, t.id, "vip")).rejects.toBeInstanceOf(UsageError);
    });
  },
});
