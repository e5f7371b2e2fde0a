/**
 * `--dry-run` on Zaia (issue 10 item 2), spawning the built CLI against the Zaia simulator: every
 * write verb Zaia supports (create, assign, escalate, close) plans every request it would send,
 * in order, with the authorization header masked, and sends none of them: the simulator sees
 * only reads. reply, merge and upload have no Zaia endpoint: refused (exit 6), nothing planned.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../src/sandbox/types.js";
import { startSimulator, type ZaiaState } from "../../src/sandbox/zaia/index.js";
import { runCli, tempConfigDir, type CliResult } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

interface Planned {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

let sim: Simulator;
let dir: string;
let env: Record<string, string>;
let apiKey: string;
let state: ZaiaState;
const PROFILE = "sandbox-zaia";

const ticket = (...args: string[]) => runCli(["-p", PROFILE, ...args], { configDir: dir, env });

/** Tickets by lifecycle stage (the simulator's own names), visible chats only. */
function ticketsIn(stage: string, n: number): string[] {
  const live = new Set(state.chats.filter((c) => !c.isRemoved).map((c) => c.id));
  const ids = state.tickets.filter((t) => t.status === stage && live.has(t.chatId)).map((t) => t.id);
  expect(ids.length).toBeGreaterThanOrEqual(n);
  return ids.slice(0, n);
}

const pathOf = (url: string) => new URL(url).pathname;

/** What every dry run must keep: exit 0, one JSON array, the key masked, the secret nowhere, nothing sent. */
function plan(r: CliResult, count: number): Planned[] {
  expect(r.code, r.stderr).toBe(0);
  const planned = JSON.parse(r.stdout) as Planned[];
  expect(Array.isArray(planned)).toBe(true);
  expect(planned).toHaveLength(count);
  for (const p of planned) {
    expect(p.headers["authorization"]).toBe("***");
    expect(p.url.startsWith(`${sim.baseUrl}/api/v1/`)).toBe(true);
  }
  nothingLeaked(r);
  nothingSent();
  expect(r.stderr).toMatch(new RegExp(`dry run: ${count} requests? planned; nothing was sent`));
  return planned;
}

function nothingLeaked(r: CliResult): void {
  expect(r.stdout).not.toContain(apiKey);
  expect(r.stderr).not.toContain(apiKey);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
}

/** The simulator received reads only (Zaia has no login request: the key rides on each call). */
function nothingSent(): void {
  const writes = sim.requests.filter((q) => q.method !== "GET");
  expect(writes, JSON.stringify(writes.map((w) => `${w.method} ${w.path}`))).toEqual([]);
  expect(sim.requests.some((q) => q.path.includes("dry-run"))).toBe(false);
}

/** Every file under the config folder (drafts, caches, state). */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const p = join(root, name);
    return statSync(p).isDirectory() ? [p, ...filesUnder(p)] : [p];
  });
}

