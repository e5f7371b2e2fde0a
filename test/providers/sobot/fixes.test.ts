/**
 * The Sobot fixes of issue 9 (section 4) and the vendor parts of issue 8, each against the
 * simulator over real HTTP, asserting what the simulator received and what the user gets. Each
 * of these failed before its fix.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, OperationError, UnsupportedError } from "../../../src/errors.js";
import { TicketDetailSchema } from "../../../src/model/schema.js";
import { startSimulator, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import type { RecordedRequest } from "../../../src/sandbox/types.js";
import { providerFor, type TestProvider } from "../../helpers/provider.js";

const T = "/api/ws/5/ticket/";
const calls = (sim: SobotSimulator, name: string) => sim.requests.filter((r) => r.path === `${T}${name}`);
const sent = (r: RecordedRequest | undefined) => (r?.body ?? {}) as Record<string, unknown>;
const posts = (sim: SobotSimulator) => sim.requests.filter((r) => r.method === "POST");

function withSim(variant?: string) {
  const ctx = {} as { sim: SobotSimulator; tp: TestProvider };
  beforeAll(async () => {
    ctx.sim = await startSimulator({ tickets: 80, variant });
  });
  afterAll(async () => {
    await ctx.sim.close();
  });
  beforeEach(async () => {
    ctx.tp = await providerFor(ctx.sim);
    ctx.sim.requests.length = 0;
  });
  return ctx;
}

describe("an internal note never publishes", () => {
  const s = withSim();

  it("close --comment is an internal note: reply_type 1, shown as internal", async () => {
    const { sim, tp } = s;
    await tp.provider.close!(sim.fixtures.ticketId, { comment: "Duplicate of 1041, do not tell the customer" });
    expect(sent(calls(sim, "save_ticket_reply")[0])).toMatchObject({ reply_type: "1", ticket_status: "99", reply_content: "Duplicate of 1041, do not tell the customer" });
    const stored = sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!.replies.at(-1)!;
    expect(stored).toMatchObject({ reply_type: "1", reply_type_new: 3 });
  });

  it("upload --internal attaches through an internal note; reply --internal with a file too", async () => {
    const { sim, tp } = s;
    const dir = mkdtempSync(join(tmpdir(), "sobot-fix-"));
    const path = join(dir, "trace.log");
    writeFileSync(path, "trace");
    await tp.provider.upload!(sim.fixtures.ticketId, [{ path, name: "trace.log", size: 5 }], { internal: true, message: "for engineering" });
    await tp.provider.reply!(sim.fixtures.ticketId, { body: "internal with file", internal: true, attachments: [{ path, name: "trace.log", size: 5 }] });
    expect(calls(sim, "save_ticket_reply").map((r) => sent(r).reply_type)).toEqual(["1", "1"]);
  });

  it("a write without text (assign, escalate, close) sends no reply_content, as agents-only", async () => {
    const { sim, tp } = s;
    const t = sim.state.tickets.find((x) => x.ticket_status === "1" && x.ticketid !== sim.fixtures.ticketId)!;
    await tp.provider.assign!(t.ticketid, { assignee: sim.fixtures.assigneeId });
    await tp.provider.escalate!(t.ticketid, {});
    await tp.provider.close!(t.ticketid, { resolve: true });
    for (const r of calls(sim, "save_ticket_reply")) {
      expect(sent(r).reply_type).toBe("1");
      expect(sent(r)).not.toHaveProperty("reply_content");
    }
  });
});

describe("the assignee survives a write when the ticket names it without its id (the doc's own example)", () => {
  const s = withSim("clear-omitted-assignment");

  it("a reply echoes deal_agentid resolved from deal_agent_name through get_data_dict, so Sobot keeps the assignee", async () => {
    const { sim, tp } = s;
    const live = sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!;
    const before = { agent: live.deal_agentid, group: live.deal_groupid };
    expect(before.agent).not.toBe("");
    await tp.provider.reply!(sim.fixtures.ticketId, { body: "Still looking into it", internal: false });
    const agent = sim.state.agents.find((a) => a.agentid === before.agent)!;
    expect(sent(calls(sim, "save_ticket_reply")[0])).toMatchObject({ deal_agentid: agent.agentid, deal_agent_name: agent.agent_name, deal_groupid: before.group });
    expect({ agent: live.deal_agentid, group: live.deal_groupid }).toEqual(before);
    expect((await tp.provider.show(sim.fixtures.ticketId)).assignee).toEqual({ id: agent.agentid, name: agent.agent_name, email: null });
  });

  it("refuses the write before sending when the name matches several agents (it cannot keep the assignee)", async () => {
    const { sim, tp } = s;
    const live = sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!;
    const name = sim.state.agents.find((a) => a.agentid === live.deal_agentid)!.agent_name;
    const twin = sim.state.agents.find((a) => a.agentid !== live.deal_agentid)!;
    const saved = twin.agent_name;
    twin.agent_name = name;
    try {
      const err = await tp.provider.reply!(sim.fixtures.ticketId, { body: "x", internal: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OperationError);
      expect((err as Error).message).toContain(`"${name}"`);
      expect((err as Error).message).toContain("nothing was sent");
      expect(posts(sim)).toEqual([]);
    } finally {
      twin.agent_name = saved;
    }
  });
});

describe("the group survives too when the detail carries names only", () => {
  const s = withSim("detail-names-only");
  it("resolves deal_group_name through group_list", async () => {
    const { sim, tp } = s;
    const live = sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!;
    await tp.provider.reply!(sim.fixtures.ticketId, { body: "ok", internal: true });
    expect(sent(calls(sim, "save_ticket_reply")[0])).toMatchObject({ deal_groupid: live.deal_groupid, deal_agentid: live.deal_agentid });
  });
});

describe("replies stored as HTML, satisfaction, ticket numbers", () => {
  const s = withSim();

  it("finds the reply it sent in Sobot's HTML and reports that stored reply", async () => {
    const { sim, tp } = s;
    const text = "Tried <Ctrl> & Shift?\nThen restart.";
    const msg = await tp.provider.reply!(sim.fixtures.ticketId, { body: text, internal: false });
    const stored = sim.state.tickets.find((t) => t.ticketid === sim.fixtures.ticketId)!.replies.at(-1)!;
    expect(stored.reply_content).toBe("<p>Tried &lt;Ctrl&gt; &amp; Shift?<br/>Then restart.</p>");
    expect(msg.id).toBe(stored.replyid);
    expect(msg.body).toBe(text);
  });

  it("surfaces satisfaction (score, remark, time) in show, and null for a ticket never rated", async () => {
    const { sim, tp } = s;
    const rated = sim.state.tickets.find((t) => t.evaluation?.remark)!;
    const shown = await tp.provider.show(rated.ticketid);
    expect(() => TicketDetailSchema.parse(shown)).not.toThrow();
    expect(shown.satisfaction).toEqual({ score: rated.evaluation!.score, remark: rated.evaluation!.remark, at: new Date(rated.evaluation!.at).toISOString() });
    const unrated = sim.state.tickets.find((t) => !t.evaluation)!;
    expect((await tp.provider.show(unrated.ticketid)).satisfaction).toBeNull();
  });

  it("takes the ticket number wherever an id is taken: show, reply, close", async () => {
    const { sim, tp } = s;
    const t = sim.state.tickets.find((x) => x.ticket_status === "2")!;
    const shown = await tp.provider.show(t.ticket_code);
    expect(shown).toMatchObject({ id: t.ticketid, number: t.ticket_code });
    const lookup = calls(sim, "query_tickets")[0]!;
    expect(Number(lookup.query.create_end_datetime_ms) - Number(lookup.query.create_start_datetime_ms)).toBeLessThanOrEqual(3 * 86_400_000);
    sim.requests.length = 0;
    await tp.provider.reply!(t.ticket_code, { body: "by number", internal: true });
    const closed = await tp.provider.close!(t.ticket_code, {});
    expect(closed).toMatchObject({ id: t.ticketid, status: "closed" });
    for (const r of calls(sim, "save_ticket_reply")) expect(sent(r).ticketid).toBe(t.ticketid);
  });

  it("says how to get the id when a number cannot be resolved", async () => {
    const { tp } = s;
    const err = await tp.provider.show("20200101999999").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain("20200101999999");
    expect((err as Error).message).toContain("ticket list --json");
    const dateless = await tp.provider.show("1534758910").catch((e: unknown) => e);
    expect(dateless).toBeInstanceOf(NotFoundError);
    expect((dateless as Error).message).toContain("ticketid");
  });
});

describe("the same mistake, the same exit code: unknown agent, group or target is exit 5", () => {
  const s = withSim();

  it("assign --to a well-formed agent id Sobot does not know: NotFoundError naming it and listing agents, nothing sent", async () => {
    const { sim, tp } = s;
    const missing = sim.fixtures.missingAgentId!;
    expect(missing).toMatch(/^[0-9a-f]{32}$/);
    const err = await tp.provider.assign!(sim.fixtures.ticketId, { assignee: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).exitCode).toBe(5);
    expect((err as Error).message).toContain(missing);
    expect((err as Error).message).toContain(sim.state.agents[0]!.agentid);
    expect(posts(sim)).toEqual([]);
  });

  it("assign --team, escalate --to and create --assignee with unknown names are exit 5 too", async () => {
    const { sim, tp } = s;
    const attempts = [
      tp.provider.assign!(sim.fixtures.ticketId, { team: "Nonexistent team" }),
      tp.provider.escalate!(sim.fixtures.ticketId, { to: "Nobody" }),
      tp.provider.create!({ ...sim.fixtures.create!, assignee: "Nobody" }),
    ];
    for (const attempt of attempts) {
      const err = await attempt.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
    }
    expect(posts(sim)).toEqual([]);
  });

  it("an input Sobot cannot carry is refused before sending (exit 6): tags", async () => {
    const { sim, tp } = s;
    const err = await tp.provider.create!({ ...sim.fixtures.create!, tags: ["vip"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect(sim.requests).toEqual([]);
  });
});
