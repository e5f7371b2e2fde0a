/**
 * Runs the program. The one place where errors become exit codes and one-line messages
 * (JSON on stderr with --json). Stack traces only with --verbose.
 *
 * Two ends are not errors of the command (issue 8):
 * - Interrupted (Ctrl-C, SIGTERM, Ctrl-C at a prompt): whatever the command threw while
 *   unwinding, the run prints one line, `ticket: interrupted` (or the InterruptedError's own
 *   message, which may say where a draft was saved), and exits 130 / 143. deps.ts bounds how long
 *   unwinding may take.
 * - stdout closed by its reader (`| head -1`): a run that otherwise succeeded exits 0 and prints
 *   nothing more (DESIGN.md section 4).
 */
import type { CommanderError } from "commander";
import type { CliError } from "./errors.js";
import type { Deps } from "./deps.js";

const COMMANDER_OK = new Set(["commander.helpDisplayed", "commander.version", "commander.help"]);

interface Failure {
  code: string;
  message: string;
  vendor?: string | undefined;
  httpStatus?: number | undefined;
  hint?: string | undefined;
}

/** inquirer's Ctrl-C error, should one reach here without passing through the prompter. */
const isPromptCtrlC = (err: unknown) => (err as Error | undefined)?.name === "ExitPromptError";

/** --dry-run: the plan (src/http/dry-run.ts), loaded only when a dry run ends. */
async function printPlan(deps: Deps, cutShort: string | undefined, onlyIfAny = false): Promise<void> {
  const [{ plannedRequests }, { writePlan }] = await Promise.all([import("./http/dry-run.js"), import("./render/dry-run.js")]);
  const plan = plannedRequests();
  if (onlyIfAny && plan.length === 0) return;
  writePlan(deps.io, deps.globals, plan, cutShort);
}

export async function main(argv: string[], given?: Deps): Promise<number> {
  // `ticket --version` and help on a pipe never get here: bin/ticket.js prints them from
  // dist/static.json. Every run here: the command tree, commander and what this function uses, one chunk of the bundle.
  const { createProgram, CommanderError: CommanderErrorClass, CliError, DryRunStop, EXIT_CODES, createDeps, exitCodeForSignal, toJson, sanitize, failureLine, loadColors, commandNamed } = await import("./program.js");
  const deps = given ?? createDeps({ argv });
  const isInterruptedError = (err: unknown): err is CliError => err instanceof CliError && (err.code === "interrupted" || err.code === "terminated");
  const jsonErrors = argv.includes("--json") || argv.includes("--ndjson");
  const fail = (code: number, err: Failure) => {
    const message = deps.redactor.redact(sanitize(err.message));
    if (jsonErrors) {
      deps.io.err(`${toJson({ error: { code: err.code, message, exitCode: code, vendor: err.vendor ?? null, httpStatus: err.httpStatus ?? null } })}\n`);
    } else {
      failureLine(deps.io, `ticket: ${message}`); // red on a color stderr (render/status-line.ts)
      if (err.hint && deps.io.errIsTTY) deps.io.err(`hint: ${sanitize(err.hint)}\n`);
    }
    return code;
  };

  /** The run was interrupted: one line and 130 / 143, whatever the command threw while unwinding. */
  const interrupted = (err: unknown): number => {
    const sig = deps.interruption.by ?? "SIGINT";
    const code = exitCodeForSignal(sig);
    const message = isInterruptedError(err) ? err.message : "interrupted";
    return fail(code, { code: sig === "SIGTERM" ? "terminated" : "interrupted", message });
  };

  let code: number = EXIT_CODES.ok;
  const isCommanderError = (err: unknown): err is CommanderError => err instanceof CommanderErrorClass;
  try {
    const program = createProgram(deps, undefined, given ? undefined : commandNamed(argv));
    // chalk, for the renderers' paint(), only when stdout gets color (src/render/color.ts).
    if (deps.io.colorLevel > 0) await loadColors();
    if (argv.length === 0) {
      program.outputHelp();
    } else {
      await program.parseAsync(argv, { from: "user" });
    }
    if (deps.interruption.by !== undefined && !deps.interruption.isNormalEnd) code = interrupted(undefined);
  } catch (err) {
    if (isPromptCtrlC(err)) deps.interruption.interrupt("SIGINT");
    if (deps.interruption.by !== undefined) {
      code = interrupted(err);
    } else if (isCommanderError(err)) {
      if (COMMANDER_OK.has(err.code)) code = EXIT_CODES.ok;
      else code = fail(EXIT_CODES.usage, { code: "usage", message: `${err.message.replace(/^error: /, "")} (see --help)` });
    } else if (err instanceof DryRunStop) {
      await printPlan(deps, err.cutShort);
      code = EXIT_CODES.ok;
    } else if (err instanceof CliError) {
      // A dry run that planned something before failing (a bulk run with a missing ticket) shows it.
      if (deps.globals.dryRun) await printPlan(deps, undefined, true);
      code = fail(err.exitCode, err);
      if (deps.globals.verbose && err.cause instanceof Error && err.cause.stack) deps.io.err(`${deps.redactor.redact(err.cause.stack)}\n`);
    } else {
      const e = err as Error;
      code = fail(EXIT_CODES.failed, { code: "failed", message: `unexpected error: ${e?.message ?? String(err)} (run with --verbose for details)` });
      if (deps.globals.verbose && e?.stack) deps.io.err(`${deps.redactor.redact(e.stack)}\n`);
    }
  } finally {
    deps.interruption.settle(code);
    for (const fn of deps.cleanup.splice(0).reverse()) {
      try {
        await fn();
      } catch {
        // cleanup must not hide the result
      }
    }
    await deps.io.flush();
  }
  deps.interruption.finished();
  return code;
}
