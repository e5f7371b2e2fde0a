/**
 * ticket close ID... [--resolve] [--comment TEXT]. On a terminal, a missing ticket is picked from
 * recent open tickets (shared/pick.ts) and several tickets are confirmed first (shared/confirm.ts).
 */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { refuseFlags, requireCapability } from "../providers/guard.js";
import { sanitize } from "../render/sanitize.js";
import { concurrencyFor, parseConcurrency, runTicketWrites } from "./shared/bulk.js";
import { confirmBulk } from "./shared/confirm.js";
import { readIds } from "./shared/ids.js";
import { flagsGiven, str } from "./shared/parse.js";
import { canAsk, pickTicket } from "./shared/pick.js";
import { stateCheck } from "./shared/reconcile.js";

const NEEDS_IDS = "close needs ticket ids: ticket close ID... (- reads them from stdin)";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const resolve = Boolean(opts["resolve"]);
  const comment = str(opts["comment"]);
  if (args.length === 0 && !canAsk(deps)) throw new UsageError(NEEDS_IDS);
  const concurrency = parseConcurrency(opts["concurrency"]);
  const resolved = await deps.provider();
  const { provider, profile, descriptor } = resolved;
  // Refused (unsupported, read-only profile) before anything is picked or confirmed.
  requireCapability(provider, "close", descriptor.displayName);
  refuseFlags(provider, "close", descriptor.displayName, flagsGiven(opts));
  const { ids, fromStdin } = args.length > 0 ? await readIds(deps, args) : { ids: [await pickTicket(deps, resolved, NEEDS_IDS)], fromStdin: false };
  const verb = resolve ? "Resolve" : "Close";
  await confirmBulk(deps, provider, ids, fromStdin, { verb, change: `${verb}${comment !== undefined ? `, with the internal note "${sanitize(comment)}"` : ""}` });
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
