/**
 * Verbs that take several ids (assign, escalate, close) run them one by one, each write with a
 * known outcome (write.ts). With one id the error is rethrown as is (its own exit code). With
 * several, each failure is reported and the run exits 1; an auth or config failure stops the run
 * with its own code (the next items would fail the same way); a closed stdout (`| head`) or a
 * signal starts no new item, and stderr says which ids were done and which were not.
 */
import { CliError, InterruptedError, OperationError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import type { Ticket } from "../../model/types.js";
import { sanitize } from "../../render/sanitize.js";
import { createOutput, writeTicket } from "../../render/output.js";
import type { Check } from "./reconcile.js";
import { performWrite } from "./write.js";

export interface TicketWriteSpec {
  profile: string;
  /** "closing ticket 42" */
  what: (id: string) => string;
  attempt: (id: string) => Promise<Ticket>;
  check?: ((id: string) => Check<Ticket>) | undefined;
  /** The arguments that run the same write on one id again (state writes are safe to repeat). */
  againArgs: (id: string) => string[];
  /** "Closed ticket 42" for the ✓ line. */
  done: (id: string, t: Ticket | undefined) => string;
  quiet: boolean;
}

const STOPS_THE_RUN = new Set(["auth", "config"]);

/** stdout was closed by its reader (`| head`): start nothing new. */
export function stdoutClosed(deps: Deps): boolean {
  return Boolean((deps.io as { closed?: AbortSignal }).closed?.aborted);
}

export async function runTicketWrites(deps: Deps, ids: string[], spec: TicketWriteSpec): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const one = async (id: string) => {
    const { value, recovered } = await performWrite(deps, {
      profile: spec.profile,
      what: spec.what(id),
      ticketId: id,
      attempt: () => spec.attempt(id),
      check: spec.check?.(id),
      againArgs: spec.againArgs(id),
    });
    if (value) {
      if (spec.quiet) deps.io.out(`${sanitize(value.id)}\n`);
      else await writeTicket(out, value);
    }
    deps.io.err(`✓ ${sanitize(spec.done(id, value))}${recovered ? " (confirmed by reading the ticket back)" : ""}\n`);
  };
  if (ids.length === 1) return one(ids[0]!);

  const done: string[] = [];
  const failed: string[] = [];
  let stopped: CliError | undefined;
  let closed = false;
  for (const id of ids) {
    if (stdoutClosed(deps)) {
      closed = true;
      break;
    }
    try {
      await one(id);
      done.push(id);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      failed.push(id);
      // An interruption is said once, by the final line; other failures are said per item.
      if (!(err instanceof InterruptedError)) deps.io.err(`ticket: ${sanitize(id)}: ${sanitize(err.message)}\n`);
      if (err instanceof InterruptedError || STOPS_THE_RUN.has(err.code)) {
        stopped = err;
        break;
      }
    }
  }
  const notStarted = ids.filter((id) => !done.includes(id) && !failed.includes(id));
  if (closed) {
    deps.io.err(`ticket: stdout was closed; done: ${sanitize(done.join(", ")) || "none"}; not done: ${sanitize([...failed, ...notStarted].join(", "))}\n`);
    throw new OperationError(`stopped after ${done.length} of ${ids.length} tickets because stdout was closed`);
  }
  if (stopped) {
    const rest = notStarted.length ? `; not started: ${notStarted.join(", ")}` : "";
    const message = `${sanitize(stopped.message)} (stopped after ${done.length} of ${ids.length} tickets${rest})`;
    const err = stopped instanceof InterruptedError ? new InterruptedError(message, stopped.signal) : new CliError(stopped.code, message, { vendor: stopped.vendor, httpStatus: stopped.httpStatus });
    throw err;
  }
  if (failed.length > 0) throw new OperationError(`${failed.length} of ${ids.length} tickets failed: ${failed.join(", ")}`);
}
