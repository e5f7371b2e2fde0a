/**
 * ticket escalate ID... [--reason TEXT] [--to ID]: the vendor's own escalation (see `ticket
 * vendors`). Escalation means something different per vendor, so an answer lost in transit is
 * not guessed at: the user is told to look (shared/write.ts, "cannot tell").
 */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { refuseFlags } from "../providers/guard.js";
import { concurrencyFor, parseConcurrency, runTicketWrites } from "./shared/bulk.js";
import { readIds } from "./shared/ids.js";
import { flagsGiven, str } from "./shared/parse.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const reason = str(opts["reason"]);
  const to = str(opts["to"]);
  const concurrency = parseConcurrency(opts["concurrency"]);
  const { provider, profile, descriptor } = await deps.provider();
  refuseFlags(provider, "escalate", descriptor.displayName, flagsGiven(opts));
  const { ids, fromStdin } = await readIds(deps, args);
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
