// `ticket -p P list --json` (30 tickets, the Comm100 simulator on loopback) against `node -e 0` plus its
// round trips (issue 12 item 1: at most 1.6x). The round trips are measured, not assumed: one run through
// the counting proxy records the requests the CLI makes; this process then makes the same requests
// (same method, URL and credential, straight to the simulator, on one fresh keep-alive connection like
// the CLI's) and their median total is the network's share.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { BIN } from "../lib/paths.mjs";
import { check, interleave, measure, median, repeat } from "../lib/measure.mjs";
import { addProfile, credentialsOf, makeHome } from "../lib/profile.mjs";
import { startProxy } from "../lib/proxy.mjs";
import { startSandbox } from "../lib/sim.mjs";
import { ms, row } from "../lib/table.mjs";

function replay(requests, origin, authorization) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const one = ({ method, url }) =>
    new Promise((resolve, reject) => {
      const req = http.request(new URL(url, origin), { method, agent, headers: { authorization, accept: "application/json" } }, (res) => {
        res.on("data", () => {});
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end();
    });
  return (async () => {
    const t0 = performance.now();
    for (const r of requests) await one(r);
    const elapsed = performance.now() - t0;
    agent.destroy();
    return elapsed;
  })();
}

export async function list({ runs, progress }) {
  progress("list: starting the Comm100 simulator (30 tickets)");
  const sim = await startSandbox("comm100", { tickets: 30 });
  const proxy = await startProxy(sim.baseUrl);
  try {
    const home = makeHome();
    const P = await addProfile(home, sim);
    const counted = await addProfile(home, sim, { name: "via-proxy", baseUrl: proxy.wrap(sim.baseUrl) });
    // A first run caches whatever the profile caches (a token, the directory) before anything is timed.
    check(await measure(process.execPath, [BIN, "-p", P, "list", "--json"], { env: home.env }), "ticket list --json");
    proxy.reset();
    check(await measure(process.execPath, [BIN, "-p", counted, "list", "--json"], { env: home.env }), "ticket list --json (counted)");
    const requests = proxy.log.map(({ method, url }) => ({ method, url }));
    const { secret } = credentialsOf(sim);
    const trips = median(await repeat(runs, "list: round trips", () => replay(requests, sim.baseUrl, `Bearer ${secret}`), progress));
    // In turn with `node -e 0`, so that the machine's drift falls on both alike.
    const [node, cli] = (
      await interleave(runs, "list: node -e 0 and ticket list --json", [
        async () => check(await measure(process.execPath, ["-e", "0"], { env: home.env }), "node -e 0").ms,
        async () => check(await measure(process.execPath, [BIN, "-p", P, "list", "--json"], { env: home.env }), "ticket list --json").ms,
      ], progress)
    ).map(median);
    const floor = node + trips;
    return {
      rows: [row("`ticket -p P list --json` (30 tickets, Comm100 simulator)", ms(cli), `\`node -e 0\` ${ms(node)} + ${requests.length} round trip${requests.length === 1 ? "" : "s"} ${ms(trips)} = ${ms(floor)}`, cli / floor, 1.6)],
      notes: [
        `list --json: ${requests.length} request(s) counted through a proxy (${requests.map((r) => `${r.method} ${r.url.split("?")[0]}`).join(", ")}); their round trips measured by making the same requests from the bench process on one fresh connection (median of ${runs}). The profile uses the simulator's pre-issued bearer token, so no token request is made (a cached OAuth token costs the same header).`,
      ],
    };
  } finally {
    await proxy.close();
    await sim.stop();
  }
}
