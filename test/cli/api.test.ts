/**
 * `ticket api METHOD PATH` (issue 10 item 7) as a user runs it: the built CLI, spawned, against
 * each vendor's simulator over real HTTP. What the server received (the simulator's log) and what
 * the user sees (stdout, stderr, exit code) are both checked.
 *
 * A vendor whose provider has no `request` yet runs the tests that need none (usage errors, the
 * read-only refusal, exit 6 "not available"); the others are skipped until it lands.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiAvailable } from "../../src/commands/shared/api-support.js";
import { VENDORS, type VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { ContractFixtures, RecordedRequest, Simulator, SimulatorOptions } from "../../src/sandbox/types.js";
import { runCli, tempConfigDir, type CliResult } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";

/** Paths relative to each simulator's base URL (the profile's --base-url), from the vendor documents. */
interface VendorPaths {
  /** A documented read of the fixture ticket: [path, --query values]. */
  get(fx: ContractFixtures): [string, string[]];
  /** Answered 404 (a missing ticket, or a path the vendor does not have). */
  missing(fx: ContractFixtures): string;
  /** A documented write endpoint and a body for it (the vendor may accept or refuse it: what matters is what arrives). */
  post(fx: ContractFixtures): [string, Record<string, unknown>];
}

const PATHS: Record<VendorName, VendorPaths> = {
  // vendor-docs/comm100-ticket-api.txt: GET/POST ticketing/tickets under https://apiNN.comm100.io/v4.
  comm100: {
    get: (fx) => [`ticketing/tickets/${fx.ticketId}`, []],
    missing: (fx) => `ticketing/tickets/${fx.missingTicketId}`,
    post: () => ["ticketing/tickets", { subject: "Sent with ticket api", channelId: "Email", priority: "high" }],
  },
  // vendor-docs/sobot-ticket-api.txt: /api/ws/5/ticket/<name> under the host origin, token header.
  sobot: {
    get: (fx) => ["api/ws/5/ticket/get_ticket_by_id", [`ticketid=${fx.ticketId}`]],
    missing: () => "api/ws/5/ticket/no_such_endpoint",
    post: (fx) => ["api/ws/5/ticket/save_ticket_reply", { ticketid: fx.ticketId, reply_content: "Sent with ticket api", reply_type: "1" }],
  },
  // vendor-docs/3dolphins-ticket-api.txt: graph/... under http://host/dolphin/apiv1, bearer token from graph/auth.
  "3dolphins": {
    get: (fx) => [`graph/tickets/${fx.ticketId}`, []],
    missing: () => "graph/no-such-endpoint",
    post: (fx) => ["graph/tickets/sendMessage", { ticketNumber: fx.ticketId, message: "Sent with ticket api" }],
  },
  // vendor-docs/zaia-ticket-api.txt: /api/v1/... under https://api.endless.zaia.app.
  zaia: {
    get: (fx) => [`api/v1/tickets/${fx.ticketId}/details`, []],
    missing: () => "api/v1/no-such-endpoint",
    post: () => ["api/v1/tickets", { chatId: "00000000-0000-4000-8000-000000000000" }],
  },
};

/** Whether each vendor's provider (behind the guard, as the CLI gets it) has `request` today. */
const HAS_API = Object.fromEntries(await Promise.all(VENDORS.map(async (v) => [v, await apiAvailable(v)] as const))) as Record<VendorName, boolean>;

const READ_METHODS = new Set(["GET", "HEAD"]);
/** Token and login endpoints: reads for our purpose (they change nothing at the vendor). */
const isAuth = (r: RecordedRequest) => /\/(auth|get_token|oauth\/token|token)$/i.test(r.path);
const writesIn = (requests: RecordedRequest[]) => requests.filter((r) => !READ_METHODS.has(r.method) && !isAuth(r));
const lines = (s: string) => s.split("\n").filter(Boolean);

