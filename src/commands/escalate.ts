/** ticket escalate ID... [--reason TEXT] [--to ID]: the vendor's own escalation (see `ticket vendors`). */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeTicket } from "../render/output.js";
import { forEachId } from "./shared/bulk.js";
import { str } from "./shared/parse.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider } = await deps.provider();
  await forEachId(deps, args, (id) => provider.escalate!(id, { reason: str(opts["reason"]), to: str(opts["to"]) }), async (id, t) => {
    if (opts["quiet"]) deps.io.out(`${t.id}\n`);
    else await writeTicket(out, t);
    deps.io.err(`✓ Escalated ticket ${id}\n`);
  });
}
