/**
 * ticket watch against every vendor's simulator (a close made by another process is one status
 * event, at the poll rate the vendor's documented limit allows), and --exec's runner on its own.
 * The Comm100 scenarios (restarts, outages, pipelines, a terminal) are in ./watch.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecRunner } from "../../src/commands/watch/exec.js";
import type { WatchEvent } from "../../src/commands/watch/event.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";
import { Watch } from "../helpers/watch.js";

describe.each(["3dolphins", "sobot", "zaia", "comm100"] as const)("ticket watch against the %s simulator", (vendor) => {
  let sim: Simulator;
  const dir = tempConfigDir();
  const env: Record<string, string> = {};
  const profile = `sandbox-${vendor}`;
  beforeAll(async () => {
    const d = VENDOR_DESCRIPTORS[vendor];
    sim = await (await d.loadSimulator!()).startSimulator({ tickets: 15 });
    await addSandboxProfile(vendor, sim, { configDir: dir, env });
  });
  afterAll(() => sim?.close());

  it("a close made by another process is one status event", async () => {
    const w = new Watch(["watch", "--ndjson", "--interval", "0.3"], { PATH: process.env["PATH"] ?? "", HOME: dir, CI: "true", TICKET_CONFIG_DIR: dir, TICKET_RETRY_BASE_MS: "5", ...env });
    await w.waitErr(new RegExp(`profile ${profile}: watching`));
    if (VENDOR_DESCRIPTORS[vendor].rateLimit) {
      // A documented limit: polls keep to half of it whatever --interval says (Comm100: 300 calls per 5 min, one poll per 2 s).
      expect(w.err).toMatch(new RegExp(`profile ${profile}: a poll every \\d+(\\.\\d)?s at the fastest \\(half of \\S+'s \\d+ calls per \\d+ (min|s)\\)\n`));
    } else {
      expect(w.err).not.toMatch(/at the fastest/);
    }
    const id = sim.fixtures.ticketId;
    const r = await runCli(["close", id, "-q"], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(0);
    await w.waitEvents(1);
    const polled = sim.requests.length;
    await w.until(() => sim.requests.length >= polled + 4, "more polls");
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({ type: "status", profile, vendor, changes: { status: { to: expect.stringMatching(/resolved|closed/) } } });
    // The id every verb takes (Sobot: the ticket id, whichever form close was given).
    const shown = JSON.parse((await runCli(["show", w.events[0]!.ticket, "--json"], { configDir: dir, env })).stdout) as { id: string; status: string };
    expect(w.events[0]!.changes["status"]!.to).toBe(shown.status);
    expect(await w.stop()).toBe(130);
  });
});

describe("--exec's runner", () => {
  it("runs at most --concurrency commands at once, one at a time per ticket, in event order; a failure is one stderr line", async () => {
    const dir = tempConfigDir();
    const log = join(dir, "exec.log");
    const errs: string[] = [];
    const io = { err: (t: string) => errs.push(t) } as unknown as Parameters<typeof createExecRunner>[2];
    // Each command logs its start and end; ticket "3"'s command fails.
    const cmd = `ev=$(cat); id=$(printf '%s' "$ev" | sed 's/.*"ticket":"\\([^"]*\\)".*/\\1/'); echo "start $id" >> "$LOG"; sleep 0.2; echo "end $id" >> "$LOG"; [ "$id" != 3 ]`;
    const runner = createExecRunner(cmd, 2, io, { PATH: process.env["PATH"] ?? "", LOG: log });
    const ev = (ticket: string, type: WatchEvent["type"]): WatchEvent => ({ type, at: "2026-11-26T00:00:00.000Z", profile: "p", vendor: "comm100", ticket, subject: "s", changes: {} });
    for (const e of [ev("1", "status"), ev("1", "assigned"), ev("2", "status"), ev("1", "priority"), ev("3", "status")]) runner.push(e);
    await runner.idle();
    const lines = readFileSync(log, "utf8").trim().split("\n");
    let running = 0;
    let most = 0;
    for (const l of lines) {
      running += l.startsWith("start") ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    // Ticket 1's three commands never overlap, and run in the order of their events.
    const one = lines.filter((l) => l.endsWith(" 1"));
    expect(one).toEqual(["start 1", "end 1", "start 1", "end 1", "start 1", "end 1"]);
    // Ticket 2 did not wait for ticket 1's second event.
    expect(lines.indexOf("start 2")).toBeLessThan(lines.lastIndexOf("start 1"));
    expect(errs).toEqual(["ticket: --exec failed for the status event of ticket 3 (profile p): exit 1\n"]);
    await runner.close(100);
  });
});
