/**
 * 3Dolphins against its simulator, over real HTTP: the shared contract against the simulator's
 * own reading and against every variant it serves (src/sandbox/3dolphins/readings.ts), plus what
 * is 3Dolphins' own (queues, channelType replies, reassign/transfer, supervisor escalation,
 * uploads referenced by a message, and the inputs it cannot carry).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, NotFoundError, OperationError, UnsupportedError, UsageError } from "../../src/errors.js";
import { TicketSchema } from "../../src/model/schema.js";
import { VARIANTS } from "../../src/sandbox/3dolphins/index.js";
import type { RecordedRequest, Simulator } from "../../src/sandbox/types.js";
import { collect, providerFor } from "../helpers/provider.js";
import { describeProviderContract } from "./provider-contract.js";

const G = "/dolphin/apiv1/graph";
const writes = (reqs: RecordedRequest[]) => reqs.filter((r) => r.method !== "GET" && r.method !== "HEAD");
const bodyOf = (r: RecordedRequest | undefined) => (r?.body ?? {}) as Record<string, unknown>;

/** An open ticket of the simulator other than the shared fixture (the contract closes that one). */
async function openTicket(sim: Simulator, skip: string[] = []): Promise<string> {
  const tp = await providerFor(sim);
  for await (const t of tp.provider.list({ status: ["open"] })) {
    if (t.id !== sim.fixtures.ticketId && !skip.includes(t.id)) return t.id;
  }
  throw new Error("no open ticket in the seed");
}

const base = {
  vendor: "3dolphins" as const,
  credentialHeader: "authorization",
  isCredentialRequest: (r: RecordedRequest) => r.path.endsWith("/graph/auth"),
  internalNotes: false,
  badSecrets: { token: "wrong-token" },
};

for (const variant of VARIANTS) describeProviderContract({ ...base, simulator: { variant } });

