/**
 * A pager for output taller than the screen (issue 11 item 3): `$TICKET_PAGER`, then `$PAGER`,
 * then `less -FRX` (an empty value or `cat` means no pager, as git reads it). Only when stdout is a
 * terminal, for tables and threads: never piped, never with --json, --ndjson or --csv, never under
 * CI or on a dumb terminal, and never with --no-pager.
 *
 * What a command writes to stdout is held until it is taller than the screen: output that fits is
 * printed as it would have been, so a short list never starts a pager. Once taller, the pager starts
 * with everything so far and gets the rest as it comes; stderr lines written meanwhile are held
 * and printed after the pager closes (so they do not scribble over it), and progress is held.
 *
 * The pager quitting early (`q` in less) is an ordinary end: the rest of the output is dropped and
 * the command ends as it would have (exit 0). A pager that cannot be found (or a shell command that
 * exits 127, "not found") is a one-line warning, and the output is printed instead. Ctrl-C while
 * paging ends the run and the pager.
 */
import type { Deps } from "../deps.js";
import { isCI, type IO } from "../io.js";

export const DEFAULT_PAGER = "less -FRX";

/** The pager to run, or undefined for none: TICKET_PAGER, then PAGER, then `less -FRX`. */
export function pagerCommand(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ["TICKET_PAGER", "PAGER"]) {
    const value = env[name];
    if (value === undefined) continue;
    const command = value.trim();
    return command === "" || command === "cat" ? undefined : command;
  }
  return DEFAULT_PAGER;
}

export type PagerDeps = Pick<Deps, "io" | "env" | "globals" | "signal"> & Partial<Pick<Deps, "cleanup">>;

/** Output of this run may go through a pager (whether it does depends on its height). */
export function pagingWanted(deps: PagerDeps): boolean {
  const g = deps.globals;
  if (g.pager === false || g.json || g.ndjson || g.csv) return false;
  if (!deps.io.isTTY || isCI(deps.env) || deps.env["TERM"] === "dumb") return false;
  return pagerCommand(deps.env) !== undefined;
}

const paging = new WeakSet<IO>();

/** Screen rows of the terminal on stdout (24 when it does not say). */
function terminalRows(): number {
  return process.stdout.rows || 24;
}

/**
 * Runs `run` with stdout through a pager when the output turns out taller than the screen (and
 * paging is wanted at all: pagingWanted). Returns once the pager has closed; `run`'s failure is
 * rethrown after that, so its message is not hidden behind the pager.
 */
export async function withPager<T>(deps: PagerDeps, run: () => Promise<T>, rows = terminalRows()): Promise<T> {
  const command = pagerCommand(deps.env);
  if (paging.has(deps.io) || command === undefined || !pagingWanted(deps)) return run();
  const io = deps.io;
  const { out, err } = io;
  // What pages (and measures text with string-width) loads only when paging may happen.
  const { PagedOutput } = await import("./paged-output.js");
  const paged = new PagedOutput(deps, command, out, err, rows);
  paging.add(io);
  io.out = paged.write;
  try {
    return await run();
  } finally {
    io.out = out;
    try {
      await paged.finish();
    } finally {
      io.err = err;
      paging.delete(io);
    }
  }
}
