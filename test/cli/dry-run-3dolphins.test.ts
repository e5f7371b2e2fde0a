/**
 * `--dry-run` on 3Dolphins, through the built binary against the simulator: every step of every
 * write verb the vendor supports (reply, assign, escalate, close, upload; see `ticket vendors`) is
 * planned with the provider's dry answers (src/providers/3dolphins/dry-answers.ts), the auth header
 * masked, no secret printed, no draft kept, and nothing but reads reaching the vendor.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir, type CliResult } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

const G = "/dolphin/apiv1/graph";

interface Planned {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

let sim: Simulator;
let dir: string;
let env: Record<string, string>;
let secrets: string[];
let id: string;
let ids: string[];
const files = mkdtempSync(join(tmpdir(), "t3d-dry-files-"));
const A = join(files, "a.txt");
const B = join(files, "b.png");

beforeAll(async () => {
  sim = await startSimulator({ tickets: 30 });
  dir = tempConfigDir();
  secrets = Object.values(sim.credentials.secrets);
  ({ env } = await addSandboxProfile("3dolphins", sim, { configDir: dir }));
  id = sim.fixtures.ticketId;
  ids = (sim.exportState() as { tickets: { ticketNumber: string }[] }).tickets.map((t) => String(t.ticketNumber)).filter((n) => n !== id).slice(0, 3);
  writeFileSync(A, "hello");
  writeFileSync(B, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]));
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.requests.length = 0;
});

const cli = (...args: string[]) => runCli(["-p", "sandbox-3dolphins", "--dry-run", ...args], { configDir: dir, env });

/** What holds for every dry run: nothing written at the vendor, no secret shown, no draft kept. */
function nothingSent(r: CliResult): void {
  for (const s of secrets) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
  const writes = sim.requests.filter((q) => q.method !== "GET" && q.path !== `${G}/auth`);
  expect(writes.map((q) => `${q.method} ${q.path}`)).toEqual([]);
  const drafts = join(dir, "state", "drafts");
  expect(existsSync(drafts) ? readdirSync(drafts) : []).toEqual([]);
}

/** A --json plan: exit 0, one array, every step whole (no "not shown"), the auth header masked. */
function plan(r: CliResult): Planned[] {
  expect(r.code, r.stderr).toBe(0);
  nothingSent(r);
  const planned = JSON.parse(r.stdout) as Planned[];
  expect(Array.isArray(planned)).toBe(true);
  for (const p of planned) expect(p.headers["authorization"]).toBe("***");
  expect(r.stderr).toMatch(new RegExp(`dry run: ${planned.length} requests? planned; nothing was sent`));
  expect(r.stderr).not.toMatch(/not shown|depend on the vendor's answer/);
  return planned;
}

const steps = (p: Planned[]) => p.map((x) => `${x.method} ${new URL(x.url).pathname}`);

describe("3dolphins --dry-run --json plans every step of every write verb", () => {
  it("reply: one POST graph/tickets/sendMessage with the ticket's channel and the profile's agent", async () => {
    const p = plan(await cli("--json", "reply", id, "--body", "Thanks, on it"));
    expect(steps(p)).toEqual([`POST ${G}/tickets/sendMessage`]);
    expect(p[0]!.body).toMatchObject({ ticketNumber: id, replyAgent: sim.credentials.settings["replyAgent"], message: "Thanks, on it", channelType: expect.any(String) });
    // Only the ticket was read (before the write), for real.
    expect(sim.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${G}/tickets/${id}`]);
  });

  it("reply --attach: the file is stored, then the reply carries its (placeholder) link", async () => {
    const p = plan(await cli("--json", "reply", id, "--body", "See attached", "--attach", A));
    expect(steps(p)).toEqual([`POST ${G}/tickets/files`, `POST ${G}/tickets/sendMessage`]);
    expect(p[0]!.body).toEqual({ file: { file: "a.txt", size: 5, type: "text/plain" } });
    expect(p[1]!.body).toMatchObject({ ticketNumber: id, message: expect.stringMatching(/^See attached\na\.txt: http:\/\/127\.0\.0\.1:\d+\/dolphin\/apiv1\/graph\/tickets\/files\/dry-run-1$/) });
  });

  it("upload a.txt b.png: each file with {file,size,type}, then the one reply carrying both links", async () => {
    const p = plan(await cli("--json", "upload", id, A, B));
    expect(steps(p)).toEqual([`POST ${G}/tickets/files`, `POST ${G}/tickets/files`, `POST ${G}/tickets/sendMessage`]);
    expect(p[0]!.body).toEqual({ file: { file: "a.txt", size: 5, type: "text/plain" } });
    expect(p[1]!.body).toEqual({ file: { file: "b.png", size: 9, type: "image/png" } });
    const message = (p[2]!.body as { message: string }).message;
    expect(message.split("\n")).toEqual([expect.stringMatching(/^a\.txt: .*\/tickets\/files\/dry-run-1$/), expect.stringMatching(/^b\.png: .*\/tickets\/files\/dry-run-2$/)]);
  });

  it("assign --to: PUT update/reassign with teamMember.id; --team as well: transfer, then reassign", async () => {
    const agent = sim.fixtures.assigneeId!;
    const one = plan(await cli("--json", "assign", id, "--to", agent));
    expect(steps(one)).toEqual([`PUT ${G}/tickets/update/reassign`]);
    expect(one[0]!.body).toEqual({ ticketNumber: id, teamMember: { id: agent } });

    sim.requests.length = 0;
    const both = plan(await cli("--json", "assign", id, "--to", agent, "--team", sim.fixtures.teamId!));
    expect(steps(both)).toEqual([`PUT ${G}/tickets/update/transfer`, `PUT ${G}/tickets/update/reassign`]);
    expect(both[0]!.body).toEqual({ ticketNumber: id, toGroup: sim.fixtures.teamId });
    expect(both[1]!.body).toEqual({ ticketNumber: id, teamMember: { id: agent } });
    // Nothing read back after a planned change: the one read is the ticket, before.
    expect(sim.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${G}/tickets/${id}`]);
  });

  it("escalate: PUT update/escalate with the profile's supervisorId, or the --to target", async () => {
    const p = plan(await cli("--json", "escalate", id));
    expect(steps(p)).toEqual([`PUT ${G}/tickets/update/escalate`]);
    expect(p[0]!.body).toEqual({ ticketNumber: id, supervisorId: sim.credentials.settings["supervisorId"] });
    const to = plan(await cli("--json", "escalate", id, "--to", "sup-42"));
    expect(to[0]!.body).toEqual({ ticketNumber: id, supervisorId: "sup-42" });
  });

  it("close: the ticket is read, then PUT update/close naming it; nothing read back", async () => {
    const p = plan(await cli("--json", "close", id));
    expect(steps(p)).toEqual([`PUT ${G}/tickets/update/close`]);
    expect(p[0]!.body).toEqual({ ticketNumber: id });
    expect(sim.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${G}/tickets/${id}`]);
  });

  it("bulk close 1 2 3: one PUT update/close per id, in order", async () => {
    const p = plan(await cli("--json", "close", ...ids));
    expect(steps(p)).toEqual(ids.map(() => `PUT ${G}/tickets/update/close`));
    expect(p.map((x) => (x.body as { ticketNumber: string }).ticketNumber)).toEqual(ids);
  });

  it("password mode: the login is sent (it changes nothing), its secrets are never shown", async () => {
    const password = "dry-run-pw-0123456789";
    const pwSim = await startSimulator({ tickets: 5, secrets: { password } });
    try {
      const pwDir = tempConfigDir();
      const add = await runCli(
        ["profile", "add", "pw", "--vendor", "3dolphins", "--base-url", pwSim.baseUrl, "--secret-env", "password=T3D_PW", "--set", `username=${pwSim.credentials.settings["username"]}`, "--set", `replyAgent=${pwSim.credentials.settings["replyAgent"]}`],
        { configDir: pwDir, env: { T3D_PW: password } },
      );
      expect(add.code, add.stderr).toBe(0);
      const r = await runCli(["-p", "pw", "--dry-run", "--json", "close", pwSim.fixtures.ticketId], { configDir: pwDir, env: { T3D_PW: password } });
      expect(r.code, r.stderr).toBe(0);
      const p = JSON.parse(r.stdout) as Planned[];
      expect(steps(p)).toEqual([`PUT ${G}/tickets/update/close`]);
      expect(p[0]!.headers["authorization"]).toBe("***");
      expect(pwSim.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${G}/auth`, `GET ${G}/tickets/${pwSim.fixtures.ticketId}`]);
      const issued = (pwSim.exportState() as { tokens: { token: string }[] }).tokens.map((t) => t.token);
      for (const s of [password, ...issued]) {
        expect(r.stdout).not.toContain(s);
        expect(r.stderr).not.toContain(s);
      }
    } finally {
      await pwSim.close();
    }
  });
});

