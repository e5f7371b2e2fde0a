import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AuthError, ConfigError, NotFoundError, OperationError, UnsupportedError, UsageError } from "../../src/errors.js";
import { TicketSchema } from "../../src/model/schema.js";
import { TOKEN_CACHE_FILE } from "../../src/providers/3dolphins/auth.js";
import { startSimulator } from "../../src/sandbox/3dolphins/index.js";
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

describeProviderContract({
  vendor: "3dolphins",
  credentialHeader: "authorization",
  isCredentialRequest: (r) => r.path.endsWith("/graph/auth"),
  internalNotes: false,
  badSecrets: { token: "wrong-token" },
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
        expect(msg.author).toEqual({ type: "agent", id: sim.credentials.settings["replyAgent"], name: expect.any(String) });
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

      it("assign to an unknown agent surfaces the vendor's envelope text", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        const err = await tp.provider.assign!(id, { assignee: "0000000000000000000000000000dead" }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NotFoundError);
        expect((err as Error).message).toContain("Agent 0000000000000000000000000000dead not found");
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

      it("close sends the guessed body; show prints Closed; a reply to it is refused with the vendor's text", async () => {
        const { sim, tp } = get();
        const id = await openTicket(sim);
        sim.requests.length = 0;
        const t = await tp.provider.close!(id, { comment: "done", resolve: true });
        expect(bodyOf(writes(sim.requests)[0])).toEqual({ ticketNumber: id, closureType: "Resolved", remark: "done" });
        expect(t).toMatchObject({ status: "closed", vendorStatus: "Closed" });
        const shown = await tp.provider.show(id, { history: true });
        expect(shown.status).toBe("closed");
        expect(shown.history?.find((h) => h.action === "closed")).toMatchObject({ actor: sim.credentials.settings["replyAgent"], detail: "Resolved: done" });
        const err = await tp.provider.reply!(id, { body: "too late", internal: false }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(OperationError);
        expect((err as Error).message).toContain(`Ticket ${id} is already closed`);
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
      });

      it("rejects a malformed ticket id before any request", async () => {
        const { sim, tp } = get();
        sim.requests.length = 0;
        const err = await tp.provider.show("../graph/auth").catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UsageError);
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

describe("3dolphins username/password token flow", () => {
  const password = "sandbox-test-password";

  async function withSim<T>(fn: (sim: Simulator) => Promise<T>, ttl?: number): Promise<T> {
    const sim = await startSimulator({ tickets: 30, secrets: { password }, ...(ttl ? { tokenTtlSeconds: ttl } : {}) });
    try {
      return await fn(sim);
    } finally {
      await sim.close();
    }
  }
  const passwordProvider = (sim: Simulator, cacheRoot: string, extra: { now?: () => Date; password?: string } = {}) =>
    providerFor(sim, { secrets: { token: "", password: extra.password ?? password }, cacheRoot, ...(extra.now ? { now: extra.now } : {}) });

  it("logs in at graph/auth, uses the token, and caches it (atomically, 0600) for the next run", async () => {
    await withSim(async (sim) => {
      const cacheRoot = mkdtempSync(join(tmpdir(), "t3d-cache-"));
      const first = await passwordProvider(sim, cacheRoot);
      await collect(first.provider.list({ limit: 2 }), 2);
      const auth = sim.requests.filter((r) => r.path === `${G}/auth`);
      expect(auth).toHaveLength(1);
      expect(auth[0]!.method).toBe("POST");
      expect(auth[0]!.body).toEqual({ username: sim.credentials.settings["username"], password });
      expect(auth[0]!.headers["authorization"]).toBeUndefined();
      const list = sim.requests.find((r) => r.path === `${G}/tickets`)!;
      const bearer = String(list.headers["authorization"]);
      expect(bearer).toMatch(/^Bearer sbx-3d-/);
      expect(bearer).not.toContain(sim.credentials.secrets["token"]!);

      const dir = first.ctx.cacheDir;
      expect(readdirSync(dir)).toEqual([TOKEN_CACHE_FILE]);
      const file = join(dir, TOKEN_CACHE_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const cached = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      expect(`Bearer ${cached["token"]}`).toBe(bearer);
      expect(cached["expireAt"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00\[Asia\/Jakarta\]$/);
      expect(Math.abs(Date.parse(cached["expiresAt"]!) - (Date.now() + 3600_000))).toBeLessThan(60_000);
      expect(JSON.stringify(cached)).not.toContain(password);

      sim.requests.length = 0;
      const second = await passwordProvider(sim, cacheRoot);
      await second.provider.show(sim.fixtures.ticketId);
      expect(sim.requests.some((r) => r.path === `${G}/auth`)).toBe(false);
      expect(sim.requests[0]!.headers["authorization"]).toBe(bearer);
    });
  });

  it("logs in again when the cached token is past its expireAt", async () => {
    await withSim(async (sim) => {
      const cacheRoot = mkdtempSync(join(tmpdir(), "t3d-cache-"));
      const first = await passwordProvider(sim, cacheRoot);
      await first.provider.show(sim.fixtures.ticketId);
      sim.requests.length = 0;
      const later = await passwordProvider(sim, cacheRoot, { now: () => new Date(Date.now() + 2 * 3600_000) });
      await later.provider.show(sim.fixtures.ticketId);
      expect(sim.requests.filter((r) => r.path === `${G}/auth`)).toHaveLength(1);
    });
  });

  it("refreshes once on 401 (a token the server no longer accepts) and retries the request", async () => {
    await withSim(async (sim) => {
      const cacheRoot = mkdtempSync(join(tmpdir(), "t3d-cache-"));
      const first = await passwordProvider(sim, cacheRoot);
      await first.provider.show(sim.fixtures.ticketId);
      const file = join(first.ctx.cacheDir, TOKEN_CACHE_FILE);
      const cached = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      writeFileSync(file, JSON.stringify({ ...cached, token: "sbx-3d-revoked" }));
      sim.requests.length = 0;
      const second = await passwordProvider(sim, cacheRoot);
      const d = await second.provider.show(sim.fixtures.ticketId);
      expect(d.id).toBe(sim.fixtures.ticketId);
      expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `GET ${G}/tickets/${sim.fixtures.ticketId} 401`,
        `POST ${G}/auth 200`,
        `GET ${G}/tickets/${sim.fixtures.ticketId} 200`,
        `GET ${G}/tickets/conversations/${sim.fixtures.ticketId} 200`,
      ]);
      const renewed = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      expect(renewed["token"]).not.toBe("sbx-3d-revoked");
    });
  });

  it("a server-side expiry (short TTL) is cured by one refresh", async () => {
    let offset = 0;
    const sim = await startSimulator({ tickets: 10, secrets: { password }, tokenTtlSeconds: 120, now: () => new Date(Date.now() + offset) });
    try {
      const cacheRoot = mkdtempSync(join(tmpdir(), "t3d-cache-"));
      const tp = await passwordProvider(sim, cacheRoot);
      await tp.provider.show(sim.fixtures.ticketId);
      offset = 10 * 60_000; // the server's clock moves past expireAt; the client's does not
      sim.requests.length = 0;
      await tp.provider.show(sim.fixtures.ticketId);
      expect(sim.requests.map((r) => r.status)).toEqual([401, 200, 200, 200]);
      expect(sim.requests[0]!.path).toBe(`${G}/tickets/${sim.fixtures.ticketId}`);
    } finally {
      await sim.close();
    }
  });

  it("a wrong password is an AuthError that echoes neither the password nor a token", async () => {
    await withSim(async (sim) => {
      const tp = await passwordProvider(sim, mkdtempSync(join(tmpdir(), "t3d-cache-")), { password: "not-the-password" });
      const err = await tp.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as Error).message).not.toContain("not-the-password");
      expect(sim.requests.filter((r) => r.path === `${G}/auth`)).toHaveLength(1);
      expect(sim.requests.filter((r) => r.path !== `${G}/auth`)).toHaveLength(0);
    });
  });

  it("a refused static token is not retried and its value never reaches the error", async () => {
    await withSim(async (sim) => {
      const tp = await providerFor(sim, { secrets: { token: "sbx-3d-stale-token-value" } });
      const err = await tp.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthError);
      expect((err as Error).message).toContain("Invalid access token");
      expect((err as Error).message).not.toContain("sbx-3d-stale-token-value");
      expect(sim.requests).toHaveLength(1);
    });
  });

  it("no token and no username/password is a ConfigError before any request", async () => {
    await withSim(async (sim) => {
      const tp = await providerFor(sim, { secrets: { token: "" }, settings: { username: "" } });
      const err = await tp.provider.show(sim.fixtures.ticketId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect(sim.requests).toEqual([]);
    });
  });

  it("warns once when credentials would travel over plain http to a non-loopback host", async () => {
    await withSim(async (sim) => {
      const loop = await providerFor(sim);
      await loop.provider.show(sim.fixtures.ticketId);
      expect(loop.logs.filter((l) => l.startsWith("warning:"))).toEqual([]);
      // 0.0.0.0 reaches the local simulator on Linux but is not a loopback name.
      const remote = await providerFor(sim, { baseUrl: sim.baseUrl.replace("127.0.0.1", "0.0.0.0") });
      await remote.provider.show(sim.fixtures.ticketId);
      const warnings = remote.logs.filter((l) => l.startsWith("warning:"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/unencrypted over plain http to 0\.0\.0\.0:\d+/);
    });
  });
});
