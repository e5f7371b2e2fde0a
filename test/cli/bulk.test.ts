/**
 * Bulk writes (issue 10 item 1) as scripts meet them: ids piped from `ticket list` into a write
 * verb through a real shell, one result per item, bounded concurrency measured against a
 * simulator's latency, a 401 that stops the run, a 429 that slows every worker; and `-q` on every
 * write verb (item 11).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIdText } from "../../src/commands/shared/ids.js";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { RecordedRequest, Simulator, SimulatorOptions } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
const TICKET = `${quote(process.execPath)} ${quote(BIN)}`;

interface ShellResult {
  /** Exit status of the pipeline (its last command: the write verb). */
  code: number;
  stdout: string;
  /** The write verb's own stderr. */
  stderr: string;
  ms: number;
}

/** Runs `script` in sh, with `ticket` as a shell function for the built binary; the last command's stderr goes to a file. */
/** stderr files live outside the config folders (ticket checks those for owner-only files). */
const ERR_DIR = mkdtempSync(join(tmpdir(), "ticket-bulk-stderr-"));

function shell(dir: string, script: string, env: Record<string, string> = {}): Promise<ShellResult> {
  const errFile = join(ERR_DIR, `stderr-${process.hrtime.bigint()}.txt`);
  writeFileSync(errFile, "");
  const full = `ticket() { ${TICKET} "$@"; }\n${script} 2>${quote(errFile)}`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", full], {
      env: { PATH: process.env["PATH"] ?? "", HOME: dir, CI: "true", TICKET_CONFIG_DIR: dir, TICKET_RETRY_BASE_MS: "5", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr: readFileSync(errFile, "utf8"), ms: Date.now() - started }));
  });
}

interface Result {
  id: string;
  ok: boolean;
  exitCode: number;
  error?: { code: string; message: string; exitCode: number; vendor: string | null; httpStatus: number | null };
  ticket?: { id: string; status: string };
}

const lines = (s: string) => s.split("\n").filter(Boolean);
const ndjson = (s: string) => lines(s).map((l) => JSON.parse(l) as Result);
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |unexpected error/);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A vendor simulator and a profile for it, added the way `ticket sandbox` prints it. */
async function sandbox(vendor: VendorName, opts: SimulatorOptions = {}) {
  const d = VENDOR_DESCRIPTORS[vendor];
  const sim = await (await d.loadSimulator!()).startSimulator({ tickets: 60, ...opts });
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile(vendor, sim, { configDir: dir });
  const profile = `sandbox-${vendor}`;
  const ids = async (n: number): Promise<string[]> => {
    const r = await runCli(["-p", profile, "list", "--limit", String(n), "--fields", "id", "--json"], { configDir: dir, env });
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { id: string }[]).map((t) => t.id);
  };
  return { sim, dir, env, profile, ids };
}

/**
 * Watches a simulator's request log: when each request arrived and when it was answered (as seen
 * by polling every few ms), and the most requests it held unanswered at once.
 */
function watch(sim: Simulator) {
  const seen = new Map<RecordedRequest, { arrived: number; answered?: number }>();
  let maxInFlight = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    let inFlight = 0;
    for (const r of sim.requests) {
      let t = seen.get(r);
      if (!t) seen.set(r, (t = { arrived: now }));
      if (r.status === undefined) inFlight++;
      else t.answered ??= now;
    }
    maxInFlight = Math.max(maxInFlight, inFlight);
  }, 3);
  return {
    stop: () => clearInterval(timer),
    get maxInFlight() {
      return maxInFlight;
    },
    timing: (r: RecordedRequest) => seen.get(r),
  };
}

