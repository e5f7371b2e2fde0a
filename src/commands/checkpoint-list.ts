/** ticket checkpoint list: the checkpoints of every profile (or of -p NAME / -p a,b). */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeRecords } from "../render/output.js";
import { CHECKPOINT_KEYS, CHECKPOINT_TABLE_KEYS, checkpointsOf, checkpointView } from "./list/checkpoint-select.js";

export async function run(_input: CommandInput, deps: Deps): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const rows = (await checkpointsOf(deps)).map(checkpointView);
  await writeRecords(out, rows, CHECKPOINT_KEYS, CHECKPOINT_TABLE_KEYS);
  if (rows.length === 0 && deps.io.errIsTTY) deps.io.err("No checkpoints yet; `ticket list --since @last --checkpoint NAME` makes one.\n");
}
