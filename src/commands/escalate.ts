/**
 * ticket escalate ID... [--reason TEXT] [--to ID]: the vendor's own escalation (see `ticket
 * vendors`). Escalation means something different per vendor, so an answer lost in transit is
 * not guessed at: the user is told to look (shared/write.ts, "cannot tell").
 */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { runTicketWrites } from "./shared/bulk.js";
import { str } from "./shared/parse.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const reason = str(opts["reason"]);
  const to = str(opts["to"]);
  const { provider, profile } = await deps.provider();
  await runTicketWrites(deps, args, {
    profile: profile.name,
    quiet: Boolean(opts["quiet"]),
    what: (id) => `escalating ticket ${id}`,
    attempt: (id) => provider.escalate!(id, { reason, to }),
    againArgs: (id) => ["escalate", id, ...(reason !== undefined ? ["--reason", reason] : []), ...(to ? ["--to", to] : [])],
    done: (id, t) => (!to && t?.assignee?.name ? `Escalated ticket ${id} (now with ${t.assignee.name})` : `Escalated ticket ${id}`),
  });
}
