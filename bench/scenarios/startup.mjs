// Start-up: `ticket --version` and `ticket --help` against `node -e 0` (issue 12 item 1: at most 1.15x).
import { BIN } from "../lib/paths.mjs";
import { check, interleave, measure, median } from "../lib/measure.mjs";
import { makeHome } from "../lib/profile.mjs";
import { ms, row } from "../lib/table.mjs";

export async function startup({ runs, progress }) {
  const home = makeHome();
  const run = (args, label) => async () => check(await measure(process.execPath, args, { env: home.env }), label).ms;
  // In turn (node, --version, --help, node, ...), so that the machine's drift falls on all three alike.
  const [node, version, help] = (
    await interleave(runs, "start-up", [run(["-e", "0"], "node -e 0"), run([BIN, "--version"], "ticket --version"), run([BIN, "--help"], "ticket --help")], progress)
  ).map(median);
  return {
    rows: [
      row("`ticket --version`", ms(version), `\`node -e 0\` ${ms(node)}`, version / node, 1.15),
      row("`ticket --help`", ms(help), `\`node -e 0\` ${ms(node)}`, help / node, 1.15),
    ],
    notes: [`start-up: median of ${runs} runs each, taken in turn with \`node -e 0\` after one warm-up each; wall time from spawn to exit.`],
  };
}
