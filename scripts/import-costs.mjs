// What each import costs at start-up (issue 12 item 1). Usage: npm run build && node scripts/import-costs.mjs [N]
//
// Two tables, medians of N fresh processes each (default 15), the time measured inside the
// process around `await import(...)` (so node's own start is not in it), wall and CPU:
// 1. Each npm dependency on its own: as installed (node resolves and loads node_modules/PKG, file by
//    file) and bundled alone with the build's esbuild options (one file).
// 2. Where `ticket list --json` spends its time, module by module, from CPU profiles of the CLI
//    (pathTable below).
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { common } from "./build.mjs";

const N = Number(process.argv[2] ?? 15);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds of each step, in one fresh process: steps are module URLs imported in order. */
function timeSteps(urls) {
  const code = `const out = []; for (const u of ${JSON.stringify(urls)}) { const t = performance.now(), c = process.cpuUsage(); await import(u); const d = process.cpuUsage(c); out.push([performance.now() - t, (d.user + d.system) / 1000]); } process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8", env: { ...process.env, TICKET_CONFIG_DIR: tmpdir() } });
  if (r.status !== 0) throw new Error(`importing ${urls.join(", ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * Medians per step over N processes, as [wall ms, CPU ms]; the step lists are interleaved so load
 * spikes spread evenly. CPU time (user + system) is the steadier figure on a busy machine.
 */
function medians(stepLists) {
  const samples = stepLists.map((steps) => steps.map(() => [[], []]));
  for (let i = 0; i < N; i++) {
    stepLists.forEach((steps, k) => timeSteps(steps).forEach(([wall, cpu], j) => (samples[k][j][0].push(wall), samples[k][j][1].push(cpu))));
  }
  return samples.map((perStep) => perStep.map(([wall, cpu]) => [median(wall), median(cpu)]));
}
const ms = ([wall, cpu]) => `${wall.toFixed(1).padStart(6)} ${cpu.toFixed(1).padStart(6)}`;

/** "" is an empty module: the floor of one import, to read the others against. */
const DEPENDENCIES = ["", "got", "zod", "conf", "ajv", "commander", "chalk", "@inquirer/prompts", "proper-lockfile", "html-to-text", "string-width", "wrap-ansi", "yocto-spinner"];

async function dependencyTable() {
  const dir = mkdtempSync(join(tmpdir(), "ticket-import-costs-"));
  try {
    const bundled = [];
    for (const [i, pkg] of DEPENDENCIES.entries()) {
      const entry = join(dir, `entry-${i}.mjs`);
      writeFileSync(entry, pkg ? `import * as m from ${JSON.stringify(pkg)}; globalThis.__keep = m;\n` : "globalThis.__keep = 0;\n");
      const outfile = join(dir, `bundle-${i}.mjs`);
      await build({ ...common, entryPoints: [entry], outfile, outdir: undefined, outbase: undefined, splitting: false, sourcemap: false, metafile: false, external: [], nodePaths: [join(root, "node_modules")], define: {}, logLevel: "error" });
      bundled.push(pathToFileURL(outfile).href);
    }
    // "As installed": a file inside the project (.tmp/, git-ignored) imports the package, so node resolves it from node_modules.
    mkdirSync(join(root, ".tmp"), { recursive: true });
    const installed = DEPENDENCIES.map((pkg, i) => {
      const shim = join(root, ".tmp", `import-cost-${process.pid}-${i}.mjs`);
      writeFileSync(shim, pkg ? `export * from ${JSON.stringify(pkg)};\n` : "export {};\n");
      return pathToFileURL(shim).href;
    });
    try {
      const [a, b] = [medians(installed.map((u) => [u])), medians(bundled.map((u) => [u]))];
      console.log(`npm dependencies, each alone (median ms of ${N} processes, inside the process: wall, CPU):`);
      console.log(`${"package".padEnd(20)} ${"installed".padStart(13)}  ${"bundled".padStart(13)}  ${"bytes".padStart(8)}`);
      DEPENDENCIES.forEach((pkg, i) => {
        const bytes = readFileSync(fileURLToPath(bundled[i])).length;
        console.log(`${(pkg || "(an empty module)").padEnd(20)} ${ms(a[i][0])}  ${ms(b[i][0])}  ${String(bytes).padStart(8)}`);
      });
    } finally {
      for (const u of installed) rmSync(fileURLToPath(u), { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where `ticket -p P list --json` (30 tickets, a Comm100 simulator on loopback) spends its time, from
 * N CPU profiles (sampled every 50 us; profiling itself slows a run by about half, so read the
 * figures against each other). dist/cli.cjs wraps each module in a function named after it
 * ("src/commands/list.ts", "node_modules/got/dist/source/index.js"), which runs when the module is
 * first imported: a module's time is that function's, its own imports included. Package rows count
 * the package's outermost module functions.
 */
async function pathTable() {
  const home = mkdtempSync(join(tmpdir(), "ticket-import-costs-home-"));
  const profiles = mkdtempSync(join(tmpdir(), "ticket-import-costs-prof-"));
  const sim = spawn(process.execPath, [join(root, "bin", "ticket.js"), "sandbox", "--vendor", "comm100", "--tickets", "30", "--json"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, CI: "true" } });
  try {
    const [line] = await once(createInterface({ input: sim.stdout }), "line");
    const { env: simEnv, profileAdd } = JSON.parse(line);
    const env = { ...process.env, ...simEnv, HOME: home, TICKET_CONFIG_DIR: home, CI: "true", NO_COLOR: "1" };
    const run = (args, extra = []) => {
      const r = spawnSync(process.execPath, [...extra, join(root, "bin", "ticket.js"), ...args], { env, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`ticket ${args.join(" ")}: ${r.stderr}`);
    };
    run(profileAdd.slice(1));
    run(["list", "--json"]);
    for (let i = 0; i < N; i++) run(["list", "--json"], ["--cpu-prof", "--cpu-prof-interval", "50", "--cpu-prof-dir", profiles]);
    const rows = new Map();
    const add = (key, run, ms) => {
      if (!rows.has(key)) rows.set(key, Array.from({ length: N }, () => 0));
      rows.get(key)[run] += ms;
    };
    readdirSync(profiles).forEach((file, i) => {
      const p = JSON.parse(readFileSync(join(profiles, file), "utf8"));
      const parent = new Map();
      for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const byId = new Map(p.nodes.map((n) => [n.id, n]));
      add("whole run (profiled)", i, (p.endTime - p.startTime) / 1000);
      p.samples.forEach((id, k) => {
        const ms = (p.timeDeltas[k] ?? 0) / 1000;
        const seen = new Set();
        for (let x = id; x !== undefined; x = parent.get(x)) {
          const f = byId.get(x).callFrame;
          let key;
          if (f.functionName === "loadCli") key = "bin: read dist/cli.cjs, its code cache, run its top level";
          else if (/^src\//.test(f.functionName)) key = `module ${f.functionName}`;
          else if (/^node_modules\//.test(f.functionName)) key = `package ${f.functionName.split("/").slice(1, f.functionName.split("/")[1].startsWith("@") ? 3 : 2).join("/")}`;
          else if (f.functionName === "(garbage collector)") key = "garbage collection";
          if (key && !seen.has(key)) {
            seen.add(key);
            add(key, i, ms);
          }
        }
      });
    });
    const table = [...rows].map(([key, per]) => [key, median(per)]).filter(([, ms]) => ms >= 0.5);
    table.sort((a, b) => b[1] - a[1]);
    console.log(`\nticket list --json, where the time goes (median ms of ${N} CPU profiles, each module with what it imports):`);
    for (const [key, ms] of table.slice(0, 30)) console.log(`${ms.toFixed(1).padStart(7)}  ${key}`);
  } finally {
    sim.kill("SIGTERM");
    rmSync(home, { recursive: true, force: true });
    rmSync(profiles, { recursive: true, force: true });
  }
}

await dependencyTable();
await pathTable();
