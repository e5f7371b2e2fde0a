/**
 * Complete dry runs on Comm100 (issue 10 item 11), through the built binary against the simulator:
 * every step of every write verb Comm100 supports is planned (the provider answers each planned
 * write as Comm100 would, so the next step is planned too), credentials are masked, nothing but
 * reads (and the OAuth token request) reaches the server, and no draft is written.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_OAUTH_SETTINGS, startSimulator, type Comm100Simulator } from "../../src/sandbox/comm100/index.js";
import { runCli, tempConfigDir, type CliResult } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

const TOKEN = "c100-dry-run-token-7e3b9a51";
const PASSWORD = "c100-dry-run-password-0c8d";

interface Planned {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | string | null;
}

interface Box {
  sim: Comm100Simulator;
  dir: string;
  env: Record<string, string>;
  profile: string;
  secrets: string[];
}

/** A simulator and a profile for it, added the way `ticket sandbox` prints it. */
async function box(secrets: Record<string, string>, settings: Record<string, string> = {}): Promise<Box> {
  const sim = await startSimulator({ tickets: 40, secrets });
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile("comm100", sim, { configDir: dir, settings });
  return { sim, dir, env, profile: "sandbox-comm100", secrets: Object.values(secrets) };
}

let b: Box;
beforeAll(async () => {
  b = await box({ token: TOKEN });
});
afterAll(async () => {
  await b.sim.close();
});
beforeEach(() => {
  b.sim.requests.length = 0;
});

