/**
 * Zaia under --dry-run, over real HTTP against the simulator: the HTTP layer plans each write and
 * answers it from dry-answers.ts, so every step of a verb is planned and the read-backs are answered
 * (nothing is asked about the placeholder id). A dry run reads the ticket first (its write would
 * otherwise be its first request), so a missing ticket is a NotFoundError before anything is planned.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DryRunStop, NotFoundError } from "../../../src/errors.js";
import { inDryRunItem, plannedRequests, resetPlan } from "../../../src/http/dry-run.js";
import { Redactor } from "../../../src/http/redact.js";
import { createProviderContext, loadProvider } from "../../../src/providers/context.js";
import type { Provider, ProviderContext } from "../../../src/providers/types.js";
import { createDryAnswers, DRY_RUN_ID } from "../../../src/providers/zaia/dry-answers.js";
import { TagLinkSchema, TicketEntitySchema } from "../../../src/providers/zaia/schema.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { startSimulator, type ZaiaState } from "../../../src/sandbox/zaia/index.js";

let sim: Simulator;
let state: ZaiaState;

/**
 * A dry-run provider on the simulator. `flag`: ProviderContext.dryRun as the provider reads it
 * (isDryRun); false = a context without it, as src/providers/context.ts builds one today.
 */
async function dryProvider(flag: boolean): Promise<Provider> {
  const root = mkdtempSync(join(tmpdir(), "ticket-zaia-dry-"));
  const ctx = createProviderContext({
    profile: { name: "t", vendor: "zaia", baseUrl: sim.baseUrl, settings: { ...sim.credentials.settings } },
    resolveSecret: async (n) => sim.credentials.secrets[n],
    hasSecret: (n) => n in sim.credentials.secrets,
    redactor: new Redactor(),
    verbose: false,
    dryRun: true,
    raw: false,
    log: () => {},
    now: () => new Date(),
    cacheRoot: join(root, "cache"),
    stateRoot: join(root, "state"),
    retryBaseMs: 5,
  });
  return loadProvider({ ...ctx, dryRun: flag } as ProviderContext);
}

const ticketIn = (stage: string) => state.tickets.find((t) => t.status === stage && !state.chats.find((c) => c.id === t.chatId)!.isRemoved)!;
const seen = () => sim.requests.map((r) => `${r.method} ${r.path}`);

beforeAll(async () => {
  sim = await startSimulator({ tickets: 40 });
  state = sim.exportState() as ZaiaState;
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.requests.length = 0;
  resetPlan();
});

