#!/usr/bin/env node
// The `ticket` command. CommonJS on purpose (bin/package.json): node starts a CommonJS file sooner
// than an ES module, and two answers need nothing else (issue 12 item 1):
// - `ticket --version`, and help (`ticket`, `--help`, `-h`, `help [CMD]`, `CMD [SUB] --help`) when
//   stdout is not a terminal, are read from dist/static.json, which the build renders from the same
//   command tree (scripts/static-answers.mjs; test/cli/startup.test.ts compares them with live runs).
//   On a terminal help is rendered live, at the terminal's width.
// - Everything else runs the bundle, dist/cli.cjs, with its code cache (loadCli below).
// In a source checkout before `npm ci` or before a build (no dist/), it says what to run in one line
// and exits 1, instead of node's module-not-found trace (issue 11 item 11).
"use strict";

const { join } = require("node:path");
const argv = process.argv.slice(2);

/** The version or help text from dist/static.json, or undefined when this run needs the CLI. */
function staticAnswer() {
  const version = argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V");
  if (!version && (process.stdout.isTTY || process.env.TICKET_LIVE_HELP)) return undefined;
  const key = version ? undefined : helpKey();
  if (!version && key === undefined) return undefined;
  let answers;
  try {
    // Read and parsed directly: require() of a .json file costs about a millisecond more.
    answers = JSON.parse(require("node:fs").readFileSync(join(__dirname, "..", "dist", "static.json"), "utf8"));
  } catch {
    return undefined; // no build yet: the CLI's loader below says so
  }
  return version ? `${answers.version}\n` : answers.help[key];
}

/** "" for the program's own help, "list" or "profile add" for a command's; undefined when not a plain help request. */
function helpKey() {
  if (argv.length === 0) return "";
  if (argv[0] === "help" && argv.length <= 2) return argv[1] ?? "";
  const last = argv[argv.length - 1];
  if (last !== "--help" && last !== "-h") return undefined;
  const path = argv.slice(0, -1);
  return path.every((word) => /^[a-z][a-z0-9-]*$/.test(word)) ? path.join(" ") : undefined;
}

function notBuilt() {
  const root = join(__dirname, "..");
  process.stderr.write(`ticket: ticket is not built yet: run \`npm ci\` and then \`npm run build\` in ${root}/\n`);
}

/**
 * The CLI's bundle, dist/cli.cjs, compiled with its V8 code cache (scripts/build/code-cache.mjs):
 * node's own loader would compile it from the source on every run. The cache is the one named by
 * the build id on the bundle's first line, never another build's. Returns undefined before a build.
 */
function loadCli() {
  const { readFileSync, writeFileSync } = require("node:fs");
  const Module = require("node:module");
  const vm = require("node:vm");
  const dist = join(__dirname, "..", "dist");
  const file = join(dist, "cli.cjs");
  let source;
  try {
    // The bundle is ASCII (esbuild escapes the rest; the build checks): latin1 reads it exactly, and
    // sooner than utf8, which would validate 1.2 MB of text first.
    source = readFileSync(file, "latin1");
  } catch (err) {
    if (err && err.code === "ENOENT") return undefined;
    throw err;
  }
  // The build's training run writes the cache instead of reading one (scripts/build/code-cache.mjs).
  const cacheOut = process.env.TICKET_CODE_CACHE_OUT;
  // --verbose: node's own loader, which applies the source map to stack traces (a vm.Script's are not).
  if (argv.includes("--verbose") && !cacheOut) return require(file).main;
  const id = /^\/\/ ticket build ([0-9a-f]{16})\n/.exec(source)?.[1];
  let cachedData;
  if (id && !cacheOut) {
    try {
      cachedData = readFileSync(join(dist, `cli-${id}.cache`));
    } catch {
      // no cache (a build whose training run failed): compiled from the source
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dist);
  const main = module.exports.main;
  if (!cacheOut) return main;
  delete process.env.TICKET_CODE_CACHE_OUT;
  return async (args) => {
    const code = await main(args);
    writeFileSync(cacheOut, script.createCachedData());
    return code;
  };
}

async function start() {
  // dist/ has external source maps; --verbose, whose stack traces are for reading, turns them on.
  if (argv.includes("--verbose")) process.setSourceMapsEnabled(true);
  const main = loadCli();
  if (main === undefined) {
    notBuilt();
    process.exitCode = 1;
    return;
  }
  process.exitCode = await main(argv);
}

const answer = staticAnswer();
if (answer !== undefined) {
  process.stdout.on("error", () => {}); // `ticket --help | head -1`: nothing to report
  process.stdout.write(answer);
} else {
  start();
}
