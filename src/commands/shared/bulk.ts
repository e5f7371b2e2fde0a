/**
 * Verbs that take several ids run them one by one. With one id the error is rethrown as is
 * (its own exit code); with several, each failure is reported and the run exits 1.
 */
import { CliError, OperationError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import { sanitize } from "../../render/sanitize.js";

export async function forEachId<T>(deps: Deps, ids: string[], fn: (id: string) => Promise<T>, done: (id: string, result: T) => Promise<void>): Promise<void> {
  if (ids.length === 1) {
    await done(ids[0]!, await fn(ids[0]!));
    return;
  }
  const failed: string[] = [];
  for (const id of ids) {
    try {
      await done(id, await fn(id));
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      failed.push(id);
      deps.io.err(`ticket: ${sanitize(err.message)}\n`);
    }
  }
  if (failed.length > 0) throw new OperationError(`${failed.length} of ${ids.length} tickets failed: ${failed.join(", ")}`);
}
