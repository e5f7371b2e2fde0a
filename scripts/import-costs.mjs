// What each import costs at start-up (issue 12 item 1). Usage: npm run build && node scripts/import-costs.mjs [N]
//
// Two tables, medians of N fresh processes each (default 15), the time measured inside the
// process around `await import(...)` (so node's own start is not in it), wall and CPU:
// 1. Each npm dependency on its own: as installed (node resolves and loads node_modules/PKG, file by
//    file) and bundled alone with the build's esbuild options (one file).
// 2. The chunks of dist/ along `ticket list --json`, imported one after the other in one process:
//    what each step adds to the steps before it (a chunk's shared chunks and bundled libraries
//    count at the first step that loads them).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/** The files the current dist/main.js can load (dist/meta.json also lists an earlier build's files, kept for runs under way). */
function reachable(outputs) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !outputs[file]) return;
    seen.add(file);
    for (const i of outputs[file].imports) visit(i.path);
  };
  visit("main.js");
  return seen;
}

/** The chunk a source module was split into (its dynamic-import chunk). */
function chunkOf(outputs, files, source) {
  if (source === "src/main.ts") return "main.js";
  const hit = [...files].find((file) => outputs[file].entryPoint === source);
  if (!hit) throw new Error(`no chunk for ${source} in dist/meta.json (run npm run build)`);
  return hit;
}

function chunkTable() {
  const { outputs } = JSON.parse(readFileSync(join(dist, "meta.json"), "utf8"));
  const current = reachable(outputs);
  const steps = [
    ["main.js (entry: deps, io, errors)", "src/main.ts"],
    ["program (commander + the tree)", "src/program.ts"],
    ["commands/list", "src/commands/list.ts"],
    ["config/resolve", "src/config/resolve.ts"],
    ["config/store (reads JSON: no conf, no zod)", "src/config/store.ts"],
    ["providers/comm100 (+ zod)", "src/providers/comm100/index.ts"],
  ];
  const files = steps.map(([, source]) => chunkOf(outputs, current, source));
  const [times] = medians([files.map((f) => pathToFileURL(join(dist, f)).href)]);
  console.log(`\nthe list path's chunks, in order (median ms each step adds, ${N} processes: wall, CPU):`);
  const total = [0, 0];
  const loaded = new Set();
  const load = (file) => {
    if (loaded.has(file)) return [];
    loaded.add(file);
    return [file, ...outputs[file].imports.filter((i) => i.kind === "import-statement").flatMap((i) => load(i.path))];
  };
  const pkgName = (p) => p.split("/").slice(1, p.split("/")[1].startsWith("@") ? 3 : 2).join("/");
  steps.forEach(([label], i) => {
    total[0] += times[i][0];
    total[1] += times[i][1];
    const added = load(files[i]);
    const libs = [...new Set(added.flatMap((f) => outputs[f].inputs.filter((p) => p.startsWith("node_modules/")).map(pkgName)))];
    const kb = added.reduce((n, f) => n + outputs[f].bytes, 0) / 1024;
    console.log(`${label.padEnd(44)} ${ms(times[i])}  ${String(added.length).padStart(2)} files ${kb.toFixed(0).padStart(4)} KB${libs.length ? `  ${libs.join(" ")}` : ""}`);
  });
  console.log(`${"total".padEnd(44)} ${ms(total)}`);
}

await dependencyTable();
chunkTable();
