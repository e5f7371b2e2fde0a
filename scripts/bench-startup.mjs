// Start-up benchmark: median wall time of `node -e 0` vs `ticket --version` / `--help`, and a demo
// `ticket list`, over N runs each. Usage: npm run build && node scripts/bench-startup.mjs [N]
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const N = Number(process.argv[2] ?? 20);
const bin = fileURLToPath(new URL("../bin/ticket.js", import.meta.url));
const env = { ...process.env, TICKET_CONFIG_DIR: mkdtempSync(join(tmpdir(), "ticket-bench-")) };

function median(args) {
  const times = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, stdio: "ignore" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

spawnSync(process.execPath, [bin, "list", "--limit", "1"], { env, stdio: "ignore" }); // seed the demo once
const rows = [
  ["node -e 0", median(["-e", "0"])],
  ["ticket --version", median([bin, "--version"])],
  ["ticket --help", median([bin, "--help"])],
  ["ticket list (demo, 30 rows)", median([bin, "list"])],
];
const base = rows[0][1];
console.log(`median of ${N} runs on Node ${process.version}`);
for (const [name, ms] of rows) console.log(`${name.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base).toFixed(2)}x`);
