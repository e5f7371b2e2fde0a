/**
 * `ticket drafts` (issue 11 item 9), driven through the built binary against a Comm100 simulator:
 * a reply the vendor refuses (a fault proxy answers every write with 422) is kept as a draft that
 * remembers its profile, ticket and verb; `drafts` lists it (plain when piped, --json), `show`
 * prints it, and `send` delivers it once the profile points at a working server (asserted on what
 * the simulator received), removing it only then. Old plain .txt drafts still list and send.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "../../src/sandbox/shared/fault-proxy.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { RecordedRequest, Simulator } from "../../src/sandbox/types.js";
import { createFlags, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

const PROFILE = "sandbox-comm100";
const mode = (path: string) => statSync(path).mode & 0o777;
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |unexpected error/);
const writes = (sim: Simulator): RecordedRequest[] => sim.requests.filter((r) => r.method !== "GET" && !/token|oauth/i.test(r.path));
const bodyText = (r: RecordedRequest) => JSON.stringify(r.body ?? r.rawBody);

interface DraftJson {
  id: number;
  profile: string | null;
  verb: string;
  internal: boolean;
  ticket: string | null;
  createdAt: string;
  firstLine: string;
  subject: string | null;
  path: string;
  text: string;
}

describe("ticket drafts (Comm100 simulator)", { timeout: 90_000 }, () => {
  let sim: Simulator;
  let proxy: FaultProxy;
  let env: Record<string, string>;
  let ticketIds: string[];

  beforeAll(async () => {
    sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 5 });
    // Every write refused by "the vendor" (never forwarded): a reply that surely did not land.
    proxy = await startFaultProxy({ upstream: sim.baseUrl, spec: "status=422:writes", vendor: "comm100" });
    const dir = tempConfigDir();
    ({ env } = await addSandboxProfile("comm100", sim, { configDir: dir }));
    const list = await runCli(["-p", PROFILE, "list", "--limit", "3", "--fields", "id", "--json"], { configDir: dir, env });
    expect(list.code, list.stderr).toBe(0);
    ticketIds = (JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id);
  });
  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
  });

  /** A config folder with the profile, pointed at the refusing proxy or at the simulator itself. */
  async function configWith(target: "refusing" | "working"): Promise<string> {
    const dir = tempConfigDir();
    const base = target === "refusing" ? proxy.wrap(sim.baseUrl) : sim.baseUrl;
    await addSandboxProfile("comm100", sim, { configDir: dir, env, baseUrl: base });
    return dir;
  }
  const point = async (dir: string, target: "refusing" | "working") => {
    const r = await runCli(["profile", "set", PROFILE, `baseUrl=${target === "refusing" ? proxy.wrap(sim.baseUrl) : sim.baseUrl}`], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(0);
  };
  const listJson = async (dir: string): Promise<DraftJson[]> => {
    const r = await runCli(["drafts", "--json"], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as DraftJson[];
  };

  it("a refused reply becomes a draft (0600 in a 0700 folder) that lists, shows, and sends to the remembered profile and ticket", async () => {
    const dir = await configWith("refusing");
    const id = ticketIds[0]!;
    const text = `Thanks for waiting: the refund is on its way.\nSecond line ${Date.now()}`;
    const failed = await runCli(["-p", PROFILE, "reply", id, "--body", text], { configDir: dir, env });
    noStack(failed.stderr);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/saved in .*draft-1\.txt/);

    const drafts = join(dir, "state", "drafts");
    expect(mode(drafts)).toBe(0o700);
    expect(readdirSync(drafts).sort()).toEqual(["draft-1.json", "draft-1.txt"]);
    for (const f of readdirSync(drafts)) expect(mode(join(drafts, f))).toBe(0o600);

    // Piped: one plain line per draft, tab-separated, no header.
    const plain = await runCli(["drafts"], { configDir: dir, env });
    expect(plain.code, plain.stderr).toBe(0);
    const lines = plain.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    const cells = lines[0]!.split("\t");
    expect(cells.slice(0, 4)).toEqual(["1", PROFILE, "reply", id]);
    expect(cells[4]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(cells[5]).toBe("Thanks for waiting: the refund is on its way.");

    const [json] = await listJson(dir);
    expect(json).toMatchObject({ id: 1, profile: PROFILE, verb: "reply", internal: false, ticket: id, text });

    const show = await runCli(["drafts", "show", "1"], { configDir: dir, env });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toBe(`${text}\n`);

    // Still refused: the draft stays, and no second copy is made.
    const again = await runCli(["drafts", "send", "1"], { configDir: dir, env });
    noStack(again.stderr);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`draft 1 is kept`);
    expect(again.stderr).toContain(`ticket -p ${PROFILE} drafts send 1`);
    expect(readdirSync(drafts).sort()).toEqual(["draft-1.json", "draft-1.txt"]);

    // -p naming another profile is refused: a draft goes where it was written.
    const other = await runCli(["-p", "elsewhere", "drafts", "send", "1"], { configDir: dir, env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`is for profile "${PROFILE}"`);

    await point(dir, "working");
    const before = writes(sim).length;
    const sent = await runCli(["drafts", "send", "1"], { configDir: dir, env });
    noStack(sent.stderr);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toContain(`✓ Replied to ticket ${id}`);
    expect(sent.stderr).toContain("✓ Removed draft 1 (sent)");
    const received = writes(sim).slice(before);
    expect(received).toHaveLength(1);
    expect(bodyText(received[0]!)).toContain("the refund is on its way");
    expect(bodyText(received[0]!)).not.toContain('"isInternal":true');
    expect(await listJson(dir)).toEqual([]);
    expect(readdirSync(drafts)).toEqual([]);

    const gone = await runCli(["drafts", "send", "1"], { configDir: dir, env });
    expect(gone.code).toBe(5);
    expect(gone.stderr).toMatch(/no draft "1"/);
  });

  it("rm removes a draft; an unknown id is exit 5; show and rm take the file's path too", async () => {
    const dir = await configWith("refusing");
    for (const body of ["first draft", "second draft"]) {
      const r = await runCli(["-p", PROFILE, "reply", ticketIds[1]!, "--body", body], { configDir: dir, env });
      expect(r.code).not.toBe(0);
    }
    const both = await listJson(dir);
    expect(both.map((d) => d.id).sort()).toEqual([1, 2]);
    const second = both.find((d) => d.id === 2)!;
    const shown = await runCli(["drafts", "show", second.path], { configDir: dir, env });
    expect(shown.stdout).toBe("second draft\n");

    const missing = await runCli(["drafts", "rm", "9"], { configDir: dir, env });
    expect(missing.code).toBe(5);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("drafts: 1, 2");

    const rm = await runCli(["drafts", "rm", "1"], { configDir: dir, env });
    expect(rm.code, rm.stderr).toBe(0);
    expect((await listJson(dir)).map((d) => d.id)).toEqual([2]);
    expect(existsSync(join(dir, "state", "drafts", "draft-1.txt"))).toBe(false);
    expect(existsSync(join(dir, "state", "drafts", "draft-1.json"))).toBe(false);

    // A new draft takes the id after the highest one.
    await runCli(["-p", PROFILE, "reply", ticketIds[1]!, "--body", "third draft"], { configDir: dir, env });
    expect((await listJson(dir)).map((d) => d.id).sort()).toEqual([2, 3]);
  });

  it("a refused internal note and a refused new ticket remember their verb and flags; send delivers them as such", async () => {
    const dir = await configWith("refusing");
    const id = ticketIds[1]!;
    const note = `Internal: customer is a VIP ${Date.now()}`;
    expect((await runCli(["-p", PROFILE, "reply", id, "--internal", "--body", note], { configDir: dir, env })).code).not.toBe(0);
    const c = sim.fixtures.create!;
    const subject = `Kept while the vendor refused ${Date.now()}`;
    const created = await runCli(["-p", PROFILE, "create", ...createFlags(c, subject, "First message of a kept ticket")], { configDir: dir, env });
    expect(created.code).not.toBe(0);

    const drafts = await listJson(dir);
    expect(drafts.find((d) => d.verb === "reply")).toMatchObject({ profile: PROFILE, ticket: id, internal: true, text: note });
    const kept = drafts.find((d) => d.verb === "create")!;
    expect(kept).toMatchObject({ profile: PROFILE, ticket: null, subject, text: "First message of a kept ticket" });

    await point(dir, "working");
    const before = writes(sim).length;
    const sentNote = await runCli(["drafts", "send", String(drafts.find((d) => d.verb === "reply")!.id)], { configDir: dir, env });
    expect(sentNote.code, sentNote.stderr).toBe(0);
    expect(sentNote.stderr).toContain(`✓ Added an internal note to ticket ${id}`);
    const noteWrites = writes(sim).slice(before);
    expect(noteWrites).toHaveLength(1);
    expect(noteWrites[0]!.path).toMatch(/notes$/);

    const sentTicket = await runCli(["drafts", "send", String(kept.id)], { configDir: dir, env });
    expect(sentTicket.code, sentTicket.stderr).toBe(0);
    expect(sentTicket.stderr).toContain("✓ Created ticket");
    const createWrites = writes(sim).slice(before + 1).map(bodyText).join("\n");
    expect(createWrites).toContain(subject);
    expect(createWrites).toContain("First message of a kept ticket");
    if (c.requester) expect(createWrites).toContain(c.requester);
    expect(await listJson(dir)).toEqual([]);
  });

  it("an old plain .txt draft (PROFILE-TICKET-STAMP-PID.txt) lists with its profile and ticket, and sends as a reply with --public (never a guess)", async () => {
    const dir = await configWith("working");
    const id = ticketIds[2]!;
    const drafts = join(dir, "state", "drafts");
    mkdirSync(drafts, { recursive: true, mode: 0o700 });
    const old = join(drafts, `${PROFILE}-${id}-2026-01-31T10-00-00-000Z-4242.txt`);
    writeFileSync(old, `An old draft ${Date.now()}`, { mode: 0o600 });

    const [d] = await listJson(dir);
    expect(d).toMatchObject({ id: 1, profile: PROFILE, verb: "reply", ticket: id, createdAt: "2026-01-31T10:00:00.000Z", path: old });
    // Listing twice does not adopt it twice.
    expect(await listJson(dir)).toHaveLength(1);

    // An old draft does not say whether it was an internal note: without a terminal, no guess.
    const before = writes(sim).length;
    const refused = await runCli(["drafts", "send", "1"], { configDir: dir, env });
    noStack(refused.stderr);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/--internal or --public/);
    expect(writes(sim).length).toBe(before);
    const sent = await runCli(["drafts", "send", "1", "--public"], { configDir: dir, env });
    noStack(sent.stderr);
    expect(sent.code, sent.stderr).toBe(0);
    const received = writes(sim).slice(before);
    expect(received).toHaveLength(1);
    expect(bodyText(received[0]!)).toContain("An old draft");
    expect(existsSync(old)).toBe(false);
    expect(await listJson(dir)).toEqual([]);
  });

  it("with no drafts: an empty JSON array, nothing on a pipe", async () => {
    const dir = tempConfigDir();
    expect(await listJson(dir)).toEqual([]);
    const plain = await runCli(["drafts"], { configDir: dir, env });
    expect(plain).toMatchObject({ code: 0, stdout: "" });
  });
});
