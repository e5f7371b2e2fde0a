// Closing N tickets at 50 ms simulated latency with --concurrency 8 (issue 12 item 3: at most 1.15x the
// ideal N x requests-per-close x 50 ms / 8). The simulator runs with `--latency 50` behind the counting
// proxy; requests per close are counted (requests naming one of the ids in their URL or body, over N),
// not assumed, and requests naming none (a token, a lookup) are reported as one-off. Each run gets a
// fresh simulator, so every run closes tickets that are open.
//
// Comm100 documents 300 calls per 5 minutes per IP (vendor-notes 2.1) and the CLI paces its requests
// under it, so 1,000 closes are bound by that limit, not by latency: that row is computed and explained,
// and the measured Comm100 row closes 90 tickets (their calls fit in one window) against the same ideal.
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
const DONE = new Set(["closed", "resolved"]);
/** Open tickets only, so the list stays short on seeds that are mostly closed. */
const OPEN = "new,open,pending,on_hold";

export async function bulk({ runs, progress, tickets, vendors }) {
  const rows = [];
  const notes = [];
  for (const vendor of vendors) {
    try {
      await bulkVendor(vendor, { runs, progress, n: tickets(vendor), rows, notes });
    } catch (err) {
      progress(`bulk ${vendor} failed: ${err.message}`);
      rows.push(plainRow(`close tickets (${vendor})`, "not measured", "–", "see the note", false));
      notes.push(`bulk ${vendor}: not measured: ${err.message.split("\n")[0]}`);
    }
  }
  return { rows, notes };
}

async function bulkVendor(vendor, { runs, progress, n, rows, notes }) {
  const home = makeHome();
  let proxy;
  const times = [];
  const counts = [];
  let stats = null;
  try {
    let seed = Math.max(3 * n, 300);
    for (let run = 0; run < runs; run++) {
      const need = n + (run === 0 ? WARM_UP : 0);
      let sim;
      let P;
      let ids;
      // Seeds hold open and closed tickets; when too few are open, start once more with enough.
      for (let attempt = 0; ; attempt++) {
        progress(`bulk ${vendor} ${run + 1}/${runs}: starting the simulator (${seed} tickets, latency ${LATENCY} ms)`);
        sim = await startSandbox(vendor, { tickets: seed, latency: LATENCY });
        if (proxy) proxy.setUpstream(sim.baseUrl);
        else proxy = await startProxy(sim.baseUrl);
        P = await addProfile(home, sim, { name: "bulk", baseUrl: proxy.wrap(sim.baseUrl) });
        ids = await openIds(home, P).catch(async (err) => {
          await sim.stop();
          throw err;
        });
        if (ids.length >= need || attempt > 0 || seed >= MAX_SEED) break;
        seed = Math.min(MAX_SEED, Math.ceil((seed * need * 1.3) / Math.max(ids.length, 1)));
        await sim.stop();
      }
      try {
        const warm = run === 0 ? ids.splice(Math.max(ids.length - WARM_UP, 1), WARM_UP) : [];
        if (warm.length > 0) check(await close(home, P, warm), `ticket close (${vendor}, warm-up)`);
        const batch = ids.slice(0, n);
        if (batch.length < n && run === 0) notes.push(`bulk ${vendor}: only ${batch.length} open tickets to close (asked for ${n}).`);
        proxy.reset();
        progress(`bulk ${vendor} ${run + 1}/${runs}: closing ${batch.length} tickets`);
        const r = check(await close(home, P, batch), `ticket close (${vendor})`);
        times.push(r.ms);
        counts.push(perClose(proxy.log, batch));
      } finally {
        await sim.stop();
      }
    }
  } finally {
    await proxy?.close();
  }
  stats = counts[0];
  const rpc = median(counts.map((c) => c.rpc));
  const took = median(times);
  const ideal = (stats.n * rpc * LATENCY) / CONCURRENCY;
  const label = `close ${stats.n.toLocaleString("en-US")} tickets, ${LATENCY} ms latency, --concurrency ${CONCURRENCY} (${vendor}${vendor === "comm100" ? ", within one rate-limit window" : ""})`;
  rows.push(row(label, ms(took), `ideal ${ms(ideal)} (${stats.n} × ${rpc.toFixed(2)} req × ${LATENCY} ms / ${CONCURRENCY})`, took / ideal, 1.15));
  notes.push(
    `bulk ${vendor}: median of ${runs}; ${rpc.toFixed(2)} requests per close (${stats.methods}), ${stats.oneOff} one-off request(s) naming no ticket${stats.throttled ? `, ${stats.throttled} answered 429` : ""}.`,
  );
  if (vendor === "comm100") {
    const calls = 1000 * rpc;
    const paced = Math.max(0, Math.ceil(calls / COMM100_LIMIT.calls) - 1) * COMM100_LIMIT.minutes;
    rows.push(
      plainRow("close 1,000 tickets (comm100): paced, not run", `≥ ${paced} min`, `${Math.round(calls)} calls at ${COMM100_LIMIT.calls} per ${COMM100_LIMIT.minutes} min`, "stays under the documented limit (see note)"),
    );
    notes.push(
      `bulk comm100: Comm100 documents ${COMM100_LIMIT.calls} calls per ${COMM100_LIMIT.minutes} minutes per IP (vendor-notes 2.1) and the CLI paces its requests to stay under it (TICKET_RATE_LIMIT overrides), so 1,000 closes (${Math.round(calls)} calls) take at least ${paced} minutes whatever the concurrency. The measured row closes ${stats.n} tickets, whose ${Math.round(stats.n * rpc)} calls fit in one window, so the latency ideal applies to it.`,
    );
  }
}

async function openIds(home, profile) {
  const r = check(await measure(process.execPath, [BIN, "-p", profile, "list", "--all", "--status", OPEN, "--ndjson", "--fields", "id,status"], { env: home.env, capture: true }), "ticket list");
  return r.stdoutText
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((t) => !DONE.has(t.status))
    .map((t) => String(t.id));
}

const close = (home, profile, ids) =>
  measure(process.execPath, [BIN, "-p", profile, "close", "-", "--concurrency", String(CONCURRENCY), "--ndjson"], { env: home.env, input: `${ids.join("\n")}\n` });

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