beforeAll(async () => {
  sim = await startSimulator({ tickets: 60 });
  state = sim.exportState() as ZaiaState;
  dir = tempConfigDir();
  apiKey = sim.credentials.secrets["apiKey"]!;
  ({ env } = await addSandboxProfile("zaia", sim, { configDir: dir }));
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(() => {
  sim.requests.length = 0;
});

describe("ticket --dry-run on Zaia", () => {
  it("close: PATCH /complete with the profile's userId; the ticket is not completed", async () => {
    const [id] = ticketsIn("ongoing", 1);
    const planned = plan(await ticket("--dry-run", "--json", "close", id!), 1);
    expect(planned[0]).toMatchObject({ method: "PATCH", body: { userId: state.meId } });
    expect(pathOf(planned[0]!.url)).toBe(`/api/v1/tickets/${id}/complete`);
    expect((sim.exportState() as ZaiaState).tickets.find((t) => t.id === id)!.status).toBe("ongoing");
  });

  it("bulk close 1 2 3: one PATCH per id, in the order given", async () => {
    const ids = ticketsIn("pending", 3);
    const planned = plan(await ticket("--dry-run", "--json", "close", ...ids), 3);
    expect(planned.map((p) => `${p.method} ${pathOf(p.url)}`)).toEqual(ids.map((id) => `PATCH /api/v1/tickets/${id}/complete`));
    expect(planned.every((p) => p.body?.["userId"] === state.meId)).toBe(true);
  });

  it("bulk ids from stdin (-) are planned the same way", async () => {
    const ids = ticketsIn("pending", 2);
    const r = await runCli(["-p", PROFILE, "--dry-run", "--json", "close", "-"], { configDir: dir, env, input: `${ids.join("\n")}\n` });
    expect(plan(r, 2).map((p) => pathOf(p.url))).toEqual(ids.map((id) => `/api/v1/tickets/${id}/complete`));
  });

  it("assign: PATCH /assignee with the new assignee", async () => {
    const [id] = ticketsIn("ongoing", 1);
    const other = state.users.find((u) => u.id !== state.meId)!.id;
    const planned = plan(await ticket("--dry-run", "--json", "assign", id!, "--to", other), 1);
    expect(planned[0]).toMatchObject({ method: "PATCH", body: { assigneeId: other } });
    expect(pathOf(planned[0]!.url)).toBe(`/api/v1/tickets/${id}/assignee`);
  });

  it("escalate: PATCH /takeover by the profile's user (me by default)", async () => {
    const [id] = ticketsIn("pending", 1);
    const planned = plan(await ticket("--dry-run", "--json", "escalate", id!), 1);
    expect(planned[0]).toMatchObject({ method: "PATCH", body: { assigneeId: state.meId } });
    expect(pathOf(planned[0]!.url)).toBe(`/api/v1/tickets/${id}/takeover`);
  });

  it("create with tags by name and by id: the ticket, then one tag request per tag on the placeholder id", async () => {
    const chat = sim.fixtures.create!.fields!["chatId"]!;
    const team = sim.fixtures.teamId!;
    const vip = state.tags.find((t) => t.name === "vip")!;
    const refund = state.tags.find((t) => t.name === "refund")!;
    const r = await ticket("--dry-run", "--json", "create", "--field", `chatId=${chat}`, "--team", team, "--tag", "VIP", "--tag", refund.id);
    const planned = plan(r, 3);
    expect(planned.map((p) => `${p.method} ${pathOf(p.url)}`)).toEqual(["POST /api/v1/tickets", "POST /api/v1/tickets/dry-run-1/tags", "POST /api/v1/tickets/dry-run-1/tags"]);
    expect(planned[0]!.body).toEqual({ chatId: chat, ticketingTeamId: team, assigneeId: state.meId, status: "pending" });
    expect(planned.slice(1).map((p) => p.body)).toEqual([{ tagId: vip.id }, { tagId: refund.id }]);
    // The name was looked up for real (a read, before any write); nothing was asked about dry-run-1.
    expect(sim.requests.some((q) => q.method === "GET" && q.path === "/api/v1/tags")).toBe(true);
    expect((sim.exportState() as ZaiaState).tickets).toHaveLength(state.tickets.length);
  });

  it("create with a tag name Zaia does not have: exit 5 naming it, nothing planned", async () => {
    const chat = sim.fixtures.create!.fields!["chatId"]!;
    const r = await ticket("--dry-run", "--json", "create", "--field", `chatId=${chat}`, "--tag", "no-such-tag");
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).toBe("");
    expect(JSON.parse(r.stderr).error.message).toContain('no tag "no-such-tag"');
    nothingLeaked(r);
    nothingSent();
  });

  it("text mode prints each request as a block: method and URL, the masked header, the body", async () => {
    const ids = ticketsIn("ongoing", 2);
    const r = await ticket("--dry-run", "close", ...ids);
    expect(r.code, r.stderr).toBe(0);
    for (const id of ids) expect(r.stdout).toContain(`PATCH ${sim.baseUrl}/api/v1/tickets/${id}/complete\n`);
    expect(r.stdout.match(/^authorization: \*\*\*$/gm)).toHaveLength(2);
    expect(r.stdout).toContain(`"userId": "${state.meId}"`);
    expect(r.stderr).toMatch(/dry run: 2 requests planned; nothing was sent/);
    nothingLeaked(r);
    nothingSent();
  });

  it("a missing ticket in a dry run: exit 5, nothing planned", async () => {
    const r = await ticket("--dry-run", "--json", "close", sim.fixtures.missingTicketId);
    expect(r.code, r.stderr).toBe(5);
    expect(JSON.parse(r.stderr).error.message).toContain(sim.fixtures.missingTicketId);
    nothingLeaked(r);
    nothingSent();
  });

  it("reply, merge and upload have no Zaia endpoint: exit 6, nothing planned or sent", async () => {
    const [id, other] = ticketsIn("pending", 2);
    for (const args of [
      ["reply", id!, "--body", "hello"],
      ["merge", id!, other!],
      ["upload", id!, join(dir, "config.json")],
    ]) {
      const r = await ticket("--dry-run", "--json", ...args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(6);
      expect(r.stdout).toBe("");
      nothingLeaked(r);
    }
    expect(sim.requests).toEqual([]);
  });

  it("writes no draft and no other state for a dry run", () => {
    expect(filesUnder(dir).filter((p) => /draft/i.test(p))).toEqual([]);
  });
});
