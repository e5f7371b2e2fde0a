/**
 * For every vendor: a profile added exactly as `ticket sandbox` prints it (same argv builder)
 * works with every verb the vendor supports, through the spawned binary; each write changes
 * what a following `show` prints; each unsupported verb exits 6 with its reason.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VENDORS } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { createFlags, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

describe.each(VENDORS.filter((v) => VENDOR_DESCRIPTORS[v].available))("%s through the CLI", (vendor) => {
  const d = VENDOR_DESCRIPTORS[vendor];
  const caps = d.capabilities!;
  let sim: Simulator;
  let dir: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(["-p", `sandbox-${vendor}`, ...args], { configDir: dir, env });
  const show = async (id: string) => JSON.parse((await cli("show", id, "--json")).stdout);

  beforeAll(async () => {
    sim = await (await d.loadSimulator!()).startSimulator({ tickets: 60 });
    dir = tempConfigDir();
    ({ env } = await addSandboxProfile(vendor, sim, { configDir: dir }));
  });
  afterAll(() => sim.close());

  it("list and show", async () => {
    const list = await cli("list", "--all", "--json");
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(sim.fixtures.listAllCount);
    const t = await show(sim.fixtures.ticketId);
    expect(t.id).toBe(sim.fixtures.ticketId);
    expect(t.vendor).toBe(vendor);
    const table = await cli("show", sim.fixtures.ticketId);
    expect(table.code).toBe(0);
  });

  it.runIf(caps.create.supported)("create", async () => {
    const c = sim.fixtures.create!;
    const args = ["create", "--json", ...createFlags(c)];
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout);
    expect((await show(created.id)).id).toBe(created.id);
  });

  it.runIf(caps.reply.supported)("reply", async () => {
    const body = `CLI reply for ${vendor}`;
    const r = await cli("reply", sim.fixtures.ticketId, "--body", body);
    expect(r.code, r.stderr).toBe(0);
    expect((await show(sim.fixtures.ticketId)).messages.some((m: { body: string }) => m.body === body)).toBe(true);
  });

  it.runIf(caps.assign.supported)("assign", async () => {
    const r = await cli("assign", sim.fixtures.ticketId, "--to", sim.fixtures.assigneeId);
    expect(r.code, r.stderr).toBe(0);
    expect((await show(sim.fixtures.ticketId)).assignee.id).toBe(sim.fixtures.assigneeId);
  });

  it.runIf(caps.escalate.supported)("escalate", async () => {
    const before = await show(sim.fixtures.ticketId);
    const refusesReason = d.capabilities!.escalate.refusedFlags?.includes("--reason");
    const r = await cli("escalate", sim.fixtures.ticketId, ...(refusesReason ? [] : ["--reason", "CLI escalation"]), "--json");
    expect(r.code, r.stderr).toBe(0);
    const after = await show(sim.fixtures.ticketId);
    // Each vendor escalates differently; something a user can see must change.
    expect(JSON.stringify({ ...after, updatedAt: null })).not.toBe(JSON.stringify({ ...before, updatedAt: null }));
  });

  it.runIf(caps.upload.supported)("upload", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ticket-up-")), "notes.txt");
    writeFileSync(file, "hello from the CLI");
    const r = await cli("upload", sim.fixtures.ticketId, file, "--message", "file attached", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)[0].name).toBe("notes.txt");
    const t = await show(sim.fixtures.ticketId);
    expect(JSON.stringify(t.messages) + JSON.stringify(t.attachments)).toContain("notes.txt");
  });

  it.runIf(caps.merge.supported)("merge", async () => {
    const r = await cli("merge", "--yes", sim.fixtures.ticketId, ...sim.fixtures.mergeSourceIds!);
    expect(r.code, r.stderr).toBe(0);
  });

  it.runIf(caps.close.supported)("close", async () => {
    const r = await cli("close", sim.fixtures.ticketId, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(["resolved", "closed"]).toContain((await show(sim.fixtures.ticketId)).status);
  });

  it("unsupported verbs exit 6 with the vendor's reason and send nothing", async () => {
    const attempts: Record<string, string[]> = {
      create: ["create", "--subject", "x"],
      reply: ["reply", sim.fixtures.ticketId, "--body", "x"],
      merge: ["merge", sim.fixtures.ticketId, sim.fixtures.missingTicketId],
      upload: ["upload", sim.fixtures.ticketId, "package.json"],
    };
    for (const [op, args] of Object.entries(attempts)) {
      if (caps[op as keyof typeof caps].supported) continue;
      sim.requests.length = 0;
      const r = await cli(...args);
      expect(r.code, op).toBe(6);
      expect(r.stderr).toContain(caps[op as keyof typeof caps].how);
      expect(sim.requests.filter((q) => q.method !== "GET" && !/get_token|graph\/auth/.test(q.path))).toEqual([]);
    }
  });
});
