/**
 * Protected profiles (issue 10 item 10): `profile add --read-only`, a hand-written
 * `"readOnly": true`, and `profile set NAME KEY=VALUE`. A read-only profile refuses every write
 * verb with exit 3 and one line naming the profile before any request (the simulator receives
 * nothing), before stdin is read for a body, and before an editor opens or a prompt asks; reads work.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { VENDORS, type VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { sandboxProfileInput } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

const WRITE_VERBS = ["create", "reply", "assign", "escalate", "merge", "close", "upload"] as const;

interface Setup {
  sim: Simulator;
  dir: string;
  env: Record<string, string>;
  /** `ticket profile add NAME ...` arguments for this simulator (without --read-only). */
  addArgs: (name: string) => string[];
}

async function setUp(vendor: VendorName, tickets = 20): Promise<Setup> {
  const d = VENDOR_DESCRIPTORS[vendor];
  const sim = await (await d.loadSimulator!()).startSimulator({ tickets });
  const dir = tempConfigDir();
  const { argv, env } = sandboxProfileInput(vendor, sim);
  // argv is ["profile", "add", "sandbox-<vendor>", ...]: swap in the name.
  const addArgs = (name: string) => ["profile", "add", name, ...argv.slice(3)];
  return { sim, dir, env, addArgs };
}

const config = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));

function writeArgs(verb: (typeof WRITE_VERBS)[number], s: Setup): string[] {
  const id = s.sim.fixtures.ticketId;
  // Outside the config folder (whose files the CLI keeps owner-only, with a warning).
  const file = join(mkdtempSync(join(tmpdir(), "ticket-upload-")), "note.txt");
  writeFileSync(file, "attached\n");
  switch (verb) {
    case "create":
      return ["create", "--subject", "Printer on fire", "--body", "Help"];
    case "reply":
      return ["reply", id, "--body", "should never arrive"];
    case "assign":
      return ["assign", id, "--to", s.sim.fixtures.assigneeId];
    case "escalate":
      return ["escalate", id];
    case "merge":
      return ["merge", id, ...(s.sim.fixtures.mergeSourceIds ?? [s.sim.fixtures.missingTicketId])];
    case "close":
      return ["close", id];
    case "upload":
      return ["upload", id, file];
  }
}

function expectRefusal(r: { code: number | null; stdout: string; stderr: string }, profile: string, verb: string) {
  expect(r.code, r.stderr).toBe(3);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines).toEqual([`ticket: profile "${profile}" is read-only: ${verb} refused, nothing was sent (to allow writes: ticket profile set ${profile} readOnly=false)`]);
}

describe.each(VENDORS.filter((v) => VENDOR_DESCRIPTORS[v].available))("a read-only %s profile", (vendor) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(vendor);
    const ro = await runCli([...s.addArgs("ro"), "--read-only"], { configDir: s.dir, env: s.env });
    expect(ro.code, ro.stderr).toBe(0);
    expect(ro.stderr).toMatch(/read-only/);
  });
  afterAll(() => s.sim.close());

  it("refuses every write verb with exit 3 and one line naming the profile; the simulator receives nothing", async () => {
    s.sim.requests.length = 0;
    const cli = (...args: string[]) => runCli(["-p", "ro", ...args], { configDir: s.dir, env: s.env });
    const results = await Promise.all(WRITE_VERBS.map((verb) => cli(...writeArgs(verb, s))));
    results.forEach((r, i) => expectRefusal(r, "ro", WRITE_VERBS[i]!));
    // --dry-run and --json change nothing about it.
    expectRefusal(await cli("--dry-run", "close", s.sim.fixtures.ticketId), "ro", "close");
    const json = await cli("--json", "assign", s.sim.fixtures.ticketId, "--to", s.sim.fixtures.assigneeId);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: "config", exitCode: 3, message: expect.stringContaining('profile "ro" is read-only') });
    expect(s.sim.requests).toEqual([]);
  });

  it("reads work", async () => {
    s.sim.requests.length = 0;
    const list = await runCli(["-p", "ro", "list", "--json", "--limit", "3"], { configDir: s.dir, env: s.env });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(3);
    const show = await runCli(["-p", "ro", "show", s.sim.fixtures.ticketId, "--json"], { configDir: s.dir, env: s.env });
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout).id).toBe(s.sim.fixtures.ticketId);
    expect(s.sim.requests.length).toBeGreaterThan(0);
  });
});