describe("3dolphins --dry-run: text mode, refusals and missing tickets", () => {
  it("without --json: one HTTP-like block per request, the auth header masked", async () => {
    const r = await cli("upload", id, A, B);
    expect(r.code, r.stderr).toBe(0);
    nothingSent(r);
    const blocks = r.stdout.trim().split(/\n\n(?=(?:GET|POST|PUT|PATCH|DELETE) )/);
    expect(blocks.map((b) => b.split("\n")[0]!.replace(/http:\/\/127\.0\.0\.1:\d+/, ""))).toEqual([
      `POST ${G}/tickets/files`,
      `POST ${G}/tickets/files`,
      `POST ${G}/tickets/sendMessage`,
    ]);
    for (const b of blocks) expect(b).toMatch(/^authorization: \*\*\*$/m);
    expect(r.stdout).toContain('"file": "b.png"');
    expect(r.stderr).toMatch(/dry run: 3 requests planned; nothing was sent/);
  });

  it("a missing ticket: exit 5, nothing planned", async () => {
    for (const args of [["close", sim.fixtures.missingTicketId!], ["reply", sim.fixtures.missingTicketId!, "--body", "hi"]]) {
      const r = await cli("--json", ...args);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stdout).toBe("");
      expect(JSON.parse(r.stderr.trim().split("\n").pop()!)).toMatchObject({ error: { code: "not_found", exitCode: 5, vendor: "3dolphins" } });
      nothingSent(r);
    }
  });

  it("bulk with one missing id: the others are planned, the missing one named, exit 1", async () => {
    const r = await cli("--json", "close", ids[0]!, sim.fixtures.missingTicketId!, ids[1]!);
    expect(r.code, r.stderr).toBe(1);
    nothingSent(r);
    const p = JSON.parse(r.stdout) as Planned[];
    expect(p.map((x) => (x.body as { ticketNumber: string }).ticketNumber)).toEqual([ids[0], ids[1]]);
    expect(r.stderr).toContain(sim.fixtures.missingTicketId!);
  });

  it("what 3Dolphins cannot do is refused before anything is planned (exit 6): create, merge, close --comment, reply --internal", async () => {
    const cases = [
      ["create", "--subject", "s", "--body", "b"],
      ["merge", id, ids[0]!, ids[1]!],
      ["close", id, "--comment", "note"],
      ["reply", id, "--body", "x", "--internal"],
    ];
    for (const args of cases) {
      const r = await cli("--json", ...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(6);
      expect(r.stdout).toBe("");
      nothingSent(r);
    }
  });
});
