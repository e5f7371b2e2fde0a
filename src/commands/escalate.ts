/**
 * ticket escalate ID... [--reason TEXT] [--to ID]: the vendor's own escalation (see `ticket
 * vendors`). Escalation means something different per vendor, so an answer lost in transit is
 * not guessed at: the user is told to look (shared/write.ts, "cannot tell"). On a terminal, a
 * missing ticket is picked from recent open tickets and a missing --to from the directory (with
 * "none", the vendor's default, first); several tickets are confirmed first.
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
import { canAsk, pickRef, pickTicket, resolveTarget } from "./shared/pick.js";
import { ESCALATE_TARGET } from "./shared/vendor-needs.js";

const NEEDS_IDS = "escalate needs ticket ids: ticket escalate ID... (- reads them from stdin)";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const reason = str(opts["reason"]);
  const toGiven = str(opts["to"]);
  if (args.length === 0 && !canAsk(deps)) throw new UsageError(NEEDS_IDS);
  const concurrency = parseConcurrency(opts["concurrency"]);
  const resolved = await deps.provider();
  const { provider, profile, descriptor } = resolved;
  // Refused (unsupported, read-only profile) before anything is picked or confirmed.
  requireCapability(provider, "escalate", descriptor.displayName);
  refuseFlags(provider, "escalate", descriptor.displayName, flagsGiven(opts));
  const target = ESCALATE_TARGET[descriptor.vendor];
  let to = toGiven ? await resolveTarget(deps, resolved, target.kinds, toGiven) : undefined;
  const { ids, fromStdin } = args.length > 0 ? await readIds(deps, args) : { ids: [await pickTicket(deps, resolved, NEEDS_IDS)], fromStdin: false };
  const takesTarget = !(provider.capabilities.escalate.refusedFlags ?? []).includes("--to");
  if (to === undefined && takesTarget && canAsk(deps) && !deps.globals.dryRun) {
    to = (await pickRef(deps, resolved, { question: "Escalate to", kinds: target.kinds, none: target.none, lenient: true }))?.id;
  }
  const toShown = to === undefined ? "" : ` to ${toGiven && toGiven !== to ? `${sanitize(toGiven)} (${sanitize(to)})` : sanitize(to)}`;
  await confirmBulk(deps, provider, ids, fromStdin, { verb: "Escalate", change: `Escalate${toShown}${reason !== undefined ? ` (reason: ${sanitize(reason)})` : ""}` });
  await runTicketWrites(deps, ids, {
    profile: profile.name,
    quiet: Boolean(opts["quiet"]),
    what: (id) => `escalating ticket ${id}`,
    attempt: (id) => provider.escalate!(id, { reason, to }),
    againArgs: (id) => ["escalate", id, ...(reason !== undefined ? ["--reason", reason] : []), ...(to ? ["--to", to] : [])],
    done: (id, t) => {
      const own = profile.settings["userId"];
      if (!to && own && t?.assignee?.id && t.assignee.id.toLowerCase() === own.toLowerCase()) {
        return `Escalated ticket ${id}: taken over by you (${t.assignee.name ?? t.assignee.id}, this profile's userId) from the AI responder`;
      }
      return !to && t?.assignee?.name ? `Escalated ticket ${id} (now with ${t.assignee.name})` : `Escalated ticket ${id}`;
    },
  }, { bulk: fromStdin, concurrency: concurrencyFor(concurrency, descriptor) });
}
