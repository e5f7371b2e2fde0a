/**
 * How far back a Sobot list goes (src/providers/sobot/span.ts): Sobot lists only by creation time
 * in windows of at most one month (doc lines 2913-2914), so `list --all` with no --since walks
 * month windows back TICKET_SOBOT_MAX_MONTHS months (default 24) and says on stderr which span it
 * covered; without --all the last 30 days, as before, and nothing is said. Against the simulator
 * seeded with 3000 tickets over about two years.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { createSobotProvider } from "../../../src/providers/sobot/index.js";
import type { ListQuery } from "../../../src/providers/types.js";
import { startSimulator, type SobotSimulator } from "../../../src/sandbox/sobot/index.js";
import { seedState } from "../../../src/sandbox/sobot/seed.js";
import { runCli, tempConfigDir } from "../../helpers/cli.js";
import { addSandboxProfile } from "../../helpers/sandbox-profile.js";
import { collect, providerFor } from "../../helpers/provider.js";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-11-26T12:00:00.000Z");
const VAR = "TICKET_SOBOT_MAX_MONTHS";

let sim: SobotSimulator;
beforeAll(async () => {
  sim = await startSimulator({ state: seedState(3000, NOW.getTime(), { spanDays: 700 }), now: () => NOW });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.requests.length = 0;
});
afterEach(() => {
  delete process.env[VAR];
});

const listCalls = () => sim.requests.filter((r) => r.path.endsWith("/query_tickets"));
const created = (t: { created: number }) => t.created;
const provider = () => providerFor(sim, { now: () => NOW });

describe("sobot list --all over all time (TICKET_SOBOT_MAX_MONTHS)", () => {
  it("the seed really spans about two years: most tickets are older than 30 days", () => {
    const oldest = Math.min(...sim.state.tickets.map(created));
    expect(sim.state.tickets).toHaveLength(3000);
    expect(NOW.getTime() - oldest).toBeGreaterThan(600 * DAY);
    expect(sim.state.tickets.filter((t) => t.created < NOW.getTime() - 30 * DAY).length).toBeGreaterThan(1000);
  });

  it("--all returns every ticket of the last 24 months once, newest first, and says which span it covered", async () => {
    const tp = await provider();
    const tickets = await collect(tp.provider.list({}));
    expect(tickets).toHaveLength(3000);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(3000);
    const times = tickets.map((t) => Date.parse(t.createdAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(tp.logs).toContain("warning: covered 2024-11-26 .. 2026-11-26 (24 months; TICKET_SOBOT_MAX_MONTHS raises it)");
    // Month windows, each within Sobot's one-month limit, back to 24 months before now and no further.
    const windows = [...new Set(listCalls().map((r) => `${r.query.create_start_datetime_ms}-${r.query.create_end_datetime_ms}`))];
    const starts = listCalls().map((r) => Number(r.query.create_start_datetime_ms));
    expect(Math.min(...starts)).toBe(Date.parse("2024-11-26T12:00:00.000Z"));
    expect(windows.length).toBeGreaterThanOrEqual(26);
    for (const r of listCalls()) expect(Number(r.query.create_end_datetime_ms) - Number(r.query.create_start_datetime_ms)).toBeLessThan(29 * DAY);
  });

  it("TICKET_SOBOT_MAX_MONTHS=6 bounds the walk at 6 months: older tickets are not listed, and stderr says so", async () => {
    process.env[VAR] = "6";
    const tp = await provider();
    const tickets = await collect(tp.provider.list({}));
    const bound = Date.parse("2026-05-26T12:00:00.000Z");
    expect(tickets).toHaveLength(sim.state.tickets.filter((t) => t.created >= bound).length);
    expect(tickets.length).toBeLessThan(3000);
    expect(tp.logs).toContain("warning: covered 2026-05-26 .. 2026-11-26 (6 months; TICKET_SOBOT_MAX_MONTHS raises it)");
  });

  it("--all --until walks back from --until", async () => {
    process.env[VAR] = "3";
    const tp = await provider();
    const until = new Date("2026-01-01T00:00:00.000Z");
    const tickets = await collect(tp.provider.list({ until }));
    const from = Date.parse("2025-10-01T00:00:00.000Z");
    expect(tickets).toHaveLength(sim.state.tickets.filter((t) => t.created >= from && t.created < until.getTime()).length);
    expect(tp.logs).toContain("warning: covered 2025-10-01 .. 2025-12-31 (3 months; TICKET_SOBOT_MAX_MONTHS raises it)");
  });

  it("without --all: the last 30 days as before, and no span note", async () => {
    const tp = await provider();
    const tickets = await collect(tp.provider.list({ limit: 5000 }));
    expect(tickets).toHaveLength(sim.state.tickets.filter((t) => t.created > NOW.getTime() - 30 * DAY).length);
    expect(tp.logs.filter((l) => l.includes("covered"))).toEqual([]);
  });

  // ListQuery.all (proposed: the list command reads every ticket to sort them, so its limit says
  // nothing of --all). The guard does not pass an unknown key yet, so the provider is asked directly.
  it("the list command's own word wins: all: false with no limit (it reads everything to sort) is the 30-day default", async () => {
    const tp = await provider();
    const q = { all: false } as ListQuery & { all: boolean };
    const tickets = await collect(createSobotProvider(tp.ctx).list(q));
    expect(tickets).toHaveLength(sim.state.tickets.filter((t) => t.created > NOW.getTime() - 30 * DAY).length);
    expect(tp.logs.filter((l) => l.includes("covered"))).toEqual([]);
    const again = await providerFor(sim, { now: () => NOW });
    const every = await collect(createSobotProvider(again.ctx).list({ all: true, limit: 10_000 } as ListQuery & { all: boolean }));
    expect(every).toHaveLength(3000);
    expect(again.logs).toContain("warning: covered 2024-11-26 .. 2026-11-26 (24 months; TICKET_SOBOT_MAX_MONTHS raises it)");
  });

  it("--all --since: bounded by --since, no span note", async () => {
    const tp = await provider();
    const since = new Date(NOW.getTime() - 45 * DAY);
    const tickets = await collect(tp.provider.list({ since }));
    expect(tickets).toHaveLength(sim.state.tickets.filter((t) => t.created >= since.getTime()).length);
    expect(tp.logs.filter((l) => l.includes("covered"))).toEqual([]);
  });

  it.each(["0", "abc", "1.5", "-3", "06", " 12", "1e3"])("TICKET_SOBOT_MAX_MONTHS=%j is a usage error naming the variable, before any request", async (value) => {
    process.env[VAR] = value;
    const tp = await provider();
    const err = await collect(tp.provider.list({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(VAR);
    expect(listCalls()).toEqual([]);
  });
});

describe("sobot list --all from the CLI", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = tempConfigDir();
    ({ env } = await addSandboxProfile("sobot", sim, { configDir: dir }));
  });

  it("a bad TICKET_SOBOT_MAX_MONTHS: exit 2, one line naming the variable", async () => {
    const r = await runCli(["-p", "sandbox-sobot", "list", "--all", "--json"], { configDir: dir, env: { ...env, [VAR]: "two" } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(VAR);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("--all prints every ticket of the span and names the span on stderr", async () => {
    // The CLI runs on the real clock; the simulator's seed was laid out around NOW.
    const r = await runCli(["-p", "sandbox-sobot", "list", "--all", "--json", "--fields", "id"], { configDir: dir, env: { ...env, [VAR]: "48" } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(sim.state.tickets.filter((t) => t.created <= Date.now()).length);
    expect(r.stderr).toMatch(/covered \d{4}-\d{2}-\d{2} \.\. \d{4}-\d{2}-\d{2} \(48 months; TICKET_SOBOT_MAX_MONTHS raises it\)/);
  });
});