describe("read-only through a shell pipeline", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp("comm100");
    expect((await runCli([...s.addArgs("ro"), "--read-only"], { configDir: s.dir, env: s.env })).code).toBe(0);
  });
  afterAll(() => s.sim.close());

  it("`echo TEXT | ticket reply ID --body-file -` is refused before anything is sent, and no draft is written", async () => {
    s.sim.requests.length = 0;
    const script = `printf 'piped reply\\n' | "${process.execPath}" "${BIN}" -p ro reply ${s.sim.fixtures.ticketId} --body-file -; echo "exit=$?" >&2`;
    const r = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn("sh", ["-c", script], { env: { PATH: process.env["PATH"] ?? "", HOME: s.dir, CI: "true", TICKET_CONFIG_DIR: s.dir, ...s.env } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("error", reject);
      child.on("close", () => resolve({ stdout, stderr }));
    });
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^ticket: profile "ro" is read-only: reply refused, nothing was sent .*\nexit=3\n$/);
    expect(s.sim.requests).toEqual([]);
    expect(existsSync(join(s.dir, "state", "drafts"))).toBe(false);
  });
});

describe("read-only in the config file, and profile set", () => {
  let s: Setup;
  const cli = (...args: string[]) => runCli(args, { configDir: s.dir, env: s.env });
  beforeAll(async () => {
    s = await setUp("comm100");
    expect((await cli(...s.addArgs("main"))).code).toBe(0);
  });
  afterAll(() => s.sim.close());

  it("profile add --read-only stores readOnly: true; show and list say so", async () => {
    expect((await cli(...s.addArgs("prod"), "--read-only")).code).toBe(0);
    expect(config(s.dir).profiles.prod.readOnly).toBe(true);
    expect(config(s.dir).profiles.main.readOnly).toBeUndefined();
    const show = await cli("profile", "show", "prod");
    expect(show.stdout).toMatch(/read-only yes/);
    expect((await cli("profile", "show", "main")).stdout).toMatch(/read-only no/);
    expect(JSON.parse((await cli("profile", "show", "prod", "--json")).stdout).readOnly).toBe(true);
    const list = JSON.parse((await cli("profile", "list", "--json")).stdout) as { name: string; readOnly: boolean }[];
    expect(Object.fromEntries(list.map((p) => [p.name, p.readOnly]))).toMatchObject({ main: false, prod: true });
    const plain = await cli("profile", "list", "--fields", "name,readOnly");
    expect(plain.stdout).toMatch(/prod\ttrue/);
  });

  it('a hand-written "readOnly": true is kept, enforced, and survives other changes to the file', async () => {
    const file = join(s.dir, "config.json");
    const data = config(s.dir);
    data.profiles.hand = { ...data.profiles.main, readOnly: true };
    writeFileSync(file, JSON.stringify(data, null, 2), { mode: 0o600 });
    // Another profile is added: the file is rewritten.
    expect((await cli(...s.addArgs("other"))).code).toBe(0);
    expect(config(s.dir).profiles.hand.readOnly).toBe(true);
    s.sim.requests.length = 0;
    expectRefusal(await cli("-p", "hand", "close", s.sim.fixtures.ticketId), "hand", "close");
    expect(s.sim.requests).toEqual([]);
    expect((await cli("profile", "remove", "hand")).code).toBe(0);
  });

  it("a misspelt or mistyped readOnly in the file is exit 3 naming it, never silently dropped", async () => {
    const dir = tempConfigDir();
    const base = { vendor: "comm100", baseUrl: s.sim.baseUrl, secrets: { token: { env: "T" } } };
    writeFileSync(join(dir, "config.json"), JSON.stringify({ profiles: { p: { ...base, readonly: true } } }));
    const typo = await runCli(["-p", "p", "close", "1"], { configDir: dir, env: { T: "x" } });
    expect(typo.code).toBe(3);
    expect(typo.stderr.trim().split("\n")).toEqual([expect.stringMatching(/config file .*config\.json is invalid at profiles\.p: .*readonly/)]);
    writeFileSync(join(dir, "config.json"), JSON.stringify({ profiles: { p: { ...base, readOnly: "yes" } } }));
    const wrongType = await runCli(["-p", "p", "list"], { configDir: dir, env: { T: "x" } });
    expect(wrongType.code).toBe(3);
    expect(wrongType.stderr).toMatch(/invalid at profiles\.p\.readOnly/);
  });

  it("profile set readOnly=true|false protects and unprotects; writes go through again", async () => {
    const r = await cli("profile", "set", "main", "readOnly=true");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✓ Profile main: read-only on/);
    expect(config(s.dir).profiles.main.readOnly).toBe(true);
    s.sim.requests.length = 0;
    expectRefusal(await cli("-p", "main", "close", s.sim.fixtures.ticketId), "main", "close");
    expect(s.sim.requests).toEqual([]);

    expect((await cli("profile", "set", "main", "readOnly=false")).code).toBe(0);
    expect("readOnly" in config(s.dir).profiles.main).toBe(false);
    const close = await cli("-p", "main", "close", s.sim.fixtures.ticketId);
    expect(close.code, close.stderr).toBe(0);
    expect(s.sim.requests.some((q) => q.method !== "GET")).toBe(true);
  });

  it("profile set changes the base URL and settings (plain or setting.NAME), unsets with an empty value, prints JSON with --json", async () => {
    const r = await cli("profile", "set", "other", "agentId=agent-7", "setting.channelId=Email", "baseUrl=https://api16.comm100.io/v4/", "--json");
    expect(r.code, r.stderr).toBe(0);
    const p = config(s.dir).profiles.other;
    expect(p.baseUrl).toBe("https://api16.comm100.io/v4");
    expect(p.settings).toMatchObject({ agentId: "agent-7", channelId: "Email" });
    expect(p.secrets).toEqual(config(s.dir).profiles.main.secrets); // untouched
    expect(JSON.parse(r.stdout)).toMatchObject({ name: "other", baseUrl: "https://api16.comm100.io/v4", settings: { agentId: "agent-7" }, readOnly: false });
    expect((await cli("profile", "set", "other", "agentId=")).code).toBe(0);
    expect(config(s.dir).profiles.other.settings.agentId).toBeUndefined();
    expect(config(s.dir).profiles.other.settings.channelId).toBe("Email");
  });

  it("bad keys and values are exit 2 with one line, and nothing changes; an unknown profile is exit 3", async () => {
    const file = join(s.dir, "config.json");
    const before = readFileSync(file, "utf8");
    const cases: [string[], RegExp][] = [
      [["readOnly=true", "colour=blue"], /unknown key "colour"; profile set takes readOnly=true\|false, baseUrl=URL, or a Comm100 setting \(agentId, /],
      [["setting.nope=1"], /Comm100 has no setting "nope"/],
      [["readOnly=yes"], /readOnly takes true or false, not "yes"/],
      [["baseUrl=ftp://example.com"], /baseUrl must be an http\(s\) URL/],
      [["baseUrl=https://user:pw@example.com"], /baseUrl must not contain credentials/],
      [["vendor=sobot"], /unknown key "vendor"/],
      [["readOnly"], /profile set takes KEY=VALUE, not "readOnly"/],
      [["agentId=a", "setting.agentId=b"], /setting\.agentId is given twice/],
    ];
    for (const [items, message] of cases) {
      const r = await cli("profile", "set", "other", ...items);
      expect(r.code, items.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), items.join(" ")).toEqual([expect.stringMatching(message)]);
    }
    expect(readFileSync(file, "utf8")).toBe(before);
    const missing = await cli("profile", "set", "ghost", "readOnly=true");
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no profile named "ghost"/);
    const none = await cli("profile", "set", "other");
    expect(none.code).toBe(2);
  });

  it("parallel profile set runs (under the config lock) keep every change", async () => {
    const settings = ["agentId", "email", "clientId", "tokenUrl", "siteId", "channelId", "escalateDepartmentId"];
    const results = await Promise.all(settings.map((k, i) => cli("profile", "set", "other", `${k}=${k === "tokenUrl" ? "https://dash.example/oauth/token" : `v${i}`}`)));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(config(s.dir).profiles.other.settings).sort()).toEqual([...settings].sort());
  });
});