describeProviderContract({
  ...base,
  additionalTests: (get) => {
    describe("3dolphins specifics", () => {
      it("create and merge are unsupported with the reason, before any request", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const c = await tp.provider.create!({ subject: "x" }).catch((e: unknown) => e);
        expect(c).toBeInstanceOf(UnsupportedError);
        expect((c as Error).message).toMatch(/no create endpoint/);
        const m = await tp.provider.merge!(sim.fixtures.ticketId, ["2501010001"]).catch((e: unknown) => e);
        expect(m).toBeInstanceOf(UnsupportedError);
        expect((m as Error).message).toMatch(/no merge endpoint/);
        expect(sim.requests).toEqual([]);
      });

      it("pages graph/tickets with start/count, following nextIndex, and sizes pages by --limit", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const few = await collect(tp.provider.list({ limit: 7 }), 7);
        expect(few).toHaveLength(7);
        expect(sim.requests).toHaveLength(1);
        expect(sim.requests[0]!.path).toBe(`${G}/tickets`);
        expect(sim.requests[0]!.query).toEqual({ start: "0", count: "7" });
        expect(sim.requests[0]!.headers["authorization"]).toBe(`Bearer ${sim.credentials.secrets["token"]}`);

        sim.requests.length = 0;
        const all = await collect(tp.provider.list({}));
        const starts = sim.requests.map((r) => r.query["start"]);
        expect(starts).toEqual(["0", "50", "100"]);
        expect(sim.requests.every((r) => r.query["count"] === "50")).toBe(true);
        expect(all).toHaveLength(sim.fixtures.listAllCount);
        // Newest first, as the simulator serves them.
        expect(Date.parse(all[0]!.createdAt!)).toBeGreaterThan(Date.parse(all[all.length - 1]!.createdAt!));
      });

      it("filters status through the assignment queue (one query per vendor status) and urgent through the priority queue", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const pending = await collect(tp.provider.list({ status: ["pending"] }));
        expect(pending.length).toBeGreaterThan(0);
        expect(pending.every((t) => t.status === "pending" && t.vendorStatus === "Pending")).toBe(true);
        expect(sim.requests.map((r) => [r.path, r.query["status"], r.query["isToday"], r.query["sort"]])).toEqual([
          [`${G}/tickets/assignment`, "pending", "false", "desc"],
        ]);

        sim.requests.length = 0;
        const open = await collect(tp.provider.list({ status: ["open", "new"] }));
        expect(new Set(sim.requests.map((r) => r.query["status"]))).toEqual(new Set(["assigned", "open", "unassigned"]));
        expect(new Set(open.map((t) => t.status))).toEqual(new Set(["open", "new"]));

        sim.requests.length = 0;
        const urgent = await collect(tp.provider.list({ priority: ["urgent"] }));
        expect(urgent.length).toBeGreaterThan(0);
        expect(urgent.every((t) => t.priority === "urgent")).toBe(true);
        expect(sim.requests.every((r) => r.path === `${G}/tickets/priority`)).toBe(true);

        sim.requests.length = 0;
        const none = await collect(tp.provider.list({ status: ["on_hold"] }));
        expect(none).toEqual([]);
        expect(sim.requests).toEqual([]);
      });

      it("applies channel, query (FIELD=VALUE and free text) and date filters client-side", async () => {
        const { sim, tp } = get();
        const email = await collect(tp.provider.list({ channel: "email" }));
        expect(email.length).toBeGreaterThan(0);
        expect(email.every((t) => t.channel === "email")).toBe(true);
        const whatsapp = await collect(tp.provider.list({ query: "channelType=whatsapp" }));
        expect(whatsapp.length).toBeGreaterThan(0);
        expect(whatsapp.every((t) => t.channel === "whatsapp")).toBe(true);
        const one = (await collect(tp.provider.list({ limit: 1 }), 1))[0]!;
        const hit = await collect(tp.provider.list({ query: one.subject.slice(0, 12) }));
        expect(hit.map((t) => t.id)).toContain(one.id);
        sim.requests.length = 0;
        const since = new Date(Date.now() - 3 * 86_400_000);
        const recent = await collect(tp.provider.list({ since }));
        expect(recent.every((t) => Date.parse(t.createdAt!) >= since.getTime())).toBe(true);
        expect(recent.length).toBeLessThan(sim.fixtures.listAllCount);
      });

      it("show maps the conversation: customer, bot and agent bubbles, oldest first, with ISO dates", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        const d = await tp.provider.show(id, { history: true });
        expect(d.messages[0]!.author.type).toBe("customer");
        const types = new Set(d.messages.map((m) => m.author.type));
        expect(types.has("agent")).toBe(true);
        if (d.channel !== "email") expect(d.messages.some((m) => m.author.type === "bot" && m.author.name === "Bot")).toBe(true);
        const times = d.messages.map((m) => Date.parse(m.createdAt!));
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        expect(d.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(d.history?.map((h) => h.action)).toContain("assigned");
        expect(sim.requests.some((r) => r.path === `${G}/tickets/conversations/${id}`)).toBe(true);
      });

      it("reply sends the ticket's channelType and the profile's replyAgent, and show prints it", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        const before = await tp.provider.show(id);
        sim.requests.length = 0;
        const msg = await tp.provider.reply!(id, { body: "Hello from the contract", internal: false });
        // The answer is the ticket's parent record (doc line 86), not the message: no name to take from it.
        expect(msg).toMatchObject({ body: "Hello from the contract", internal: false, author: { type: "agent", id: sim.credentials.settings["replyAgent"], name: null } });
        const [read, post] = sim.requests;
        expect(read!.method).toBe("GET");
        expect(read!.path).toBe(`${G}/tickets/${id}`);
        expect(post!.path).toBe(`${G}/tickets/sendMessage`);
        expect(bodyOf(post)).toEqual({ ticketNumber: id, channelType: before.channel, replyAgent: sim.credentials.settings["replyAgent"], message: "Hello from the contract" });
        const after = await tp.provider.show(id);
        expect(after.messages).toHaveLength(before.messages.length + 1);
        expect(after.messages[after.messages.length - 1]).toMatchObject({ body: "Hello from the contract", author: { type: "agent" } });
      });

      it("reply without replyAgent is a ConfigError before any request", async () => {
        const { sim } = get();
        const tp = await providerFor(sim, { settings: { replyAgent: "" } });
        sim.requests.length = 0;
        const err = await tp.provider.reply!(sim.fixtures.ticketId, { body: "x", internal: false }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ConfigError);
        expect(sim.requests).toEqual([]);
      });

      it("assign reassigns (teamMember.id) and transfers (toGroup); show reflects both", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        sim.requests.length = 0;
        const t = await tp.provider.assign!(id, { assignee: sim.fixtures.assigneeId, team: sim.fixtures.teamId });
        const puts = writes(sim.requests);
        expect(puts.map((r) => [r.method, r.path])).toEqual([
          ["PUT", `${G}/tickets/update/transfer`],
          ["PUT", `${G}/tickets/update/reassign`],
        ]);
        expect(bodyOf(puts[0])).toEqual({ ticketNumber: id, toGroup: sim.fixtures.teamId });
        expect(bodyOf(puts[1])).toEqual({ ticketNumber: id, teamMember: { id: sim.fixtures.assigneeId } });
        expect(t).toMatchObject({ status: "open", vendorStatus: "Assigned", assignee: { id: sim.fixtures.assigneeId }, team: { id: sim.fixtures.teamId } });
        const shown = await tp.provider.show(id);
        expect(shown.assignee?.id).toBe(sim.fixtures.assigneeId);
        expect(shown.assignee?.name).toBeTruthy();
        expect(shown.team?.id).toBe(sim.fixtures.teamId);
      });

      it("an unknown agent, supervisor or group is exit 5 naming it (the ticket exists), and nothing changed", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        const before = await tp.provider.show(id);
        const missing = sim.fixtures.missingAgentId!;
        const attempts = [
          ["agent", () => tp.provider.assign!(id, { assignee: missing })],
          ["group", () => tp.provider.assign!(id, { team: missing })],
          ["supervisor", () => tp.provider.escalate!(id, { to: missing })],
        ] as const;
        for (const [what, attempt] of attempts) {
          const err = await attempt().catch((e: unknown) => e);
          expect(err, what).toBeInstanceOf(NotFoundError);
          expect((err as Error).message).toContain(`3Dolphins has no ${what} "${missing}"`);
          expect((err as NotFoundError).vendorCode, what).toBe("failed");
          expect((err as NotFoundError).hint).toMatch(/no agent or group directory/);
        }
        const after = await tp.provider.show(id);
        expect(after.assignee).toEqual(before.assignee);
        expect(after.team).toEqual(before.team);
        // An unknown ticket is named as the ticket, before any write.
        sim.requests.length = 0;
        const gone = await tp.provider.assign!(sim.fixtures.missingTicketId, { assignee: sim.fixtures.assigneeId }).catch((e: unknown) => e);
        expect(gone).toBeInstanceOf(NotFoundError);
        expect((gone as Error).message).toContain(`Ticket ${sim.fixtures.missingTicketId} not found`);
        expect(writes(sim.requests)).toEqual([]);
      });

      it("escalate sends supervisorId (profile default, --to overrides); show reflects the supervisor", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        sim.requests.length = 0;
        await tp.provider.escalate!(id, {});
        expect(bodyOf(writes(sim.requests)[0])).toEqual({ ticketNumber: id, supervisorId: sim.credentials.settings["supervisorId"] });
        const shown = await tp.provider.show(id, { history: true });
        expect(shown.assignee?.id).toBe(sim.credentials.settings["supervisorId"]);
        expect(shown.history?.some((h) => h.action === "escalated")).toBe(true);

        const noDefault = await providerFor(sim, { settings: { supervisorId: "" } });
        sim.requests.length = 0;
        const err = await noDefault.provider.escalate!(id, {}).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UsageError);
        expect(sim.requests).toEqual([]);
        const bad = await noDefault.provider.escalate!(id, { to: "0000000000000000000000000000beef" }).catch((e: unknown) => e);
        expect(bad).toBeInstanceOf(NotFoundError);
        expect(bodyOf(writes(sim.requests)[0])["supervisorId"]).toBe("0000000000000000000000000000beef");
      });

      it("escalate --reason is refused before any request: the endpoint carries no reason and there are no notes", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const err = await tp.provider.escalate!(sim.fixtures.ticketId, { reason: "VIP customer" }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnsupportedError);
        expect((err as Error).message).toMatch(/carries no reason/);
        expect(sim.requests).toEqual([]);
      });

      it("close sends {ticketNumber} only; --resolve closes the same way; show prints Closed; a reply to it is refused with the vendor's text", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        sim.requests.length = 0;
        const t = await tp.provider.close!(id, { resolve: true });
        expect(writes(sim.requests).map((r) => [r.method, r.path, r.headers["content-type"]])).toEqual([["PUT", `${G}/tickets/update/close`, "application/json"]]);
        expect(bodyOf(writes(sim.requests)[0])).toEqual({ ticketNumber: id });
        expect(t).toMatchObject({ status: "closed", vendorStatus: "Closed" });
        const shown = await tp.provider.show(id, { history: true });
        expect(shown.status).toBe("closed");
        expect(shown.history?.find((h) => h.action === "closed")).toMatchObject({ actor: sim.credentials.settings["replyAgent"], detail: "Resolved" });
        const err = await tp.provider.reply!(id, { body: "too late", internal: false }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(OperationError);
        expect((err as Error).message).toContain(`Ticket ${id} is already closed`);
        expect((err as OperationError).vendorCode).toBe("failed");
      });

      it("close --comment (an internal note) is refused before any request: nothing is published or dropped", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const err = await tp.provider.close!(sim.fixtures.ticketId, { comment: "Duplicate of 1041" }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnsupportedError);
        expect((err as Error).message).toMatch(/no internal notes/);
        expect(sim.requests).toEqual([]);
      });

      it("upload posts multipart `file`, strips the token from the returned link, and references it in a reply", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        const dir = mkdtempSync(join(tmpdir(), "t3d-up-"));
        const path = join(dir, "invoice 42.txt");
        writeFileSync(path, "invoice body");
        sim.requests.length = 0;
        const atts = await tp.provider.upload!(id, [{ path, name: "invoice 42.txt", size: 12 }], { message: "See attached" });
        const up = sim.requests.find((r) => r.path === `${G}/tickets/files`)!;
        expect(up.method).toBe("POST");
        expect(String(up.headers["content-type"])).toMatch(/^multipart\/form-data/);
        expect(bodyOf(up)["file"]).toEqual([{ filename: "invoice 42.txt", size: 12, type: "text/plain" }]);
        const token = sim.credentials.secrets["token"]!;
        expect(atts).toHaveLength(1);
        expect(atts[0]).toMatchObject({ name: "invoice 42.txt", size: 12, contentType: "text/plain" });
        expect(atts[0]!.url).toMatch(new RegExp(`^${sim.baseUrl}/graph/tickets/files/[0-9a-f]+/invoice%2042\\.txt$`));
        expect(atts[0]!.url).not.toContain(token);
        expect(atts[0]!.url).not.toContain("access_token");
        const send = sim.requests.find((r) => r.path === `${G}/tickets/sendMessage`)!;
        expect(bodyOf(send)["message"]).toBe(`See attached\ninvoice 42.txt: ${atts[0]!.url}`);
        expect(JSON.stringify(sim.requests.map((r) => r.body))).not.toContain(token);
        const shown = await tp.provider.show(id);
        const last = shown.messages[shown.messages.length - 1]!;
        expect(last.body).toContain(atts[0]!.url!);
        expect(last.attachments).toEqual([{ id: atts[0]!.id, name: "invoice 42.txt", size: null, contentType: "text/plain", url: atts[0]!.url }]);
        expect(shown.attachments.map((a) => a.url)).toContain(atts[0]!.url);
      });

      it("upload as an internal note is refused before any request", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const err = await tp.provider.upload!(sim.fixtures.ticketId, [{ path: "/nonexistent", name: "x", size: 1 }], { internal: true }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnsupportedError);
        expect(sim.requests).toEqual([]);
        const reply = await tp.provider.reply!(sim.fixtures.ticketId, { body: "note", internal: true, attachments: [{ path: "/nonexistent", name: "x", size: 1 }] }).catch((e: unknown) => e);
        expect(reply).toBeInstanceOf(UnsupportedError);
        expect(sim.requests).toEqual([]);
      });

      it("rejects a malformed ticket id before any request", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        for (const bad of ["../graph/auth", "..", "a b", "x?y", "x".repeat(65)]) {
          const err = await tp.provider.show(bad).catch((e: unknown) => e);
          expect(err, bad).toBeInstanceOf(UsageError);
        }
        expect(sim.requests).toEqual([]);
      });

      it("raw carries the vendor payload on every ticket", async () => {
        const { sim } = get();
        const tp = await providerFor(sim, { raw: true });
        const [t] = await collect(tp.provider.list({ limit: 1 }), 1);
        expect((t!.raw as Record<string, unknown>)["ticketNumber"]).toBe(t!.id);
        expect(() => TicketSchema.parse(t)).not.toThrow();
      });
    });
  },
});

