/** ticket assign ID... --to AGENT [--team TEAM] */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { refuseFlags } from "../providers/guard.js";
import { concurrencyFor, parseConcurrency, runTicketWrites } from "./shared/bulk.js";
import { readIds } from "./shared/ids.js";
import { flagsGiven, str } from "./shared/parse.js";
import { sameId, stateCheck } from "./shared/reconcile.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const assignee = str(opts["to"]);
  const team = str(opts["team"]);
  if (!assignee && !team) throw new UsageError("assign needs --to AGENT and/or --team TEAM");
  const concurrency = parseConcurrency(opts["concurrency"]);
  const { provider, profile, descriptor } = await deps.provider();
  refuseFlags(provider, "assign", descriptor.displayName, flagsGiven(opts));
  const { ids, fromStdin } = await readIds(deps, args);
  await runTicketWrites(deps, ids, {
    profile: profile.name,
    quiet: Boolean(opts["quiet"]),
    what: (id) => `assigning ticket ${id}`,
    attempt: (id) => provider.assign!(id, { assignee, team }),
    check: (id) =>
      stateCheck(
        provider,
        id,
        (t) =>
          (!assignee || [t.assignee?.id, t.assignee?.email, t.assignee?.name].some((v) => sameId(v, assignee))) &&
          (!team || [t.team?.id, t.team?.name].some((v) => sameId(v, team))),
      ),
    againArgs: (id) => ["assign", id, ...(assignee ? ["--to", assignee] : []), ...(team ? ["--team", team] : [])],
    done: (id) => `Assigned ticket ${id}`,
  }, { bulk: fromStdin, concurrency: concurrencyFor(concurrency, descriptor) });
}
