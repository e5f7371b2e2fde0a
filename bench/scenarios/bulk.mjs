// Closing N tickets at 50 ms simulated latency with --concurrency 8 (issue 12 item 3: at most 1.15x the
// ideal N x requests-per-close x 50 ms / 8, and under the vendor's documented rate limit when the
// simulator enforces one). The simulator runs with `--latency 50` behind the counting proxy; requests
// per close are counted (requests naming one of the ids in their URL or body, over N), not assumed, and
// requests naming none (a token, a lookup) are reported as one-off. Each run gets a fresh simulator, so
// every run closes tickets that are open.
//
// Comm100 documents 300 calls per 5 minutes per IP (vendor-notes 2.1), which the CLI paces under
// (src/http/pace.ts). Two measured rows, so neither hides the other:
// - latency: 1,000 closes with no limit on either side (the simulator enforces none, TICKET_RATE_LIMIT=off),
//   against the same latency ideal as the other vendors;
// - paced: the simulator enforcing the documented 300 calls per window with the window scaled down to
//   PACED.seconds (`--rate-limit 300/S`), the CLI told the same (TICKET_RATE_LIMIT=300/S), enough closes
//   for PACED.windows windows; against the time the limit itself forces (rateIdeal), with the 429s
//   received (must be 0) and the busiest window's calls through the proxy (must be <= 300).
import { BIN } from "../lib/paths.mjs";
import { check, measure, median } from "../lib/measure.mjs";
import { addProfile, makeHome } from "../lib/profile.mjs";
import { startProxy } from "../lib/proxy.mjs";
import { startSandbox } from "../lib/sim.mjs";
import { ms, plainRow, row } from "../lib/table.mjs";

const LATENCY = 50;
const CONCURRENCY = 8;
const WARM_UP = 16;
const MAX_SEED = 40_000;
/** vendor-notes 2.1. */
const COMM100_LIMIT = { calls: 300, minutes: 5 };
/** The paced row: Comm100's 300 calls per window, the window scaled down to seconds; closes enough for `windows` windows. */
const PACED = { calls: COMM100_LIMIT.calls, seconds: 4, windows: 4 };
const DONE = new Set(["closed", "resolved"]);
/** Open tickets only, so the list stays short on seeds that are mostly closed. */
const OPEN = "new,open,pending,on_hold";

export async function bulk({ runs, progress, tickets, vendors }) {
  const rows = [];
  const notes = [];
  for (const vendor of vendors) {
    const paced = vendor === "comm100";
    const label = paced ? `${vendor}, no rate limit: simulator enforces none, TICKET_RATE_LIMIT=off` : vendor;
    let rpc = null;
    try {
      rpc = await bulkVendor(vendor, { runs, progress, n: tickets(vendor), rows, notes, label, env: paced ? { TICKET_RATE_LIMIT: "off" } : {} });
    } catch (err) {
      failed(vendor, `close tickets (${label})`, err, { progress, rows, notes });
    }
    if (!paced) continue;
    try {
      await bulkPaced(vendor, { runs, progress, rpc: rpc ?? 2, rows, notes });
    } catch (err) {
      failed(vendor, `close tickets under a rate limit (${vendor})`, err, { progress, rows, notes });
    }
  }
  return { rows, notes };
}

function failed(vendor, scenario, err, { progress, rows, notes }) {
  progress(`bulk ${vendor} failed: ${err.message}`);
  rows.push(plainRow(scenario, "not measured", "–", "see the note", false));
  notes.push(`bulk ${vendor}: not measured: ${err.message.split("\n")[0]}`);
}