/** A simulator and a profile for it, added the way `ticket sandbox` prints it. */
async function sandbox(vendor: VendorName, opts: SimulatorOptions = {}, extra: string[] = []) {
  const d = VENDOR_DESCRIPTORS[vendor];
  const sim: Simulator = await (await d.loadSimulator!()).startSimulator({ tickets: 10, ...opts });
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile(vendor, sim, { configDir: dir, extra });
  const profile = `sandbox-${vendor}`;
  const run = (args: string[], input?: string) => runCli(["-p", profile, ...args], { configDir: dir, env, ...(input !== undefined ? { input } : {}) });
  return { sim, dir, env, profile, run };
}

/** Every secret of the profile, and every credential derived from it that the server saw. */
function secretsOf(sim: Simulator): string[] {
  const derived = sim.requests.flatMap((r) => ["authorization", "token", "x-api-key", "apikey"].map((h) => r.headers[h]).filter((v): v is string => typeof v === "string"));
  return [...Object.values(sim.credentials.secrets), ...derived.map((v) => v.replace(/^(Bearer|Basic)\s+/i, ""))].filter((s) => s.length >= 6);
}

function expectNoSecret(sim: Simulator, ...results: CliResult[]) {
  for (const s of secretsOf(sim)) for (const r of results) expect(`${r.stdout}\n${r.stderr}`).not.toContain(s);
}