describe("Zaia --dry-run (provider)", () => {
  it("close reads the ticket, plans the PATCH, and answers its read-back from the plan", async () => {
    const t = ticketIn("ongoing");
    const p = await dryProvider(true);
    const { value, error, writes } = await inDryRunItem(() => p.close!(t.id, {}));
    expect(error).toBeUndefined();
    expect(writes).toBe(1);
    expect(plannedRequests().map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PATCH /api/v1/tickets/${t.id}/complete`]);
    // One real read (the ticket, before the write); the read-back after it was answered here.
    expect(seen()).toEqual([`GET /api/v1/tickets/${t.id}/details`]);
    expect(value).toMatchObject({ id: t.id, status: "closed", vendorStatus: "completed", assignee: { id: t.assigneeId } });
    expect((sim.exportState() as ZaiaState).tickets.find((x) => x.id === t.id)!.status).toBe("ongoing");
  });

  it("a missing ticket is a NotFoundError before anything is planned", async () => {
    const p = await dryProvider(true);
    const { error, writes } = await inDryRunItem(() => p.assign!(sim.fixtures.missingTicketId, { assignee: sim.fixtures.assigneeId }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(sim.fixtures.missingTicketId);
    expect(writes).toBe(0);
    expect(plannedRequests()).toEqual([]);
    expect(seen()).toEqual([`GET /api/v1/tickets/${sim.fixtures.missingTicketId}/details`]);
  });

  it("assign and escalate: each PATCH planned with its body; the read-backs are answered from the plan", async () => {
    const t = ticketIn("pending");
    const other = state.users.find((u) => u.id !== t.assigneeId && u.id !== state.meId)!;
    const p = await dryProvider(true);
    const assigned = await inDryRunItem(() => p.assign!(t.id, { assignee: other.id }));
    expect(assigned.value).toMatchObject({ id: t.id, vendorStatus: "pending" });
    const escalated = await inDryRunItem(() => p.escalate!(t.id, {}));
    expect(escalated.value).toMatchObject({ id: t.id, status: "open", vendorStatus: "ongoing" });
    expect(plannedRequests().map((r) => [r.method, new URL(r.url).pathname, r.body])).toEqual([
      ["PATCH", `/api/v1/tickets/${t.id}/assignee`, { assigneeId: other.id }],
      ["PATCH", `/api/v1/tickets/${t.id}/takeover`, { assigneeId: state.meId }],
    ]);
    expect(sim.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("create plans the ticket and each tag on the placeholder id; nothing is asked about the placeholder", async () => {
    const chat = sim.fixtures.create!.fields!["chatId"]!;
    const [a, b] = state.tags;
    const p = await dryProvider(true);
    const { value, error } = await inDryRunItem(() => p.create!({ subject: "", fields: { chatId: chat }, tags: [a!.name, b!.id] }));
    expect(error).toBeUndefined();
    expect(value).toMatchObject({ id: DRY_RUN_ID, status: "new", vendorStatus: "pending" });
    expect(plannedRequests().map((r) => [r.method, new URL(r.url).pathname, r.body])).toEqual([
      ["POST", "/api/v1/tickets", { chatId: chat, ticketingTeamId: null, assigneeId: state.meId, status: "pending" }],
      ["POST", `/api/v1/tickets/${DRY_RUN_ID}/tags`, { tagId: a!.id }],
      ["POST", `/api/v1/tickets/${DRY_RUN_ID}/tags`, { tagId: b!.id }],
    ]);
    expect(sim.requests.some((r) => r.path.includes(DRY_RUN_ID))).toBe(false);
    expect(sim.requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("without ProviderContext.dryRun the verbs still plan every step and request nothing after the write", async () => {
    const t = ticketIn("ongoing");
    const p = await dryProvider(false);
    const { value, error } = await inDryRunItem(() => p.close!(t.id, {}));
    expect(error).toBeUndefined();
    expect(value).toMatchObject({ id: t.id, status: "closed" });
    expect(plannedRequests()).toHaveLength(1);
    expect(sim.requests).toEqual([]);
  });

  it("every answer parses with the provider's own schemas; an undocumented write is not answered (its plan ends)", async () => {
    const dry = createDryAnswers({ root: "http://h.example/zaia", now: () => new Date("2025-01-02T03:04:05Z"), statusValue: (s) => ({ new: "pending", open: "ongoing", closed: "completed" })[s as "new"] ?? null });
    const ask = (method: string, path: string, body?: unknown) => dry.answer({ method, url: new URL(`http://h.example/zaia/${path}`), body });
    const ID = "0b6c2f9e-4c1d-4a8e-9f3a-2d5e7b1c8a40";
    for (const verb of ["complete", "takeover", "assignee"]) {
      expect(TicketEntitySchema.parse(ask("PATCH", `api/v1/tickets/${ID}/${verb}`, { assigneeId: ID, userId: ID }))).toMatchObject({ id: ID });
    }
    expect(TicketEntitySchema.parse(ask("POST", "api/v1/tickets", { chatId: ID, ticketingTeamId: null, assigneeId: ID, status: "pending" }))).toMatchObject({ id: DRY_RUN_ID, chatId: ID, status: "pending" });
    expect(TagLinkSchema.parse(ask("POST", `api/v1/tickets/${DRY_RUN_ID}/tags`, { tagId: ID }))).toMatchObject({ tagId: ID, ticketId: DRY_RUN_ID });
    expect(ask("DELETE", `api/v1/tickets/${ID}/tags/${ID}`)).toHaveProperty("message");
    expect(ask("GET", `api/v1/tickets/${DRY_RUN_ID}/details`)).toMatchObject({ id: DRY_RUN_ID, chatId: ID });
    // A ticket no planned write touched, and paths outside the API root, are not answered.
    expect(ask("GET", "api/v1/tickets/2b6c2f9e-4c1d-4a8e-9f3a-2d5e7b1c8a40/details")).toBeUndefined();
    expect(ask("POST", "api/v1/chats", {})).toBeUndefined();
    expect(dry.answer({ method: "PATCH", url: new URL(`http://h.example/api/v1/tickets/${ID}/complete`), body: {} })).toBeUndefined();
  });

  it("a write the dry run cannot answer stops the plan there (DryRunStop), never swallowed", async () => {
    const p = await dryProvider(true);
    const res = await p.request!({ method: "GET", path: "api/v1/tags", query: [] });
    expect(res.status).toBe(200);
    const { error, writes } = await inDryRunItem(() => p.request!({ method: "POST", path: "api/v1/chats", query: [], body: {} }));
    expect(error).toBeInstanceOf(DryRunStop);
    expect(writes).toBe(1);
    expect(sim.requests.every((r) => r.method === "GET")).toBe(true);
  });
});
