/** ticket checkpoint show NAME: one checkpoint (exit 5 if none; exit 2 if several profiles hold it and no -p says which). */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { toJson } from "../render/json.js";
import { createOutput, writeRecords } from "../render/output.js";
import { sanitize } from "../render/sanitize.js";
import { CHECKPOINT_KEYS, checkpointsNamed, checkpointView } from "./list/checkpoint-select.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const [found] = await checkpointsNamed(deps, args[0] ?? "", { one: true });
  const view = checkpointView(found!);
  if (out.format === "json" || out.format === "ndjson") {
    deps.io.out(`${toJson(view, out.format === "json")}\n`);
    return;
  }
  if (out.format === "csv" || out.fieldsRaw !== undefined) {
    await writeRecords(out, [view], CHECKPOINT_KEYS);
    return;
  }
  const lines = [
    `${view.name} (profile ${view.profile}${view.vendor ? `, ${view.vendor}` : ""})`,
    `  mark      ${view.mark ?? "none yet: the next run lists every matching ticket"}`,
    ...(view.markIds.length ? [`  at mark   ${view.markIds.join(", ")}`] : []),
    `  last run  ${view.lastRun ? `${view.lastRun} (${view.lastPrinted} printed)` : "never"}`,
    `  created   ${view.createdAt}`,
    `  file      ${view.file}`,
  ];
  deps.io.out(`${sanitize(lines.join("\n"), { multiline: true })}\n`);
}
