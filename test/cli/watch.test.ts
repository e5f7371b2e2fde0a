/**
 * `ticket watch` (issue 13 item 2), spawned against the Comm100 simulator with real changes made by
 * other processes (`ticket close`, `ticket assign`): each change is one event, exactly once; a
 * restart with `--since @last --checkpoint` repeats nothing and misses nothing; a profile that goes
 * down (its fault proxy closed) is told dark and back, and the change made meanwhile is reported;
 * --exec failures are reported and the watch goes on; a real shell pipeline sees each event as it
 * comes; `| head -3` ends it with 0; Ctrl-C 130 / SIGTERM 143; a terminal capture through tmux.
 * No sleep is an assertion: every wait is for a line (or a simulator request) with a timeout.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import { startFaultProxy, type FaultProxy } from "../../src/sandbox/shared/fault-proxy.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { deadPort, sandboxProfileInput } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";
import { killAfterTest, sleep, Watch } from "../helpers/watch.js";

const PROFILE = "sandbox-comm100";

describe("ticket watch (Comm100 simulator)", () => {
  let sim: Simulator;
  let proxy: FaultProxy;
  let proxyPort: number;
  const dir = tempConfigDir();
  const env: Record<string, string> = { DEAD_TOKEN: "not-used-anywhere" };
  let ids: string[];
  let agents: string[];
  // TICKET_RATE_LIMIT=off: these polls go at 0.3 s; Comm100's own floor is tested below, with the other vendors.
  const baseEnv = () => ({ PATH: process.env["PATH"] ?? "", HOME: dir, CI: "true", TICKET_CONFIG_DIR: dir, TICKET_RETRY_BASE_MS: "5", TICKET_RATE_LIMIT: "off", ...env });
  const cli = (...args: string[]) => runCli(args, { configDir: dir, env: { TICKET_RATE_LIMIT: "off", ...env } });
  const watch = (...args: string[]) => new Watch(args, baseEnv());
  /** List requests the simulator answered. */
  const listsAnswered = () => sim.requests.filter((r) => r.method === "GET" && /\/tickets$/.test(r.path) && r.status !== undefined).length;
  const morePolls = async (w: Watch, n: number) => {
    const target = listsAnswered() + n;
    await w.until(() => listsAnswered() >= target, `${n} more polls`);
  };
  const current = async (id: string) => {
    const r = await cli("-p", PROFILE, "list", "--all", "--json");
    return (JSON.parse(r.stdout) as { id: string; status: string; updatedAt: string; assignee: { id: string } | null }[]).find((t) => t.id === id)!;
  };
  const close = async (id: string) => expect((await cli("-p", PROFILE, "close", id, "-q")).code).toBe(0);
  const assign = async (id: string, to: string) => {
    const r = await cli("-p", PROFILE, "assign", id, "--to", to, "-q");
    expect(r.code, r.stderr).toBe(0);
  };

  beforeAll(async () => {
    sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 25 });
    const input = sandboxProfileInput("comm100", sim);
    Object.assign(env, input.env);
    const add = await cli(...input.argv);
    expect(add.code, add.stderr).toBe(0);
    // The same helpdesk behind a fault proxy, for the outage test (profile "flaky").
    proxyPort = await deadPort();
    proxy = await startFaultProxy({ upstream: sim.baseUrl, vendor: "comm100", port: proxyPort });
    const flaky = sandboxProfileInput("comm100", sim, { name: "flaky", baseUrl: proxy.wrap(sim.baseUrl) }).argv;
    expect((await cli(...flaky)).code).toBe(0);
    const all = JSON.parse((await cli("-p", PROFILE, "list", "--all", "--json")).stdout) as { id: string; status: string; assignee: { id: string } | null }[];
    ids = all.filter((t) => t.status !== "resolved" && t.status !== "closed").map((t) => t.id);
    agents = [...new Set(all.map((t) => t.assignee?.id).filter((a): a is string => Boolean(a)))];
    expect(ids.length).toBeGreaterThan(10);
    expect(agents.length).toBeGreaterThan(1);
  });
  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
  });

  it("--ndjson sees a close and an assign made by other processes, each exactly once, then Ctrl-C is 130", async () => {
    const w = watch("-p", PROFILE, "watch", "--ndjson", "--interval", "0.3");
    await w.waitErr(/profile sandbox-comm100: watching, a poll every/);
    expect(w.out).toBe(""); // the baseline prints nothing
    const [a, b] = [ids[0]!, ids[1]!];
    const beforeA = await current(a);
    const beforeB = await current(b);
    const to = agents.find((x) => x !== beforeB.assignee?.id)!;
    await close(a);
    await w.waitEvents(1);
    await assign(b, to);
    await w.waitEvents(2);
    const seen = sim.requests.length;
    await morePolls(w, 3);
    const polls = sim.requests.slice(seen).filter((r) => r.method === "GET" && /\/tickets$/.test(r.path));
    const afterA = await current(a);
    const afterB = await current(b);
    expect(w.events).toEqual([
      { type: "status", at: afterA.updatedAt, profile: PROFILE, vendor: "comm100", ticket: a, subject: expect.any(String), changes: { status: { from: beforeA.status, to: afterA.status } } },
      {
        type: "assigned",
        at: afterB.updatedAt,
        profile: PROFILE,
        vendor: "comm100",
        ticket: b,
        subject: expect.any(String),
        changes: { assignee: { from: beforeB.assignee ? expect.objectContaining({ id: beforeB.assignee.id }) : null, to: expect.objectContaining({ id: to }) } },
      },
    ]);
    // Polls after the baseline ask Comm100 only for what changed (its `time` filter, doc line 85).
    expect(polls.length).toBeGreaterThanOrEqual(3);
    for (const p of polls) expect(Date.parse(String(p.query["time"]))).toBeGreaterThan(Date.parse(afterB.updatedAt) - 120_000);
    expect(await w.stop("SIGINT")).toBe(130);
    expect(w.err.trim().split("\n").at(-1)).toBe('{"error":{"code":"interrupted","message":"interrupted","exitCode":130,"vendor":null,"httpStatus":null}}');
    expect(w.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it("--since @last --checkpoint: a restart reports the change made while stopped once, and nothing earlier; a second watch of it refuses", async () => {
    const file = join(dir, "state", "watch", PROFILE, "bot.json");
    const args = ["-p", PROFILE, "watch", "--ndjson", "--interval", "0.3", "--since", "@last", "--checkpoint", "bot"];
    const w1 = watch(...args);
    await w1.waitErr(/checkpoint "bot" is new: watching changes from now/);
    await w1.waitErr(/watching, a poll every/);
    const [c, d] = [ids[2]!, ids[3]!];
    await close(c);
    await w1.waitEvents(1);
    // Another watch of the same checkpoint at once: refused, exit 1, one line.
    const second = await cli(...args);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^\{"error":\{"code":"failed","message":"checkpoint \\"bot\\" of profile sandbox-comm100 is in use by another ticket watch/);
    expect(second.stderr.trim().split("\n")).toHaveLength(1);
    expect(await w1.stop("SIGINT")).toBe(130);
    expect(w1.events.map((e) => [e.type, e.ticket])).toEqual([["status", c]]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, "utf8")) as { mark: string; tickets: Record<string, { status: string }> };
    expect(saved.tickets[c]!.status).toBe((await current(c)).status);

    await close(d); // while no watch runs
    const w2 = watch(...args);
    await w2.waitEvents(1);
    await w2.waitErr(/watching, a poll every/);
    await morePolls(w2, 3);
    expect(w2.events.map((e) => [e.type, e.ticket, e.changes["status"]?.to])).toEqual([["status", d, (await current(d)).status]]);
    expect(w2.err).not.toMatch(/is new/);
    expect(await w2.stop("SIGTERM")).toBe(143);

    // A third start with nothing changed in between: nothing at all.
    const w3 = watch(...args);
    await w3.waitErr(/watching, a poll every/);
    await morePolls(w3, 2);
    expect(w3.out).toBe("");
    expect(await w3.stop()).toBe(130);
  });

  it("survives its profile going down and coming back: one dark line, one back line, and the change made meanwhile", async () => {
    const w = watch("-p", "flaky", "watch", "--ndjson", "--interval", "0.3");
    await w.waitErr(/profile flaky: watching/);
    await proxy.close();
    await w.waitErr(/ticket: profile flaky: unreachable \(cannot connect to Comm100: connection refused\), retrying in \d/);
    const e = ids[4]!;
    await close(e); // straight to the simulator, while the watch cannot reach it
    proxy = await startFaultProxy({ upstream: sim.baseUrl, vendor: "comm100", port: proxyPort });
    await w.waitErr(/ticket: profile flaky: back after \d/);
    await w.waitEvents(1);
    await morePolls(w, 2);
    expect(w.events.map((x) => [x.type, x.profile, x.ticket])).toEqual([["status", "flaky", e]]);
    expect(w.err.match(/unreachable/g)).toHaveLength(1);
    expect(w.err.match(/back after/g)).toHaveLength(1);
    console.log(`stderr of a watch whose profile went down and came back:\n${w.err}`);
    expect(await w.stop()).toBe(130);
  });

  it("a 429 is waited out: one \"rate limited\" line, then back, and nothing is lost", async () => {
    const w = watch("-p", PROFILE, "watch", "--ndjson", "--interval", "0.3");
    await w.waitErr(/profile sandbox-comm100: watching/);
    // Three 429s with Retry-After: 1: the request and its two retries, so the poll fails.
    sim.fail({ kind: "status", status: 429, retryAfter: 1 }, 3);
    await w.waitErr(/ticket: profile sandbox-comm100: rate limited \(Comm100 rate limit hit \(HTTP 429\).*\), retrying in \d/);
    await w.waitErr(/ticket: profile sandbox-comm100: back after \d/);
    const z = ids[11]!;
    await close(z);
    await w.waitEvents(1);
    expect(w.events.map((x) => [x.type, x.ticket])).toEqual([["status", z]]);
    expect(await w.stop()).toBe(130);
  });

  it("a dead profile among live ones goes dark; the live one's events still flow", async () => {
    const dead = await cli("profile", "add", "dead", "--vendor", "comm100", "--base-url", `http://127.0.0.1:${await deadPort()}/v4`, "--token-env", "DEAD_TOKEN");
    expect(dead.code, dead.stderr).toBe(0);
    const w = watch("-p", `${PROFILE},dead`, "watch", "--ndjson", "--interval", "0.3");
    await w.waitErr(/profile sandbox-comm100: watching/);
    await w.waitErr(/ticket: profile dead: unreachable \(cannot connect to Comm100: connection refused\), retrying in/);
    const f = ids[5]!;
    await close(f);
    await w.waitEvents(1);
    expect(w.events.map((x) => [x.profile, x.ticket])).toEqual([[PROFILE, f]]);
    expect(await w.stop()).toBe(130);
    expect((await cli("profile", "remove", "dead")).code).toBe(0);
  });

  it("--exec: each event on the command's stdin; a failing command is reported with its event and exit code, and the watch goes on", async () => {
    const log = join(dir, "exec.log");
    const w = new Watch(["-p", PROFILE, "watch", "--ndjson", "--interval", "0.3", "--exec", 'cat >> "$EXEC_LOG"; exit 3'], { ...baseEnv(), EXEC_LOG: log });
    await w.waitErr(/watching/);
    const [g, h] = [ids[6]!, ids[7]!];
    await close(g);
    await w.waitErr(new RegExp(`--exec failed for the status event of ticket ${g} \\(profile ${PROFILE}\\): exit 3\\n`));
    await close(h);
    await w.waitErr(new RegExp(`--exec failed for the status event of ticket ${h} \\(profile ${PROFILE}\\): exit 3\\n`));
    expect(w.events.map((e) => e.ticket)).toEqual([g, h]);
    const seen = readFileSync(log, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Event);
    expect(seen).toEqual(w.events);
    expect(await w.stop()).toBe(130);

    // A command that does not exist: the shell's 127, told as such.
    const n = new Watch(["-p", PROFILE, "watch", "--ndjson", "--interval", "0.3", "--exec", "no-such-command-for-ticket-watch"], baseEnv());
    await n.waitErr(/watching/);
    await close(ids[8]!);
    await n.waitErr(/--exec failed for the status event of ticket \d+ \(profile sandbox-comm100\): exit 127 \(command not found\)/);
    expect(n.child.exitCode).toBe(null); // still watching
    expect(await n.stop()).toBe(130);
  });

  it("a shell pipeline sees each event as it happens (`| while read`), and `| head -3` ends the watch with 0", async () => {
    const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const loop = spawn("bash", ["-c", `${q(process.execPath)} ${q(BIN)} -p ${PROFILE} watch --ndjson --interval 0.3 | while read -r ev; do echo "seen $ev"; done`], {
      env: baseEnv(),
      detached: true,
    });
    killAfterTest(loop);
    let out = "";
    let err = "";
    loop.stdout.on("data", (d: Buffer) => (out += d.toString()));
    loop.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const until = async (f: () => boolean, label: string) => {
      const end = Date.now() + 20_000;
      while (!f()) {
        if (Date.now() > end) throw new Error(`timed out: ${label}\n${out}\n${err}`);
        await sleep(25);
      }
    };
    await until(() => /watching/.test(err), "watching");
    const k = ids[9]!;
    await close(k);
    await until(() => out.includes(`"ticket":"${k}"`), "the event through the loop");
    expect(out).toMatch(new RegExp(`^seen \\{"type":"status",.*"ticket":"${k}"`));
    process.kill(-loop.pid!, "SIGINT");
    await new Promise((r) => loop.on("close", r));

    // --since 30d: the first poll reports every ticket changed in 30 days (more than 3). A pipe tells
    // its writer that the reader left only at the next write (as with `tail -f | head`), so one more
    // change is made once head has printed its three lines: that event's write ends the watch.
    let headOut = "";
    let change: Promise<void> = Promise.resolve();
    const head = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("bash", ["-c", `set -o pipefail; ${q(process.execPath)} ${q(BIN)} -p ${PROFILE} watch --ndjson --interval 0.3 --since 30d | head -3`], { env: baseEnv(), detached: true });
      killAfterTest(child);
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (headOut += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stdout: headOut, stderr }));
      change = until(() => headOut.split("\n").filter(Boolean).length >= 3, "head's three lines").then(() => close(ids[12]!));
    });
    await change;
    expect(head.code, head.stderr).toBe(0);
    expect(head.stdout.split("\n").filter(Boolean)).toHaveLength(3);
    expect(head.stderr).not.toMatch(/error|EPIPE/i);
  });

  it("piped without --ndjson: tab-separated lines with customer text made terminal-safe; --ndjson keeps it faithful", async () => {
    const esc = await startFaultProxy({ upstream: sim.baseUrl, vendor: "comm100", spec: "escapes:reads" });
    try {
      const { argv } = sandboxProfileInput("comm100", sim, { name: "esc", baseUrl: esc.wrap(sim.baseUrl) });
      expect((await cli(...argv)).code).toBe(0);
      const plain = watch("-p", "esc", "watch", "--interval", "0.3", "--since", "30d");
      await plain.waitErr(/profile esc: watching/);
      expect(await plain.stop()).toBe(130);
      const lines = plain.out.split("\n").filter(Boolean);
      expect(lines.length).toBeGreaterThan(3);
      for (const l of lines) {
        expect(l.split("\t")).toHaveLength(6);
        expect(l).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }
      const json = watch("-p", "esc", "watch", "--ndjson", "--interval", "0.3", "--since", "30d");
      await json.waitErr(/profile esc: watching/);
      expect(await json.stop()).toBe(130);
      expect(json.events).toHaveLength(lines.length);
      expect(json.events.some((e) => e.subject.includes("\u001b"))).toBe(true);
    } finally {
      await esc.close();
      await cli("profile", "remove", "esc");
    }
  });

  it("usage errors: one line, exit 2, nothing sent", async () => {
    sim.requests.length = 0;
    for (const [args, message] of [
      [["watch", "--json"], "use --ndjson"],
      [["watch", "--interval", "0"], "--interval takes seconds"],
      [["watch", "--interval", "soon"], "--interval takes seconds"],
      [["watch", "--since", "@last"], "--since @last needs --checkpoint NAME"],
      [["watch", "--checkpoint", "x"], "--checkpoint works with --since @last"],
      [["watch", "--concurrency", "3"], "it needs --exec"],
    ] as const) {
      const r = await cli("-p", PROFILE, ...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(message);
    }
    expect(sim.requests).toEqual([]);
  });

  it.skipIf(!hasTmux)("on a terminal: a readable line per change (time, ticket, status from → to, subject)", async () => {
    const tty = new TtySession(100, 20);
    try {
      tty.start([process.execPath, BIN, "-p", PROFILE, "watch", "--interval", "0.3"], { ...env, HOME: dir, TICKET_CONFIG_DIR: dir, PATH: process.env["PATH"] ?? "" });
      await tty.waitFor(/watching, a poll every/);
      const m = ids[10]!;
      const before = await current(m);
      await close(m);
      const after = await current(m);
      const screen = await tty.waitFor(new RegExp(`#${m}`));
      const plain = screen.replace(/\u001b\[[0-9;]*m/g, "");
      expect(plain).toMatch(new RegExp(`\\d\\d:\\d\\d:\\d\\d  #${m}  status ${before.status} → ${after.status}  \\S`));
      expect(screen).toContain("\u001b["); // colored on a terminal
      console.log(`watch on a terminal (tmux capture, 100 columns):\n${plain}`);
      tty.keys("C-c");
      await tty.waitFor(/EXIT=130/);
    } finally {
      tty.close();
    }
  });

  it("the demo (no profile configured) is watched too", async () => {
    const demoDir = tempConfigDir();
    const w = new Watch(["watch", "--ndjson", "--interval", "0.3"], { PATH: process.env["PATH"] ?? "", HOME: demoDir, CI: "true", TICKET_CONFIG_DIR: demoDir });
    await w.waitErr(/profile demo: watching, a poll every/);
    expect(w.out).toBe("");
    expect(await w.stop()).toBe(130);
    expect(existsSync(join(demoDir, "state"))).toBe(true);
  });
});
