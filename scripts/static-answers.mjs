// Writes dist/static.json (run by scripts/build.mjs after the bundle is in place): the two answers
// bin/ticket.js gives without loading the CLI (issue 12 item 1):
// - `version`: package.json's version;
// - `help`: every command's help as commander prints it when stdout is not a terminal (80 columns),
//   keyed by its command path ("" for ticket itself, "list", "profile add"; aliases too).
// Rendered from the same command tree as a live run, so the texts are the live ones byte for byte;
// test/cli/startup.test.ts compares every one with a live run (TICKET_LIVE_HELP=1).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
// Help as a pipe gets it: commander wraps at 80 columns when stdout is not a terminal.
Object.defineProperty(process.stdout, "isTTY", { value: false, configurable: true });
Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });

const { createProgram } = await import(join(dist, "program.js"));
let captured = "";
const io = { out: (s) => (captured += s), err: (s) => (captured += s) };
const program = createProgram({ io, globals: {} });

const help = {};
/** One command's help under its name and each alias, then its subcommands' ("profile add"). */
function render(cmd, parents) {
  captured = "";
  cmd.outputHelp();
  for (const name of [cmd.name(), ...cmd.aliases()]) help[[...parents, name].join(" ")] = captured;
  for (const sub of cmd.commands) render(sub, [...parents, cmd.name()]);
}
captured = "";
program.outputHelp();
help[""] = captured;
for (const sub of program.commands) render(sub, []);

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const file = join(dist, "static.json");
const tmp = `${file}.${process.pid}.tmp`;
writeFileSync(tmp, `${JSON.stringify({ version: pkg.version, help })}\n`);
renameSync(tmp, file);