/** A fresh simulator (behind the proxy) with at least `need` open tickets, and their ids. */
async function openSimulator(vendor, { home, proxy, progress, need, seed, label, sim: simOpts = {}, env = {} }) {
  for (let attempt = 0; ; attempt++) {
    progress(`bulk ${label}: starting the simulator (${seed} tickets, latency ${LATENCY} ms${simOpts.rateLimit ? `, rate limit ${simOpts.rateLimit}` : ""})`);
    const sim = await startSandbox(vendor, { tickets: seed, latency: LATENCY, ...simOpts });
    if (proxy.current) proxy.current.setUpstream(sim.baseUrl);
    else proxy.current = await startProxy(sim.baseUrl);
    const P = await addProfile(home, sim, { name: "bulk", baseUrl: proxy.current.wrap(sim.baseUrl) });
    const ids = await openIds(home, P, env).catch(async (err) => {
      await sim.stop();
      throw err;
    });
    if (ids.length >= need || attempt > 0 || seed >= MAX_SEED) return { sim, P, ids, seed };
    seed = Math.min(MAX_SEED, Math.ceil((seed * need * 1.3) / Math.max(ids.length, 1)));
    await sim.stop();
  }
}

/** The latency row; returns the requests per close it counted. */
async function bulkVendor(vendor, { runs, progress, n, rows, notes, label, env }) {
  const home = makeHome();
  const proxy = { current: null };
  const times = [];
  const counts = [];
  const phases = [];
  try {
    let seed = Math.max(3 * n, 300);
    for (let run = 0; run < runs; run++) {
      const need = n + (run === 0 ? WARM_UP : 0);
      const opened = await openSimulator(vendor, { home, proxy, progress, need, seed, label: `${vendor} ${run + 1}/${runs}`, env });
      seed = opened.seed;
      const { sim, P, ids } = opened;
      try {
        const warm = run === 0 ? ids.splice(Math.max(ids.length - WARM_UP, 1), WARM_UP) : [];
        if (warm.length > 0) check(await close(home, P, warm, env), `ticket close (${vendor}, warm-up)`);
        const batch = ids.slice(0, n);
        if (batch.length < n && run === 0) notes.push(`bulk ${vendor}: only ${batch.length} open tickets to close (asked for ${n}).`);
        proxy.current.reset();
        progress(`bulk ${vendor} ${run + 1}/${runs}: closing ${batch.length} tickets`);
        const r = check(await close(home, P, batch, env), `ticket close (${vendor})`);
        times.push(r.ms);
        counts.push(perClose(proxy.current.log, batch));
        phases.push(phasesOf(proxy.current.log, r));
      } finally {
        await sim.stop();
      }
    }
  } finally {
    await proxy.current?.close();
  }
  const stats = counts[0];
  const rpc = median(counts.map((c) => c.rpc));
  const took = median(times);
  const ideal = (stats.n * rpc * LATENCY) / CONCURRENCY;
  rows.push(
    row(`close ${stats.n.toLocaleString("en-US")} tickets, ${LATENCY} ms latency, --concurrency ${CONCURRENCY} (${label})`, ms(took), `ideal ${ms(ideal)} (${stats.n} × ${rpc.toFixed(2)} req × ${LATENCY} ms / ${CONCURRENCY})`, took / ideal, 1.15),
  );
  const throttled = counts.reduce((a, c) => a + c.throttled, 0);
  notes.push(
    `bulk ${vendor}: median of ${runs}; ${rpc.toFixed(2)} requests per close (${stats.methods}), ${stats.oneOff} one-off request(s) naming no ticket${throttled ? `, ${throttled} answered 429` : ""}; ${describePhases(phases)}.`,
  );
  return rpc;
}

