/**
 * Sobot against its simulator, over real HTTP: the shared contract against the simulator's own
 * reading and against every variant it serves (src/sandbox/sobot/readings.ts), plus what is
 * Sobot's own (month windows, read-modify-write replies, custom statuses, reminders, uploads).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AuthError, ConfigError, NotFoundError, UsageError } from "../../src/errors.js";
import { plannedRequests, resetPlan } from "../../src/http/dry-run.js";
import { TicketDetailSchema, TicketSchema } from "../../src/model/schema.js";
import { normalizeText } from "../../src/providers/sobot/html.js";
import { VARIANTS, type SimState, type SobotSimulator } from "../../src/sandbox/sobot/index.js";
import type { RecordedRequest } from "../../src/sandbox/types.js";
import { collect, providerFor } from "../helpers/provider.js";
import { describeProviderContract } from "./provider-contract.js";

const DAY = 24 * 60 * 60 * 1000;
const TICKET = "/api/ws/5/ticket/";
const calls = (reqs: RecordedRequest[], name: string) => reqs.filter((r) => r.path === `${TICKET}${name}` || r.path === `/api/${name}`);
const body = (r: RecordedRequest | undefined) => (r?.body ?? {}) as Record<string, unknown>;

const base = {
  vendor: "sobot" as const,
  badSecrets: { app_key: "wrong-key" },
  internalNotes: true,
  credentialHeader: "token",
  isCredentialRequest: (r: RecordedRequest) => r.path.endsWith("/api/get_token"),
};

// Every plausible reading of what the document leaves open: the provider must work with each.
for (const variant of VARIANTS) describeProviderContract({ ...base, simulator: { variant } });

describeProviderContract({
  ...base,
  additionalTests: (get) => {
    describe("sobot specifics", () => {
      it("lists 90 days back across month windows and pages: every ticket in range exactly once, newest first", async () => {
        const { sim, tp } = get();
        const since = new Date(Date.now() - 90 * DAY);
        const tickets = await collect(tp.provider.list({ since }));
        const state = sim.exportState() as SimState;
        const expected = state.tickets.filter((t) => t.created >= since.getTime()).map((t) => t.ticketid);
        expect(expected.length).toBeGreaterThan(50);
        expect(tickets.map((t) => t.id).sort()).toEqual([...expected].sort());
        expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
        const times = tickets.map((t) => Date.parse(t.createdAt!));
        expect(times).toEqual([...times].sort((a, b) => b - a));

        const lists = calls(sim.requests, "query_tickets");
        const windows = new Set(lists.map((r) => `${r.query.create_start_datetime_ms}-${r.query.create_end_datetime_ms}`));
        expect(windows.size).toBeGreaterThanOrEqual(4);
        for (const r of lists) {
          const start = Number(r.query.create_start_datetime_ms);
          const end = Number(r.query.create_end_datetime_ms);
          expect(end - start).toBeLessThanOrEqual(28 * DAY);
          expect(r.query.page_size).toBe("50");
          expect(r.headers["language"]).toBe("en");
          expect(r.headers["timezoneid"]).toBe("Asia/Shanghai");
          expect(r.status).toBe(200);
        }
        expect(lists.some((r) => r.query.page_no === "2")).toBe(true);
        // One token for the whole walk.
        expect(calls(sim.requests, "get_token")).toHaveLength(1);
      });

      it("stops fetching once the caller stops iterating", async () => {
        const { sim, tp } = get();
        const first = await collect(tp.provider.list({ since: new Date(Date.now() - 90 * DAY), limit: 3 }), 3);
        expect(first).toHaveLength(3);
        const lists = calls(sim.requests, "query_tickets");
        expect(lists).toHaveLength(1);
        expect(lists[0]?.query.page_size).toBe("3");
      });

      it("lists by update time with --updated-since, and filters server-side", async () => {
        const { sim, tp } = get();
        const state = sim.exportState() as SimState;
        const agent = state.agents[1]!;
        const since = new Date(Date.now() - 60 * DAY);
        const tickets = await collect(tp.provider.list({ updatedSince: since, assignee: agent.agentid, channel: "email" }));
        const expected = state.tickets.filter((t) => t.updated >= since.getTime() && t.deal_agentid === agent.agentid && t.ticket_from === "12");
        expect(tickets.map((t) => t.id).sort()).toEqual(expected.map((t) => t.ticketid).sort());
        for (const t of tickets) {
          expect(t.assignee).toEqual({ id: agent.agentid, name: agent.agent_name, email: null });
          expect(t.channel).toBe("email");
        }
        const lists = calls(sim.requests, "query_tickets_by_update_time");
        expect(lists.length).toBeGreaterThanOrEqual(3);
        for (const r of lists) {
          expect(r.query.deal_agentid).toBe(agent.agentid);
          expect(r.query.ticket_from).toBe("12");
        }
      });

      it("maps custom statuses through query_ticket_status_infos (1104 Paused -> on_hold) and filters by them", async () => {
        const { sim, tp } = get();
        const tickets = await collect(tp.provider.list({ since: new Date(Date.now() - 150 * DAY), status: ["on_hold"] }));
        const state = sim.exportState() as SimState;
        const paused = state.tickets.filter((t) => t.ticket_status === "1104");
        expect(paused.length).toBeGreaterThan(0);
        expect(tickets.map((t) => t.id).sort()).toEqual(paused.map((t) => t.ticketid).sort());
        for (const t of tickets) expect(t).toMatchObject({ status: "on_hold", vendorStatus: "1104" });
        expect(calls(sim.requests, "query_ticket_status_infos")).toHaveLength(1);
        for (const r of calls(sim.requests, "query_tickets")) expect(r.query.ticket_status).toBe("1104");
      });

      it("shows replies, internal notes, custom fields and the operation log with history", async () => {
        const { sim, tp } = get();
        const state = sim.exportState() as SimState;
        const t = state.tickets.find((x) => x.replies.some((r) => r.reply_type === "1") && x.fields.length > 0 && x.replies.length >= 2)!;
        expect(t).toBeDefined();
        const detail = await tp.provider.show(t.ticketid, { history: true });
        expect(() => TicketDetailSchema.parse(detail)).not.toThrow();
        expect(detail.number).toBe(t.ticket_code);
        // Stored as HTML ("<p>...</p>"), shown as text.
        expect(t.ticket_content).toMatch(/^<p>/);
        expect(detail.messages[0]?.body).toBe(normalizeText(t.ticket_content));
        const replies = detail.messages.slice(1);
        expect(replies.map((m) => m.id)).toEqual([...t.replies].sort((a, b) => a.at - b.at).map((r) => r.replyid));
        expect(replies.filter((m) => m.internal).length).toBe(t.replies.filter((r) => r.reply_type === "1").length);
        expect(Object.keys(detail.customFields ?? {}).length).toBe(t.fields.length);
        expect(detail.history?.length).toBe(t.logs.length);
        expect(detail.history?.[0]?.action).toBe("Ticket create");
        expect(detail.createdAt).toBe(new Date(t.created).toISOString());
        expect(calls(sim.requests, "get_ticket_by_id")[0]?.query.ticketid).toBe(t.ticketid);
      });

      it("replies as a read-modify-write: echoes title, description, status and priority read first", async () => {
        const { sim, tp } = get();
        const id = sim.fixtures.ticketId;
        const before = (sim.exportState() as SimState).tickets.find((t) => t.ticketid === id)!;
        const msg = await tp.provider.reply!(id, { body: "Checking the logs now", internal: true });
        expect(msg.internal).toBe(true);
        expect(msg.author.type).toBe("agent");
        const order = sim.requests.filter((r) => !r.path.endsWith("get_token")).map((r) => `${r.method} ${r.path.replace(TICKET, "")}`);
        // The detail names the agent without deal_agentid (the doc's example): its id comes from get_data_dict.
        expect(order).toEqual(["GET get_ticket_by_id", "GET get_data_dict", "POST save_ticket_reply", "GET get_ticket_by_id"]);
        const sent = body(calls(sim.requests, "save_ticket_reply")[0]);
        expect(sent).toMatchObject({
          ticketid: id,
          ticket_title: before.ticket_title,
          ticket_content: before.ticket_content,
          ticket_status: before.ticket_status,
          ticket_level: before.ticket_level,
          reply_type: "1",
          reply_content: "Checking the logs now",
          reply_agentid: sim.credentials.settings.agentId,
          reply_agent_name: sim.credentials.settings.agentName,
          deal_agentid: before.deal_agentid,
          deal_groupid: before.deal_groupid,
        });
        expect(typeof sent.get_ticket_datetime_ms).toBe("number");
      });

      it("reads again and sends once more when Sobot answers 400016 (ticket changed since read)", async () => {
        const { sim, tp } = get();
        const id = sim.fixtures.ticketId;
        const live = (sim as SobotSimulator).state.tickets.find((t) => t.ticketid === id)!;
        // Another agent edits the ticket between our read and our write (once).
        const push = sim.requests.push.bind(sim.requests);
        let bumped = false;
        sim.requests.push = (...records: RecordedRequest[]) => {
          if (!bumped && records.some((r) => r.path.endsWith("save_ticket_reply"))) {
            bumped = true;
            live.updated = Date.now() + 5_000;
          }
          return push(...records);
        };
        try {
          await tp.provider.close!(id, { resolve: true });
        } finally {
          delete (sim.requests as { push?: unknown }).push;
        }
        const writes = calls(sim.requests, "save_ticket_reply");
        expect(writes.map((w) => w.status)).toEqual([200, 200]);
        expect(calls(sim.requests, "get_ticket_by_id").length).toBeGreaterThanOrEqual(2);
        expect(Number(body(writes[1]).get_ticket_datetime_ms)).toBeGreaterThanOrEqual(live.updated - 1);
        expect(live.ticket_status).toBe("3");
      });

      it("assigns an agent and a group with names from get_data_dict, and rejects an unknown agent before writing", async () => {
        const { sim, tp } = get();
        const state = sim.exportState() as SimState;
        const agent = state.agents.find((a) => a.groupids.length >= 2)!;
        const group = state.groups.find((g) => agent.groupids.includes(g.groupid))!;
        const t = await tp.provider.assign!(sim.fixtures.ticketId, { assignee: agent.agent_name, team: group.group_name });
        expect(t.assignee?.id).toBe(agent.agentid);
        expect(t.team).toEqual({ id: group.groupid, name: group.group_name });
        expect(body(calls(sim.requests, "save_ticket_reply")[0])).toMatchObject({
          deal_agentid: agent.agentid,
          deal_agent_name: agent.agent_name,
          deal_groupid: group.groupid,
          deal_group_name: group.group_name,
        });
        sim.requests.length = 0;
        const err = await tp.provider.assign!(sim.fixtures.ticketId, { assignee: "nobody-at-all" }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
        expect((err as Error).message).toContain('"nobody-at-all"');
        expect((err as Error).message).toContain(`${agent.agentid} (${agent.agent_name})`);
        expect(sim.requests.filter((r) => r.method === "POST")).toEqual([]);
      });

      it("maps 400013 (agent not in the group) to a UsageError with Sobot's text", async () => {
        const { sim, tp } = get();
        const state = sim.exportState() as SimState;
        const agent = state.agents.find((a) => a.groupids.length === 1)!;
        const outside = state.groups.find((g) => !agent.groupids.includes(g.groupid))!;
        const err = await tp.provider.assign!(sim.fixtures.ticketId, { assignee: agent.agentid, team: outside.groupid }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UsageError);
        expect((err as Error).message).toContain("Receiving agent group does not match receiving agent");
        expect((err as UsageError).vendorCode).toBe("400013");
      });

      it("escalates: ticket_level 3 (urgent) and a reminder with the reason", async () => {
        const { sim, tp } = get();
        const state = sim.exportState() as SimState;
        const target = state.tickets.find((t) => t.ticket_level === "0" && t.ticket_status === "1")!;
        const t = await tp.provider.escalate!(target.ticketid, { reason: "VIP customer waiting" });
        expect(t.priority).toBe("urgent");
        expect(body(calls(sim.requests, "save_ticket_reply")[0]).ticket_level).toBe("3");
        expect(body(calls(sim.requests, "reminder")[0])).toEqual({
          ticketid: target.ticketid,
          reminder_agentid: sim.credentials.settings.agentId,
          reminder_remark: "VIP customer waiting",
        });
        const after = (sim.exportState() as SimState).tickets.find((x) => x.ticketid === target.ticketid)!;
        expect(after.reminder?.remark).toBe("VIP customer waiting");
      });

      it("closes with status 99, resolves with 3, and sends a comment as an internal note (reply_type 1)", async () => {
        const { sim, tp } = get();
        const state = sim.exportState() as SimState;
        const [a, b] = state.tickets.filter((t) => t.ticket_status === "2");
        const resolved = await tp.provider.close!(a!.ticketid, { resolve: true, comment: "Fixed in 2.3.1" });
        expect(resolved).toMatchObject({ status: "resolved", vendorStatus: "3" });
        const sent = body(calls(sim.requests, "save_ticket_reply")[0]);
        expect(sent).toMatchObject({ ticket_status: "3", reply_type: "1", reply_content: "Fixed in 2.3.1" });
        const shown = await tp.provider.show(a!.ticketid);
        expect(shown.messages.at(-1)).toMatchObject({ body: "Fixed in 2.3.1", internal: true });
        const closed = await tp.provider.close!(b!.ticketid, {});
        expect(closed).toMatchObject({ status: "closed", vendorStatus: "99" });
      });

      it("creates with the profile's default category, custom fields and an attachment", async () => {
        const { sim, tp } = get();
        const dir = mkdtempSync(join(tmpdir(), "sobot-up-"));
        const path = join(dir, "error.png");
        writeFileSync(path, Buffer.from("fake png bytes"));
        const created = await tp.provider.create!({
          subject: "Export button greyed out",
          body: "The export button is disabled for all admins.",
          priority: "urgent",
          fields: { [(sim.exportState() as SimState).fields[0]!.fieldid]: "58211" },
          attachments: [{ path, name: "error.png", size: 14 }],
        });
        expect(() => TicketSchema.parse(created)).not.toThrow();
        expect(created).toMatchObject({ subject: "Export button greyed out", priority: "urgent", status: "new", channel: "ticket_center" });
        expect(created.number).toMatch(/^\d{14}$/);
        const upload = calls(sim.requests, "upload_file")[0];
        expect(Object.keys(body(upload)).sort()).toEqual(["file", "file_num_key"]);
        const sent = body(calls(sim.requests, "save_agent_ticket")[0]);
        expect(sent).toMatchObject({
          companyid: sim.credentials.settings.companyid,
          ticket_typeid: sim.credentials.settings.category,
          ticket_from: "0",
          ticket_status: "0",
          ticket_level: "3",
          create_agentid: sim.credentials.settings.agentId,
          extend_fields: [{ fieldid: (sim.exportState() as SimState).fields[0]!.fieldid, field_value: "58211" }],
        });
        expect(String(sent.file_str)).toContain("error.png");
        const shown = await tp.provider.show(created.id);
        expect(shown.attachments.map((a) => a.name)).toEqual([expect.stringContaining("error.png")]);
        expect(shown.customFields).toEqual({ "Order number": "58211" });
      });

      it("refuses create without a category (naming --category and the setting) before any request", async () => {
        const { sim } = get();
        const p = await providerFor(sim, { settings: { category: "" } });
        const err = await p.provider.create!({ subject: "x", body: "y" }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UsageError);
        expect((err as Error).message).toMatch(/--category/);
        expect((err as Error).message).toMatch(/category setting/);
        expect(sim.requests).toEqual([]);
      });

      it("uploads files, then attaches them with one save_ticket_reply carrying the message", async () => {
        const { sim, tp } = get();
        const dir = mkdtempSync(join(tmpdir(), "sobot-up-"));
        const files = ["a.txt", "b.pdf"].map((name) => {
          const path = join(dir, name);
          writeFileSync(path, `content of ${name}`);
          return { path, name, size: `content of ${name}`.length };
        });
        const attachments = await tp.provider.upload!(sim.fixtures.ticketId, files, { message: "Logs attached" });
        expect(attachments.map((a) => a.name)).toEqual(["a.txt", "b.pdf"]);
        expect(attachments[1]?.contentType).toBe("application/pdf");
        const uploads = calls(sim.requests, "upload_file");
        expect(uploads).toHaveLength(2);
        expect(uploads.map((u) => (body(u).file as { filename: string }[])[0]?.filename)).toEqual(["a.txt", "b.pdf"]);
        expect(new Set(uploads.map((u) => body(u).file_num_key)).size).toBe(1);
        const sent = body(calls(sim.requests, "save_ticket_reply")[0]);
        expect(sent.reply_content).toBe("Logs attached");
        expect(sent.reply_file_str).toBe(attachments.map((a) => a.url).join(";"));
        const shown = await tp.provider.show(sim.fixtures.ticketId);
        const last = shown.messages.at(-1)!;
        expect(last.body).toBe("Logs attached");
        expect(last.attachments.map((a) => a.url)).toEqual(attachments.map((a) => a.url));
      });

      it("gives AuthError with Sobot's own 900003 text for a wrong app_key", async () => {
        const { sim } = get();
        const bad = await providerFor(sim, { secrets: { app_key: "wrong-key" } });
        const err = await bad.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AuthError);
        expect((err as AuthError).exitCode).toBe(4);
        expect((err as AuthError).vendorCode).toBe("900003");
        expect((err as Error).message).toContain("signature error");
        const tokenCall = calls(sim.requests, "get_token")[0];
        expect(tokenCall?.query.appid).toBe(sim.credentials.settings.appid);
        expect(sim.requests.filter((r) => !r.path.endsWith("get_token"))).toEqual([]);
      });

      it("gives AuthError 900004 for an unknown appid, and ConfigError when appid is not set", async () => {
        const { sim } = get();
        const wrong = await providerFor(sim, { settings: { appid: "nope" } });
        const err = await wrong.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AuthError);
        expect((err as Error).message).toContain("Company api configuration info not found");
        const missing = await providerFor(sim, { settings: { appid: "" } });
        expect(await missing.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e)).toBeInstanceOf(ConfigError);
      });

      it("never logs the token or the sign with --verbose", async () => {
        const { sim } = get();
        const loud = await providerFor(sim, { verbose: true });
        await loud.provider.show(sim.fixtures.ticketId);
        const all = loud.logs.join("\n");
        const tokenCall = calls(sim.requests, "get_token")[0]!;
        expect(all).toContain("> GET ");
        expect(all).toContain("get_token");
        expect(all).not.toContain((sim as SobotSimulator).state.token!.value);
        expect(all).not.toContain(String(tokenCall.query.sign));
        expect(all).toContain("> language: en");
      });

      it("--dry-run reads the ticket but sends no write: the reply is planned, answered as Sobot documents success, never sent", async () => {
        const { sim } = get();
        resetPlan();
        const dry = await providerFor(sim, { dryRun: true });
        const sent = await dry.provider.reply!(sim.fixtures.ticketId, { body: "not sent", internal: false });
        expect(sent.body).toBe("not sent");
        expect(plannedRequests().map((p) => `${p.method} ${new URL(p.url).pathname}`)).toEqual(["POST /api/ws/5/ticket/save_ticket_reply"]);
        expect(sim.requests.filter((r) => r.method !== "GET")).toEqual([]);
        resetPlan();
      });

      it("rejects a malformed id before any request", async () => {
        const { sim, tp } = get();
        for (const bad of ["#42", "abc", "f294176887284c5597794c636d5a1bf"]) {
          const err = await tp.provider.show(bad).catch((e: unknown) => e);
          expect(err, bad).toBeInstanceOf(UsageError);
          expect((err as Error).message).toContain("ticket number (ticket_code");
        }
        expect(sim.requests).toEqual([]);
      });
    });
  },
});
