/**
 * The lazy dependencies a command gets (STYLE.md lesson 2). The only code that touches
 * process, conf and the provider wiring. Nothing heavy is imported until a command asks.
 *
 * It also owns how a run ends on Ctrl-C or SIGTERM (DESIGN.md section 5, issue 8 item 2): our
 * handler is installed first and never removed, so no library can end the process by itself
 * (signal-exit, used by proper-lockfile and inquirer, stands back while another listener exists;
 * when-exit, under conf, re-raises the signal, so its handlers are removed when conf loads: see
 * loadWithoutSignalTakeover). The first signal aborts `deps.signal` and lets the command unwind;
 * main prints one line and exits 130 / 143. A command that ignores the abort is ended after a
 * grace period, and a second signal ends the run at once, with the same code.
 */
import { existsSync, readFileSync } from "node:fs";
import { ConfigError, EXIT_CODES, InterruptedError } from "./errors.js";
import { Redactor } from "./http/redact.js";
import { createProcessIO, type IO } from "./io.js";
import type { Paths } from "./config/paths.js";
import { resolvePaths } from "./config/paths.js";
import type { ProfileStore } from "./config/store.js";
import type { VendorDescriptor } from "./providers/descriptor.js";
import type { ProfileData, Provider } from "./providers/types.js";
import type { Prompter } from "./prompter.js";

/** Global flags, as commander parsed them. */
export interface GlobalOptions {
  profile?: string | undefined;
  json?: boolean | undefined;
  ndjson?: boolean | undefined;
  csv?: boolean | undefined;
  fields?: string | undefined;
  color?: boolean | undefined;
  verbose?: boolean | undefined;
  raw?: boolean | undefined;
  dryRun?: boolean | undefined;
  input?: boolean | undefined;
  /** --timeout SECONDS, as typed (checked where the HTTP environment is built). */
  timeout?: string | undefined;
}

export interface ResolvedProvider {
  provider: Provider;
  profile: ProfileData;
  descriptor: VendorDescriptor;
}

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

export interface Deps {
  io: IO;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  paths: Paths;
  redactor: Redactor;
  /** Aborted on SIGINT/SIGTERM (and Ctrl-C at a prompt); the reason is an InterruptedError. */
  signal: AbortSignal;
  interruption: Interruption;
  /** Set by program.ts before a command runs. */
  globals: GlobalOptions;
  config(): Promise<ProfileStore>;
  provider(): Promise<ResolvedProvider>;
  prompter(): Promise<Prompter>;
  /** All of stdin as text; an InterruptedError if the run is interrupted while waiting. */
  readStdin(): Promise<string>;
  /** Run when the command ends (demo state is saved, simulators closed). */
  cleanup: (() => Promise<void>)[];
}

export interface DepsOptions {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** How long a command may take to unwind after the first signal before it is ended (default: TICKET_INTERRUPT_GRACE_MS, else 2 s). */
  interruptGraceMs?: number;
}

const DEFAULT_GRACE_MS = 2_000;
/** Cleanup after the grace period gets this long, so a hung close cannot keep the process alive. */
const FORCED_CLEANUP_MS = 1_000;

// One process-wide handler, installed once and never removed: the run being served changes.
let serveSignal: ((sig: StopSignal) => void) | undefined;
const ourListeners = new Set<(...args: unknown[]) => void>();
function listenForStopSignals(onSignal: (sig: StopSignal) => void): void {
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

function createInterruption(controller: AbortController, io: IO, graceMs: number, cleanup: () => (() => Promise<void>)[]): Interruption {
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

/** Read a stream to its end, or stop with an InterruptedError when `signal` aborts. */
function readAll(stream: NodeJS.ReadStream, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (stream.readableEnded) return resolve("");
    const chunks: Buffer[] = [];
    const off = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      signal.removeEventListener("abort", onAbort);
    };
    const onData = (chunk: Buffer | string) => chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    const onEnd = () => {
      off();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (err: Error) => {
      off();
      reject(new ConfigError(`cannot read stdin: ${err.message}`));
    };
    const onAbort = () => {
      off();
      stream.destroy(); // an open pipe would keep the process alive
      reject(signal.reason instanceof InterruptedError ? signal.reason : new InterruptedError());
    };
    if (signal.aborted) return onAbort();
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function createDeps(opts: DepsOptions): Deps {
  const env = opts.env ?? process.env;
  const redactor = new Redactor();
  const controller = new AbortController();
  const paths = resolvePaths(env);
  // Color and prompting are decided before commander runs, so even its errors honor them.
  const io = createProcessIO({ env, noColor: opts.argv.includes("--no-color"), noInput: opts.argv.includes("--no-input"), redactor });
  const cleanup: (() => Promise<void>)[] = [];
  const graceFromEnv = Number(env["TICKET_INTERRUPT_GRACE_MS"]);
  const graceMs = opts.interruptGraceMs ?? (Number.isFinite(graceFromEnv) && graceFromEnv > 0 ? graceFromEnv : DEFAULT_GRACE_MS);
  const interruption = createInterruption(controller, io, graceMs, () => cleanup);
  listenForStopSignals((sig) => interruption.interrupt(sig));
  let store: Promise<ProfileStore> | undefined;

  const deps: Deps = {
    io,
    env,
    now: opts.now ?? (() => new Date()),
    paths,
    redactor,
    signal: controller.signal,
    interruption,
    globals: {},
    cleanup,
    config() {
      store ??= import("./config/store.js").then(({ ProfileStore }) => ProfileStore.open(paths, { warn: (line) => io.err(`ticket: ${line}\n`), signal: controller.signal }));
      return store;
    },
    async provider() {
      const { resolveProfile } = await import("./config/resolve.js");
      return resolveProfile(deps);
    },
    async prompter() {
      const { createInquirerPrompter } = await import("./prompter.js");
      return createInquirerPrompter({ signal: controller.signal, onCtrlC: () => interruption.interrupt("SIGINT") });
    },
    async readStdin() {
      if (process.stdin.isTTY) throw new ConfigError("expected input on stdin, but stdin is a terminal");
      return readAll(process.stdin, controller.signal);
    },
  };
  return deps;
}

/** Write a file atomically (temp + rename) with owner-only permissions (drafts, demo state). */
export { writePrivateFileAtomicSync as writePrivateFile } from "./fs/private-file.js";

export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8"));
}
