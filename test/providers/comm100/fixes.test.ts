/**
 * What the stricter simulator and awkward answers exposed in the Comm100 provider, one test per
 * fix (each failed before it): inputs Comm100 cannot carry are refused before anything is sent,
 * unknown agents/departments/contacts are exit 5 naming them, list walks are guarded and bounded,
 * nextPage never leaves the base URL, unknown values pass through, a missing sub-list is not fatal.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CliError, NetworkError, NotFoundError, UnsupportedError, UsageError } from "../../../src/errors.js";
import { startSimulator, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";
import { collect, providerFor } from "../../helpers/provider.js";

let sim: Comm100Simulator;
beforeAll(async () => {
  sim = await startSimulator({ tickets: 40 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

const writes = () => sim.requests.filter((r) => r.method !== "GET");
const file = { path: "/tmp/screenshot.png", name: "screenshot.png", size: 10 };

describe("inputs Comm100 cannot carry are refused before anything is sent (exit 6)", () => {
  it("reply --attach (public or internal): UnsupportedError, no request at all", async () => {
    const { provider } = await providerFor(sim);
    for (const internal of [false, true]) {
      const err = await provider.reply!(sim.fixtures.ticketId, { body: "see screenshot", internal, attachments: [file] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedError);
      expect((err as Error).message).toMatch(/^Comm100's v4 API documents no file upload, so attachments cannot be sent with a (reply|note) \(nothing was sent\)$/);
    }
    expect(sim.requests).toEqual([]);
  });

  it("create --attach, --category and --field: UnsupportedError, no request at all", async () => {
    const { provider } = await providerFor(sim);
    const input = sim.fixtures.create!;
    for (const extra of [{ attachments: [file] }, { category: "Billing" }, { fields: { plan: "gold" } }]) {
      const err = await provider.create!({ ...input, ...extra }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedError);
    }
    expect(sim.requests).toEqual([]);
  });

  it("create --tag with a name Comm100 does not have: exit 5 naming it, before sending (names are looked up: tags.test.ts)", async () => {
    const { provider } = await providerFor(sim);
    const err = await provider.create!({ ...sim.fixtures.create!, tags: ["not-a-tag"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toBe('Comm100 has no tag "not-a-tag" (--tag)');
    expect(writes()).toEqual([]);
  });
});

describe("an unknown agent, department or contact is exit 5 naming it", () => {
  it("assign --to an agent Comm100 does not know (fixtures.missingAgentId)", async () => {
    const { provider } = await providerFor(sim);
    const missing = sim.fixtures.missingAgentId!;
    const err = (await provider.assign!(sim.fixtures.ticketId, { assignee: missing }).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe(`Comm100 has no agent "${missing}" (--to)`);
    // Candidates: the v4 ticketing doc lists no agents, so those seen on recent tickets.
    expect(err.hint).toMatch(/^agents on recent tickets: .+ \([0-9a-f-]{36}\)/);
    expect(writes().map((r) => r.method)).toEqual(["PUT"]);
  });

  it("assign --team, escalate --to and create --requester/--assignee name the one Comm100 refused", async () => {
    const { provider } = await providerFor(sim);
    const missing = sim.fixtures.missingAgentId!;
    const team = (await provider.assign!(sim.fixtures.ticketId, { team: missing }).catch((e: unknown) => e)) as CliError;
    expect([team.exitCode, team.message]).toEqual([5, `Comm100 has no department "${missing}" (--team)`]);
    const esc = (await provider.escalate!(sim.fixtures.ticketId, { to: missing, reason: "why" }).catch((e: unknown) => e)) as CliError;
    expect([esc.exitCode, esc.message]).toEqual([5, `Comm100 has no department "${missing}" (--to)`]);
    // The reason note is not posted for an escalation that did not happen.
    expect(sim.requests.some((r) => r.path === "/v4/ticketing/notes")).toBe(false);
    const requester = (await provider.create!({ ...sim.fixtures.create!, requester: missing }).catch((e: unknown) => e)) as CliError;
    expect([requester.exitCode, requester.message]).toEqual([5, `Comm100 has no contact or visitor "${missing}" (--requester)`]);
    const assignee = (await provider.create!({ ...sim.fixtures.create!, assignee: missing }).catch((e: unknown) => e)) as CliError;
    expect([assignee.exitCode, assignee.message]).toEqual([5, `Comm100 has no agent "${missing}" (--assignee)`]);
  });

  it("an id that is not a guid cannot exist: exit 5 before any write", async () => {
    const { provider } = await providerFor(sim);
    const err = (await provider.assign!(sim.fixtures.ticketId, { assignee: "bob" }).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe('Comm100 has no agent "bob" (--to): Comm100 agent ids are guids');
    expect(writes()).toEqual([]);
  });
});

// ---- a scripted Comm100 for answers the simulator never gives ----

interface Scripted {
  base: string;
  origin: string;
  seen: { path: string; query: string }[];
  close(): Promise<void>;
}

async function scripted(answer: (req: IncomingMessage, url: URL) => { status?: number; body: unknown } | undefined): Promise<Scripted> {
  const seen: Scripted["seen"] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({ path: url.pathname, query: url.search });
    const a = answer(req, url) ?? { status: 404, body: { code: 404000, message: "not found" } };
    res.writeHead(a.status ?? 200, { "content-type": "application/json" });
    res.end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return { base: `${origin}/v4`, origin, seen, close };
}

const ticket = (id: number, extra: Record<string, unknown> = {}) => ({ id, subject: `Ticket ${id}`, status: "new", priority: "normal", contactOrVisitorId: "e23b5d3c-4e7e-4131-9b3a-52b061ba7de4", createdTime: "2021-05-12T08:10:53.480Z", ...extra });
const profileOn = (s: Scripted) => providerFor(sim, { baseUrl: s.base });

describe("list walks are guarded and bounded", () => {
  it("a nextPage that leaves the base URL (another origin, //host, another path) is refused, never followed", async () => {
    for (const next of ["http://evil.example/v4/ticketing/tickets?pageIndex=2", "//evil.example/v4/ticketing/tickets?pageIndex=2", "/other/ticketing/tickets?pageIndex=2"]) {
      const s = await scripted(() => ({ body: { tickets: [ticket(1)], nextPage: next, previousPage: null, total: 2 } }));
      try {
        const { provider } = await profileOn(s);
        const err = await collect(provider.list({})).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CliError);
        expect((err as Error).message).toBe(`Comm100 sent a nextPage link outside ${s.base}; refusing to follow it with credentials`);
        expect(s.seen).toHaveLength(1);
      } finally {
        await s.close();
      }
    }
  });

  it("a nextPage that points to the same page again stops with exit 7 naming the page; no ticket repeats", async () => {
    let n = 0;
    const s = await scripted(() => {
      n += 1;
      return { body: { tickets: [ticket(2 * n - 1), ticket(2 * n)], nextPage: "ticketing/tickets?pageIndex=2&pageSize=50", total: 9 } };
    });
    try {
      const { provider } = await profileOn(s);
      const seen: string[] = [];
      const err = await (async () => {
        for await (const t of provider.list({})) seen.push(t.id);
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toMatch(/^Comm100 sent page 3 \(.*pageIndex=2.*\) again; stopping the walk so it cannot loop$/);
      expect(seen).toEqual(["1", "2", "3", "4"]);
      expect(s.seen).toHaveLength(3);
    } finally {
      await s.close();
    }
  });

  it("a bare array that ignores pageIndex (every page the same tickets) stops with exit 7, not forever", async () => {
    const s = await scripted(() => ({ body: Array.from({ length: 50 }, (_, i) => ticket(i + 1)) }));
    try {
      const { provider } = await profileOn(s);
      const err = await collect(provider.list({})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toMatch(/only tickets it had already sent/);
      expect(s.seen).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it("--limit is honored on a bare array: one page of that size, no page after it", async () => {
    const s = await scripted((_req, url) => ({ body: Array.from({ length: Number(url.searchParams.get("pageSize")) }, (_, i) => ticket(i + 1)) }));
    try {
      const { provider } = await profileOn(s);
      expect(await collect(provider.list({ limit: 5 }))).toHaveLength(5);
      expect(s.seen).toHaveLength(1);
      expect(s.seen[0]!.query).toMatch(/pageSize=5/);
    } finally {
      await s.close();
    }
  });
});

describe("answers the document allows but does not print", () => {
  it("unknown status and priority values pass through as vendorStatus, never rejected", async () => {
    const s = await scripted((_req, url) =>
      url.pathname === "/v4/ticketing/tickets"
        ? { body: { tickets: [ticket(5, { status: "archived", priority: "critical", lastUpdatedTime: 1620807053480 })], nextPage: null } }
        : undefined,
    );
    try {
      const { provider } = await profileOn(s);
      const [t] = await collect(provider.list({}));
      expect(t).toMatchObject({ id: "5", status: "open", vendorStatus: "archived", priority: null, updatedAt: "2021-05-12T08:10:53.480Z" });
    } finally {
      await s.close();
    }
  });

  it("show with a notes endpoint that answers 404 shows the ticket and its messages, with a warning", async () => {
    const s = await scripted((_req, url) => {
      if (url.pathname === "/v4/ticketing/tickets/7") return { body: ticket(7, { messages: [{ id: "m1", sentByType: "contact", body: "Help", time: "2021-05-12T08:10:53.480Z" }] }) };
      return undefined;
    });
    try {
      const { provider, logs } = await profileOn(s);
      const d = await provider.show("7");
      expect(d.messages.map((m) => [m.body, m.author.type])).toEqual([["Help", "customer"]]);
      expect(logs).toEqual(["warning: Comm100 answered HTTP 404 for the notes of ticket 7; showing the ticket without them"]);
      expect(s.seen.map((r) => r.path)).toEqual(["/v4/ticketing/tickets/7", "/v4/ticketing/tickets/7/notes"]);
    } finally {
      await s.close();
    }
  });

  it("escalate --reason whose note is refused says the escalation itself was made (exit 1)", async () => {
    const put: unknown[] = [];
    const s = await scripted((req, url) => {
      if (url.pathname !== "/v4/ticketing/tickets/9") return undefined;
      if (req.method === "PUT") put.push(url.pathname);
      return { body: ticket(9, { channelId: "Email", priority: put.length > 0 ? "urgent" : "normal" }) };
    });
    try {
      const { provider } = await profileOn(s);
      const err = (await provider.escalate!("9", { reason: "VIP" }).catch((e: unknown) => e)) as CliError;
      expect(err.exitCode).toBe(1);
      expect(err.message).toBe("Comm100 escalated ticket 9, but the reason was not added as an internal note: Comm100: the notes of ticket 9 not found");
      expect(put).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it("a message list of an unexpected shape is an error naming it, not an empty conversation", async () => {
    const s = await scripted((_req, url) => {
      if (url.pathname === "/v4/ticketing/tickets/8") return { body: ticket(8) };
      if (url.pathname.endsWith("/messages")) return { body: { data: [{ id: "m1" }] } };
      if (url.pathname.endsWith("/notes")) return { body: [] };
      return undefined;
    });
    try {
      const { provider } = await profileOn(s);
      const err = await provider.show("8").catch((e: unknown) => e);
      expect((err as CliError).exitCode).toBe(1);
      expect((err as Error).message).toMatch(/messages/);
    } finally {
      await s.close();
    }
  });
});
