/**
 * `ticket --dry-run` on Sobot, spawning the built CLI against the Sobot simulator: every step of
 * every write verb Sobot supports is planned (uploads, then the save_ticket_reply or
 * save_agent_ticket that carries them; save_ticket_reply then the reminder of an escalation; each
 * id of a bulk run), answered from src/providers/sobot/dry-answers.ts, and nothing but reads and
 * the token request reaches the simulator. The token header is masked, no secret is printed, no
 * draft is written.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type SobotSimulator } from "../../src/sandbox/sobot/index.js";
import type { SimTicket } from "../../src/sandbox/sobot/state.js";
import { runCli, tempConfigDir, type CliResult } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

interface Planned {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const TICKET = "/api/ws/5/ticket/";
const PROFILE = "sandbox-sobot";

let sim: SobotSimulator;
let dir: string;
let env: Record<string, string>;
let files: { a: string; b: string };

beforeAll(async () => {
  sim = await startSimulator({ tickets: 60 });
  dir = tempConfigDir();
  ({ env } = await addSandboxProfile("sobot", sim, { configDir: dir }));
  // The files live outside the config folder (ticket checks that one for owner-only files).
  const fileDir = mkdtempSync(join(tmpdir(), "ticket-dry-sobot-"));
  files = { a: join(fileDir, "a.txt"), b: join(fileDir, "b.png") };
  writeFileSync(files.a, "hello\n");
  writeFileSync(files.b, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.requests.length = 0;
});

const cli = (...args: string[]) => runCli(["-p", PROFILE, ...args], { configDir: dir, env });

/** Every secret a run may know: the app_key, and every token the simulator issued. */
const secrets = () => [sim.credentials.secrets["app_key"]!, sim.state.token?.value, ...sim.state.olderTokens.map((t) => t?.value)].filter((s): s is string => Boolean(s));

/** What every dry run must keep to: exit 0, one JSON array, the token masked, nothing secret, no write at Sobot, no draft. */
function planOf(r: CliResult): Planned[] {
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/dry run: \d+ requests? planned; nothing was sent/);
  const plan = JSON.parse(r.stdout) as Planned[];
  expect(Array.isArray(plan)).toBe(true);
  for (const p of plan) {
    expect(p.method).toBe("POST");
    expect(p.url.startsWith(`${sim.baseUrl}${TICKET}`)).toBe(true);
    expect(p.headers["token"]).toBe("***");
  }
  for (const s of secrets()) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
  // Only reads and the token request reached Sobot; nothing was asked for a placeholder id.
  for (const q of sim.requests) expect(`${q.method} ${q.path}`).toMatch(/^GET /);
  expect(sim.requests.filter((q) => String(q.query["ticketid"] ?? "").startsWith("dry-run"))).toEqual([]);
  expect(existsSync(join(dir, "state", "drafts")) ? readdirSync(join(dir, "state", "drafts")) : []).toEqual([]);
  return plan;
}

const endpoint = (p: Planned) => new URL(p.url).pathname.slice(TICKET.length);
const body = (p: Planned | undefined) => (p?.body ?? {}) as Record<string, unknown>;

/** Open tickets that are not urgent yet (an escalation then saves, then reminds), oldest first. */
function openTickets(n: number): SimTicket[] {
  const found = sim.state.tickets.filter((t) => t.ticket_status === "1" && t.ticket_level !== "3" && t.deal_agentid).slice(-n);
  expect(found).toHaveLength(n);
  return found;
}

