/**
 * The only seam to interactive prompts (inquirer, loaded on first use). Tests script a fake.
 *
 * Ctrl-C at a prompt is an interruption like any other (issue 8): inquirer puts the terminal in
 * raw mode, so Ctrl-C arrives as a keypress and inquirer rejects with ExitPromptError ("User
 * force closed the prompt"), not as a signal. That becomes an InterruptedError (exit 130) and is
 * reported to the run (`onCtrlC`), never "unexpected error". A real SIGINT/SIGTERM while a prompt
 * is open aborts `signal`, which closes the prompt (AbortPromptError) and restores the terminal.
 */
import { InterruptedError } from "./errors.js";

/** One entry of a searchable pick: `name` is what is shown and searched, `value` what is returned. */
export interface SearchChoice<T extends string> {
  name: string;
  value: T;
  /** Shown under the list for the highlighted entry. */
  description?: string;
}

export interface Prompter {
  input(message: string, opts?: { default?: string; validate?: (v: string) => true | string }): Promise<string>;
  password(message: string, opts?: { validate?: (v: string) => true | string }): Promise<string>;
  select<T extends string>(message: string, choices: { name: string; value: T }[]): Promise<T>;
  confirm(message: string, def?: boolean): Promise<boolean>;
  editor(message: string): Promise<string>;
  /**
   * Type to narrow, arrows to move, Enter to pick. `source` gets what was typed so far ("" at
   * first) and returns the entries to show, best first; it runs on every keystroke, so it filters
   * what was loaded before the prompt opened rather than asking the network.
   */
  search<T extends string>(message: string, source: (term: string) => SearchChoice<T>[]): Promise<T>;
}

export interface PrompterOptions {
  /** Aborted on SIGINT/SIGTERM: closes an open prompt. */
  signal?: AbortSignal;
  /** Ctrl-C was typed at a prompt. */
  onCtrlC?: () => void;
}

/** inquirer's own error classes, by name (importing them would load inquirer for a type check). */
const CTRL_C = new Set(["ExitPromptError", "CancelPromptError"]);

/** An InterruptedError for what ended a prompt, or the error itself when it was something else. */
export function promptFailure(err: unknown, opts: PrompterOptions): unknown {
  const name = (err as Error | undefined)?.name;
  if (name === "AbortPromptError") {
    const reason = opts.signal?.reason;
    return reason instanceof InterruptedError ? reason : new InterruptedError();
  }
  if (name !== undefined && CTRL_C.has(name)) {
    opts.onCtrlC?.();
    return new InterruptedError("interrupted", "SIGINT");
  }
  return err;
}

export async function createInquirerPrompter(opts: PrompterOptions = {}): Promise<Prompter> {
  const p = await import("@inquirer/prompts");
  const context = opts.signal ? { signal: opts.signal } : {};
  const ask = async <T,>(prompt: Promise<T>): Promise<T> => {
    try {
      return await prompt;
    } catch (err) {
      throw promptFailure(err, opts);
    }
  };
  return {
    input: (message, o) =>
      ask(p.input({ message, ...(o?.default !== undefined ? { default: o.default } : {}), ...(o?.validate ? { validate: o.validate } : {}) }, context)),
    password: (message, o) => ask(p.password({ message, mask: "*", ...(o?.validate ? { validate: o.validate } : {}) }, context)),
    select: (message, choices) => ask(p.select({ message, choices }, context)),
    confirm: (message, def) => ask(p.confirm({ message, default: def ?? false }, context)),
    editor: (message) => ask(p.editor({ message }, context)),
    search: <T extends string>(message: string, source: (term: string) => SearchChoice<T>[]) =>
      ask(p.search<T>({ message, source: (term) => source(term ?? ""), pageSize: 12 }, context)),
  };
}
