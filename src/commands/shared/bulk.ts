/**
 * Verbs that take ticket ids (assign, escalate, close), each write with a known outcome (write.ts).
 *
 * One id given as an argument: the verb prints the resulting ticket, and its error is rethrown as
 * is (its own exit code).
 *
 * A bulk run (several ids, or `-` for ids on stdin, shared/ids.ts) prints one result per item
 * (`{"id","ok","exitCode","error"?,"ticket"?}`, BulkResultSchema in src/model/output-schemas.ts),
 * always in input order: NDJSON lines and plain lines (a pipe) as soon as the item and every item
 * before it have finished; one JSON array (--json), CSV rows and the table (a terminal) at the end.
 * `-q` prints the id of each item done, the same way. Items go `concurrency` at a time (the first
 * one alone, shared/pool.ts); a 429 holds every request of the profile (src/http/client.ts), and a
 * vendor's documented rate limit paces them (src/http/pace.ts). The run continues past an item's failure and exits 1
 * if any failed, but an auth or config failure (the next items would fail the same way) or a
 * signal starts no new item and ends the run with that class; items not started get a result
 * saying so. A closed stdout (`| head`) starts no new item, and stderr says which ids were done and
 * which were not.
 */
import { setMaxListeners } from "node:events";
import { CliError, DryRunStop, InterruptedError, OperationError, UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import type { Ticket } from "../../model/types.js";
import { writeCsv } from "../../render/csv.js";
import { parseFields, pick, TICKET_FIELDS } from "../../render/fields.js";
import { toJson } from "../../render/json.js";
import { createOutput, writeTicket } from "../../render/output.js";
import { beginProgress } from "../../render/progress.js";
import { sanitize } from "../../render/sanitize.js";
import { success } from "../../render/status-line.js";
import { renderTable } from "../../render/table.js";
import { runPool } from "./pool.js";
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

export interface BulkOptions {
  /** Print one result per item even for a single id (ids came from stdin with `-`). */
  bulk?: boolean;
  /** Items at once (default 1). */
  concurrency?: number;
}

/** The error of a failed item, as in `{"error":{...}}` on stderr. */
export interface BulkError {
  code: string;
  message: string;
  exitCode: number;
  vendor: string | null;
  httpStatus: number | null;
}

export interface BulkResult {
  id: string;
  ok: boolean;
  exitCode: number;
  error?: BulkError;
  ticket?: Partial<Ticket>;
}

/** Most items a run may have in flight. */
export const MAX_CONCURRENCY = 64;
/** When a vendor's descriptor names no default. */
export const DEFAULT_CONCURRENCY = 4;

/** `--concurrency N` as given: a plain positive integer, at most MAX_CONCURRENCY (checked before anything else). */
export function parseConcurrency(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = /^[1-9][0-9]*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`--concurrency takes a positive whole number like 4, not "${text}"`);
  if (n > MAX_CONCURRENCY) throw new UsageError(`--concurrency is at most ${MAX_CONCURRENCY}, not ${n}`);
  return n;
}

/** The flag's value, else the vendor's default (its descriptor, from its documented rate limit), else DEFAULT_CONCURRENCY. */
export function concurrencyFor(given: number | undefined, descriptor: { concurrency?: { default: number } | undefined }): number {
  return given ?? descriptor.concurrency?.default ?? DEFAULT_CONCURRENCY;
}

const STOPS_THE_RUN = new Set(["auth", "config"]);

/** stdout was closed by its reader (`| head`): start nothing new. */
export function stdoutClosed(deps: Deps): boolean {
  return Boolean((deps.io as { closed?: AbortSignal }).closed?.aborted);
}

const oneLine = (s: string) => sanitize(s).replace(/[\t\r\n]+/g, " ");

export async function runTicketWrites(deps: Deps, ids: string[], spec: TicketWriteSpec, options: BulkOptions = {}): Promise<void> {
  const attempt = (id: string) =>
    performWrite(deps, {
      profile: spec.profile,
      what: spec.what(id),
      ticketId: id,
      attempt: () => spec.attempt(id),
      check: spec.check?.(id),
      againArgs: spec.againArgs(id),
    });
  const doneLine = (id: string, value: Ticket | undefined, recovered: boolean) => `${spec.done(id, value)}${recovered ? " (confirmed by reading the ticket back)" : ""}`;

  if (deps.globals.dryRun) return planAll(deps, ids, attempt);
  if (ids.length === 1 && !options.bulk) {
    const out = createOutput(deps.io, deps.globals, deps.now());
    const id = ids[0]!;
    const { value, recovered } = await attempt(id);
    if (value) {
      if (spec.quiet) deps.io.out(`${sanitize(value.id)}\n`);
      else await writeTicket(out, value);
    }
    success(deps.io, sanitize(doneLine(id, value, recovered)));
    return;
  }
  await runBulk(deps, ids, spec, options.concurrency ?? 1, attempt, doneLine);
}

