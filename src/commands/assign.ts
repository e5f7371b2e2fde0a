/**
 * ticket assign ID... --to AGENT [--team TEAM]. On a terminal, a missing ticket is picked from
 * recent open tickets and a missing --to/--team from the directory (shared/pick.ts); several
 * tickets are confirmed first (shared/confirm.ts). --to and --team take an id, or a name or email
 * the directory resolves.
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
import { canAsk, pickRef, pickTicket, resolveAny } from "./shared/pick.js";
import { sameId, stateCheck } from "./shared/reconcile.js";

const NEEDS_IDS = "assign needs ticket ids: ticket assign ID... --to AGENT (- reads them from stdin)";

/** "Alice" or "Alice (1487fc9d-…)" when a name was resolved to an id. */
const shown = (given: string, id: string) => (given === id ? sanitize(id) : `${sanitize(given)} (${sanitize(id)})`);

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const toGiven = str(opts["to"]);
  const teamGiven = str(opts["team"]);
  const ask = canAsk(deps);
  if (!toGiven && !teamGiven && !ask) throw new UsageError("assign needs --to AGENT and/or --team TEAM");
  if (args.length === 0 && !ask) throw new UsageError(NEEDS_IDS);
  const concurrency = parseConcurrency(opts["concurrency"]);
  const resolved = await deps.provider();
  const { provider, profile, descriptor } = resolved;
  // Refused (unsupported, read-only profile) before anything is picked or confirmed.
  requireCapability(provider, "assign", descriptor.displayName);
  refuseFlags(provider, "assign", descriptor.displayName, flagsGiven(opts));
  let assignee = toGiven ? await resolveAny(deps, resolved, ["agent"], toGiven) : undefined;
  let team = teamGiven ? await resolveAny(deps, resolved, ["team"], teamGiven) : undefined;
  let to = [assignee && toGiven ? shown(toGiven, assignee) : undefined, team && teamGiven ? `team ${shown(teamGiven, team)}` : undefined];
  const { ids, fromStdin } = args.length > 0 ? await readIds(deps, args) : { ids: [await pickTicket(deps, resolved, NEEDS_IDS)], fromStdin: false };
  if (!assignee && !team) {
    const picked = await pickRef(deps, resolved, { question: "Assign to", kinds: ["agent", "team"] });
    if (!picked) throw new UsageError("assign needs --to AGENT and/or --team TEAM");
    if (picked.kind === "team") team = picked.id;
    else assignee = picked.id;
    to = [picked.kind === "team" ? `team ${sanitize(picked.id)}` : sanitize(picked.id)];
  }
  await confirmBulk(deps, provider, ids, fromStdin, { verb: "Assign", change: `Assign to ${to.filter(Boolean).join(" and ")}` });
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
