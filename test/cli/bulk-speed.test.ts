/**
 * Bulk writes at the speed of the network, under the documented rate limit (issue 12 item 3).
 * No timing assertions (the figures are the benchmark's): what the simulators saw instead. With
 * latency, a --concurrency 8 run keeps up to 8 requests in flight and never more; it sends exactly
 * items x requests-per-close (+ what the run sends once, such as a token or a status table); its
 * NDJSON is one line per item in input order. Against a Comm100 simulator that enforces a small
 * window, the pacer (src/http/pace.ts) gets every item done with no 429, and the same run without
 * it (TICKET_RATE_LIMIT=off) does meet 429s.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { describeRateLimit, Pacer, parseRateLimit, rateLimitOf } from "../../src/http/pace.js";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import { startSimulator as startComm100 } from "../../src/sandbox/comm100/index.js";
import type { RecordedRequest, Simulator, SimulatorOptions } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

interface Result {
  id: string;
  ok: boolean;
  exitCode: number;
  error?: { code: string; message: string; httpStatus: number | null };
  ticket?: { id: string; status: string };
}
const ndjson = (s: string) =>
  s
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Result);

/** A profile for a simulator, added the way `ticket sandbox` prints it. */
async function profileFor(vendor: VendorName, sim: Simulator) {
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile(vendor, sim, { configDir: dir });
  return { dir, env, profile: `sandbox-${vendor}` };
}

/**
 * Counts, exactly, how many requests the simulator held unanswered when each one arrived (a
 * request is answered once its status is recorded): the most it ever held at once.
 */
function inFlight(sim: Simulator) {
  const log = sim.requests;
  const push = log.push.bind(log);
  let max = 0;
  log.push = (...items: RecordedRequest[]) => {
    for (const item of items) {
      const open = log.filter((r) => r.status === undefined).length + 1;
      max = Math.max(max, open);
      push(item);
    }
    return log.length;
  };
  return {
    get max() {
      return max;
    },
    reset: () => (max = 0),
  };
}

const VENDORS: VendorName[] = ["zaia", "3dolphins", "sobot", "comm100"];

describe.each(VENDORS)("%s: close - --concurrency 8 against the simulator with 30 ms latency", (vendor) => {
  let sim: Simulator;
  let box: Awaited<ReturnType<typeof profileFor>>;
  let open: string[];
  beforeAll(async () => {
    const opts: SimulatorOptions = { tickets: 480, latencyMs: 30 };
    sim = await (await VENDOR_DESCRIPTORS[vendor].loadSimulator!()).startSimulator(opts);
    box = await profileFor(vendor, sim);
    const list = await runCli(["-p", box.profile, "list", "--all", "--ndjson", "--fields", "id,status"], { configDir: box.dir, env: box.env });
    expect(list.code, list.stderr).toBe(0);
    open = ndjson(list.stdout)
      .filter((t) => !["closed", "resolved"].includes((t as unknown as { status: string }).status))
      .map((t) => t.id);
    expect(open.length).toBeGreaterThanOrEqual(43);
  });
  afterAll(() => sim.close());

  it("keeps 8 requests in flight and never more; items x requests-per-close (+ once per run); one NDJSON line per item, in input order", async () => {
    const close = (ids: string[], concurrency = "8") =>
      runCli(["-p", box.profile, "close", "-", "--concurrency", concurrency, "--ndjson"], { configDir: box.dir, env: box.env, input: `${ids.join("\n")}\n` });
    // Requests per close: one item, then two (what the run sends once is the same in both).
    sim.requests.length = 0;
    expect((await close(open.slice(0, 1))).code).toBe(0);
    const one = sim.requests.length;
    sim.requests.length = 0;
    expect((await close(open.slice(1, 3))).code).toBe(0);
    const perClose = sim.requests.length - one;
    const once = one - perClose;
    expect(perClose).toBeGreaterThanOrEqual(1);
    expect(once).toBeGreaterThanOrEqual(0);

    // The bulk run: 40 items, reversed so input order is not the seed's.
    const ids = open.slice(3, 43).reverse();
    sim.requests.length = 0;
    const watch = inFlight(sim);
    const r = await close(ids);
    expect(r.code, r.stderr).toBe(0);
    expect(watch.max, "requests in flight at once").toBe(8);
    expect(sim.requests).toHaveLength(once + ids.length * perClose);
    expect(sim.requests.filter((q) => (q.status ?? 0) >= 400)).toEqual([]);
    // Every item sent its writes once: each ticket id is named by the same number of write requests.
    const writes = sim.requests.filter((q) => q.method !== "GET");
    const naming = (id: string) => writes.filter((q) => q.path.split("/").includes(id) || new RegExp(`\\b${id}\\b`).test(q.rawBody)).length;
    expect(new Set(ids.map(naming))).toEqual(new Set([writes.length / ids.length]));
    expect(writes.length / ids.length).toBeGreaterThanOrEqual(1);
    const results = ndjson(r.stdout);
    expect(results.map((x) => x.id)).toEqual(ids);
    for (const x of results) {
      expect(x).toMatchObject({ ok: true, exitCode: 0 });
      expect(x.ticket?.status).toMatch(/closed|resolved/);
    }
  });

  it("--concurrency 3 never has more than 3 in flight", async () => {
    const ids = open.slice(43, 55);
    if (ids.length < 12) return;
    sim.requests.length = 0;
    const watch = inFlight(sim);
    const r = await runCli(["-p", box.profile, "close", ...ids, "--concurrency", "3", "--ndjson"], { configDir: box.dir, env: box.env });
    expect(r.code, r.stderr).toBe(0);
    expect(watch.max).toBe(3);
    expect(ndjson(r.stdout).map((x) => x.id)).toEqual(ids);
  });
});

