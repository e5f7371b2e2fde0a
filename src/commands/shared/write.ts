/**
 * Every write ends *done*, *not sent* or *unknown*, and the user is told which (DESIGN.md
 * section 7). `performWrite` runs one provider write and, when it fails:
 *
 * - done (the vendor accepted it; its answer was unreadable): read the result back, succeed.
 * - unknown (it may have reached the vendor): read the ticket back. Found: succeed, with a note
 *   that the answer was lost. Clearly absent: the *not sent* path. Cannot tell: exit 7, the text
 *   kept as a draft, and "it may already have been sent: check `ticket -p P show ID` first".
 * - not sent: the error as it is, the text kept as a draft, and the exact command to send it
 *   again, with `-p PROFILE`.
 *
 * Never advises resending what may have landed.
 */
import { CliError, DryRunStop, InterruptedError, NetworkError, type WriteOutcome } from "../../errors.js";
import { inDryRunItem } from "../../http/dry-run.js";
import type { Deps } from "../../deps.js";
import { sanitize } from "../../render/sanitize.js";
import { saveDraft, type DraftInfo } from "./drafts.js";
import type { Check } from "./reconcile.js";
import { ticketCommand } from "./shell.js";

export interface WriteSpec<T> {
  /** Profile the write goes to (named in every hint). */
  profile: string;
  /** "the reply", "the new ticket", "closing ticket 42": what may or may not have landed. */
  what: string;
  /** Ticket to check with `show` (omitted for create). */
  ticketId?: string | undefined;
  attempt: () => Promise<T>;
  /** Reads back whether the write landed; used for unknown outcomes and unreadable answers. */
  check?: Check<T> | undefined;
  /** Text the user wrote: saved as a draft whenever it did not surely land. */
  draft?: { text: string; resendArgs: (path: string) => string[]; info?: DraftInfo | undefined } | undefined;
  /** Arguments to run the same write again (state verbs, which are safe to repeat). */
  againArgs?: string[] | undefined;
  /** Why a read-back that found nothing means "not done" ("it is not on the ticket"). */
  absent?: string | undefined;
}

export interface WriteResult<T> {
  /** What the vendor (or the read-back) returned; undefined when the write is done but nothing could be read back. */
  value: T | undefined;
  /** Set when the answer was lost and the outcome came from reading back. */
  recovered: boolean;
}

const outcomeOf = (err: CliError): WriteOutcome => err.outcome ?? "not_sent";

export async function performWrite<T>(deps: Deps, spec: WriteSpec<T>): Promise<WriteResult<T>> {
  if (deps.globals.dryRun) return planWrite(spec);
  try {
    return { value: await spec.attempt(), recovered: false };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    const outcome = outcomeOf(err);
    if (err instanceof InterruptedError) throw interrupted(deps, spec, err, outcome);
    if (outcome === "not_sent") throw notSent(deps, spec, err);
    if (outcome === "done") return readBackDone(deps, spec, err);
    return reconcile(deps, spec, err);
  }
}

/**
 * --dry-run: run the write against the planner (src/http/dry-run.ts), which records every request
 * and sends none. Ends with DryRunStop (the plan is printed by main.ts): no success line, no
 * draft. A read that fails before anything was planned keeps its error class; a step that cannot
 * be planned because it needs a real answer ends the item's plan.
 */
async function planWrite<T>(spec: WriteSpec<T>): Promise<never> {
  const { error, writes } = await inDryRunItem(spec.attempt);
  if (error === undefined) throw new DryRunStop(spec.what);
  if (error instanceof DryRunStop) throw new DryRunStop(spec.what, error.cutShort);
  if (writes > 0 && !(error instanceof InterruptedError)) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DryRunStop(spec.what, `the steps after the last one shown depend on the vendor's answer (${why})`);
  }
  throw error;
}

