/** ticket close ID... [--resolve] [--comment TEXT] */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { refuseFlags } from "../providers/guard.js";
import { concurrencyFor, parseConcurrency, runTicketWrites } from "./shared/bulk.js";
import { readIds } from "./shared/ids.js";
import { flagsGiven, str } from "./shared/parse.js";
import { stateCheck } from "./shared/reconcile.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const resolve = Boolean(opts["resolve"]);
  const comment = str(opts["comment"]);
  const concurrency = parseConcurrency(opts["concurrency"]);
  const { provider, profile, descriptor } = await deps.provider();
  refuseFlags(provider, "close", descriptor.displayName, flagsGiven(opts));
  const { ids, fromStdin } = await readIds(deps, args);
  await runTicketWrites(deps, ids, {
    profile: profile.name,
    quiet: Boolean(opts["quiet"]),
    what: (id) => `closing ticket ${id}`,
    attempt: (id) => provider.close!(id, { resolve, comment }),
    // The status is what matters; a comment that may be missing is said in the note.
    check: (id) => stateCheck(provider, id, (t) => t.status === "closed" || t.status === "resolved"),
    againArgs: (id) => ["close", id, ...(resolve ? ["--resolve"] : []), ...(comment !== undefined ? ["--comment", comment] : [])],
    done: (id, t) => `${t?.status === "resolved" ? "Resolved" : "Closed"} ticket ${id}`,
  }, { bulk: fromStdin, concurrency: concurrencyFor(concurrency, descriptor) });
}
