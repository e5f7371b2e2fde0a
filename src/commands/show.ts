/** ticket show [ID]: the ticket and its conversation; on a terminal without ID, picked from recent open tickets. */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeDetail } from "../render/output.js";
import { withPager } from "../render/pager.js";
import { pickTicket } from "./shared/pick.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const resolved = await deps.provider();
  const id = args[0] ?? (await pickTicket(deps, resolved, "show needs a ticket id: ticket show ID"));
  const detail = await resolved.provider.show(id, { history: Boolean(opts["history"]) });
  await withPager(deps, () => writeDetail(out, detail));
}
