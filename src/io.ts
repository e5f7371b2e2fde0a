/**
 * IO: where output goes and what kind of terminal it is (STYLE.md lesson 3). Data goes to `out`,
 * status and warnings to `err`. Every write passes through the redactor, so a secret that slipped
 * into a message is masked before it leaves the process.
 *
 * A closed stdout (`ticket list | head -1`) is an ordinary end, not a crash (DESIGN.md section 4,
 * issue 8 item 3): the stream's EPIPE is caught here, `closed` is aborted so commands can stop
 * fetching, and later writes are dropped. A closed stderr is silenced the same way.
 */
import type { Redactor } from "./http/redact.js";

export interface IO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stdout is a terminal: tables get color, truncation, relative dates. */
  isTTY: boolean;
  /** stderr is a terminal. */
  errIsTTY: boolean;
  /** 0 = none; chalk's levels otherwise. For stdout (tables, threads). */
  colorLevel: 0 | 1 | 2 | 3;
  /**
   * The same for stderr (red `ticket:` errors, green `✓` lines): decided by the same rules as
   * `colorLevel` with stderr's own TTY-ness. Left out (test IOs) means no color.
   */
  errColorLevel?: 0 | 1 | 2 | 3;
  columns: number;
  /** stdin and stdout are terminals and --no-input was not given. */
  canPrompt: boolean;
  /**
   * Aborted when stdout is gone (the reader closed the pipe: EPIPE, or the stream was destroyed).
   * Writes to `out` after that are dropped silently; a read should stop fetching, a bulk write
   * should start no new item.
   */
  readonly closed: AbortSignal;
  /** Resolves when the last write has been flushed to the OS (or its stream is gone). */
  flush(): Promise<void>;
}

export interface ProcessIOOptions {
  env: NodeJS.ProcessEnv;
  noColor: boolean;
  noInput: boolean;
  redactor: Redactor;
}

/**
 * Color level for one stream, from these, first match wins (issue 11 item 11):
 *  1. `--no-color`, or `NO_COLOR` set and not empty (https://no-color.org): no color.
 *  2. `FORCE_COLOR` (chalk / supports-color's convention): "0" or "false" is no color, "2" and "3"
 *     those levels, any other value level 1, on a terminal or not.
 *  3. `CLICOLOR_FORCE` set and not "0" (https://bixense.com/clicolors): color even when piped, at
 *     the level a terminal gets (step 5).
 *  4. `CLICOLOR=0`: no color, even on a terminal.
 *  5. A terminal (and `TERM` is not "dumb"): 256 colors, truecolor when `COLORTERM=truecolor`.
 *     Anything else (a pipe, a file): no color.
 * So an explicit "no" from the user (1) beats any "force" (2, 3), and a force beats CLICOLOR=0
 * (CLICOLOR only says what to do on a terminal); between the two forces, FORCE_COLOR is read first
 * because it can also say "no" and name a level.
 */
export function colorLevelFor(isTTY: boolean, env: NodeJS.ProcessEnv, noColor: boolean): 0 | 1 | 2 | 3 {
  if (noColor) return 0;
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return 0;
  const terminalLevel = env["COLORTERM"] === "truecolor" ? 3 : 2;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    if (force === "2") return 2;
    if (force === "3") return 3;
    return 1;
  }
  const cliForce = env["CLICOLOR_FORCE"];
  if (cliForce !== undefined && cliForce !== "" && cliForce !== "0") return terminalLevel;
  if (env["CLICOLOR"] === "0") return 0;
  if (!isTTY || env["TERM"] === "dumb") return 0;
  return terminalLevel;
}

/**
 * Running under CI: `CI` set to any non-empty value other than "false" or "0" (CI=1, CI=yes,
 * CI=woodpecker, ...; GitHub, GitLab and most others set "true"). Then nothing prompts.
 */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env["CI"]?.trim().toLowerCase();
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
}

/** One output stream: redacted writes, back-pressure tracked for flush(), and a `gone` signal. */
export class StreamWriter {
  private readonly gone = new AbortController();
  /** Set while the stream's buffer is over its mark; one 'drain' empties all of it. */
  private draining: Promise<void> | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean; errored?: Error | null },
    private readonly redactor: Redactor,
  ) {
    // Without an 'error' listener an EPIPE is an uncaught exception with a stack trace.
    stream.on("error", () => this.markGone());
    stream.on("close", () => this.markGone());
  }

  get closed(): AbortSignal {
    return this.gone.signal;
  }

  write = (text: string): void => {
    if (this.gone.signal.aborted || this.stream.destroyed || this.stream.writableEnded) {
      this.markGone();
      return;
    }
    let ok = true;
    try {
      ok = this.stream.write(this.redactor.redact(text));
    } catch {
      // A synchronous write error (stream already torn down) means the reader is gone.
      this.markGone();
      return;
    }
    // A pipe whose reader left fails the write at once (`errored` is EPIPE now; the 'error'
    // event only comes on a later tick): tell the command before it starts anything new.
    if (this.stream.errored) {
      this.markGone();
      return;
    }
    if (!ok && !this.draining) {
      this.draining = new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off("drain", done);
          this.gone.signal.removeEventListener("abort", done);
          this.draining = undefined;
          resolve();
        };
        this.stream.on("drain", done);
        this.gone.signal.addEventListener("abort", done, { once: true });
      });
    }
  };

  /** Resolves when everything written so far has left the process, or the stream is gone. */
  flush(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private markGone(): void {
    if (!this.gone.signal.aborted) this.gone.abort();
  }
}

export function createProcessIO(opts: ProcessIOOptions): IO {
  const isTTY = Boolean(process.stdout.isTTY);
  const errIsTTY = Boolean(process.stderr.isTTY);
  const out = new StreamWriter(process.stdout, opts.redactor);
  const err = new StreamWriter(process.stderr, opts.redactor);
  return {
    out: out.write,
    err: err.write,
    isTTY,
    errIsTTY,
    colorLevel: colorLevelFor(isTTY, opts.env, opts.noColor),
    errColorLevel: colorLevelFor(errIsTTY, opts.env, opts.noColor),
    columns: process.stdout.columns || 100,
    canPrompt: !opts.noInput && isTTY && Boolean(process.stdin.isTTY) && !isCI(opts.env),
    closed: out.closed,
    flush: async () => {
      await Promise.all([out.flush(), err.flush()]);
    },
  };
}
