/**
 * Which modules a run of the CLI loaded, read from V8's coverage of the run (NODE_V8_COVERAGE): no
 * hook in the CLI, nothing but what V8 saw execute.
 *
 * The CLI runs from one bundle, dist/cli.cjs (scripts/build.mjs), where every module reached
 * through import() is wrapped in a function esbuild names after the module ("src/commands/list.ts",
 * "node_modules/got/dist/source/index.js") and calls on the module's first import. A module of the
 * bundle was loaded when its function ran. Each is given as the URL it would have unbundled, so a
 * test asks the same question of any build: src/commands/list.ts as <root>/dist/commands/list.js,
 * an npm module as <root>/node_modules/got/... . Files node itself loaded (dist/lib/conf.cjs,
 * html-to-text) are listed by their own URLs.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BIN } from "./cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface ScriptCoverage {
  url: string;
  functions: { functionName: string; ranges: { count: number }[] }[];
}

const unbundled = (name: string) => pathToFileURL(join(ROOT, name.startsWith("src/") ? `dist/${name.slice(4).replace(/\.ts$/, ".js")}` : name)).href;

/** Runs `node bin/ticket.js ...args` under coverage: its result, and the module URLs it loaded. */
export function runTraced(args: string[], env: Record<string, string | undefined>): { result: SpawnSyncReturns<string>; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "ticket-coverage-"));
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, NODE_V8_COVERAGE: dir }, encoding: "utf8" });
  const loaded = new Set<string>();
  for (const file of readdirSync(dir)) {
    const { result: scripts } = JSON.parse(readFileSync(join(dir, file), "utf8")) as { result: ScriptCoverage[] };
    for (const script of scripts) {
      if (!script.url.startsWith("file:")) continue;
      loaded.add(script.url);
      if (!script.url.endsWith("/dist/cli.cjs")) continue;
      for (const fn of script.functions) {
        if (/^(src|node_modules)\//.test(fn.functionName) && (fn.ranges[0]?.count ?? 0) > 0) loaded.add(unbundled(fn.functionName));
      }
    }
  }
  return { result, loaded: [...loaded] };
}
