// Minimal Zaia list walk, written from vendor-docs/zaia-ticket-api.txt: GET /api/v1/tickets/details
// (lines 155-159, 369) with the API key in the `authorization` header (lines 225-228), `status` required
// (line 214: one walk per status; the values are not in the doc, vendor-notes 1.1 GUESS pending, ongoing,
// completed, as the CLI walks them), pageNumber from 1 and pageSize at most 100 (lines 183-192). The answer
// is a bare array of rows (lines 231-235); a page shorter than pageSize is the last (vendor-notes 1.1).
// Env: BENCH_BASE_URL, BENCH_SECRET, BENCH_PAGE_SIZE (default 100). One JSON ticket per stdout line.
const base = process.env.BENCH_BASE_URL.replace(/\/+$/, "");
const pageSize = Number(process.env.BENCH_PAGE_SIZE || 100);
const headers = { authorization: process.env.BENCH_SECRET, accept: "application/json" };
const STATUSES = (process.env.BENCH_ZAIA_STATUSES || "pending,ongoing,completed").split(",");

const write = (text) => (process.stdout.write(text) ? undefined : new Promise((r) => process.stdout.once("drain", r)));

const seen = new Set();
for (const status of STATUSES) {
  for (let pageNumber = 1; ; pageNumber++) {
    const url = `${base}/api/v1/tickets/details?${new URLSearchParams({ status, pageNumber: String(pageNumber), pageSize: String(pageSize) })}`;
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    const rows = await res.json();
    // A ticket that changed status during the walk shows up twice: print it once.
    const fresh = rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
    if (fresh.length > 0) await write(fresh.map((t) => JSON.stringify(t)).join("\n") + "\n");
    if (rows.length < pageSize) break;
  }
}
