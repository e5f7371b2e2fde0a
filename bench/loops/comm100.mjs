// Minimal Comm100 list walk, written from vendor-docs/comm100-ticket-api.txt: GET ticketing/tickets
// (lines 82-98), `Authorization: Bearer {access_token}` (line 106), the answer {tickets, nextPage, ...}
// of the sample (line 112) followed link by link until nextPage is null. pageSize/pageIndex are not in
// the published doc (vendor-notes 2.3: the v4 draft's pageSize, max 50); `include` takes the values of
// line 95 and is asked as the CLI asks it, so both get the same pages. The token is the sandbox's
// pre-issued access token (what a `--token-env` profile sends; the CLI's cached OAuth token is the same header).
// Env: BENCH_BASE_URL, BENCH_SECRET, BENCH_PAGE_SIZE (default 50). One JSON ticket per stdout line.
const base = process.env.BENCH_BASE_URL.replace(/\/+$/, "");
const pageSize = Number(process.env.BENCH_PAGE_SIZE || 50);
const headers = { authorization: `Bearer ${process.env.BENCH_SECRET}`, accept: "application/json" };
const include = "ticketingTag,assignee,departmentAssignee,contactOrVisitor";

const write = (text) => (process.stdout.write(text) ? undefined : new Promise((r) => process.stdout.once("drain", r)));

let url = `${base}/ticketing/tickets?${new URLSearchParams({ include, pageSize: String(pageSize) })}`;
while (url) {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const page = await res.json();
  // Line 98 says "An array of Ticket"; the sample (line 112) wraps it: take either.
  const tickets = Array.isArray(page) ? page : page.tickets;
  if (tickets.length > 0) await write(tickets.map((t) => JSON.stringify(t)).join("\n") + "\n");
  url = Array.isArray(page) || !page.nextPage ? null : new URL(page.nextPage, `${base}/`).href;
}