/** The paced row (Comm100): the simulator enforcing PACED, the CLI pacing under the same. */
async function bulkPaced(vendor, { runs, progress, rpc, rows, notes }) {
  const spec = `${PACED.calls}/${PACED.seconds}`;
  const windowMs = PACED.seconds * 1000;
  const env = { TICKET_RATE_LIMIT: spec };
  // Enough closes for the last window to be half used: (windows - 0.5) windows of calls.
  const n = Math.floor(((PACED.windows - 0.5) * PACED.calls) / rpc);
  const home = makeHome();
  const proxy = { current: null };
  const results = [];
  try {
    let seed = Math.max(3 * n, 300);
    for (let run = 0; run < runs; run++) {
      const opened = await openSimulator(vendor, { home, proxy, progress, need: n, seed, label: `${vendor} paced ${run + 1}/${runs}`, sim: { rateLimit: spec }, env });
      seed = opened.seed;
      const { sim, P, ids } = opened;
      try {
        // The listing's calls count in the simulator's window too: start once none of them does.
        const lastEnd = Math.max(0, ...proxy.current.log.map((e) => e.end ?? e.t));
        const wait = lastEnd + windowMs + 100 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const batch = ids.slice(0, n);
        proxy.current.reset();
        progress(`bulk ${vendor} paced ${run + 1}/${runs}: closing ${batch.length} tickets under ${spec}`);
        const r = check(await close(home, P, batch, env), `ticket close (${vendor}, paced)`);
        const log = proxy.current.log;
        const c = perClose(log, batch);
        results.push({ ms: r.ms, n: batch.length, calls: log.length, rpc: c.rpc, methods: c.methods, throttled: c.throttled, busiest: busiestWindow(log, windowMs), phases: phasesOf(log, r) });
      } finally {
        await sim.stop();
      }
    }
  } finally {
    await proxy.current?.close();
  }
  const took = median(results.map((x) => x.ms));
  const calls = median(results.map((x) => x.calls));
  const first = results[0];
  const ideal = rateIdeal(calls, PACED.calls, windowMs);
  const throttled = results.reduce((a, x) => a + x.throttled, 0);
  const busiest = Math.max(...results.map((x) => x.busiest));
  const full = Math.ceil(calls / PACED.calls) - 1;
  rows.push(
    row(
      `close ${first.n.toLocaleString("en-US")} tickets under a rate limit of ${PACED.calls} calls per ${PACED.seconds} s, ${LATENCY} ms latency, --concurrency ${CONCURRENCY} (${vendor}: simulator --rate-limit ${spec}, TICKET_RATE_LIMIT=${spec})`,
      ms(took),
      `limit's ideal ${ms(ideal.ms)} (${Math.round(calls)} calls: ${full} full window${full === 1 ? "" : "s"} × ${PACED.seconds} s + ${ideal.rest} × ${LATENCY} ms / ${CONCURRENCY})`,
      took / ideal.ms,
      1.15,
      [
        { text: `0 answered 429 (${throttled})`, ok: throttled === 0 },
        { text: `≤ ${PACED.calls} calls in any ${PACED.seconds} s (busiest ${busiest})`, ok: busiest <= PACED.calls },
      ],
    ),
  );
  notes.push(
    `bulk ${vendor} paced: median of ${runs}; Comm100's documented ${COMM100_LIMIT.calls} calls per ${COMM100_LIMIT.minutes} min (vendor-notes 2.1) with the window scaled down to ${PACED.seconds} s, enforced by the simulator (a sliding window over arrivals, 429 beyond it) and paced by the CLI (TICKET_RATE_LIMIT=${spec}); ${first.rpc.toFixed(2)} requests per close (${first.methods}); ${throttled} answered 429 over ${runs} run(s); the busiest ${PACED.seconds} s held ${busiest} calls (arrivals at the proxy); ${describePhases(results.map((x) => x.phases))}. The limit's ideal is the time the limit itself forces: every full window of ${PACED.calls} calls, then the rest at the latency ideal.`,
    `bulk ${vendor}: at the documented ${COMM100_LIMIT.calls} calls per ${COMM100_LIMIT.minutes} min, 1,000 closes are ${Math.round(1000 * first.rpc)} calls, so the limit forces at least ${(rateIdeal(1000 * first.rpc, COMM100_LIMIT.calls, COMM100_LIMIT.minutes * 60_000).ms / 60_000).toFixed(1)} min (not run; the paced row measures the same pacing with a ${PACED.seconds} s window).`,
  );
}