describe("Comm100 with its rate limit enforced by the simulator (20 calls per 2 s)", () => {
  const WINDOW = { calls: 20, perMs: 2_000 };
  let sims: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.close()));
    sims = [];
  });

  async function enforced() {
    const sim = await startComm100({ tickets: 120, latencyMs: 20, rateLimit: WINDOW });
    sims.push(sim);
    const box = await profileFor("comm100", sim);
    const ids = sim.state.tickets
      .filter((t) => t.status !== "resolved" && !t.isInRecycleBin && t.mergedToTargetId === null)
      .slice(0, 40)
      .map((t) => String(t.id));
    expect(ids).toHaveLength(40);
    sim.requests.length = 0;
    return { sim, box, ids };
  }

  /** The most requests the simulator admitted in any window of perMs. */
  function busiestWindow(sim: Simulator, arrivals: number[]): number {
    let most = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i]! - arrivals[j]! >= WINDOW.perMs) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  function arrivalsOf(sim: Simulator) {
    const at: number[] = [];
    const push = sim.requests.push.bind(sim.requests);
    sim.requests.push = (...items: RecordedRequest[]) => {
      for (const _ of items) at.push(Date.now());
      return push(...items);
    };
    return at;
  }

  it("paced (TICKET_RATE_LIMIT=20/2): 40 closes at --concurrency 8 get no 429 and every item is done", async () => {
    const { sim, box, ids } = await enforced();
    const arrivals = arrivalsOf(sim);
    const r = await runCli(["-p", box.profile, "close", "-", "--concurrency", "8", "--ndjson"], {
      configDir: box.dir,
      env: { ...box.env, TICKET_RATE_LIMIT: "20/2" },
      input: ids.join("\n"),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(sim.requests.filter((q) => q.status === 429)).toEqual([]);
    const results = ndjson(r.stdout);
    expect(results.map((x) => x.id)).toEqual(ids);
    expect(results.every((x) => x.ok)).toBe(true);
    // More than one window's worth was sent, never more than a window's worth in any window.
    expect(sim.requests.length).toBeGreaterThan(WINDOW.calls * 2);
    expect(busiestWindow(sim, arrivals)).toBeLessThanOrEqual(WINDOW.calls);
    // Scripts see nothing of the waiting (stderr is not a terminal, no --verbose).
    expect(r.stderr).toBe("");
  });

  it("unpaced (TICKET_RATE_LIMIT=off): the same run meets the simulator's 429s", async () => {
    const { sim, box, ids } = await enforced();
    const r = await runCli(["-p", box.profile, "close", "-", "--concurrency", "8", "--ndjson"], {
      configDir: box.dir,
      env: { ...box.env, TICKET_RATE_LIMIT: "off" },
      input: ids.join("\n"),
    });
    expect(sim.requests.filter((q) => q.status === 429).length).toBeGreaterThan(0);
    expect(ndjson(r.stdout)).toHaveLength(ids.length);
  });

  it("--verbose says each wait on the limit; a bad TICKET_RATE_LIMIT is one line, exit 2, nothing sent", async () => {
    const { sim, box, ids } = await enforced();
    const r = await runCli(["-p", box.profile, "--verbose", "close", ...ids.slice(0, 10), "--concurrency", "4", "--ndjson"], {
      configDir: box.dir,
      env: { ...box.env, TICKET_RATE_LIMIT: "6/1" },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/waiting .*for a place under Comm100's rate limit of 6 calls per 1 s/);
    sim.requests.length = 0;
    const bad = await runCli(["-p", box.profile, "close", ids[20]!, ids[21]!], { configDir: box.dir, env: { ...box.env, TICKET_RATE_LIMIT: "lots" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/TICKET_RATE_LIMIT takes CALLS\/SECONDS/);
    expect(sim.requests).toEqual([]);
  });
});

describe.skipIf(!hasTmux)("waiting on the rate limit, on a terminal (tmux)", () => {
  it("is said once, however many requests wait", async () => {
    const sim = await startComm100({ tickets: 60, latencyMs: 20 });
    const tty = new TtySession(200, 50);
    try {
      const box = await profileFor("comm100", sim);
      const ids = sim.state.tickets.filter((t) => t.status !== "resolved" && !t.isInRecycleBin).slice(0, 6).map((t) => String(t.id));
      // 18 requests under 5 per second: several waits.
      tty.start([process.execPath, BIN, "-p", box.profile, "--yes", "close", ...ids, "--concurrency", "4"], { ...box.env, TICKET_CONFIG_DIR: box.dir, TICKET_RATE_LIMIT: "5/1" });
      const end = await tty.waitFor(/EXIT=\d+/, 60_000);
      expect(end).toMatch(/EXIT=0/);
      const said = end.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").match(/waiting on Comm100's rate limit of 5 calls per 1 s/g) ?? [];
      expect(said).toHaveLength(1);
      expect(sim.requests.filter((q) => q.method === "PUT")).toHaveLength(ids.length);
    } finally {
      tty.close();
      await sim.close();
    }
  }, 60_000);
});

describe("the pacer (src/http/pace.ts)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("Comm100's documented limit is the descriptor's; the others document none", () => {
    expect(VENDOR_DESCRIPTORS.comm100.rateLimit).toMatchObject({ calls: 300, perMs: 300_000 });
    expect(describeRateLimit(VENDOR_DESCRIPTORS.comm100.rateLimit!)).toBe("300 calls per 5 min");
    for (const v of ["zaia", "sobot", "3dolphins"] as const) expect(VENDOR_DESCRIPTORS[v].rateLimit).toBeUndefined();
    expect(rateLimitOf({ documented: { calls: 300, perMs: 300_000 } }, {})).toEqual({ calls: 300, perMs: 300_000 });
    expect(rateLimitOf({ documented: { calls: 300, perMs: 300_000 } }, { TICKET_RATE_LIMIT: "600/300" })).toEqual({ calls: 600, perMs: 300_000 });
    expect(rateLimitOf({ documented: { calls: 300, perMs: 300_000 } }, { TICKET_RATE_LIMIT: "off" })).toBeNull();
    expect(rateLimitOf({}, {})).toBeNull();
    expect(parseRateLimit("20/2", "x")).toEqual({ calls: 20, perMs: 2000 });
    for (const bad of ["0/5", "5", "5/0", "a/b", "-1/2"]) expect(() => parseRateLimit(bad, "TICKET_RATE_LIMIT")).toThrow(/CALLS\/SECONDS/);
  });

  it("a place is given again a whole window after its request ended, in the order asked", async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = new Pacer({ calls: 2, perMs: 1000 });
    const a = await pacer.acquire();
    const b = await pacer.acquire();
    const order: string[] = [];
    let waited = -1;
    const c = pacer.acquire(undefined, (ms) => (waited = ms)).then((s) => (order.push("c"), s));
    const d = pacer.acquire().then((s) => (order.push("d"), s));
    expect(waited).toBe(Infinity); // both places are in flight: no time frees them
    await vi.advanceTimersByTimeAsync(5000);
    expect(order).toEqual([]);
    pacer.release(a); // answered at t=5000: counts until 6000
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(["c"]);
    pacer.release(b);
    pacer.release(await c);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(["c", "d"]);
    pacer.release(await d); // b and c stopped counting as d got its place (t=7000); d counts until 8000
    expect(pacer.inWindow).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(pacer.inWindow).toBe(0);
  });

  it("an aborted wait gives up its turn with an interruption", async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = new Pacer({ calls: 1, perMs: 1000 });
    await pacer.acquire();
    const stop = new AbortController();
    const waiting = pacer.acquire(stop.signal);
    stop.abort();
    await expect(waiting).rejects.toMatchObject({ code: "interrupted" });
  });
});
