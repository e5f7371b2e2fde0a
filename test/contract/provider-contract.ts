/**
 * The shared provider contract: written once, run for every vendor against its simulator
 * over real HTTP on 127.0.0.1. Each vendor's test file calls `describeProviderContract`.
 * Assertions check both the normalized result and what the simulator received.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthError, NetworkError, NotFoundError, UnsupportedError } from "../../src/errors.js";
import { OPERATIONS, type VendorName } from "../../src/model/enums.js";
import { isPaged, pagesOf } from "../../src/model/paged.js";
import type { Ticket } from "../../src/model/types.js";
import { MessageSchema, TicketDetailSchema, TicketSchema } from "../../src/model/schema.js";
import { descriptorFor } from "../../src/providers/registry.js";
import type { RecordedRequest, Simulator, SimulatorOptions } from "../../src/sandbox/types.js";
import { collect, providerFor, type TestProvider } from "../helpers/provider.js";

export interface ContractContext {
  sim: Simulator;
  tp: TestProvider;
}

export interface ContractOptions {
  vendor: VendorName;
  simulator?: SimulatorOptions;
  /** Secrets that the simulator must refuse (the 401/auth test). */
  badSecrets: Record<string, string>;
  /** True when `reply --internal` is supported (internal notes). */
  internalNotes: boolean;
  /** Requests that legitimately carry no credential (a token endpoint). */
  isCredentialRequest?: (r: RecordedRequest) => boolean;
  /** The header that carries the credential on every other request. */
  credentialHeader: string;
  additionalTests?: (get: () => ContractContext) => void;
}

/** Requests that change something at the vendor (a token request changes nothing). */
const writesOf = (reqs: RecordedRequest[], isCredential: (r: RecordedRequest) => boolean) =>
  reqs.filter((r) => r.method !== "GET" && r.method !== "HEAD" && !isCredential(r));
const mentions = (r: RecordedRequest, value: string) => JSON.stringify(r.body ?? "").includes(value) || r.path.includes(value);