/**
 * --dry-run over several ids: each item planned in turn (one at a time, so the plan reads in input
 * order), nothing sent. A read that fails for an item (not found) is said on stderr and the run goes
 * on, as a real run would; an auth or config failure ends it. Exit 0, or the class of the failure.
 */
async function planAll(deps: Deps, ids: string[], attempt: (id: string) => Promise<unknown>): Promise<never> {
  const failed: CliError[] = [];
  for (const id of ids) {
    try {
      await attempt(id);
    } catch (err) {
      if (err instanceof DryRunStop) {
        if (err.cutShort) deps.io.err(`ticket: ${sanitize(id)}: dry run: ${sanitize(err.cutShort)}\n`);
        continue;
      }
      if (!(err instanceof CliError) || err instanceof InterruptedError) throw err;
      if (ids.length === 1) throw err;
      failed.push(err);
      deps.io.err(`ticket: ${sanitize(id)}: ${sanitize(deps.redactor.redact(err.message))}\n`);
      if (STOPS_THE_RUN.has(err.code)) throw new CliError(err.code, `${sanitize(err.message)} (dry run stopped at ticket ${id})`, { vendor: err.vendor });
    }
  }
  if (failed.length === 1 && ids.length === 1) throw failed[0]!;
  if (failed.length > 0) throw new OperationError(`dry run: ${failed.length} of ${ids.length} tickets could not be planned`);
  throw new DryRunStop(`${ids.length} tickets`);
}