describe("sobot --dry-run --json plans every step of every write verb", () => {
  it("create --attach: each upload_file, then save_agent_ticket carrying their URLs; the created ticket is not read from Sobot", async () => {
    const r = await cli("--dry-run", "--json", "create", "--subject", "Dry printer", "--body", "Blank pages", "--priority", "high", "--attach", files.a, "--attach", files.b);
    const plan = planOf(r);
    expect(plan.map(endpoint)).toEqual(["upload_file", "upload_file", "save_agent_ticket"]);
    expect(body(plan[2])).toMatchObject({
      ticket_title: "Dry printer",
      ticket_content: "Blank pages",
      ticket_level: "2",
      companyid: sim.credentials.settings["companyid"],
      create_agentid: sim.credentials.settings["agentId"],
      file_str: "dry-run-file-1;dry-run-file-2",
    });
    expect(sim.requests.some((q) => q.path.endsWith("get_ticket_by_id"))).toBe(false);
  });

  it("reply --attach: the upload, then save_ticket_reply with the text, reply_type 0 and the file's URL", async () => {
    const [t] = openTickets(1);
    const plan = planOf(await cli("--dry-run", "--json", "reply", t!.ticketid, "--body", "Try this", "--attach", files.a));
    expect(plan.map(endpoint)).toEqual(["upload_file", "save_ticket_reply"]);
    expect(body(plan[1])).toMatchObject({ ticketid: t!.ticketid, reply_content: "Try this", reply_type: "0", reply_file_str: "dry-run-file-1" });
  });

  it("reply --internal: one save_ticket_reply with reply_type 1", async () => {
    const [t] = openTickets(1);
    const plan = planOf(await cli("--dry-run", "--json", "reply", t!.ticketid, "--internal", "--body", "VIP"));
    expect(plan.map(endpoint)).toEqual(["save_ticket_reply"]);
    expect(body(plan[0])).toMatchObject({ ticketid: t!.ticketid, reply_content: "VIP", reply_type: "1" });
  });

  it("assign --to: one save_ticket_reply naming the agent", async () => {
    const [t] = openTickets(1);
    const agent = sim.state.agents.find((a) => a.agentid !== t!.deal_agentid)!;
    const plan = planOf(await cli("--dry-run", "--json", "assign", t!.ticketid, "--to", agent.agentid));
    expect(plan.map(endpoint)).toEqual(["save_ticket_reply"]);
    expect(body(plan[0])).toMatchObject({ ticketid: t!.ticketid, deal_agentid: agent.agentid, deal_agent_name: agent.agent_name });
  });

  it("escalate: save_ticket_reply raising the level to urgent, then the reminder with the reason", async () => {
    const [t] = openTickets(1);
    const plan = planOf(await cli("--dry-run", "--json", "escalate", t!.ticketid, "--reason", "outage"));
    expect(plan.map(endpoint)).toEqual(["save_ticket_reply", "reminder"]);
    expect(body(plan[0])).toMatchObject({ ticketid: t!.ticketid, ticket_level: "3" });
    expect(body(plan[1])).toEqual({ ticketid: t!.ticketid, reminder_agentid: sim.credentials.settings["agentId"], reminder_remark: "outage" });
  });

  it("close --comment: the status and the internal note travel in the one save_ticket_reply Sobot takes", async () => {
    const [t] = openTickets(1);
    const plan = planOf(await cli("--dry-run", "--json", "close", t!.ticketid, "--comment", "Duplicate"));
    expect(plan.map(endpoint)).toEqual(["save_ticket_reply"]);
    expect(body(plan[0])).toMatchObject({ ticketid: t!.ticketid, ticket_status: "99", reply_type: "1", reply_content: "Duplicate" });
  });

  it("upload a.txt b.png: each upload_file, then the save_ticket_reply carrying both URLs", async () => {
    const [t] = openTickets(1);
    const plan = planOf(await cli("--dry-run", "--json", "upload", t!.ticketid, files.a, files.b, "--message", "Files"));
    expect(plan.map(endpoint)).toEqual(["upload_file", "upload_file", "save_ticket_reply"]);
    expect(body(plan[2])).toMatchObject({ ticketid: t!.ticketid, reply_file_str: "dry-run-file-1;dry-run-file-2", reply_content: "Files", reply_type: "0" });
    expect(String(plan[0]!.headers["content-type"])).toMatch(/^multipart\/form-data/);
  });

  it("upload: each planned upload_file shows its file as {file, size, type} and the batch's file_num_key", async () => {
    const [t] = openTickets(1);
    const plan = planOf(await cli("--dry-run", "--json", "upload", t!.ticketid, files.a, files.b));
    const [a, b] = [body(plan[0]), body(plan[1])];
    expect(a["file"]).toEqual({ file: "a.txt", size: 6, type: expect.any(String) });
    expect(b["file"]).toEqual({ file: "b.png", size: 12, type: expect.any(String) });
    expect(a["file_num_key"]).toEqual(expect.any(String));
    expect(b["file_num_key"]).toBe(a["file_num_key"]); // one key per batch (guesses.ts ONE_FILE_NUM_KEY_PER_BATCH)
  });

  it("bulk close 1 2 3: one save_ticket_reply per id, in input order", async () => {
    const ids = openTickets(3).map((t) => t.ticketid);
    const plan = planOf(await cli("--dry-run", "--json", "close", ...ids));
    expect(plan.map(endpoint)).toEqual(["save_ticket_reply", "save_ticket_reply", "save_ticket_reply"]);
    expect(plan.map((p) => body(p)["ticketid"])).toEqual(ids);
    expect(plan.map((p) => body(p)["ticket_status"])).toEqual(["99", "99", "99"]);
  });

  it("merge is not a Sobot verb: exit 6, nothing planned or sent", async () => {
    const [a, b] = openTickets(2);
    const r = await cli("--dry-run", "--json", "merge", a!.ticketid, b!.ticketid);
    expect(r.code).toBe(6);
    expect(r.stdout).toBe("");
    expect(sim.requests).toEqual([]);
  });
});

describe("sobot --dry-run in text mode and on a missing ticket", () => {
  it("prints each request as a block: method and URL, the masked token, the JSON body", async () => {
    const [t] = openTickets(1);
    const r = await cli("--dry-run", "close", t!.ticketid, "--comment", "Duplicate");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`POST ${sim.baseUrl}${TICKET}save_ticket_reply`);
    expect(r.stdout).toMatch(/^token: \*\*\*$/m);
    expect(r.stdout).toContain('"reply_content": "Duplicate"');
    expect(r.stderr).toMatch(/1 request planned; nothing was sent/);
    for (const s of secrets()) expect(r.stdout + r.stderr).not.toContain(s);
    for (const q of sim.requests) expect(q.method).toBe("GET");
  });

  it("a ticket that does not exist: exit 5, nothing planned", async () => {
    const r = await cli("--dry-run", "--json", "close", sim.fixtures.missingTicketId);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(sim.fixtures.missingTicketId);
    for (const q of sim.requests) expect(q.method).toBe("GET");
  });
});
