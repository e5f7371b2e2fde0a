/** ticket merge TARGET SOURCE...: sources are merged into the target. */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeTicket } from "../render/output.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const [target, ...sources] = args;
  if (!target || sources.length === 0) throw new UsageError("merge needs a target and at least one source ticket");
  if (sources.includes(target)) throw new UsageError(`cannot merge ticket ${target} into itself`);
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider } = await deps.provider();
  const t = await provider.merge!(target, sources);
  if (opts["quiet"]) deps.io.out(`${t.id}\n`);
  else await writeTicket(out, t);
  deps.io.err(`✓ Merged ${sources.join(", ")} into ticket ${target}\n`);
}