describe("ids piped from ticket list into a write verb (demo profile)", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempConfigDir();
  });

  it("list --ndjson | close - --ndjson, with a missing and a malformed id: one result per item, exit 1", async () => {
    const r = await shell(dir, `(ticket -p demo list --ndjson --limit 5; echo '{"id":"999999"}'; echo '{"id":"abc"}') | ticket -p demo close - --ndjson`);
    noStack(r.stderr);
    expect(r.code, r.stderr).toBe(1);
    const results = ndjson(r.stdout);
    expect(results).toHaveLength(7);
    const good = results.filter((x) => x.ok);
    expect(good).toHaveLength(5);
    for (const g of good) {
      expect(g).toMatchObject({ ok: true, exitCode: 0 });
      expect(g.ticket?.id).toBe(g.id);
      expect(g.ticket?.status).toMatch(/closed|resolved/);
      expect(g.error).toBeUndefined();
    }
    expect(results.find((x) => x.id === "999999")).toMatchObject({ ok: false, exitCode: 5, error: { code: "not_found", exitCode: 5, vendor: "comm100", httpStatus: 404 } });
    expect(results.find((x) => x.id === "abc")).toMatchObject({ ok: false, exitCode: 2, error: { code: "usage", exitCode: 2 } });
    // stderr: the one JSON error object of the run (after the demo notice), nothing per item.
    const errLines = lines(r.stderr).filter((l) => !l.startsWith("ticket: using the built-in demo"));
    expect(errLines).toHaveLength(1);
    expect(JSON.parse(errLines[0]!)).toEqual({ error: expect.objectContaining({ code: "failed", exitCode: 1, message: expect.stringMatching(/2 of 7 .*999999.*abc/) }) });
    // ... and the good ones really were closed.
    for (const g of good) {
      const show = await runCli(["-p", "demo", "show", g.id, "--json", "--fields", "id,status"], { configDir: dir });
      expect((JSON.parse(show.stdout) as { status: string }).status).toMatch(/closed|resolved/);
    }
  });

  it("list --json | close - --json: one JSON array, in input order", async () => {
    const list = await runCli(["-p", "demo", "list", "--status", "new,open,pending", "--limit", "4", "--fields", "id", "--json"], { configDir: dir });
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id);
    expect(ids.length).toBeGreaterThan(1);
    const r = await shell(dir, `ticket -p demo list --status new,open,pending --limit 4 --json | ticket -p demo close - --json --concurrency 3`);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout) as Result[];
    expect(results.map((x) => x.id)).toEqual(ids);
    expect(results.every((x) => x.ok && x.exitCode === 0)).toBe(true);
  });

  it("ids one per line (spaces and blank lines ignored) | assign -: plain lines on a pipe; -q prints only the ids", async () => {
    const list = await runCli(["-p", "demo", "list", "--limit", "3", "--fields", "id", "--json"], { configDir: dir });
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id);
    const agent = (JSON.parse((await runCli(["-p", "demo", "show", ids[0]!, "--json"], { configDir: dir })).stdout) as { assignee: { id: string } | null }).assignee?.id;
    expect(agent).toBeTruthy();
    const input = `  ${ids[0]}  \n\n${ids[1]}\n\t${ids[2]}\n\n`;
    const plain = await shell(dir, `printf %s ${quote(input)} | ticket -p demo assign - --to ${agent}`);
    expect(plain.code, plain.stderr).toBe(0);
    expect(lines(plain.stdout).map((l) => l.split("\t").slice(0, 2))).toEqual(ids.map((id) => [id, "yes"]));
    const quiet = await shell(dir, `printf %s ${quote(input)} | ticket -p demo assign - --to ${agent} -q`);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(lines(quiet.stdout)).toEqual(ids);
  });

  it("nothing on stdin: nothing to do, exit 0 ([] with --json)", async () => {
    const r = await shell(dir, `printf '' | ticket -p demo close - --json`);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it.each([
    ["a line with two words", `printf '1300 1301\\n'`, /line 1 of stdin is not one ticket id/],
    ["an object without an id", `echo '[{"subject":"x"}]'`, /item 1 of the JSON array on stdin has no "id"/],
    ["a broken NDJSON line", `printf '{"id":"1300"}\\n{"id":\\n'`, /line 2 of stdin is not a JSON object/],
  ])("%s: exit 2, one line, nothing sent", async (_name, producer, message) => {
    const r = await shell(dir, `${producer} | ticket -p demo close -`);
    expect(r.code).toBe(2);
    noStack(r.stderr);
    const errLines = lines(r.stderr).filter((l) => !l.startsWith("ticket: using the built-in demo"));
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(message);
  });

  it.each(["0", "-1", "1.5", "1e2", "0x10", "abc", "65"])("--concurrency %s: exit 2 naming the flag", async (value) => {
    const r = await runCli(["-p", "demo", "close", "1300", "1299", "--concurrency", value], { configDir: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency/);
    noStack(r.stderr);
  });
});

describe("a Comm100 profile against its simulator", () => {
  let box: Awaited<ReturnType<typeof sandbox>>;
  beforeAll(async () => {
    box = await sandbox("comm100", { latencyMs: 100 });
  });
  afterAll(() => box.sim.close());

  it("20 closes at --concurrency 5 overlap at the simulator and take well under the sequential time", async () => {
    const ids = await box.ids(20);
    expect(ids).toHaveLength(20);
    box.sim.requests.length = 0;
    const w = watch(box.sim);
    const r = await shell(box.dir, `ticket -p ${box.profile} list --limit 20 --ndjson --fields id | ticket -p ${box.profile} close - --concurrency 5 --ndjson`, box.env);
    w.stop();
    expect(r.code, r.stderr).toBe(0);
    expect(ndjson(r.stdout).filter((x) => x.ok)).toHaveLength(20);
    const writes = box.sim.requests.filter((q) => q.method !== "GET");
    expect(writes).toHaveLength(20);
    // Each close is at least one 100 ms request: one at a time, 20 of them take 2 s or more.
    const perClose = box.sim.requests.filter((q) => q.path.match(/tickets\/\d+$/)).length / 20;
    const sequentialMs = 20 * Math.max(1, perClose) * 100;
    expect(w.maxInFlight).toBeGreaterThanOrEqual(3);
    expect(w.maxInFlight).toBeLessThanOrEqual(5);
    // The close phase only (list reads every ticket first, to sort them): first close request in, last one answered.
    const spans = box.sim.requests.filter((q) => /tickets\/\d+$/.test(q.path)).map((q) => w.timing(q)!).filter(Boolean);
    const closeMs = Math.max(...spans.map((t) => t.answered ?? t.arrived)) - Math.min(...spans.map((t) => t.arrived));
    expect(closeMs).toBeLessThan(sequentialMs * 0.75);
  });

  it("--concurrency 1 never has two requests in flight", async () => {
    const ids = await box.ids(4);
    box.sim.requests.length = 0;
    const w = watch(box.sim);
    const r = await runCli(["-p", box.profile, "close", ...ids, "--concurrency", "1", "--ndjson"], { configDir: box.dir, env: box.env });
    w.stop();
    expect(r.code, r.stderr).toBe(0);
    expect(w.maxInFlight).toBe(1);
  });

  it("a 401 mid-run: no new item starts, the rest are reported not started, exit 4", async () => {
    const ids = await box.ids(8);
    box.sim.requests.length = 0;
    const done = new Set<string>();
    const run = shell(box.dir, `ticket -p ${box.profile} list --limit 8 --fields id | ticket -p ${box.profile} close - --ndjson`, box.env);
    // Once the first two tickets are written, the credentials stop working.
    await until("two closes", () => box.sim.requests.filter((q) => q.method !== "GET" && q.status !== undefined).length >= 2);
    box.sim.fail({ kind: "status", status: 401, body: JSON.stringify({ message: "token revoked" }) }, 50);
    const r = await run;
    noStack(r.stderr);
    expect(r.code, r.stderr).toBe(4);
    const results = ndjson(r.stdout);
    expect(results.map((x) => x.id).sort()).toEqual([...ids].sort());
    const firstAuth = results.findIndex((x) => x.exitCode === 4);
    expect(firstAuth).toBeGreaterThanOrEqual(2);
    for (const x of results.slice(0, firstAuth)) {
      expect(x.ok).toBe(true);
      done.add(x.id);
    }
    const failedAt = results[firstAuth]!;
    expect(failedAt.error).toMatchObject({ code: "auth", httpStatus: 401 });
    const notStarted = results.slice(firstAuth + 1);
    expect(notStarted.length).toBeGreaterThan(0);
    for (const x of notStarted) {
      expect(x).toMatchObject({ ok: false, exitCode: 4, error: { code: "auth", message: expect.stringMatching(/^not started, nothing was sent/) } });
      // Nothing at all was sent for them.
      expect(box.sim.requests.filter((q) => q.path.endsWith(`/${x.id}`)), x.id).toEqual([]);
    }
    expect(JSON.parse(lines(r.stderr).at(-1)!)).toEqual({ error: expect.objectContaining({ code: "auth", exitCode: 4, message: expect.stringMatching(/stopped after \d+ of 8/) }) });
    expect(done.size).toBe(firstAuth);
  });
});

describe("a 429 slows every worker", () => {
  let box: Awaited<ReturnType<typeof sandbox>>;
  beforeAll(async () => {
    box = await sandbox("comm100", { latencyMs: 40 });
  });
  afterAll(() => box.sim.close());

  it("after a 429 with Retry-After: 1, no worker sends anything for about a second", async () => {
    const ids = await box.ids(16);
    box.sim.requests.length = 0;
    const w = watch(box.sim);
    const run = runCli(["-p", box.profile, "close", ...ids, "--concurrency", "4", "--ndjson"], { configDir: box.dir, env: box.env });
    await until("a few requests", () => box.sim.requests.length >= 6);
    box.sim.fail({ kind: "status", status: 429, retryAfter: 1 });
    const r = await run;
    w.stop();
    noStack(r.stderr);
    const limited = box.sim.requests.find((q) => q.status === 429);
    expect(limited, "the 429 was served").toBeDefined();
    const at = w.timing(limited!)!.answered!;
    const later = box.sim.requests.map((q) => w.timing(q)!.arrived).filter((t) => t > at + 30);
    expect(later.length, "the run went on after the pause").toBeGreaterThan(0);
    // Without the shared gate the other three workers would have sent within a few tens of ms.
    expect(Math.min(...later) - at).toBeGreaterThanOrEqual(850);
    expect(ndjson(r.stdout)).toHaveLength(16);
  });
});

describe("-q on every write verb", () => {
  it.each(["create", "reply", "assign", "escalate", "merge", "close", "upload"])("%s --help lists -q, --quiet", async (verb) => {
    const r = await runCli([verb, "--help"], { configDir: tempConfigDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-q, --quiet/);
  });

  it("upload -q prints only the attachment ids (3Dolphins simulator)", async () => {
    const box = await sandbox("3dolphins");
    try {
      const file = join(box.dir, "note.txt");
      writeFileSync(file, "hello");
      const r = await runCli(["-p", box.profile, "upload", box.sim.fixtures.ticketId, file, "-q"], { configDir: box.dir, env: box.env });
      expect(r.code, r.stderr).toBe(0);
      const out = lines(r.stdout);
      expect(out).toHaveLength(1);
      expect(out[0]).not.toMatch(/\s/);
      expect(box.sim.requests.some((q) => q.method === "POST")).toBe(true);
    } finally {
      await box.sim.close();
    }
  });

  it("merge -q with sources from stdin prints only the target id", async () => {
    const box = await sandbox("comm100");
    try {
      const [target, ...sources] = [box.sim.fixtures.ticketId, ...(box.sim.fixtures.mergeSourceIds ?? [])];
      expect(sources.length).toBeGreaterThan(0);
      const r = await shell(box.dir, `printf '%s\\n' ${sources.join(" ")} | ticket -p ${box.profile} merge --yes ${target} - -q`, box.env);
      expect(r.code, r.stderr).toBe(0);
      expect(lines(r.stdout)).toEqual([target]);
      expect(box.sim.requests.filter((q) => q.path.endsWith(":merge"))).toHaveLength(sources.length);
    } finally {
      await box.sim.close();
    }
  });
});

describe("reading ids from stdin (parseIdText)", () => {
  it.each([
    ["lines, CRLF, a BOM, spaces and blank lines", "\uFEFF 42 \r\n\r\n43\r\n", ["42", "43"]],
    ["a JSON array of tickets", '[{"id":"42","subject":"a"},{"id":43}]', ["42", "43"]],
    ["a JSON array of bare ids", '["42", 43]', ["42", "43"]],
    ["NDJSON lines", '{"id":"42"}\n\n{"id":"43","ok":true}\n', ["42", "43"]],
    ["one pretty-printed object (create --json)", '{\n  "id": "42",\n  "subject": "x"\n}\n', ["42"]],
    ["nothing", " \n\n", []],
  ])("%s", (_name, text, ids) => {
    expect(parseIdText(text)).toEqual(ids);
  });

  it.each([
    ["two ids on a line", "42 43\n", /line 1/],
    ["a JSON array that is cut", '[{"id":"42"},', /not valid JSON/],
    ["an array item without an id", '[{"id":"42"},{"subject":"x"}]', /item 2 .* has no "id"/],
    ["an NDJSON line that is not an object", '{"id":"42"}\n[1]\n', /line 2/],
    ["an empty id", '[{"id":""}]', /item 1/],
  ])("%s: a usage error naming where", (_name, text, message) => {
    expect(() => parseIdText(text)).toThrow(message);
    try {
      parseIdText(text);
    } catch (err) {
      expect((err as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
