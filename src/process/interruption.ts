/**
 * How a run ends on Ctrl-C or SIGTERM (DESIGN.md section 5, issue 8 item 2): our handler is
 * installed first and never removed, so no library can end the process by itself (signal-exit,
 * used by proper-lockfile and inquirer, stands back while another listener exists; when-exit,
 * under conf, re-raises the signal, so its handlers are removed when conf loads: see
 * loadWithoutSignalTakeover). The first signal aborts the run's signal and lets the command
 * unwind; main prints one line and exits 130 / 143. A command that ignores the abort is ended
 * after a grace period, and a second signal ends the run at once, with the same code.
 */
import { EXIT_CODES, InterruptedError } from "../errors.js";
import type { IO } from "../io.js";

export type StopSignal = "SIGINT" | "SIGTERM";
const STOP_SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];

export function exitCodeForSignal(sig: StopSignal): number {
  return sig === "SIGTERM" ? EXIT_CODES.terminated : EXIT_CODES.interrupted;
}

/** Ctrl-C and SIGTERM: what arrived, and the process side of ending a run. */
export interface Interruption {
  /** The signal that interrupted this run; Ctrl-C typed at a prompt counts as SIGINT. */
  readonly by: StopSignal | undefined;
  /** The command declared the signal its normal end (awaitStop): the run then exits 0. */
  readonly isNormalEnd: boolean;
  /** Record an interruption that did not arrive as a process signal (Ctrl-C at a raw-mode prompt). */
  interrupt(sig: StopSignal): void;
  /** Resolves at the first Ctrl-C / SIGTERM, which becomes this command's normal end (exit 0): `ticket sandbox`. */
  awaitStop(): Promise<void>;
  /** main has printed the outcome: a forced exit now uses `code` and prints nothing more. */
  settle(code: number): void;
  /**
   * main is returning after cleanup. An interrupted run then exits at once, even if something
   * still holds the event loop (an editor child, a half-open socket); other runs end naturally.
   */
  finished(): void;
}

export const DEFAULT_GRACE_MS = 2_000;
/** Cleanup after the grace period gets this long, so a hung close cannot keep the process alive. */
const FORCED_CLEANUP_MS = 1_000;

// One process-wide handler, installed once and never removed: the run being served changes.
let serveSignal: ((sig: StopSignal) => void) | undefined;
const ourListeners = new Set<(...args: unknown[]) => void>();
export function listenForStopSignals(onSignal: (sig: StopSignal) => void): void {
  serveSignal = onSignal;
  if (ourListeners.size > 0) return;
  for (const sig of STOP_SIGNALS) {
    const listener = () => serveSignal?.(sig);
    ourListeners.add(listener);
    process.on(sig, listener);
  }
}

/**
 * Load a module whose dependency chain installs SIGINT/SIGTERM handlers that end the process
 * themselves, and remove those handlers, so ours decides how a run ends. conf -> atomically ->
 * when-exit registers `process.once(signal, () => exit(signal))`, and exit() re-raises the signal
 * with process.kill (node_modules/when-exit/dist/node/interceptor.js): a signal death, no
 * unwinding, no draft (issue 8). Its 'exit' hook (removing atomically's temp files) stays.
 */
export async function loadWithoutSignalTakeover<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(STOP_SIGNALS.map((sig) => [sig, new Set(process.rawListeners(sig))]));
  try {
    return await load();
  } finally {
    for (const sig of STOP_SIGNALS) {
      for (const listener of process.rawListeners(sig)) {
        if (!before.get(sig)!.has(listener) && !ourListeners.has(listener as (...args: unknown[]) => void)) {
          process.removeListener(sig, listener as (...args: unknown[]) => void);
        }
      }
    }
  }
}

export function createInterruption(controller: AbortController, io: IO, graceMs: number, cleanup: () => (() => Promise<void>)[]): Interruption {
  let by: StopSignal | undefined;
  let normalEnd = false;
  let settledCode: number | undefined;
  let grace: NodeJS.Timeout | undefined;
  const stopped: (() => void)[] = [];

  const exitCode = () => settledCode ?? (normalEnd ? EXIT_CODES.ok : exitCodeForSignal(by ?? "SIGINT"));
  const forceExit = async (runCleanup: boolean): Promise<void> => {
    const code = exitCode();
    if (settledCode === undefined && !normalEnd) io.err("ticket: interrupted\n");
    settledCode = code;
    process.exitCode = code; // should the loop empty before process.exit below
    if (runCleanup) {
      const bound = new Promise<void>((resolve) => setTimeout(resolve, FORCED_CLEANUP_MS).unref());
      const run = (async () => {
        for (const fn of cleanup().splice(0).reverse()) await fn().catch(() => undefined);
      })();
      await Promise.race([run, bound]);
    }
    await Promise.race([io.flush(), new Promise((resolve) => setTimeout(resolve, 100).unref())]);
    process.exit(code);
  };

  const interruption: Interruption = {
    get by() {
      return by;
    },
    get isNormalEnd() {
      return normalEnd;
    },
    interrupt(sig) {
      if (by !== undefined || settledCode !== undefined) {
        // A second signal while unwinding, or one after the outcome was printed: end now.
        by ??= sig;
        void forceExit(false);
        return;
      }
      by = sig;
      controller.abort(new InterruptedError("interrupted", sig));
      for (const resolve of stopped.splice(0)) resolve();
      // Referenced on purpose: a command stuck on a promise that never settles still ends.
      grace = setTimeout(() => void forceExit(true), graceMs);
    },
    awaitStop() {
      normalEnd = true;
      if (by !== undefined) return Promise.resolve();
      return new Promise<void>((resolve) => stopped.push(resolve));
    },
    settle(code) {
      settledCode = code;
      // From now on the grace timer only bounds cleanup; it must not keep a finished run alive.
      grace?.unref();
    },
    finished() {
      if (by === undefined || settledCode === undefined) return;
      const code = settledCode;
      setImmediate(() => process.exit(code));
    },
  };
  return interruption;
}
