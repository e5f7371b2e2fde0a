/**
 * `ticket stats` (issue 13 item 3) against the simulators, spawning the built CLI:
 * - its --json numbers match what `list --all --json` gives for the same window, on every vendor
 *   (the expected figures are computed here from the list output, by the definitions in
 *   src/commands/stats/figures.ts), and it only reads (what the simulators received);
 * - several profiles: per profile and together; a dead profile's figures missing, exit 1, stderr;
 * - --csv is one valid CSV, one table per --by dimension; the demo works with no profile;
 * - on a terminal (tmux): bars, colors, no line wider than 80 or 60 columns.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile, deadPort } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

interface Row {
  id: string;
  status: string;
  priority: string | null;
  assignee: { id: string | null; name: string | null; email: string | null } | null;
  team: { id: string; name: string | null } | null;
  createdAt: string | null;
  updatedAt: string | null;
  firstResponseAt?: string | null;
  resolvedAt?: string | null;
  vendor: string;
}
interface Durations {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}
interface Figures {
  created: number;
  byStatus: Record<string, number>;
  byPriority: Record<string, number>;
  byAssignee: { id: string | null; name: string | null; count: number }[];
  byTeam: { id: string | null; name: string | null; count: number }[];
  perDay: { day: string; created: number; resolved: number }[];
  resolved: number;
  resolvedDatedBy: { resolvedAt: number; updatedAt: number };
  backlog: { open: number; byAge: Record<string, number> };
  times: { firstResponse: Durations | null; resolution: Durations | null };
}
interface Doc {
  window: { since: string; until: string };
  profiles: (Figures & { profile: string; vendor: string })[];
  total: Figures;
  failed: string[];
}

const VENDORS: VendorName[] = ["comm100", "zaia", "sobot", "3dolphins"];
const OPEN = ["new", "open", "pending", "on_hold"];
const DONE = ["resolved", "closed"];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
const nearestRank = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]!;
};
const summary = (values: number[]): Durations => ({ count: values.length, medianSeconds: nearestRank(values, 50), p90Seconds: nearestRank(values, 90) });
const countBy = <T>(items: T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
};
const bucket = (createdAt: string | null, now: number) => {
  const c = ms(createdAt);
  if (c === null) return "undated";
  const age = now - c;
  return age < HOUR ? "<1h" : age < DAY ? "<1d" : age < 3 * DAY ? "<3d" : age < 7 * DAY ? "<7d" : "older";
};

/** The figures, computed from list output by the documented definitions. */
function expected(created: Row[], all: Row[], open: Row[], since: number, until: number) {
  const inWindow = (t: number | null) => t !== null && t >= since && t < until;
  const made = created.filter((t) => inWindow(ms(t.createdAt)));
  const resolvedAtOf = (t: Row) => ms(t.resolvedAt) ?? ms(t.updatedAt);
  const done = all.filter((t) => DONE.includes(t.status) && inWindow(resolvedAtOf(t)));
  const days = new Map<string, { created: number; resolved: number }>();
  for (const t of made) {
    const d = t.createdAt!.slice(0, 10);
    days.set(d, { created: (days.get(d)?.created ?? 0) + 1, resolved: days.get(d)?.resolved ?? 0 });
  }
  for (const t of done) {
    const d = new Date(resolvedAtOf(t)!).toISOString().slice(0, 10);
    days.set(d, { created: days.get(d)?.created ?? 0, resolved: (days.get(d)?.resolved ?? 0) + 1 });
  }
  const first = made.flatMap((t) => (ms(t.firstResponseAt) !== null && ms(t.firstResponseAt)! >= ms(t.createdAt)! ? [(ms(t.firstResponseAt)! - ms(t.createdAt)!) / 1000] : []));
  const resolution = done.flatMap((t) => (ms(t.resolvedAt) !== null && ms(t.createdAt) !== null && ms(t.resolvedAt)! >= ms(t.createdAt)! ? [(ms(t.resolvedAt)! - ms(t.createdAt)!) / 1000] : []));
  return {
    created: made.length,
    byStatus: countBy(made, (t) => t.status),
    byPriority: countBy(made, (t) => t.priority ?? "none"),
    byAssignee: countBy(made, (t) => t.assignee?.id ?? t.assignee?.name ?? t.assignee?.email ?? ""),
    byTeam: countBy(made, (t) => t.team?.id ?? ""),
    days,
    resolved: done.length,
    resolvedByUpdatedAt: done.filter((t) => ms(t.resolvedAt) === null).length,
    open: open.filter((t) => OPEN.includes(t.status)),
    firstResponse: summary(first),
    resolution: summary(resolution),
  };
}