/** The vendor accepted the write but its answer could not be read: it is done; read the result back. */
async function readBackDone<T>(deps: Deps, spec: WriteSpec<T>, err: CliError): Promise<WriteResult<T>> {
  let value: T | undefined;
  try {
    const found = spec.check ? await spec.check() : { found: false as const };
    if (found.found) value = found.value;
  } catch {
    // Done is done: not being able to read it back changes nothing.
  }
  note(deps, `${spec.what} was accepted, but the answer could not be read (${err.message})${value === undefined ? "" : "; read back from the vendor"}`);
  return { value, recovered: true };
}

/** It may have reached the vendor: look before saying anything. */
async function reconcile<T>(deps: Deps, spec: WriteSpec<T>, err: CliError): Promise<WriteResult<T>> {
  if (spec.check) {
    for (let attempt = 0; attempt < 2; attempt++) {
      let result: Awaited<ReturnType<Check<T>>>;
      try {
        result = await spec.check();
      } catch {
        break; // cannot tell
      }
      if (result.found) {
        note(deps, `the vendor's answer was lost (${err.message}), but ${spec.what} is there: it was done`);
        return { value: result.value, recovered: true };
      }
      // A vendor may still be storing it: look once more before calling it absent.
      if (attempt === 0) await new Promise((r) => setTimeout(r, 500));
      else throw notSent(deps, spec, err, spec.absent ?? "it is not on the ticket");
    }
  }
  throw cannotTell(deps, spec, err);
}

function notSent<T>(deps: Deps, spec: WriteSpec<T>, err: CliError, why?: string): CliError {
  const tail: string[] = [];
  if (why) tail.push(`${spec.what} was not done (${why})`);
  if (spec.draft) {
    const path = draft(deps, spec);
    tail.push(`the text is saved in ${path}; send it with: ${ticketCommand(spec.profile, ...spec.draft.resendArgs(path))}`);
  } else if (spec.againArgs && err.code !== "usage" && err.code !== "unsupported" && err.code !== "config") {
    tail.push(`nothing changed; to try again: ${ticketCommand(spec.profile, ...spec.againArgs)}`);
  }
  return rewrap(err, err.code, tail.length ? `${err.message}. ${capital(tail.join("; "))}` : err.message, "not_sent");
}

function cannotTell<T>(deps: Deps, spec: WriteSpec<T>, err: CliError): CliError {
  const check = spec.ticketId ? ticketCommand(spec.profile, "show", spec.ticketId) : ticketCommand(spec.profile, "list");
  const kept = spec.draft ? `; the text is kept in ${draft(deps, spec)}` : "";
  const message = `${err.message}. ${capital(spec.what)} may already have been done: check \`${check}\` before trying again${kept}`;
  const out = new NetworkError(message, { vendor: err.vendor, httpStatus: err.httpStatus, vendorCode: err.vendorCode, cause: err.cause });
  out.outcome = "unknown";
  return out;
}

function interrupted<T>(deps: Deps, spec: WriteSpec<T>, err: InterruptedError, outcome: WriteOutcome): CliError {
  const parts: string[] = [];
  if (outcome !== "not_sent") {
    const check = spec.ticketId ? ticketCommand(spec.profile, "show", spec.ticketId) : ticketCommand(spec.profile, "list");
    parts.push(`${spec.what} may already have been done: check \`${check}\``);
  }
  if (spec.draft) parts.push(`the text is saved in ${draft(deps, spec)}`);
  const out = new InterruptedError(parts.length ? `interrupted; ${parts.join("; ")}` : "interrupted", err.signal);
  out.outcome = outcome;
  return out;
}

function draft<T>(deps: Deps, spec: WriteSpec<T>): string {
  return saveDraft(deps.paths.stateDir, spec.profile, spec.ticketId ?? "new", spec.draft!.text, deps.now(), spec.draft!.info);
}

function rewrap(err: CliError, code: CliError["code"], message: string, outcome: WriteOutcome): CliError {
  const out =
    err instanceof InterruptedError
      ? new InterruptedError(message, err.signal)
      : new CliError(code, message, { vendor: err.vendor, httpStatus: err.httpStatus, vendorCode: err.vendorCode, hint: err.hint, cause: err.cause });
  out.outcome = outcome;
  return out;
}

function note(deps: Deps, text: string): void {
  deps.io.err(`ticket: note: ${sanitize(text)}\n`);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
