/**
 * Fan-out (issue 10 item 9): `ticket -p a,b list` and `list --all-profiles` against two simulators
 * of different vendors (Comm100, Zaia) and one dead profile (a base URL where nothing listens):
 * the live profiles' rows, each tagged with its profile, merged in one order; the dead one named
 * on stderr; exit 1. Also the plain/CSV profile column, --limit on the merged list, every profile
 * failing, and checkpoints keeping one mark per profile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile, deadPort } from "../helpers/sandbox-profile.js";

interface Row {
  id: string;
  profile: string;
  vendor: string;
  createdAt: string | null;
  updatedAt: string | null;
}

const lines = (s: string) => s.split("\n").filter(Boolean);
const activity = (t: Row) => Date.parse(t.updatedAt ?? t.createdAt ?? "");

describe("list across profiles", () => {
  const sims: Partial<Record<VendorName, Simulator>> = {};
  const dir = tempConfigDir();
  const env: Record<string, string> = { DEAD_TOKEN: "not-used-anywhere" };
  const C = "sandbox-comm100";
  const Z = "sandbox-zaia";
  const DEAD = "dead";
  const cli = (...args: string[]) => runCli(args, { configDir: dir, env });
  const json = async (...args: string[]) => {
    const r = await cli(...args);
    return { ...r, rows: r.stdout ? (JSON.parse(r.stdout) as Row[]) : [] };
  };

  beforeAll(async () => {
    for (const vendor of ["comm100", "zaia"] as const) {
      const d = VENDOR_DESCRIPTORS[vendor];
      const sim = await (await d.loadSimulator!()).startSimulator({ tickets: 15 });
      sims[vendor] = sim;
      await addSandboxProfile(vendor, sim, { configDir: dir, env });
    }
    const dead = await cli("profile", "add", DEAD, "--vendor", "comm100", "--base-url", `http://127.0.0.1:${await deadPort()}/v4`, "--token-env", "DEAD_TOKEN");
    expect(dead.code, dead.stderr).toBe(0);
  });
  afterAll(async () => {
    for (const sim of Object.values(sims)) await sim.close();
  });

  const total = () => sims.comm100!.fixtures.listAllCount + sims.zaia!.fixtures.listAllCount;

  it("-p a,b,dead: both live profiles' rows, tagged and merged newest activity first; the dead one on stderr; exit 1", async () => {
    const r = await json("-p", `${C},${Z},${DEAD}`, "list", "--all", "--json", "--sort", "updated");
    expect(r.code).toBe(1);
    expect(r.rows).toHaveLength(total());
    expect(new Set(r.rows.map((t) => t.profile))).toEqual(new Set([C, Z]));
    for (const t of r.rows) expect(t.vendor).toBe(t.profile === C ? "comm100" : "zaia");
    for (let i = 1; i < r.rows.length; i++) expect(activity(r.rows[i - 1]!)).toBeGreaterThanOrEqual(activity(r.rows[i]!));
    // Interleaved, not one profile after the other.
    const switches = r.rows.filter((t, i) => i > 0 && t.profile !== r.rows[i - 1]!.profile).length;
    expect(switches).toBeGreaterThan(1);
    const errors = lines(r.stderr).map((l) => JSON.parse(l) as { error: { code: string; exitCode: number; profile?: string; message: string } });
    expect(errors).toHaveLength(2);
    expect(errors[0]!.error).toMatchObject({ code: "network", exitCode: 7, profile: DEAD });
    expect(errors[1]!.error).toMatchObject({ code: "failed", exitCode: 1 });
    expect(errors[1]!.error.message).toContain(DEAD);
    expect(r.stderr).not.toContain("not-used-anywhere");
  });

  it("plain output: the profile is the first column; the failure is one line naming the profile", async () => {
    const r = await cli("-p", `${Z},${DEAD},${C}`, "list", "--limit", "6");
    expect(r.code).toBe(1);
    const rows = lines(r.stdout).map((l) => l.split("\t"));
    expect(rows).toHaveLength(6);
    for (const row of rows) expect([C, Z]).toContain(row[0]);
    const err = lines(r.stderr);
    expect(err[0]).toMatch(new RegExp(`^ticket: profile ${DEAD}: `));
    expect(err[1]).toMatch(/^ticket: 1 of 3 profiles failed \(dead\)/);
    expect(err).toHaveLength(2);
  });

  it("--limit applies to the merged list; --all-profiles is every profile", async () => {
    const all = await json("-p", `${C},${Z}`, "list", "--all", "--json", "--sort", "updated", "--fields", "profile,id,updatedAt,createdAt");
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).toBe("");
    const five = await json("-p", `${C},${Z}`, "list", "--limit", "5", "--json", "--fields", "profile,id,updatedAt,createdAt");
    expect(five.rows).toEqual(all.rows.slice(0, 5));
    const every = await json("list", "--all-profiles", "--all", "--json", "--sort", "updated", "--fields", "profile,id,updatedAt,createdAt");
    expect(every.code).toBe(1);
    expect(every.rows).toEqual(all.rows);
    expect(every.stderr).toContain(`"profile":"${DEAD}"`);
  });

  it("CSV and NDJSON carry the profile key", async () => {
    const csv = await cli("-p", `${C},${Z}`, "list", "--limit", "3", "--csv", "--fields", "profile,id");
    expect(lines(csv.stdout)[0]).toBe("profile,id\r");
    expect(lines(csv.stdout).slice(1).every((l) => l.startsWith(`${C},`) || l.startsWith(`${Z},`))).toBe(true);
    const nd = await cli("-p", `${C},${Z}`, "list", "--limit", "3", "--ndjson");
    for (const l of lines(nd.stdout)) expect([C, Z]).toContain((JSON.parse(l) as Row).profile);
  });

  it("every profile failing: nothing on stdout, each named, exit by their shared class", async () => {
    const r = await cli("-p", `${DEAD},nosuch`, "list");
    expect(r.stdout).toBe("");
    expect(r.code).toBe(1); // network and config differ: exit 1
    expect(r.stderr).toMatch(/^ticket: profile dead: /m);
    expect(r.stderr).toMatch(/^ticket: profile nosuch: no profile named "nosuch"/m);
    expect(r.stderr).toMatch(/^ticket: every profile failed \(dead, nosuch\)$/m);
    const same = await cli("-p", `nosuch,other`, "list");
    expect(same.code).toBe(3);
  });

  it("checkpoints keep one mark per profile; a failed profile's mark is not made", async () => {
    const cron = () => cli("-p", `${C},${Z},${DEAD}`, "list", "--since", "@last", "--checkpoint", "fan", "--all", "--ndjson");
    const first = await cron();
    expect(first.code).toBe(1);
    expect(lines(first.stdout)).toHaveLength(total());
    const marks = JSON.parse((await cli("checkpoint", "list", "--json")).stdout) as { name: string; profile: string }[];
    expect(marks.filter((m) => m.name === "fan").map((m) => m.profile)).toEqual([C, Z]);
    const second = await cron();
    expect(second.stdout).toBe("");
    const id = sims.zaia!.fixtures.ticketId;
    const close = await cli("-p", Z, "close", id, "-q");
    expect(close.code, close.stderr).toBe(0);
    const third = await cli("-p", `${C},${Z}`, "list", "--since", "@last", "--checkpoint", "fan", "--all", "--ndjson");
    expect(third.code, third.stderr).toBe(0);
    expect(lines(third.stdout).map((l) => JSON.parse(l) as Row).map((t) => [t.profile, t.id])).toEqual([[Z, id]]);
  });

  it("--all-profiles with -p is a usage error", async () => {
    const r = await cli("-p", C, "list", "--all-profiles");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ticket: --all-profiles and -p/--profile contradict each other: use one\n");
  });
});
