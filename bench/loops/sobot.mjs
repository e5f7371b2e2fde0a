// Minimal Sobot list walk, written from vendor-docs/sobot-ticket-api.txt. Token: GET /api/get_token with
// appid, create_time (seconds) and sign = md5(appid + create_time + app_key) (lines 43-64, 89-93), the
// token read from item.token (lines 79-82, 97-104) and sent in a `token` header (line 22, 154). List:
// GET /api/ws/5/ticket/query_tickets (line 2901) with create_start_datetime_ms / create_end_datetime_ms
// (a window of at most one month), page_no and page_size (at most 50) (lines 2912-2923); the answer
// carries items and page_count (lines 2935-2942). Sobot has no "every ticket" query, so like the CLI's
// --all (src/providers/sobot/span.ts) the walk goes back in 28-day windows from now for 24 calendar
// months, newest first, each window page by page.
// Env: BENCH_BASE_URL, BENCH_SECRET (app_key), BENCH_SETTINGS (JSON with appid), BENCH_PAGE_SIZE (default 50).
import { createHash } from "node:crypto";

const base = process.env.BENCH_BASE_URL.replace(/\/+$/, "");
const { appid } = JSON.parse(process.env.BENCH_SETTINGS);
const pageSize = Number(process.env.BENCH_PAGE_SIZE || 50);
const MONTHS = Number(process.env.TICKET_SOBOT_MAX_MONTHS || 24);
const WINDOW_MS = 28 * 24 * 3600 * 1000;

const write = (text) => (process.stdout.write(text) ? undefined : new Promise((r) => process.stdout.once("drain", r)));
async function get(path, params, headers = {}) {
  const url = `${base}${path}?${new URLSearchParams(params)}`;
  const res = await fetch(url, { headers: { accept: "application/json", ...headers } });
  const body = res.ok ? await res.json() : null;
  if (!body || body.ret_code !== "000000") throw new Error(`GET ${path}: HTTP ${res.status} ${body?.ret_code ?? ""}`);
  return body;
}

const createTime = String(Math.floor(Date.now() / 1000));
const sign = createHash("md5").update(`${appid}${createTime}${process.env.BENCH_SECRET}`).digest("hex");
const { token } = (await get("/api/get_token", { appid, create_time: createTime, sign })).item;

const now = Date.now() - 1;
const back = new Date(now);
back.setUTCMonth(back.getUTCMonth() - MONTHS);
for (let end = now; end > back.getTime(); end -= WINDOW_MS) {
  const start = Math.max(end - WINDOW_MS + 1, back.getTime());
  for (let page = 1; ; page++) {
    const params = { create_start_datetime_ms: String(start), create_end_datetime_ms: String(end), page_no: String(page), page_size: String(pageSize) };
    const answer = await get("/api/ws/5/ticket/query_tickets", params, { token });
    const items = answer.items ?? [];
    if (items.length > 0) await write(items.map((t) => JSON.stringify(t)).join("\n") + "\n");
    if (page >= Number(answer.page_count ?? 0) || items.length === 0) break;
  }
}
