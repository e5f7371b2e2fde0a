/** ticket show ID: the ticket and its conversation. */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeDetail } from "../render/output.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider } = await deps.provider();
  await writeDetail(out, await provider.show(args[0]!, { history: Boolean(opts["history"]) }));
}