/** One line on stderr, no stack trace. */
function expectOneLine(r: CliResult) {
  expect(lines(r.stderr), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
}

/** A body without the fields a server stamps per answer (Spring's error timestamp). */
function stable(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(stable);
  if (body && typeof body === "object") return Object.fromEntries(Object.entries(body).filter(([k]) => k !== "timestamp").map(([k, v]) => [k, stable(v)]));
  return body;
}

/** The same request sent straight to the simulator with the credentials the CLI used: what the vendor answers. */
async function directFetch(sim: Simulator, r: RecordedRequest): Promise<unknown> {
  const url = new URL(sim.baseUrl);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (typeof v === "string" && !["host", "content-length", "connection", "accept-encoding"].includes(k)) headers[k] = v;
  const res = await fetch(`${url.origin}${r.path}${query.size ? `?${query}` : ""}`, { headers });
  return res.json();
}

describe("ticket api: arguments are checked before anything is read or sent", () => {
  const dir = tempConfigDir(); // no profile at all: a usage error comes first
  it.each([
    [["api", "FETCH", "tickets"], /METHOD must be GET, POST, PUT, PATCH or DELETE, not "FETCH"/],
    [["api", "POST", "tickets", "--data", "{subject: x}"], /--data is not valid JSON/],
    [["api", "POST", "tickets", "--data", "@/nonexistent/body.json"], /--data: cannot read \/nonexistent\/body\.json: no such file/],
    [["api", "GET", "tickets", "--query", "status"], /--query takes key=value, not "status"/],
    [["api", "GET", "tickets", "--data", "{}"], /--data cannot be sent with GET/],
    [["api", "GET", "https://elsewhere.example/tickets"], /relative to the profile's base URL/],
    [["api", "GET", "tickets", "--csv"], /--csv does not apply/],
  ])("ticket %j: exit 2, one line", async (args, message) => {
    const r = await runCli(args, { configDir: dir });
    expect(r.code, r.stderr).toBe(2);
    expectOneLine(r);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("--data - with invalid JSON on stdin names the flag and does not quote the text", async () => {
    const r = await runCli(["api", "POST", "tickets", "--data", "-"], { configDir: dir, input: "{ \"password\": hunter22 }" });
    expect(r.code).toBe(2);
    expectOneLine(r);
    expect(r.stderr).toMatch(/--data - \(stdin\) is not valid JSON \((at character \d+|unexpected text)\)/);
    expect(r.stderr).not.toContain("hunter22");
  });

  it("the method is case-insensitive", async () => {
    // Accepted as GET: the failure is the next step's (no such profile), not the method.
    const r = await runCli(["-p", "nobody", "api", "get", "tickets"], { configDir: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no profile named "nobody"/);
  });
});

describe.each(VENDORS.filter((v) => VENDOR_DESCRIPTORS[v].available && VENDOR_DESCRIPTORS[v].loadSimulator))("ticket api on %s", (vendor) => {
  const has = HAS_API[vendor];
  const paths = PATHS[vendor];
  let box: Awaited<ReturnType<typeof sandbox>>;
  let readOnly: Awaited<ReturnType<typeof sandbox>>;
  beforeAll(async () => {
    box = await sandbox(vendor);
    readOnly = await sandbox(vendor, {}, ["--read-only"]);
  });
  afterAll(async () => {
    await box?.sim.close();
    await readOnly?.sim.close();
  });
  beforeEach(() => {
    box.sim.requests.length = 0;
    readOnly.sim.requests.length = 0;
  });

  it("a read-only profile refuses POST with exit 3 before any request", async () => {
    const [path, body] = paths.post(readOnly.sim.fixtures);
    const r = await readOnly.run(["api", "POST", path, "--data", JSON.stringify(body)]);
    expect(r.code, r.stderr).toBe(3);
    expectOneLine(r);
    expect(r.stderr).toContain(`profile "sandbox-${vendor}" is read-only: POST ${path} refused, nothing was sent`);
    expect(readOnly.sim.requests).toEqual([]);
    expect(r.stdout).toBe("");
  });

  it.runIf(!has)("without a provider request: exit 6, nothing sent", async () => {
    const [path, query] = paths.get(box.sim.fixtures);
    const r = await box.run(["api", "GET", path, ...query.flatMap((q) => ["--query", q])]);
    expect(r.code, r.stderr).toBe(6);
    expectOneLine(r);
    expect(r.stderr).toContain(`${VENDOR_DESCRIPTORS[vendor].displayName}: ticket api is not available`);
    expect(box.sim.requests).toEqual([]);
  });

  it.skipIf(!has)("GET prints the vendor's JSON, one compact line on a pipe: what a direct request with the same credentials answers", async () => {
    const [path, query] = paths.get(box.sim.fixtures);
    const r = await box.run(["api", "GET", path, ...query.flatMap((q) => ["--query", q])]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    const got = box.sim.requests.filter((x) => x.method === "GET" && !isAuth(x));
    expect(got).toHaveLength(1);
    const sent = got[0]!;
    expect(sent.path.endsWith(`/${path}`)).toBe(true);
    for (const q of query) expect(sent.query[q.split("=")[0]!]).toBe(q.slice(q.indexOf("=") + 1));
    expect(stable(JSON.parse(r.stdout))).toEqual(stable(await directFetch(box.sim, sent)));
    // --json is the same compact line.
    const j = await box.run(["api", "GET", path, "--json", ...query.flatMap((q) => ["--query", q])]);
    expect(j.code, j.stderr).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual(JSON.parse(r.stdout));
    expectNoSecret(box.sim, r, j);
  });

  it.skipIf(!has)("a 404: exit 5, the vendor's body on stdout, one line on stderr", async () => {
    const path = paths.missing(box.sim.fixtures);
    const r = await box.run(["api", "GET", path]);
    expect(r.code, r.stderr).toBe(5);
    expectOneLine(r);
    const answered = box.sim.requests.find((x) => x.path.endsWith(`/${path}`))!;
    expect(answered.status).toBe(404);
    expect(stable(JSON.parse(r.stdout))).toEqual(stable(await directFetch(box.sim, answered)));
    const j = await box.run(["--json", "api", "GET", path]);
    expect(j.code).toBe(5);
    expect(JSON.parse(j.stderr)).toMatchObject({ error: { code: "not_found", exitCode: 5, vendor, httpStatus: 404 } });
    expectNoSecret(box.sim, r, j);
  });

  it.skipIf(!has)("POST --data @FILE: the body reaches the server as given, and the answer is printed", async () => {
    const [path, body] = paths.post(box.sim.fixtures);
    const file = join(mkdtempSync(join(tmpdir(), "ticket-api-body-")), "body.json");
    writeFileSync(file, JSON.stringify(body, null, 2));
    const r = await box.run(["api", "post", path, "--data", `@${file}`]);
    const writes = writesIn(box.sim.requests);
    expect(writes).toHaveLength(1);
    const w = writes[0]!;
    expect(w.method).toBe("POST");
    expect(w.path.endsWith(`/${path}`)).toBe(true);
    expect(w.body).toEqual(body);
    expect(String(w.headers["content-type"])).toMatch(/^application\/json/);
    // Exit by the class of the answer; whatever it is, the vendor's body is what stdout shows.
    expect([0, 1, 4, 5], r.stderr).toContain(r.code);
    if (w.status! >= 200 && w.status! < 300 && r.code === 0) expect(r.stderr).toBe("");
    else expectOneLine(r);
    expect(r.stdout.trim()).not.toBe("");
    expectNoSecret(box.sim, r);
  });

  it.skipIf(!has)("--dry-run POST (--data -): exit 0, the plan printed, nothing written", async () => {
    const [path, body] = paths.post(box.sim.fixtures);
    const r = await box.run(["--dry-run", "--json", "api", "POST", path, "--data", "-"], JSON.stringify(body));
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { method: string; url: string; headers: Record<string, string>; body: unknown }[];
    expect(plan).toHaveLength(1);
    expect(plan[0]!.method).toBe("POST");
    expect(new URL(plan[0]!.url).pathname.endsWith(`/${path}`)).toBe(true);
    expect(plan[0]!.body).toEqual(body);
    expect(r.stderr).toMatch(/dry run: 1 request planned; nothing was sent/);
    expect(writesIn(box.sim.requests)).toEqual([]);
    const text = await box.run(["--dry-run", "api", "POST", path, "--data", JSON.stringify(body)]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`POST ${box.sim.baseUrl.replace(/\/$/, "")}/${path}`);
    expect(writesIn(box.sim.requests)).toEqual([]);
    expectNoSecret(box.sim, r, text);
  });
});

describe.skipIf(!HAS_API.comm100)("ticket api: a write whose answer never comes", () => {
  let box: Awaited<ReturnType<typeof sandbox>>;
  beforeAll(async () => {
    box = await sandbox("comm100", { latencyMs: 3000 });
  });
  afterAll(async () => {
    await box?.sim.close();
  });

  it("a POST that timed out after sending: exit 7, says it may have reached the vendor, never to resend", async () => {
    const r = await box.run(["--timeout", "0.5", "api", "POST", "ticketing/tickets", "--data", '{"subject":"slow"}']);
    expect(r.code, r.stderr).toBe(7);
    expectOneLine(r);
    expect(r.stderr).toMatch(/did not answer within/);
    expect(r.stderr).toMatch(/POST ticketing\/tickets may have reached Comm100 and taken effect: its outcome is unknown/);
    expect(r.stderr).not.toMatch(/try again|resend|send it again/i);
    expect(box.sim.requests.some((x) => x.method === "POST")).toBe(true);
  });

  it("a GET that timed out: exit 7, the plain network line", async () => {
    const r = await box.run(["--timeout", "0.5", "api", "GET", "ticketing/tickets/1001"]);
    expect(r.code, r.stderr).toBe(7);
    expectOneLine(r);
    expect(r.stderr).not.toMatch(/may have reached/);
  });
});

describe("ticket vendors: bulk concurrency and ticket api per vendor", () => {
  it("--json carries each vendor's default concurrency and whether ticket api works; the piped matrix has both rows", async () => {
    const dir = tempConfigDir();
    const r = await runCli(["vendors", "--json"], { configDir: dir });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { vendor: VendorName; api: boolean | null; concurrency: { default: number; basis: string } }[];
    for (const v of json) {
      const d = VENDOR_DESCRIPTORS[v.vendor];
      expect(v.concurrency.default).toBe(d.concurrency?.default ?? 4);
      expect(v.concurrency.basis.length).toBeGreaterThan(10);
      expect(v.api).toBe(HAS_API[v.vendor]);
    }
    const table = await runCli(["vendors"], { configDir: dir });
    const row = (name: string) => table.stdout.split("\n").find((l) => l.startsWith(`${name}\t`))!.split("\t").slice(1);
    expect(row("api")).toEqual(json.map((v) => (VENDOR_DESCRIPTORS[v.vendor].available ? (v.api ? "yes" : "no") : "not yet available")));
    expect(row("concurrency")).toEqual(json.map((v) => String(v.concurrency.default)));
  });
});