const pathOf = (p: Planned) => decodeURIComponent(new URL(p.url).pathname);
const steps = (plan: Planned[]) => plan.map((p) => `${p.method} ${pathOf(p)}`);
const bodyOf = (p: Planned) => p.body as Record<string, unknown>;
const received = (x: Box) => x.sim.requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`);

/** What every dry run keeps: only reads (and auth) reached the server, no secret printed, no draft. */
function checkRun(x: Box, r: CliResult, extraSecrets: string[] = []): void {
  for (const s of [...x.secrets, ...extraSecrets]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
  const writes = x.sim.requests.filter((q) => q.method !== "GET" && q.path !== "/oauth/token");
  expect(writes.map((q) => `${q.method} ${q.path}`)).toEqual([]);
  expect(existsSync(join(x.dir, "state", "drafts"))).toBe(false);
}

async function dry(x: Box, ...args: string[]): Promise<CliResult & { plan: Planned[] }> {
  const r = await runCli(["-p", x.profile, "--dry-run", "--json", ...args], { configDir: x.dir, env: x.env });
  checkRun(x, r);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/dry run: \d+ requests? planned; nothing was sent/);
  const plan = JSON.parse(r.stdout) as Planned[];
  expect(Array.isArray(plan)).toBe(true);
  for (const p of plan) {
    expect(p.headers["authorization"]).toBe("***");
    expect(new URL(p.url).origin).toBe(new URL(x.sim.baseUrl).origin);
  }
  return { ...r, plan };
}

const ticket = (id: string) => b.sim.state.tickets.find((t) => String(t.id) === id)!;
const openIds = () => b.sim.state.tickets.filter((t) => t.status !== "resolved" && !t.isInRecycleBin && t.mergedToTargetId === null).map((t) => String(t.id));
const snapshot = () => JSON.stringify({ t: b.sim.state.tickets, m: b.sim.state.messages.length, n: b.sim.state.notes.length });

describe("comm100 --dry-run --json: every step of every write verb", () => {
  it("create (with --body and --tag by name and by id): one POST ticketing/tickets with the whole ticket; the tag lookup is a real read", async () => {
    const before = snapshot();
    const c = b.sim.fixtures.create!;
    const vip = b.sim.state.tags.find((t) => t.name === "vip")!;
    const bug = b.sim.state.tags.find((t) => t.name === "bug")!;
    const r = await dry(b, "create", "--subject", c.subject, "--body", c.body!, "--requester", c.requester!, "--channel", "Email", "--priority", "high", "--tag", "vip", "--tag", bug.id);
    expect(steps(r.plan)).toEqual(["POST /v4/ticketing/tickets"]);
    expect(bodyOf(r.plan[0]!)).toMatchObject({
      subject: c.subject,
      channelId: "Email",
      contactOrVisitorId: c.requester,
      priority: "high",
      tagIds: [vip.id, bug.id],
      messages: [expect.objectContaining({ body: c.body, sentByType: "agent", isInternal: false })],
    });
    expect(r.plan[0]!.headers["content-type"]).toMatch(/^application\/json/);
    expect(received(b)).toEqual(["GET /v4/ticketing/tags"]);
    expect(snapshot()).toBe(before);
  });

  it("reply: the ticket is read (its channel), then POST ticketing/messages; --internal: POST ticketing/notes", async () => {
    const id = openIds()[0]!;
    const r = await dry(b, "reply", id, "--body", "Thanks, on it.");
    expect(steps(r.plan)).toEqual(["POST /v4/ticketing/messages"]);
    expect(bodyOf(r.plan[0]!)).toMatchObject({ ticketId: Number(id), body: "Thanks, on it.", sentByType: "agent", isInternal: false, channelId: expect.any(String) });
    expect(received(b)).toEqual([`GET /v4/ticketing/tickets/${id}`]);

    b.sim.requests.length = 0;
    const note = await dry(b, "reply", id, "--internal", "--body", "internal only");
    expect(steps(note.plan)).toEqual(["POST /v4/ticketing/notes"]);
    expect(bodyOf(note.plan[0]!)).toMatchObject({ ticketId: Number(id), text: "internal only" });
    expect(b.sim.state.notes.some((n) => n.text === "internal only")).toBe(false);
  });

  it("assign --to --team: the full-ticket PUT, changed only where asked; the ticket it leaves is not read from Comm100", async () => {
    const id = openIds()[1]!;
    const t = ticket(id);
    const agent = b.sim.fixtures.assigneeId;
    const dept = b.sim.fixtures.teamId!;
    const r = await dry(b, "assign", id, "--to", agent, "--team", dept);
    expect(steps(r.plan)).toEqual([`PUT /v4/ticketing/tickets/${id}`]);
    expect(bodyOf(r.plan[0]!)).toMatchObject({ assigneeId: agent, assigneeType: "agent", departmentAssigneeId: dept, subject: t.subject, channelId: t.channelId, contactOrVisitorId: t.contactOrVisitorId, status: t.status });
    // One read: the current ticket. The read-back after the PUT is answered from the plan.
    expect(received(b)).toEqual([`GET /v4/ticketing/tickets/${id}`]);
    expect(ticket(id).assigneeId).toBe(t.assigneeId);
  });

  it("escalate --to --reason: the PUT (priority urgent, the department), then the reason as a note", async () => {
    const id = openIds()[2]!;
    const dept = b.sim.fixtures.teamId!;
    const r = await dry(b, "escalate", id, "--to", dept, "--reason", "customer is a VIP");
    expect(steps(r.plan)).toEqual([`PUT /v4/ticketing/tickets/${id}`, "POST /v4/ticketing/notes"]);
    expect(bodyOf(r.plan[0]!)).toMatchObject({ priority: "urgent", departmentAssigneeId: dept });
    expect(bodyOf(r.plan[1]!)).toMatchObject({ ticketId: Number(id), text: "Escalated: customer is a VIP" });
    expect(ticket(id).priority).not.toBe("urgent");
  });

  it("merge with two sources: one POST :merge per source, each with its integer sourceId", async () => {
    const [target, s1, s2] = openIds().slice(3, 6) as [string, string, string];
    const r = await dry(b, "merge", target, s1, s2);
    expect(steps(r.plan)).toEqual([`POST /v4/ticketing/tickets/${target}:merge`, `POST /v4/ticketing/tickets/${target}:merge`]);
    expect(r.plan.map(bodyOf)).toEqual([{ sourceId: Number(s1) }, { sourceId: Number(s2) }]);
    expect([ticket(s1).mergedToTargetId, ticket(s2).mergedToTargetId]).toEqual([null, null]);
  });

  it("close --comment: both requests, the PUT with status resolved and the comment as a note", async () => {
    const id = openIds()[6]!;
    const r = await dry(b, "close", id, "--comment", "fixed in 2.3");
    expect(steps(r.plan)).toEqual([`PUT /v4/ticketing/tickets/${id}`, "POST /v4/ticketing/notes"]);
    expect(bodyOf(r.plan[0]!)).toMatchObject({ status: "resolved", subject: ticket(id).subject });
    expect(bodyOf(r.plan[1]!)).toMatchObject({ ticketId: Number(id), text: "fixed in 2.3" });
    expect(received(b)).toEqual([`GET /v4/ticketing/tickets/${id}`]);
    expect(ticket(id).status).not.toBe("resolved");
  });

  it("bulk close of three ids: each id planned, in order; with --comment, both steps of each", async () => {
    const ids = openIds().slice(7, 10);
    const r = await dry(b, "close", ...ids);
    expect(steps(r.plan)).toEqual(ids.map((id) => `PUT /v4/ticketing/tickets/${id}`));
    for (const p of r.plan) expect(bodyOf(p)["status"]).toBe("resolved");
    expect(received(b)).toEqual(ids.map((id) => `GET /v4/ticketing/tickets/${id}`));

    const withNote = await dry(b, "close", ...ids, "--comment", "bulk");
    expect(steps(withNote.plan)).toEqual(ids.flatMap((id) => [`PUT /v4/ticketing/tickets/${id}`, "POST /v4/ticketing/notes"]));
    expect(withNote.plan.filter((p) => p.method === "POST").map((p) => bodyOf(p)["ticketId"])).toEqual(ids.map(Number));
    for (const id of ids) expect(ticket(id).status).not.toBe("resolved");
  });

  it("ids from stdin (close -) are planned like ids given as arguments", async () => {
    const ids = openIds().slice(10, 12);
    const r = await runCli(["-p", b.profile, "--dry-run", "--json", "close", "-"], { configDir: b.dir, env: b.env, input: `${ids.join("\n")}\n` });
    checkRun(b, r);
    expect(r.code, r.stderr).toBe(0);
    expect(steps(JSON.parse(r.stdout) as Planned[])).toEqual(ids.map((id) => `PUT /v4/ticketing/tickets/${id}`));
  });

  it("what Comm100 cannot carry is refused as in a real run (exit 6), nothing planned: upload, create/reply --attach", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "c100-dry-")), "a.txt");
    writeFileSync(file, "hello");
    const id = openIds()[0]!;
    for (const args of [["upload", id, file], ["reply", id, "--body", "see file", "--attach", file], ["create", "--subject", "x", "--requester", b.sim.fixtures.create!.requester!, "--attach", file]]) {
      b.sim.requests.length = 0;
      const r = await runCli(["-p", b.profile, "--dry-run", "--json", ...args], { configDir: b.dir, env: b.env });
      checkRun(b, r);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(6);
      expect(r.stdout.trim() === "" || (JSON.parse(r.stdout) as unknown[]).length === 0).toBe(true);
    }
  });
});

describe("comm100 --dry-run: text mode, missing tickets, OAuth", () => {
  it("without --json: each request as a block (method and URL, headers with the credential masked, the body)", async () => {
    const id = openIds()[12]!;
    const r = await runCli(["-p", b.profile, "--dry-run", "close", id, "--comment", "text mode"], { configDir: b.dir, env: b.env });
    checkRun(b, r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^PUT http://127\\.0\\.0\\.1:\\d+/v4/ticketing/tickets/${id}\n`));
    expect(r.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/v4\/ticketing\/notes$/m);
    expect(r.stdout.match(/^authorization: \*\*\*$/gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/"status": "resolved"/);
    expect(r.stdout).toMatch(/"text": "text mode"/);
    expect(r.stderr).toMatch(/dry run: 2 requests planned; nothing was sent/);
  });

  it("a missing ticket exits 5 with one line, and nothing is planned or sent", async () => {
    for (const args of [["close", "999999", "--comment", "x"], ["reply", "999999", "--body", "x"], ["assign", "999999", "--to", b.sim.fixtures.assigneeId]]) {
      b.sim.requests.length = 0;
      const r = await runCli(["-p", b.profile, "--dry-run", ...args], { configDir: b.dir, env: b.env });
      checkRun(b, r);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(5);
      const lines = r.stderr.split("\n").filter(Boolean);
      expect(lines.some((l) => /not found/i.test(l)), r.stderr).toBe(true);
      expect(r.stdout).not.toMatch(/^(PUT|POST) /m);
    }
  });

  it("an unknown --tag name in a dry-run create exits 5 naming it", async () => {
    const r = await runCli(["-p", b.profile, "--dry-run", "--json", "create", "--subject", "x", "--requester", b.sim.fixtures.create!.requester!, "--tag", "no-such-tag"], { configDir: b.dir, env: b.env });
    checkRun(b, r);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('no tag \\"no-such-tag\\"');
  });

  it("OAuth sign-in: the token request is sent for real, the plan masks the bearer, and neither password nor token is printed", async () => {
    const o = await box({ password: PASSWORD }, SANDBOX_OAUTH_SETTINGS);
    try {
      const id = String(o.sim.state.tickets.find((t) => t.status !== "resolved")!.id);
      const r = await runCli(["-p", o.profile, "--dry-run", "--json", "close", id, "--comment", "oauth"], { configDir: o.dir, env: o.env });
      const bearer = String(o.sim.requests.find((q) => q.method === "GET")!.headers["authorization"]).replace(/^Bearer /, "");
      expect(bearer.length).toBeGreaterThan(8);
      checkRun(o, r, [bearer]);
      expect(r.code, r.stderr).toBe(0);
      expect(received(o)).toEqual(["POST /oauth/token", `GET /v4/ticketing/tickets/${id}`]);
      const plan = JSON.parse(r.stdout) as Planned[];
      expect(steps(plan)).toEqual([`PUT /v4/ticketing/tickets/${id}`, "POST /v4/ticketing/notes"]);
      for (const p of plan) expect(p.headers["authorization"]).toBe("***");
    } finally {
      await o.sim.close();
    }
  });
});