export function describeProviderContract(opts: ContractOptions): void {
  const descriptor = descriptorFor(opts.vendor);
  const caps = descriptor.capabilities!;
  const supports = (op: (typeof OPERATIONS)[number]) => caps[op].supported;

  const writes = (reqs: RecordedRequest[]) => writesOf(reqs, opts.isCredentialRequest ?? (() => false));
  describe(`provider contract: ${opts.vendor}${opts.simulator?.variant ? ` (variant ${opts.simulator.variant})` : ""}`, () => {
    let sim: Simulator;
    let tp: TestProvider;
    const modulePromise = descriptor.loadSimulator!();

    beforeAll(async () => {
      sim = await (await modulePromise).startSimulator({ tickets: 120, ...opts.simulator });
    });
    afterAll(async () => {
      await sim?.close();
    });
    beforeEach(async () => {
      tp = await providerFor(sim);
      sim.requests.length = 0;
    });

    it("an unknown agent given to assign is not found (exit 5), naming it", async () => {
      if (!supports("assign") || !sim.fixtures.missingAgentId) return;
      const err = await tp.provider.assign!(sim.fixtures.ticketId, { assignee: sim.fixtures.missingAgentId }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as Error).message).toContain(sim.fixtures.missingAgentId);
    });

    it("declares every operation with a sentence, and matches its descriptor", () => {
      for (const op of OPERATIONS) {
        expect(caps[op], op).toBeDefined();
        expect(caps[op].how.length, op).toBeGreaterThan(10);
      }
      expect(tp.provider.capabilities).toEqual(caps);
      expect(descriptor.available).toBe(true);
    });

    it("refuses unsupported operations before sending any request", async () => {
      const p = tp.provider;
      const attempts: Record<string, () => Promise<unknown>> = {
        create: () => p.create!({ subject: "x" }),
        reply: () => p.reply!(sim.fixtures.ticketId, { body: "x", internal: false }),
        assign: () => p.assign!(sim.fixtures.ticketId, { assignee: sim.fixtures.assigneeId }),
        escalate: () => p.escalate!(sim.fixtures.ticketId, {}),
        merge: () => p.merge!(sim.fixtures.ticketId, [sim.fixtures.missingTicketId]),
        close: () => p.close!(sim.fixtures.ticketId, {}),
        upload: () => p.upload!(sim.fixtures.ticketId, [], {}),
      };
      for (const [op, attempt] of Object.entries(attempts)) {
        if (supports(op as keyof typeof caps)) continue;
        const err = await attempt().catch((e: unknown) => e);
        expect(err, op).toBeInstanceOf(UnsupportedError);
        expect((err as Error).message).toBe(caps[op as keyof typeof caps].how);
      }
      expect(sim.requests).toEqual([]);
    });

    it("lists tickets in the normalized model, honoring --limit", async () => {
      const tickets = await collect(tp.provider.list({ limit: 5 }), 5);
      expect(tickets).toHaveLength(5);
      for (const t of tickets) {
        expect(() => TicketSchema.parse(t)).not.toThrow();
        expect(t.vendor).toBe(opts.vendor);
        expect(t.profile).toBe("test");
        expect(t.raw).toBeUndefined();
      }
      expect(sim.requests.length).toBeGreaterThan(0);
      for (const r of sim.requests) {
        if (opts.isCredentialRequest?.(r)) continue;
        expect(r.headers[opts.credentialHeader], `${r.method} ${r.path}`).toBeTruthy();
      }
    });

    it("lists every ticket exactly once across pages with no limit", async () => {
      const tickets = await collect(tp.provider.list({}));
      expect(tickets).toHaveLength(sim.fixtures.listAllCount);
      expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
      const listCalls = sim.requests.filter((r) => r.method === "GET");
      expect(listCalls.length).toBeGreaterThan(1);
    });

    it("reads a page at a time (model/paged.ts): the same tickets in the same order, in non-empty pages, cut at --limit", async () => {
      const list = tp.provider.list({});
      expect(isPaged(list)).toBe(true);
      const pages: Ticket[][] = [];
      for await (const page of pagesOf(list)) pages.push(page);
      const oneByOne = await collect(tp.provider.list({}));
      expect(pages.flat().map((t) => t.id)).toEqual(oneByOne.map((t) => t.id));
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) expect(page.length).toBeGreaterThan(0);
      const limited: Ticket[][] = [];
      for await (const page of pagesOf(tp.provider.list({ limit: 3 }))) limited.push(page);
      expect(limited.flat().map((t) => t.id)).toEqual(oneByOne.slice(0, 3).map((t) => t.id));
    });

    it("shows a ticket with its messages", async () => {
      const detail = await tp.provider.show(sim.fixtures.ticketId);
      expect(() => TicketDetailSchema.parse(detail)).not.toThrow();
      expect(detail.id).toBe(sim.fixtures.ticketId);
      expect(detail.messages.length).toBeGreaterThan(0);
      expect(sim.requests.some((r) => r.path.includes(sim.fixtures.ticketId) || JSON.stringify(r.query).includes(sim.fixtures.ticketId))).toBe(true);
    });

    it("includes the vendor payload only with raw", async () => {
      const withRaw = await providerFor(sim, { raw: true });
      const [t] = await collect(withRaw.provider.list({ limit: 1 }), 1);
      expect(t?.raw).toBeTruthy();
    });

    it("maps a missing ticket to NotFoundError", async () => {
      const err = await tp.provider.show(sim.fixtures.missingTicketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as Error).message).toContain(sim.fixtures.missingTicketId);
    });

    it("maps refused credentials to AuthError, without echoing the secret", async () => {
      const bad = await providerFor(sim, { secrets: opts.badSecrets, cacheRoot: undefined });
      const err = await collect(bad.provider.list({ limit: 1 }), 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      for (const secret of Object.values(opts.badSecrets)) expect((err as Error).message).not.toContain(secret);
    });

    it("maps a refused connection to NetworkError", async () => {
      const dead = await providerFor(sim, { baseUrl: sim.baseUrl.replace(/:\d+/, ":9") });
      const err = await collect(dead.provider.list({ limit: 1 }), 1).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
    });

    it("retries a read after 503 and 429 with Retry-After, then succeeds", async () => {
      sim.fail({ kind: "status", status: 503 });
      sim.fail({ kind: "status", status: 429, retryAfter: 0 });
      const detail = await tp.provider.show(sim.fixtures.ticketId);
      expect(detail.id).toBe(sim.fixtures.ticketId);
      expect(sim.requests.filter((r) => r.status === 503 || r.status === 429)).toHaveLength(2);
    });

    it("logs requests with --verbose and never the secret", async () => {
      const loud = await providerFor(sim, { verbose: true });
      await loud.provider.show(sim.fixtures.ticketId);
      expect(loud.logs.some((l) => l.startsWith("> GET "))).toBe(true);
      expect(loud.logs.some((l) => l.startsWith("< 200 "))).toBe(true);
      const all = loud.logs.join("\n");
      for (const secret of Object.values(sim.credentials.secrets)) expect(all).not.toContain(secret);
    });

    it.runIf(supports("create"))("creates a ticket that show then returns", async () => {
      const input = sim.fixtures.create!;
      const created = await tp.provider.create!(input);
      expect(() => TicketSchema.parse(created)).not.toThrow();
      expect(writes(sim.requests).length).toBeGreaterThan(0);
      const shown = await tp.provider.show(created.id);
      expect(shown.id).toBe(created.id);
      if (input.subject) expect(shown.subject).toBe(created.subject);
    });

    it.runIf(supports("reply"))("sends a public reply that show then lists", async () => {
      const body = `Contract reply ${Date.now()}`;
      const msg = await tp.provider.reply!(sim.fixtures.ticketId, { body, internal: false });
      expect(() => MessageSchema.parse(msg)).not.toThrow();
      expect(msg.body).toBe(body);
      expect(msg.internal).toBe(false);
      expect(writes(sim.requests).some((r) => mentions(r, body))).toBe(true);
      const shown = await tp.provider.show(sim.fixtures.ticketId);
      expect(shown.messages.some((m) => m.body === body && !m.internal)).toBe(true);
    });

    it.runIf(supports("reply") && opts.internalNotes)("posts an internal note", async () => {
      const body = `Contract note ${Date.now()}`;
      const msg = await tp.provider.reply!(sim.fixtures.ticketId, { body, internal: true });
      expect(msg.internal).toBe(true);
      const shown = await tp.provider.show(sim.fixtures.ticketId);
      expect(shown.messages.some((m) => m.body === body && m.internal)).toBe(true);
    });

    it.runIf(supports("reply") && !opts.internalNotes)("refuses an internal note before sending it", async () => {
      const err = await tp.provider.reply!(sim.fixtures.ticketId, { body: "secret note", internal: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedError);
      expect(writes(sim.requests)).toEqual([]);
    });

    it.runIf(supports("reply") || supports("create"))("never re-sends a write after a 503", async () => {
      sim.fail({ kind: "status", status: 503, writesOnly: true });
      const attempt = supports("reply")
        ? tp.provider.reply!(sim.fixtures.ticketId, { body: "only once", internal: false })
        : tp.provider.create!(sim.fixtures.create!);
      const err = await attempt.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect(writes(sim.requests)).toHaveLength(1);
    });

    it.runIf(supports("assign"))("assigns a ticket, and show reflects it", async () => {
      const assigneeId = sim.fixtures.assigneeId;
      const t = await tp.provider.assign!(sim.fixtures.ticketId, { assignee: assigneeId });
      expect(t.id).toBe(sim.fixtures.ticketId);
      expect(t.assignee?.id).toBe(assigneeId);
      expect(writes(sim.requests).some((r) => mentions(r, assigneeId))).toBe(true);
      const shown = await tp.provider.show(sim.fixtures.ticketId);
      expect(shown.assignee?.id).toBe(assigneeId);
    });

    it.runIf(supports("escalate"))("escalates a ticket", async () => {
      // --reason only where the vendor can record it; elsewhere it is refused, never dropped.
      const reason = caps.escalate.refusedFlags?.includes("--reason") ? undefined : "contract escalation";
      const t = await tp.provider.escalate!(sim.fixtures.ticketId, { reason });
      expect(() => TicketSchema.parse(t)).not.toThrow();
      expect(t.id).toBe(sim.fixtures.ticketId);
      expect(writes(sim.requests).length).toBeGreaterThan(0);
    });

    it.runIf(supports("merge"))("merges tickets into a target", async () => {
      const sources = sim.fixtures.mergeSourceIds!;
      const t = await tp.provider.merge!(sim.fixtures.ticketId, sources);
      expect(t.id).toBe(sim.fixtures.ticketId);
      for (const s of sources) expect(writes(sim.requests).some((r) => mentions(r, s))).toBe(true);
    });

    it.runIf(supports("close"))("closes a ticket, and show reflects it", async () => {
      const t = await tp.provider.close!(sim.fixtures.ticketId, {});
      expect(["resolved", "closed"]).toContain(t.status);
      expect(writes(sim.requests).length).toBeGreaterThan(0);
      const shown = await tp.provider.show(sim.fixtures.ticketId);
      expect(shown.status).toBe(t.status);
    });

    opts.additionalTests?.(() => ({ sim, tp }));
  });
}
