#!/usr/bin/env node
// Runs the built CLI (dist/). In a source checkout before `npm ci` (no node_modules) or before a
// build (no dist/), say what to run in one line, exit 1, instead of node's module-not-found trace
// (issue 11 item 11). Only a missing module is caught here; everything else is main's to report.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// dist/ is a bundle (scripts/build.mjs) with external source maps. With --verbose, whose stack
// traces are for reading, they are turned on before anything is loaded, so those traces name
// src/ files and lines; other runs do not pay for reading them.
if (process.argv.includes("--verbose")) process.setSourceMapsEnabled(true);

async function loadMain() {
  try {
    return (await import("../dist/main.js")).main;
  } catch (err) {
    if (err?.code !== "ERR_MODULE_NOT_FOUND") throw err;
    const root = fileURLToPath(new URL("..", import.meta.url));
    const built = existsSync(fileURLToPath(new URL("../dist/main.js", import.meta.url)));
    // `npm ci` installs the dependencies and builds (the prepare script). A package missing from an
    // existing build needs only the install; a missing or partial build, the build as well.
    const missingPackage = built && /Cannot find package/.test(String(err.message));
    const what = !built ? "ticket is not built yet" : missingPackage ? "ticket's dependencies are not installed" : "ticket's build is incomplete";
    const run = missingPackage ? "`npm ci`" : "`npm ci` and then `npm run build`";
    process.stderr.write(`ticket: ${what}: run ${run} in ${root}\n`);
    return undefined;
  }
}

const main = await loadMain();
process.exitCode = main ? await main(process.argv.slice(2)) : 1;
