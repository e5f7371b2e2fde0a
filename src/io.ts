/**
 * IO: where output goes and what kind of terminal it is (STYLE.md lesson 3). Data goes to `out`,
 * status and warnings to `err`. Every write passes through the redactor, so a secret that slipped
 * into a message is masked before it leaves the process.
 */
import type { Redactor } from "./http/redact.js";

export interface IO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stdout is a terminal: tables get color, truncation, relative dates. */
  isTTY: boolean;
  /** stderr is a terminal. */
  errIsTTY: boolean;
  /** 0 = none; chalk's levels otherwise. */
  colorLevel: 0 | 1 | 2 | 3;
  columns: number;
  /** stdin and stdout are terminals and --no-input was not given. */
  canPrompt: boolean;
  /** Resolves when the last write has been flushed to the OS. */
  flush(): Promise<void>;
}

export interface ProcessIOOptions {
  env: NodeJS.ProcessEnv;
  noColor: boolean;
  noInput: boolean;
  redactor: Redactor;
}

/** Color level from the TTY and the NO_COLOR / FORCE_COLOR conventions (https://no-color.org). */
export function colorLevelFor(isTTY: boolean, env: NodeJS.ProcessEnv, noColor: boolean): 0 | 1 | 2 | 3 {
  if (noColor) return 0;
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return 0;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    if (force === "2") return 2;
    if (force === "3") return 3;
    return 1;
  }
  if (!isTTY || env["TERM"] === "dumb") return 0;
  return env["COLORTERM"] === "truecolor" ? 3 : 2;
}

export function createProcessIO(opts: ProcessIOOptions): IO {
  const isTTY = Boolean(process.stdout.isTTY);
  const errIsTTY = Boolean(process.stderr.isTTY);
  let pending = Promise.resolve();
  const writer = (stream: NodeJS.WriteStream) => (text: string) => {
    const safe = opts.redactor.redact(text);
    if (!stream.write(safe)) {
      pending = pending.then(() => new Promise<void>((resolve) => stream.once("drain", () => resolve())));
    }
  };
  return {
    out: writer(process.stdout),
    err: writer(process.stderr),
    isTTY,
    errIsTTY,
    colorLevel: colorLevelFor(isTTY, opts.env, opts.noColor),
    columns: process.stdout.columns || 100,
    canPrompt: !opts.noInput && isTTY && Boolean(process.stdin.isTTY) && opts.env["CI"] !== "true",
    flush: () => pending,
  };
}
