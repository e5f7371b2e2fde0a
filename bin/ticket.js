#!/usr/bin/env node
// The `ticket` command. CommonJS on purpose (bin/package.json): node starts a CommonJS file sooner
// than an ES module, and two answers need nothing else (issue 12 item 1):
// - `ticket --version`, and help (`ticket`, `--help`, `-h`, `help [CMD]`, `CMD [SUB] --help`) when
//   stdout is not a terminal, are read from dist/static.json, which the build renders from the same
//   command tree (scripts/static-answers.mjs; test/cli/startup.test.ts compares them with live runs).
//   On a terminal help is rendered live, at the terminal's width.
// - Everything else loads the bundle (dist/main.js).
// In a source checkout before `npm ci` or before a build (no dist/), it says what to run in one line
// and exits 1, instead of node's module-not-found trace (issue 11 item 11).
"use strict";

const argv = process.argv.slice(2);

/** The version or help text from dist/static.json, or undefined when this run needs the CLI. */
function staticAnswer() {
  const version = argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V");
  if (!version && (process.stdout.isTTY || process.env.TICKET_LIVE_HELP)) return undefined;
  const key = version ? undefined : helpKey();
  if (!version && key === undefined) return undefined;
  let answers;
  try {
    answers = require("../dist/static.json");
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

function notBuilt(err) {
  const { existsSync } = require("node:fs");
  const { join } = require("node:path");
  const root = join(__dirname, "..");
  const built = existsSync(join(root, "dist", "main.js"));
  // `npm ci` installs the dependencies and builds (the prepare script). A package missing from an
  // existing build needs only the install; a missing or partial build, the build as well.
  const missingPackage = built && /Cannot find package/.test(String(err.message));
  const what = !built ? "ticket is not built yet" : missingPackage ? "ticket's dependencies are not installed" : "ticket's build is incomplete";
  const run = missingPackage ? "`npm ci`" : "`npm ci` and then `npm run build`";
  process.stderr.write(`ticket: ${what}: run ${run} in ${root}/\n`);
}

async function start() {
  // dist/ has external source maps; --verbose, whose stack traces are for reading, turns them on.
  if (argv.includes("--verbose")) process.setSourceMapsEnabled(true);
  let main;
  try {
    ({ main } = await import("../dist/main.js"));
  } catch (err) {
    if (err?.code !== "ERR_MODULE_NOT_FOUND") throw err;
    notBuilt(err);
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
