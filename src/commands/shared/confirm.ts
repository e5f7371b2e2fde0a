/**
 * Confirmations (issue 11 item 7): before merge, a write on more than one ticket, and profile
 * remove, a person sees what will change and answers; `--yes` skips the question and --dry-run
 * never asks (it sends nothing). Where nobody can answer (shared/pick.ts canAsk) an irreversible
 * change (merge) needs --yes (exit 2); other writes proceed as they always did, so scripts and
 * pipelines (`ticket list ... | ticket close -`) keep working.
 */
import { CliError, NotFoundError, OperationError, UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import type { Provider } from "../../providers/types.js";
import { truncate } from "../../render/format.js";
import { sanitize } from "../../render/sanitize.js";
import { canAsk } from "./pick.js";

/** The global -y/--yes. */
export const saidYes = (deps: Deps): boolean => Boolean(deps.globals.yes);

export interface Confirmation {
  /** A yes/no question: "Close these 3 tickets?" */
  question: string;
  /** What will change, shown above the question (already terminal-safe). */
  lines: () => Promise<string[]> | string[];
  /** It cannot be undone: where nobody can answer, this usage error unless --yes. */
  irreversible?: string;
}

/** Resolves when the change may go ahead; a "no" is exit 1, "cancelled: nothing was sent". */
export async function confirmChange(deps: Deps, c: Confirmation): Promise<void> {
  if (saidYes(deps) || deps.globals.dryRun) return;
  if (!canAsk(deps)) {
    if (c.irreversible) throw new UsageError(c.irreversible);
    return;
  }
  const lines = await c.lines();
  if (lines.length > 0) deps.io.err(`${lines.join("\n")}\n`);
  const yes = await (await deps.prompter()).confirm(c.question, false);
  if (!yes) throw new OperationError("cancelled: nothing was sent");
}

/** Tickets listed in a confirmation at most; the rest are counted. */
export const SHOWN_TICKETS = 10;

/**
 * "  1042  Printer on fire · open" per ticket (the first SHOWN_TICKETS, read at once), so the
 * person sees which tickets they are about to change; one that cannot be read says why.
 */
export async function ticketLines(provider: Provider, ids: readonly string[]): Promise<string[]> {
  const shown = ids.slice(0, SHOWN_TICKETS);
  const lines = await Promise.all(
    shown.map(async (id) => {
      try {
        const t = await provider.show(id);
        return `  ${sanitize(id)}  ${sanitize(truncate(t.subject || "(no subject)", 60))} · ${t.status}`;
      } catch (err) {
        if (err instanceof CliError && (err.code === "interrupted" || err.code === "terminated")) throw err;
        return `  ${sanitize(id)}  (${err instanceof NotFoundError ? "not found" : "could not be read"})`;
      }
    }),
  );
  if (ids.length > shown.length) lines.push(`  … and ${ids.length - shown.length} more`);
  return lines;
}

/** The several-ticket writes (assign, escalate, close): asked when more than one ticket or `-`. */
export async function confirmBulk(deps: Deps, provider: Provider, ids: readonly string[], fromStdin: boolean, what: { verb: string; change: string }): Promise<void> {
  if (ids.length <= 1 && !fromStdin) return;
  const n = ids.length;
  await confirmChange(deps, {
    question: `${what.verb} ${n === 1 ? "this ticket" : `these ${n} tickets`}?`,
    lines: async () => [`${what.change}:`, ...(await ticketLines(provider, ids))],
  });
}
