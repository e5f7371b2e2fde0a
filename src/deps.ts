/**
 * The lazy dependencies a command gets (STYLE.md lesson 2). The only code that touches
 * process, conf and the provider wiring. Nothing heavy is imported until a command asks.
 * How a run ends on Ctrl-C or SIGTERM lives in src/process/interruption.ts.
 */
import { ConfigError } from "./errors.js";
import { createInterruption, DEFAULT_GRACE_MS, listenForStopSignals, type Interruption } from "./process/interruption.js";
import { readAll } from "./process/stdin.js";
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
  /** -y/--yes: skip confirmations (merge without a terminal needs it). */
  yes?: boolean | undefined;
  /** --no-pager sets it false. */
  pager?: boolean | undefined;
}

export interface ResolvedProvider {
  provider: Provider;
  profile: ProfileData;
  descriptor: VendorDescriptor;
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
  /** The provider of the profile NAME (fan-out, profile test); `cacheRoot` overrides where its token caches live. */
  providerFor(name: string, opts?: { cacheRoot?: string }): Promise<ResolvedProvider>;
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
    async providerFor(name, opts) {
      const { resolveProfile } = await import("./config/resolve.js");
      return resolveProfile(deps, name, opts);
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

export { exitCodeForSignal, loadWithoutSignalTakeover, type Interruption, type StopSignal } from "./process/interruption.js";