async function runBulk(
  deps: Deps,
  ids: string[],
  spec: TicketWriteSpec,
  concurrency: number,
  attempt: (id: string) => Promise<{ value: Ticket | undefined; recovered: boolean }>,
  doneLine: (id: string, value: Ticket | undefined, recovered: boolean) => string,
): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  // Every request in flight listens on the run's signal (got's abort, the 429 gate's wait): up to
  // several per worker, which is no leak (node warns past 10 by default).
  setMaxListeners(Math.max(10, concurrency * 4 + 10), deps.signal);
  const format = out.format;
  const fields = parseFields(deps.globals.fields, [...TICKET_FIELDS, "raw"]);
  /** Results are data on stdout; stderr keeps to the one error object (DESIGN.md section 4). */
  const machine = format === "json" || format === "ndjson";
  const streamed = spec.quiet || format === "ndjson" || (format === "table" && !deps.io.isTTY);
  const results: (BulkResult | undefined)[] = new Array(ids.length);
  /** What the table and plain lines say of each item. */
  const whats: string[] = new Array(ids.length);
  const redact = (s: string) => deps.redactor.redact(s);

  if (ids.length === 0) {
    if (format === "json") deps.io.out("[]\n");
    if (!machine) deps.io.err("ticket: no ticket ids on stdin; nothing to do\n");
    return;
  }

  /** The next item whose streamed line is due: lines go out in input order (issue 12 item 3). */
  let nextLine = 0;
  const line = (r: BulkResult, what: string): string | undefined => {
    if (spec.quiet) return r.ok ? `${sanitize(r.id)}\n` : undefined;
    if (format === "ndjson") return `${toJson(r)}\n`;
    if (format === "table" && !deps.io.isTTY) return `${[r.id, r.ok ? "yes" : "no", what].map(oneLine).join("\t")}\n`;
    return undefined;
  };
  /**
   * An item's result is kept; a streamed format prints every result now due, in input order: an
   * item that finished before an earlier one waits for it (at most the items in flight), and the
   * lines due at once go out in one write.
   */
  const emit = (i: number, r: BulkResult, what: string) => {
    results[i] = r;
    whats[i] = what;
    if (!streamed) return;
    let text = "";
    for (; nextLine < ids.length && results[nextLine] !== undefined; nextLine++) text += line(results[nextLine]!, whats[nextLine] ?? "") ?? "";
    if (text) deps.io.out(text);
  };
  const errorOf = (err: CliError, message = err.message): BulkError => ({
    code: err.code,
    message: redact(message),
    exitCode: err.exitCode,
    vendor: err.vendor ?? null,
    httpStatus: err.httpStatus ?? null,
  });

  const done: string[] = [];
  const failed: string[] = [];
  let stopped: CliError | undefined;
  let stoppedBy: string | undefined;
  const interruptions: InterruptedError[] = [];

  // "closing 12 of 50" on a terminal while the run takes longer than a moment (issue 11 item 4).
  const verb = spec.what("").split(" ")[0] || "writing";
  const progress = beginProgress(deps, `${verb} 1 of ${ids.length}`);
  let finished = 0;
  const countOne = () => progress.update(`${verb} ${Math.min(++finished + 1, ids.length)} of ${ids.length}`);

  try {
    await runPool(
      ids,
      concurrency,
      async (id, i) => {
        try {
          const { value, recovered } = await attempt(id);
          done.push(id);
          const what = doneLine(id, value, recovered);
          emit(i, { id, ok: true, exitCode: 0, ...(value ? { ticket: pick(value, fields) as Partial<Ticket> } : {}) }, what);
          if (!machine) success(deps.io, sanitize(what));
        } catch (err) {
          if (!(err instanceof CliError)) throw err;
          failed.push(id);
          emit(i, { id, ok: false, exitCode: err.exitCode, error: errorOf(err) }, redact(err.message));
          // An interruption is said once, by the final line; other failures are said per item.
          if (err instanceof InterruptedError) interruptions.push(err);
          else {
            if (!machine) deps.io.err(`ticket: ${sanitize(id)}: ${sanitize(redact(err.message))}\n`);
            if (STOPS_THE_RUN.has(err.code) && !stopped) {
              stopped = err;
              stoppedBy = id;
            }
          }
        } finally {
          countOne();
        }
      },
      () => !stopped && interruptions.length === 0 && !deps.signal.aborted && !stdoutClosed(deps),
    );
  } finally {
    progress.end();
  }

  const notStarted = ids.filter((_, i) => results[i] === undefined);
  const closed = notStarted.length > 0 && stdoutClosed(deps) && !stopped && interruptions.length === 0 && !deps.signal.aborted;
  if (closed) {
    deps.io.err(`ticket: stdout was closed; done: ${sanitize(done.join(", ")) || "none"}; not done: ${sanitize([...failed, ...notStarted].join(", "))}\n`);
    throw new OperationError(`stopped after ${done.length} of ${ids.length} tickets because stdout was closed`);
  }

  // Every item gets a result: those the run did not start say why, and that nothing was sent for them.
  const interrupted = interruptions.length > 0 || deps.signal.aborted;
  ids.forEach((id, i) => {
    if (results[i] !== undefined) return;
    const why = stopped ? `the run stopped at ticket ${stoppedBy} (${stopped.message})` : "the run was interrupted";
    const message = `not started, nothing was sent: ${why}`;
    const cause = stopped ?? interruptions[0] ?? new InterruptedError();
    emit(i, { id, ok: false, exitCode: cause.exitCode, error: errorOf(cause, message) }, `not started: ${stopped ? `the run stopped at ticket ${stoppedBy}` : "interrupted"}`);
  });

  const all = results as BulkResult[];
  if (!streamed) {
    if (format === "json") deps.io.out(`${toJson(all, true)}\n`);
    else if (format === "csv")
      await writeCsv(
        deps.io.out,
        (async function* () {
          yield* all.map((r) => ({ id: r.id, ok: r.ok, exitCode: r.exitCode, error: r.error?.message ?? "" }));
        })(),
        ["id", "ok", "exitCode", "error"],
      );
    else deps.io.out(renderTable(deps.io, all.map((r, i) => ({ id: r.id, ok: r.ok ? "yes" : "no", what: whats[i] ?? "" })), ["id", "ok", "what"], out.now));
  }

  const rest = notStarted.length ? `; not started: ${notStarted.join(", ")}` : "";
  const tally = `stopped after ${done.length} of ${ids.length} tickets${rest}`;
  if (interrupted) {
    // One line: "interrupted", then what each item in flight may have done (write.ts says it).
    const said = interruptions.map((e) => e.message.replace(/^interrupted;?\s*/, "")).filter(Boolean);
    const sig = interruptions[0]?.signal ?? (deps.interruption.by === "SIGTERM" ? "SIGTERM" : "SIGINT");
    throw new InterruptedError(`${["interrupted", ...said].join("; ")} (${sanitize(tally)})`, sig);
  }
  if (stopped) {
    throw new CliError(stopped.code, `${sanitize(stopped.message)} (${tally})`, { vendor: stopped.vendor, httpStatus: stopped.httpStatus, hint: stopped.hint });
  }
  if (failed.length > 0) throw new OperationError(`${failed.length} of ${ids.length} tickets failed: ${failed.join(", ")}`);
}
