/** ticket assign ID... --to AGENT [--team TEAM] */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeTicket } from "../render/output.js";
import { forEachId } from "./shared/bulk.js";
import { str } from "./shared/parse.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const assignee = str(opts["to"]);
  const team = str(opts["team"]);
  if (!assignee && !team) throw new UsageError("assign needs --to AGENT and/or --team TEAM");
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider } = await deps.provider();
  await forEachId(deps, args, (id) => provider.assign!(id, { assignee, team }), async (id, t) => {
    if (opts["quiet"]) deps.io.out(`${t.id}\n`);
    else await writeTicket(out, t);
    deps.io.err(`✓ Assigned ticket ${id}\n`);
  });
}