describe.skipIf(!hasTmux)("read-only on a terminal (tmux)", () => {
  let s: Setup;
  let tty: TtySession | undefined;
  beforeAll(async () => {
    s = await setUp("comm100");
    expect((await runCli([...s.addArgs("ro"), "--read-only"], { configDir: s.dir, env: s.env })).code).toBe(0);
  });
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });
  afterAll(() => s.sim.close());

  it("reply without --body is refused before the editor opens; create before the Subject prompt", async () => {
    const marker = join(s.dir, "editor-ran");
    const editor = join(s.dir, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\ntouch '${marker}'\necho text > "$1"\n`, { mode: 0o755 });
    s.sim.requests.length = 0;
    tty = new TtySession();
    tty.start([process.execPath, BIN, "-p", "ro", "reply", s.sim.fixtures.ticketId], { TICKET_CONFIG_DIR: s.dir, EDITOR: editor, VISUAL: editor, ...s.env });
    const screen = await tty.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=3/);
    expect(screen).toMatch(/profile "ro" is read-only: reply refused/);
    expect(existsSync(marker)).toBe(false);
    tty.close();

    tty = new TtySession();
    tty.start([process.execPath, BIN, "-p", "ro", "create"], { TICKET_CONFIG_DIR: s.dir, ...s.env });
    const created = await tty.waitFor(/EXIT=\d+/);
    expect(created).toMatch(/EXIT=3/);
    expect(created).not.toMatch(/Subject/);
    expect(s.sim.requests).toEqual([]);
  });
});
