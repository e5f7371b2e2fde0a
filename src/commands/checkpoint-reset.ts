/**
 * ticket checkpoint reset NAME: forget the mark, so the next run lists every matching ticket again.
 * Exit 5 if there is no such checkpoint. Several profiles holding NAME need -p (`-p a,b` resets
 * each named profile's). Waits for a run that holds the checkpoint.
 */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { toJson } from "../render/json.js";
import { removeCheckpoint } from "../state/checkpoints.js";
import { checkpointsNamed } from "./list/checkpoint-select.js";
import { success } from "../render/status-line.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const name = args[0] ?? "";
  const found = await checkpointsNamed(deps, name, { one: false });
  const reset: string[] = [];
  for (const c of found) if (await removeCheckpoint(c.file, deps.signal)) reset.push(c.profile);
  if (deps.globals.json || deps.globals.ndjson) {
    deps.io.out(`${toJson({ name, reset: reset.map((profile) => ({ profile })) }, Boolean(deps.globals.json))}\n`);
  }
  for (const profile of reset) success(deps.io, `Reset checkpoint "${name}" of profile ${profile}: the next run lists every matching ticket`);
}
