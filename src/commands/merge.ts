/**
 * ticket merge TARGET SOURCE...: sources are merged into the target; `-` reads source ids from
 * stdin (shared/ids.ts). It cannot be undone: on a terminal the person sees the tickets and
 * confirms; where nobody can answer it needs --yes (exit 2 otherwise). --dry-run never asks.
 */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { requireCapability } from "../providers/guard.js";
import { createOutput, writeTicket } from "../render/output.js";
import { sanitize } from "../render/sanitize.js";
import { confirmChange, ticketLines } from "./shared/confirm.js";
import { readIds } from "./shared/ids.js";
import { performWrite } from "./shared/write.js";
import { success } from "../render/status-line.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const [target, ...given] = args;
  if (target === "-") throw new UsageError("the merge target is one ticket id, not - (source ids may come from stdin with -)");
  const sources = (await readIds(deps, given)).ids;
  if (!target || sources.length === 0) throw new UsageError("merge needs a target and at least one source ticket");
  if (sources.includes(target)) throw new UsageError(`cannot merge ticket ${target} into itself`);
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider, profile, descriptor } = await deps.provider();
  // What the vendor cannot do is refused (exit 6) before anyone is asked to confirm it.
  requireCapability(provider, "merge", descriptor.displayName);
  await confirmChange(deps, {
    question: `Merge ${sources.length === 1 ? "this ticket" : `these ${sources.length} tickets`} into ticket ${sanitize(target)}? It cannot be undone`,
    lines: async () => [`Into ticket:`, ...(await ticketLines(provider, [target])), `Merge (each is folded into it):`, ...(await ticketLines(provider, sources))],
    irreversible: "merge cannot be undone: add --yes to merge where nothing can ask (no terminal, --no-input, --json/--ndjson/--csv or CI)",
  });
  // A merge cannot be undone and has no reliable read-back on every vendor: an unknown outcome
  // is reported as such (check with show), never retried.
  const { value: t, recovered } = await performWrite(deps, {
    profile: profile.name,
    what: `merging ${sources.join(", ")} into ticket ${target}`,
    ticketId: target,
    attempt: () => provider.merge!(target, sources),
  });
  if (t) {
    if (opts["quiet"]) deps.io.out(`${sanitize(t.id)}\n`);
    else await writeTicket(out, t);
  }
  success(deps.io, `Merged ${sanitize(sources.join(", "))} into ticket ${sanitize(target)}${recovered ? " (the vendor's answer was unreadable)" : ""}`);
}