/**
 * The least time `calls` calls can take under `limit` calls per `windowMs` at LATENCY and CONCURRENCY:
 * a vendor counting arrivals in a sliding window admits call k + limit a window after call k, so every
 * full window costs windowMs and the rest goes at the latency ideal (when a window's calls take less
 * than the window at that speed; otherwise latency bounds it).
 */
function rateIdeal(calls, limit, windowMs) {
  const full = Math.max(0, Math.ceil(calls / limit) - 1);
  const rest = Math.round(calls - full * limit);
  const latencyBound = (calls * LATENCY) / CONCURRENCY;
  return { ms: Math.max(latencyBound, full * windowMs + (rest * LATENCY) / CONCURRENCY), rest };
}

/** The most requests that arrived at the proxy in any window of `windowMs` (the simulator's (t - window, t]). */
function busiestWindow(log, windowMs) {
  const at = log.map((e) => e.t).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i] - at[j] >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Where a run's time went: spawn to first request, first request to last answer, last answer to exit; requests in flight on average. */
function phasesOf(log, r) {
  if (log.length === 0) return null;
  const first = Math.min(...log.map((e) => e.t));
  const last = Math.max(...log.map((e) => e.end ?? e.t));
  const busy = log.reduce((a, e) => a + ((e.end ?? e.t) - e.t), 0);
  const each = log.map((e) => (e.end ?? e.t) - e.t);
  return { startMs: first - r.t0, spanMs: last - first, tailMs: r.t0 + r.ms - last, inFlight: busy / Math.max(1, last - first), requestMs: median(each) };
}

function describePhases(list) {
  const p = list.filter(Boolean);
  if (p.length === 0) return "no requests";
  const m = (k) => median(p.map((x) => x[k]));
  return `spawn to first request ${ms(m("startMs"))}, requests ${ms(m("spanMs"))}, last answer to exit ${ms(m("tailMs"))}; a request took ${ms(m("requestMs"))} (median, through the proxy), ${m("inFlight").toFixed(1)} in flight on average`;
}

async function openIds(home, profile, env = {}) {
  const r = check(
    await measure(process.execPath, [BIN, "-p", profile, "list", "--all", "--status", OPEN, "--ndjson", "--fields", "id,status"], { env: { ...home.env, ...env }, capture: true }),
    "ticket list",
  );
  return r.stdoutText
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((t) => !DONE.has(t.status))
    .map((t) => String(t.id));
}

const close = (home, profile, ids, env = {}) =>
  measure(process.execPath, [BIN, "-p", profile, "close", "-", "--concurrency", String(CONCURRENCY), "--ndjson"], { env: { ...home.env, ...env }, input: `${ids.join("\n")}\n` });

/** Requests naming a closed id (URL or body) per id; the others are one-off. */
function perClose(log, ids) {
  const wanted = new Set(ids);
  let naming = 0;
  const methods = new Map();
  let throttled = 0;
  for (const e of log) {
    if (e.status === 429) throttled++;
    const text = `${decodeURIComponent(e.url)} ${e.body ?? ""}`;
    const hit = [...text.matchAll(/[A-Za-z0-9-]+/g)].some((m) => wanted.has(m[0]));
    if (!hit) continue;
    naming++;
    const key = `${e.method} ${e.url.split("?")[0].replace(/[0-9a-f-]{8,}|\d{3,}/gi, "{id}")}`;
    methods.set(key, (methods.get(key) ?? 0) + 1);
  }
  const desc = [...methods].map(([k, v]) => `${(v / ids.length).toFixed(2)} × ${k}`).join(", ");
  return { n: ids.length, rpc: naming / ids.length, oneOff: log.length - naming, methods: desc, throttled };
}
