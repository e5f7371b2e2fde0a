// npm run bench [-- [startup] [list] [stream] [bulk] [--runs N|scenario=N,...] [--quick] [--bin PATH] [--sim-bin PATH]
//                    [--tickets N|vendor=N,...] [--bulk-tickets N|vendor=N,...] [--vendors a,b] [--clean-env] [--out FILE]]
//
// Starts the simulators (spawned `ticket sandbox --vendor V --json`), runs each scenario several times and
// prints a table of medians, each beside its baseline (`node -e 0`; the minimal fetch loop in
// bench/loops/; the ideal for bulk), their ratio and the target of issue 12 with whether it is met. The
// machine is printed above the table; the same Markdown goes to bench/results/latest.md. Progress goes to
// stderr. A benchmark, not a test: nothing here runs in `npm test`.
import { writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { resolve } from "node:path";
import { killRunning } from "./lib/measure.mjs";
import { BENCH_DIR, BIN, setBin, setSimBin, simBin } from "./lib/paths.mjs";
import { describeNodeEnv, removeHomes, setCleanEnv } from "./lib/profile.mjs";
import { stopAll, stopAllSync } from "./lib/sim.mjs";
import { markdown } from "./lib/table.mjs";
import { bulk } from "./scenarios/bulk.mjs";
import { list } from "./scenarios/list.mjs";
import { startup } from "./scenarios/startup.mjs";
import { stream } from "./scenarios/stream.mjs";

const SCENARIOS = { startup, list, stream, bulk };
const VENDORS = ["3dolphins", "comm100", "sobot", "zaia"];
const DEFAULT_RUNS = { startup: 20, list: 10, stream: 5, bulk: 3 };
const QUICK_RUNS = { startup: 3, list: 3, stream: 1, bulk: 1 };

const USAGE = "usage: npm run bench -- [startup] [list] [stream] [bulk] [--runs N|scenario=N,...] [--quick] [--bin PATH] [--sim-bin PATH] [--tickets N|vendor=N,...] [--bulk-tickets N|vendor=N,...] [--vendors a,b] [--clean-env] [--out FILE]";

function fail(message, code = 2) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}

/** "N" for every vendor, or "vendor=N,..." over the defaults. */
function perVendor(text, defaults) {
  const table = { ...defaults };
  if (text === undefined) return table;
  for (const part of text.split(",")) {
    const [a, b] = part.includes("=") ? part.split("=") : [null, part];
    const n = Number(b);
    if (!Number.isSafeInteger(n) || n < 1) fail(`--tickets takes N or vendor=N, not "${part}"`);
    if (a === null) for (const v of VENDORS) table[v] = n;
    else if (VENDORS.includes(a)) table[a] = n;
    else fail(`unknown vendor "${a}" (${VENDORS.join(", ")})`);
  }
  return table;
}

function parseArgs(argv) {
  const opts = { scenarios: [], runs: undefined, quick: false, vendors: VENDORS, out: resolve(BENCH_DIR, "results/latest.md") };
  const value = (i, flag) => argv[i + 1] ?? fail(`${flag} needs a value`);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a in SCENARIOS) opts.scenarios.push(a);
    else if (a === "--quick") opts.quick = true;
    else if (a === "--clean-env") setCleanEnv(true);
    else if (a === "--runs") {
      // N for every scenario, or scenario=N,...
      opts.runs ??= {};
      for (const part of value(i++, a).split(",")) {
        const [name, text] = part.includes("=") ? part.split("=") : [null, part];
        const n = Number(text);
        if (!Number.isSafeInteger(n) || n < 1) fail(`--runs takes N or scenario=N, not "${part}"`);
        if (name !== null && !(name in SCENARIOS)) fail(`unknown scenario "${name}" (${Object.keys(SCENARIOS).join(", ")})`);
        for (const s of name === null ? Object.keys(SCENARIOS) : [name]) opts.runs[s] = n;
      }
    } else if (a === "--bin") setBin(value(i++, a));
    else if (a === "--sim-bin") setSimBin(value(i++, a));
    else if (a === "--tickets") opts.tickets = value(i++, a);
    else if (a === "--bulk-tickets") opts.bulkTickets = value(i++, a);
    else if (a === "--vendors") {
      opts.vendors = value(i++, a).split(",");
      const bad = opts.vendors.find((v) => !VENDORS.includes(v));
      if (bad) fail(`unknown vendor "${bad}" (${VENDORS.join(", ")})`);
    } else if (a === "--out") opts.out = resolve(value(i++, a));
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`unknown argument "${a}"\n${USAGE}`);
  }
  if (opts.scenarios.length === 0) opts.scenarios = Object.keys(SCENARIOS);
  return opts;
}

function machine() {
  const list = cpus();
  const model = list[0]?.model?.trim() ?? "unknown CPU";
  return `${list.length} CPU${list.length === 1 ? "" : "s"} (${model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${platform()} ${release()}`;
}

let stopping = false;
async function cleanUp() {
  killRunning();
  await stopAll();
  removeHomes();
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\nbench: interrupted, stopping the simulators\n`);
    killRunning();
    stopAllSync();
    removeHomes();
    process.exit(130);
  });
}

const opts = parseArgs(process.argv.slice(2));
const runsFor = (s) => opts.runs?.[s] ?? (opts.quick ? QUICK_RUNS : DEFAULT_RUNS)[s];
const streamTickets = perVendor(opts.tickets, Object.fromEntries(VENDORS.map((v) => [v, opts.quick ? 1000 : 10_000])));
const bulkTickets = perVendor(opts.bulkTickets, Object.fromEntries(VENDORS.map((v) => [v, opts.quick ? 100 : 1000])));
const started = Date.now();
const progress = (text) => process.stderr.write(`bench [${((Date.now() - started) / 1000).toFixed(0)} s] ${text}\n`);

const rows = [];
const notes = [];
let failed = false;
try {
  for (const name of opts.scenarios) {
    progress(`${name}: ${runsFor(name)} run(s)`);
    try {
      const result = await SCENARIOS[name]({
        runs: runsFor(name),
        progress,
        vendors: opts.vendors,
        tickets: (v) => (name === "bulk" ? bulkTickets : streamTickets)[v],
      });
      rows.push(...result.rows);
      notes.push(...result.notes);
    } catch (err) {
      // One scenario failing (a CLI mid-change, a slow simulator) leaves the others' rows.
      failed = true;
      progress(`${name} failed: ${err.message}`);
      notes.push(`${name}: not measured: ${err.message.split("\n")[0]}`);
    }
  }
} finally {
  await cleanUp();
}

const when = new Date().toISOString().replace(/\.\d+Z$/, "Z");
const header = [
  `Machine: ${machine()}`,
  `Environment: ${describeNodeEnv()}.`,
  `Measured ${when}${opts.quick ? " (--quick: a smoke run, not figures)" : ""}; CLI ${BIN}${simBin() !== BIN ? `; simulators from ${simBin()}` : ""}; total ${((Date.now() - started) / 1000).toFixed(0)} s.`,
];
const text = [...header, "", markdown(rows), "", ...notes.map((n) => `- ${n}`), ""].join("\n");
process.stdout.write(`${text}`);
writeFileSync(opts.out, `# ticket benchmarks (npm run bench)\n\n${text}`);
progress(`wrote ${opts.out}`);
// Targets not met are in the table; the exit status says only whether every scenario was measured.
process.exitCode = failed ? 1 : 0;
