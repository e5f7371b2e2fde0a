// Start-up: `ticket --version` and `ticket --help` against `node -e 0` (issue 12 item 1: at most 1.15x).
import { BIN } from "../lib/paths.mjs";
import { check, measure, median, repeat } from "../lib/measure.mjs";
import { makeHome } from "../lib/profile.mjs";
import { ms, row } from "../lib/table.mjs";

export async function startup({ runs, progress }) {
  const home = makeHome();
  const time = (args, label) => repeat(runs, label, async () => check(await measure(process.execPath, args, { env: home.env }), label).ms, progress);
  // Interleaved would be fairer on a busy machine; in blocks, each warm-up primes the file cache.
  const node = median(await time(["-e", "0"], "node -e 0"));
  const version = median(await time([BIN, "--version"], "ticket --version"));
  const help = median(await time([BIN, "--help"], "ticket --help"));
  return {
    rows: [
      row("`ticket --version`", ms(version), `\`node -e 0\` ${ms(node)}`, version / node, 1.15),
      row("`ticket --help`", ms(help), `\`node -e 0\` ${ms(node)}`, help / node, 1.15),
    ],
    notes: [`start-up: median of ${runs} runs each, after one warm-up; wall time from spawn to exit.`],
  };
}
