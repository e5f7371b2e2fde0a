// Minimal 3Dolphins list walk, written from vendor-docs/3dolphins-ticket-api.txt: GET
// http://[server]/dolphin/apiv1/graph/tickets?start=0&count=1 (lines 59-64) with
// `Authorization : Bearer [generatedToken]` (line 66), answered in the envelope
// {status, data, hasMore, nextIndex, prevIndex, totalResults} (lines 99, 112). Pages go by start/count
// while hasMore says there is more. The token is the sandbox's (a profile's `token` secret).
// Env: BENCH_BASE_URL (…/dolphin/apiv1), BENCH_SECRET, BENCH_PAGE_SIZE (default 50: no maximum is
// documented; 50 is the CLI's). One JSON ticket per stdout line.
const base = process.env.BENCH_BASE_URL.replace(/\/+$/, "");
const count = Number(process.env.BENCH_PAGE_SIZE || 50);
const headers = { authorization: `Bearer ${process.env.BENCH_SECRET}`, accept: "application/json" };

const write = (text) => (process.stdout.write(text) ? undefined : new Promise((r) => process.stdout.once("drain", r)));

let start = 0;
for (;;) {
  const url = `${base}/graph/tickets?start=${start}&count=${count}`;
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const page = await res.json();
  const tickets = Array.isArray(page.data) ? page.data : [];
  if (tickets.length > 0) await write(tickets.map((t) => JSON.stringify(t)).join("\n") + "\n");
  if (!page.hasMore || tickets.length === 0) break;
  // nextIndex is where the next page starts (line 99); fall back to start + count.
  start = typeof page.nextIndex === "number" && page.nextIndex > start ? page.nextIndex : start + count;
}
