/**
 * Issue 10 item 4 (strict values) and item 3 (`--all` with `--limit`), through the built binary:
 * dates are ISO-8601 or spans, numbers are plain positive decimal integers, and anything else is
 * exit 2 with one line naming the flag, before any request reaches the vendor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLimit, parsePositiveInt, parseWhen } from "../../src/commands/shared/parse.js";
import { UsageError } from "../../src/errors.js";
import { startSimulator } from "../../src/sandbox/comm100/index.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir } from "../helpers/cli.js";

const TOKEN = "sbx-c100-values-token-0123456789";

function expectUsageLine(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ticket: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("strict values on a real profile (the vendor sees no request for a bad value)", () => {
  let sim: Simulator;
  let dir: string;
  const cli = (...args: string[]) => runCli(args, { configDir: dir, env: { C100_TOKEN: TOKEN } });

  beforeAll(async () => {
    sim = await startSimulator({ tickets: 40, secrets: { token: TOKEN } });
    dir = tempConfigDir();
    const add = await cli("profile", "add", "work", "--vendor", "comm100", "--base-url", sim.baseUrl, "--token-env", "C100_TOKEN", "--set", `agentId=${sim.credentials.settings["agentId"]}`);
    expect(add.code, add.stderr).toBe(0);
  });
  afterAll(() => sim.close());

  it.each([
    ["--since", "1"],
    ["--since", "Nov 1"],
    ["--since", "yesterday"],
    ["--since", "2026/01/31"],
    ["--since", "31-01-2026"],
    ["--since", "1700000000"],
    ["--since", "7 d"],
    ["--since", "0d"],
    ["--since", "1.5h"],
    ["--since", "2026-01-31T10:00:00"], // a time without a zone: whose 10:00?
    ["--until", "2026-1-31"],
    ["--updated-since", "Fri, 31 Jan 2026 10:00:00 GMT"],
  ])("%s %j is exit 2 naming the flag, no request sent", async (flag, value) => {
    sim.requests.length = 0;
    const r = await cli("list", flag, value);
    expectUsageLine(r, new RegExp(`^ticket: ${flag}\\b`));
    expect(r.stderr).toMatch(/15m, 24h, 7d, 2w|zone/);
    expect(sim.requests).toEqual([]);
  });

  it.each([
    ["2026-02-30", /2026-02-30 is not a date on the calendar/],
    ["2026-02-29", /2026-02-29 is not a date on the calendar/], // 2026 is not a leap year
    ["2026-13-01", /not a date on the calendar/],
    ["2026-04-31", /not a date on the calendar/],
    ["2026-01-00", /not a date on the calendar/],
    ["2026-01-31T24:00:00Z", /not a valid time of day/],
    ["2026-01-31T10:60Z", /not a valid time of day/],
    ["2026-01-31T10:00:00+25:00", /invalid zone offset/],
  ])("--since %s (impossible) is exit 2", async (value, pattern) => {
    sim.requests.length = 0;
    const r = await cli("list", "--since", value);
    expectUsageLine(r, pattern);
    expect(r.stderr).toMatch(/--since/);
    expect(sim.requests).toEqual([]);
  });

  it.each(["1e2", "0x10", "010", "-1", "1.5", "0", "+5", "", "30 ", "٣", "99999999999999999999"])("--limit %j is exit 2, no request sent", async (value) => {
    sim.requests.length = 0;
    const r = await cli("list", "--limit", value);
    expectUsageLine(r, /--limit takes a positive whole number/);
    expect(sim.requests).toEqual([]);
  });

  it("--all with an explicit --limit is exit 2, even --limit 30 (the default); either alone works", async () => {
    sim.requests.length = 0;
    for (const args of [["--all", "--limit", "30"], ["--limit", "5", "--all"], ["--all", "-L", "1"]]) {
      expectUsageLine(await cli("list", ...args), /--all and --limit/);
    }
    expect(sim.requests).toEqual([]);
    const all = await cli("list", "--all", "--json");
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout)).toHaveLength(40);
    const dflt = await cli("list", "--json");
    expect(JSON.parse(dflt.stdout)).toHaveLength(30);
    const five = await cli("list", "--limit", "5", "--json");
    expect(JSON.parse(five.stdout)).toHaveLength(5);
  });

  it("an ISO date-time with an offset means that instant: the ticket created then is in, with Z or +02:00", async () => {
    const all = JSON.parse((await cli("list", "--all", "--json")).stdout) as { id: string; createdAt: string }[];
    const sorted = [...all].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const pivot = sorted[20]!;
    const at = Date.parse(pivot.createdAt);
    const expected = all.filter((t) => Date.parse(t.createdAt) >= Math.floor(at / 1000) * 1000).map((t) => t.id).sort();
    expect(expected).toContain(pivot.id);
    // The same instant written in UTC and at +02:00 (seconds precision, so the pivot is in).
    const utc = new Date(Math.floor(at / 1000) * 1000).toISOString().replace(".000Z", "Z");
    const local = new Date(Math.floor(at / 1000) * 1000 + 2 * 3600_000).toISOString().replace(".000Z", "+02:00");
    for (const since of [utc, local, local.replace("T", " ")]) {
      const r = await cli("list", "--all", "--json", "--since", since);
      expect(r.code, r.stderr).toBe(0);
      const ids = (JSON.parse(r.stdout) as { id: string }[]).map((t) => t.id).sort();
      expect(ids, since).toEqual(expected);
    }
  });

  it("spans and dates that are valid pass: 15m, 24h, 7d, 2w, 2026-01-31, 2028-02-29", async () => {
    for (const since of ["15m", "24h", "7d", "2w", "2026-01-31", "2028-02-29", "2026-01-31T10:00Z", "2026-01-31T10:00:00.5-05:30"]) {
      const r = await cli("list", "--since", since, "--json", "--limit", "1");
      expect(r.code, `${since}: ${r.stderr}`).toBe(0);
    }
  });
});

describe("numbers of other commands are strict too (sandbox --port, --tickets, --latency)", () => {
  it.each([
    ["--port", "0x1F90"],
    ["--port", "8e3"],
    ["--tickets", "1e2"],
    ["--tickets", "010"],
    ["--latency", "-5"],
    ["--latency", "2.5"],
  ])("sandbox %s %j is exit 2 before any server starts", async (flag, value) => {
    const r = await runCli(["sandbox", "--vendor", "comm100", flag, value], { configDir: tempConfigDir() });
    expectUsageLine(r, new RegExp(`${flag} takes a positive whole number`));
    expect(r.stdout).toBe("");
  });
});

describe("the parsers (the rules the flags above share)", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  it("spans count back from now", () => {
    expect(parseWhen("15m", "--since", now)!.toISOString()).toBe("2026-03-01T11:45:00.000Z");
    expect(parseWhen("24h", "--since", now)!.toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(parseWhen("2w", "--since", now)!.toISOString()).toBe("2026-02-15T12:00:00.000Z");
  });
  it("dates are midnight UTC; offsets are applied; fractions kept", () => {
    expect(parseWhen("2026-01-31", "--since", now)!.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(parseWhen("2026-01-31T10:00:00+02:00", "--since", now)!.toISOString()).toBe("2026-01-31T08:00:00.000Z");
    expect(parseWhen("2026-01-31T10:00-0130", "--since", now)!.toISOString()).toBe("2026-01-31T11:30:00.000Z");
    expect(parseWhen("2026-01-31t10:00:00.250z", "--since", now)!.toISOString()).toBe("2026-01-31T10:00:00.250Z");
    expect(parseWhen("0050-03-01", "--since", now)!.getUTCFullYear()).toBe(50); // not 1950
    expect(parseWhen("2000-02-29", "--since", now)).toBeInstanceOf(Date); // a 400-year leap day
    expect(() => parseWhen("1900-02-29", "--since", now)).toThrow(UsageError);
    expect(parseWhen(undefined, "--since", now)).toBeUndefined();
  });
  it("numbers: plain positive decimal integers; --limit defaults to 30", () => {
    expect(parsePositiveInt("8100", "--port")).toBe(8100);
    expect(parsePositiveInt(undefined, "--port")).toBeUndefined();
    for (const bad of ["0", "010", "1e2", "0x10", "0b1", "0o7", "-1", "1.0", " 1", "Infinity", "9007199254740993"]) {
      expect(() => parsePositiveInt(bad, "--port"), bad).toThrow(/--port takes a positive whole number/);
    }
    expect(parseLimit(undefined, false)).toBe(30);
    expect(parseLimit("7", false)).toBe(7);
    expect(parseLimit(undefined, true)).toBeUndefined();
    expect(() => parseLimit("30", true)).toThrow(/--all and --limit/);
  });
});