const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
const whoCounts = (list: Figures["byAssignee"]) => Object.fromEntries(list.map((w) => [w.id ?? w.name ?? "", w.count]));

/** A minimal RFC 4180 reader (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

describe("ticket stats", () => {
  const sims: Partial<Record<VendorName, Simulator>> = {};
  const dir = tempConfigDir();
  const env: Record<string, string> = { DEAD_TOKEN: "not-used-anywhere" };
  const P = (v: VendorName) => `sandbox-${v}`;
  const DEAD = "dead";
  const cli = (...args: string[]) => runCli(args, { configDir: dir, env });
  const listJson = async (...args: string[]) => {
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Row[];
  };
  // A 30-day window ending in the next hour: a fixed window both commands read alike.
  const until = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
  const since = new Date(until.getTime() - 30 * DAY);
  const window = ["--since", since.toISOString(), "--until", until.toISOString()];

  beforeAll(async () => {
    for (const vendor of VENDORS) {
      const d = VENDOR_DESCRIPTORS[vendor];
      const sim = await (await d.loadSimulator!()).startSimulator({ tickets: 40 });
      sims[vendor] = sim;
      await addSandboxProfile(vendor, sim, { configDir: dir, env });
    }
    const dead = await cli("profile", "add", DEAD, "--vendor", "comm100", "--base-url", `http://127.0.0.1:${await deadPort()}/v4`, "--token-env", "DEAD_TOKEN");
    expect(dead.code, dead.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    for (const sim of Object.values(sims)) await sim.close();
  });

  it.each(VENDORS)("%s: stats --json numbers match list --all --json for the same window; only reads", async (vendor) => {
    const p = P(vendor);
    const sim = sims[vendor]!;
    sim.requests.length = 0;
    const before = Date.now();
    const r = await cli("-p", p, "stats", ...window, "--json");
    const after = Date.now();
    expect(r.code, r.stderr).toBe(0);
    // Stats only reads: nothing but GETs reached the vendor, apart from sign-in.
    const writes = sim.requests.filter((q) => q.method !== "GET" && !/token|auth|login/i.test(q.path));
    expect(writes.map((q) => `${q.method} ${q.path}`)).toEqual([]);
    expect(sim.requests.filter((q) => q.method === "GET").length).toBeGreaterThanOrEqual(3);

    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.window).toEqual({ since: since.toISOString(), until: until.toISOString() });
    expect(doc.profiles.map((f) => [f.profile, f.vendor])).toEqual([[p, vendor]]);
    expect(doc.failed).toEqual([]);
    const got = doc.profiles[0]!;
    expect(doc.total).toEqual(Object.fromEntries(Object.entries(got).filter(([k]) => k !== "profile" && k !== "vendor")));

    const created = await listJson("-p", p, "list", "--all", "--since", since.toISOString(), "--json");
    const all = await listJson("-p", p, "list", "--all", "--json");
    const open = await listJson("-p", p, "list", "--all", "--status", OPEN.join(","), "--json");
    const e = expected(created, all, open, since.getTime(), until.getTime());
    // The window has tickets of each kind, so the comparisons below can fail.
    expect(e.created).toBeGreaterThan(0);
    expect(e.open.length).toBeGreaterThan(0);

    expect(got.created).toBe(e.created);
    expect(nonZero(got.byStatus)).toEqual(e.byStatus);
    expect(nonZero(got.byPriority)).toEqual(e.byPriority);
    expect(whoCounts(got.byAssignee)).toEqual(e.byAssignee);
    expect(whoCounts(got.byTeam)).toEqual(e.byTeam);
    expect(got.resolved).toBe(e.resolved);
    expect(got.resolvedDatedBy.updatedAt).toBe(e.resolvedByUpdatedAt);
    for (const d of got.perDay) expect([d.day, d.created, d.resolved]).toEqual([d.day, e.days.get(d.day)?.created ?? 0, e.days.get(d.day)?.resolved ?? 0]);
    expect(got.perDay.reduce((n, d) => n + d.created, 0)).toBe(e.created);
    expect(got.perDay.length).toBe(31);
    // The backlog: every open ticket, by age at the moment stats ran (between before and after).
    expect(got.backlog.open).toBe(e.open.length);
    const at = (now: number) => countBy(e.open, (t) => bucket(t.createdAt, now));
    const [a, b] = [at(before), at(after)];
    for (const k of ["<1h", "<1d", "<3d", "<7d", "older", "undated"]) {
      const lo = Math.min(a[k] ?? 0, b[k] ?? 0);
      const hi = Math.max(a[k] ?? 0, b[k] ?? 0);
      expect(got.backlog.byAge[k], k).toBeGreaterThanOrEqual(lo);
      expect(got.backlog.byAge[k], k).toBeLessThanOrEqual(hi);
    }
    // Times: where the vendor gives them, the same median/p90/count; Sobot gives none (null).
    if (vendor === "sobot") {
      expect(got.times).toEqual({ firstResponse: null, resolution: null });
    } else {
      expect(got.times.firstResponse).toEqual(e.firstResponse);
      expect(got.times.resolution).toEqual(e.resolution);
      expect(got.times.firstResponse!.count + got.times.resolution!.count).toBeGreaterThan(0);
    }
  });

  it("several profiles and a dead one: each live profile's figures and their total; the dead one on stderr; exit 1", async () => {
    const C = P("comm100");
    const Z = P("zaia");
    const r = await cli("-p", `${C},${DEAD},${Z}`, "stats", ...window, "--json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.profiles.map((p) => p.profile)).toEqual([C, Z]);
    expect(doc.failed).toEqual([DEAD]);
    const c = doc.profiles[0]!;
    const z = doc.profiles[1]!;
    expect(doc.total.created).toBe(c.created + z.created);
    expect(doc.total.resolved).toBe(c.resolved + z.resolved);
    expect(doc.total.backlog.open).toBe(c.backlog.open + z.backlog.open);
    for (const s of Object.keys(c.byStatus)) expect(doc.total.byStatus[s]).toBe(c.byStatus[s]! + z.byStatus[s]!);
    expect(doc.total.times.firstResponse!.count).toBe(c.times.firstResponse!.count + z.times.firstResponse!.count);
    // The JSON error objects (a vendor's warning lines may come before them).
    const errors = r.stderr.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { error: { code: string; profile?: string; message: string } });
    expect(errors).toHaveLength(2);
    expect(errors[0]!.error).toMatchObject({ code: "network", profile: DEAD });
    expect(errors.at(-1)!.error.code).toBe("failed");
    expect(errors.at(-1)!.error.message).toContain(DEAD);
    expect(r.stderr).not.toContain("not-used-anywhere");

    // For people: the same, one stderr line naming the dead profile, then the run's error.
    const plain = await cli("-p", `${C},${DEAD}`, "stats", ...window);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain("Status");
    expect(plain.stdout).toContain("Not counted: dead (failed).");
    const lines = plain.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^ticket: profile dead: /);
    expect(lines.at(-1)).toMatch(/1 of 2 profiles failed \(dead\)/);
    expect(plain.stderr).not.toMatch(/\n\s+at /); // no stack trace

    // Every profile failing: the failure's own class (network, exit 7), nothing on stdout.
    const none = await cli("-p", `${DEAD},${DEAD}2`, "stats");
    expect(none.code).not.toBe(0);
    expect(none.stdout).toBe("");
  });

  it("--csv: one valid CSV, one table per --by dimension, matching --json; a bad --by is a usage error", async () => {
    const C = P("comm100");
    const Z = P("zaia");
    const j = JSON.parse((await cli("-p", `${C},${Z}`, "stats", ...window, "--json")).stdout) as Doc;
    const r = await cli("-p", `${C},${Z}`, "stats", ...window, "--csv", "--by", "status", "--by", "day,times");
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(["profile", "dimension", "key", "metric", "value"]);
    for (const row of rows) expect(row).toHaveLength(5);
    const body = rows.slice(1);
    expect([...new Set(body.map((x) => x[1]))]).toEqual(["status", "day", "times"]);
    expect([...new Set(body.map((x) => x[0]))]).toEqual([C, Z, "(total)"]);
    const value = (profile: string, dim: string, key: string, metric: string) => body.find((x) => x[0] === profile && x[1] === dim && x[2] === key && x[3] === metric)?.[4];
    for (const [i, p] of [C, Z].entries()) {
      for (const [s, n] of Object.entries(j.profiles[i]!.byStatus)) expect(value(p, "status", s, "count")).toBe(String(n));
      for (const d of j.profiles[i]!.perDay) expect([value(p, "day", d.day, "created"), value(p, "day", d.day, "resolved")]).toEqual([String(d.created), String(d.resolved)]);
      expect(value(p, "times", "firstResponse", "median_seconds")).toBe(String(j.profiles[i]!.times.firstResponse!.medianSeconds ?? ""));
    }
    expect(value("(total)", "status", "new", "count")).toBe(String(j.total.byStatus["new"]));

    const bad = await cli("stats", "--csv", "--by", "colour");
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toEqual([expect.stringMatching(/--by takes status, priority, assignee, team, day, age, times, not "colour"/)]);
    const backwards = await cli("-p", C, "stats", "--since", "1d", "--until", "2d");
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/--since .* must be before --until/);
  });

  it("the demo: stats works with no profile configured", async () => {
    const empty = tempConfigDir();
    const r = await runCli(["stats", "--json"], { configDir: empty });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.profiles.map((p) => p.profile)).toEqual(["demo"]);
    expect(doc.profiles[0]!.created).toBeGreaterThan(0);
    expect(doc.total.backlog.open).toBeGreaterThan(0);
    const plain = await runCli(["stats"], { configDir: empty });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^demo \(Comm100\) · /);
    expect(plain.stdout).not.toMatch(/\u001b\[/); // not a terminal: no colors
    for (const line of plain.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });

  describe.skipIf(!hasTmux)("on a terminal", () => {
    it.each([80, 60])("at %i columns: bars, colors, every line within the width", async (width) => {
      const tty = new TtySession(width, 120);
      try {
        const bin = new URL("../../bin/ticket.js", import.meta.url).pathname;
        tty.start([process.execPath, bin, "-p", `${P("comm100")},${P("sobot")}`, "stats", "--since", "30d"], { ...env, HOME: dir, TICKET_CONFIG_DIR: dir });
        const screen = await tty.waitFor(/EXIT=\d+/, 30_000);
        expect(screen).toContain("EXIT=0");
        expect(screen).toMatch(/\u001b\[/); // colors on a terminal
        const text = screen.replace(ANSI, "");
        expect(text).toMatch(/[█▉▊▋▌▍▎▏]/);
        expect(text).toContain("Sobot gives no response or resolution times");
        for (const line of text.split("\n")) expect([...line].length, line).toBeLessThanOrEqual(width);
      } finally {
        tty.close();
      }
    });
  });
});
