// `ticket -p P list --all --ndjson` over 10,000 tickets per vendor against a minimal hand-written fetch loop
// over the same pages (bench/loops/<vendor>.mjs), issue 12 item 2: wall time at most 1.2x, peak RSS at most
// 1.1x and under 100 MB, the first ticket printed before the last page is requested.
//
// Timed runs go straight to the simulator. One extra run of each through the counting proxy gives the
// requests each made (side by side, so a walk that differs shows) and, for the CLI, when its first line
// came out and when its last page was asked for (both on this process's clock).
import { BIN, loopFor } from "../lib/paths.mjs";
import { check, measure, median, rssMethod } from "../lib/measure.mjs";
import { addProfile, credentialsOf, makeHome, nodeEnv } from "../lib/profile.mjs";
import { startProxy } from "../lib/proxy.mjs";
import { startSandbox } from "../lib/sim.mjs";
import { mib, ms, plainRow, row } from "../lib/table.mjs";

/** The list endpoint of each vendor and the query parameter carrying its page size. */
const LISTS = {
  "3dolphins": { path: /\/graph\/tickets\?/, size: "count", loopDefault: 50 },
  comm100: { path: /\/ticketing\/tickets\?/, size: "pageSize", loopDefault: 50 },
  sobot: { path: /\/query_tickets\?/, size: "page_size", loopDefault: 50 },
  zaia: { path: /\/tickets\/details\?/, size: "pageSize", loopDefault: 100 },
};

const sizeOf = (log, list) => {
  const first = log.find((e) => list.path.test(e.url));
  return first ? Number(new URL(first.url, "http://x").searchParams.get(list.size)) || null : null;
};

export async function stream({ runs, progress, tickets, vendors }) {
  const rows = [];
  const notes = [`stream: median of ${runs} runs each (CLI and loop alternating, one warm-up each); peak RSS by ${rssMethod}.`];
  for (const vendor of vendors) {
    try {
      await streamVendor(vendor, { runs, progress, n: tickets(vendor), rows, notes });
    } catch (err) {
      // One vendor failing (a CLI mid-change, a slow simulator) leaves the others' rows.
      progress(`stream ${vendor} failed: ${err.message}`);
      rows.push(plainRow(`\`list --all --ndjson\` (${vendor})`, "not measured", "–", `see the note`, false));
      notes.push(`stream ${vendor}: not measured: ${err.message.split("\n")[0]}`);
    }
  }
  return { rows, notes };
}

async function streamVendor(vendor, { runs, progress, n, rows, notes }) {
  progress(`stream ${vendor}: starting the simulator (${n} tickets)`);
  const sim = await startSandbox(vendor, { tickets: n });
  const proxy = await startProxy(sim.baseUrl);
  try {
    const list = LISTS[vendor];
    const home = makeHome();
    const P = await addProfile(home, sim);
    const counted = await addProfile(home, sim, { name: "via-proxy", baseUrl: proxy.wrap(sim.baseUrl) });
    const { secret, settings } = credentialsOf(sim);
    const loopEnv = (baseUrl, pageSize) => ({
      ...nodeEnv(),
      PATH: process.env.PATH ?? "",
      BENCH_BASE_URL: baseUrl,
      BENCH_SECRET: secret,
      BENCH_SETTINGS: JSON.stringify(settings),
      ...(pageSize ? { BENCH_PAGE_SIZE: String(pageSize) } : {}),
    });
    const cliRun = (profile, rss) => measure(process.execPath, [BIN, "-p", profile, "list", "--all", "--ndjson"], { env: home.env, lines: true, rss });
    const loopRun = (env, rss) => measure(process.execPath, [loopFor(vendor)], { env, lines: true, rss });

    progress(`stream ${vendor}: counting requests`);
    check(await cliRun(P, false), `ticket list --all --ndjson (${vendor}, warm-up)`);
    proxy.reset();
    const cliCount = check(await cliRun(counted, false), `ticket list --all --ndjson (${vendor}, counted)`);
    const cliLog = proxy.log.splice(0);
    const cliSize = sizeOf(cliLog, list);
    // The loop walks the CLI's page size when it differs from the loop's own (the largest documented), so both walk the same pages.
    const loopSize = cliSize && cliSize !== list.loopDefault ? cliSize : null;
    const loopCount = check(await loopRun(loopEnv(proxy.wrap(sim.baseUrl), loopSize), false), `bench/loops/${vendor}.mjs (counted)`);
    const loopLog = proxy.log.splice(0);
    const pages = (log) => log.filter((e) => list.path.test(e.url));
    const lastPageMs = Math.max(...pages(cliLog).map((e) => e.t)) - cliCount.t0;

    const cli = [];
    const loop = [];
    check(await loopRun(loopEnv(sim.baseUrl, loopSize), true), `bench/loops/${vendor}.mjs (warm-up)`);
    for (let i = 0; i < runs; i++) {
      progress(`stream ${vendor} ${i + 1}/${runs}`);
      cli.push(check(await cliRun(P, true), `ticket list --all --ndjson (${vendor})`));
      loop.push(check(await loopRun(loopEnv(sim.baseUrl, loopSize), true), `bench/loops/${vendor}.mjs`));
    }
    const wall = [median(cli.map((r) => r.ms)), median(loop.map((r) => r.ms))];
    const rss = [median(cli.map((r) => r.rssKiB)), median(loop.map((r) => r.rssKiB))];
    const label = `${n.toLocaleString("en-US")} tickets, ${vendor}`;
    rows.push(row(`\`list --all --ndjson\` wall (${label})`, ms(wall[0]), `fetch loop ${ms(wall[1])}`, wall[0] / wall[1], 1.2));
    rows.push(
      row(`\`list --all --ndjson\` peak RSS (${label})`, mib(rss[0]), `fetch loop ${mib(rss[1])}`, rss[0] && rss[1] ? rss[0] / rss[1] : null, 1.1, [
        { text: "< 100 MB", ok: rss[0] === null ? null : rss[0] * 1024 < 100e6 },
      ]),
    );
    const first = cliCount.firstLineMs;
    rows.push(
      plainRow(`first ticket before last page (${vendor})`, `first line at ${ms(first)}`, `last page requested at ${ms(lastPageMs)}`, first !== null && first < lastPageMs ? "yes" : "no", first !== null && first < lastPageMs),
    );
    const same = cli[0].lines === loop[0].lines ? "" : ` ⚠ the CLI printed ${cli[0].lines} lines, the loop ${loop[0].lines}`;
    // Requests other than list pages (a token, a status table, a directory), each side's, by method and path.
    const others = (log) => {
      const counts = new Map();
      for (const e of log.filter((e) => !list.path.test(e.url))) {
        const key = `${e.method ?? "GET"} ${new URL(e.url, "http://x").pathname}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts.size === 0 ? "none" : [...counts].map(([k, n]) => (n > 1 ? `${n} × ${k}` : k)).join(", ");
    };
    const pagesSame = pages(cliLog).length === pages(loopLog).length;
    notes.push(
      `stream ${vendor}: requests through the counting proxy: CLI ${cliLog.length} (${pages(cliLog).length} list pages of ${cliSize ?? "?"}; others: ${others(cliLog)}), loop ${loopLog.length} (${pages(loopLog).length} list pages of ${loopSize ?? list.loopDefault}${loopSize ? ", matched to the CLI's; the loop's own is " + list.loopDefault : ""}; others: ${others(loopLog)})${pagesSame ? "" : " ⚠ the list pages differ"}; ${cliCount.lines} tickets${same}.`,
    );
  } finally {
    await proxy.close();
    await sim.stop();
  }
}
