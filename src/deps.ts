/**
 * The lazy dependencies a command gets (STYLE.md lesson 2). The only code that touches
 * process, conf and the provider wiring. Nothing heavy is imported until a command asks.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { ConfigError } from "./errors.js";
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

export interface Deps {
  io: IO;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  paths: Paths;
  redactor: Redactor;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Set by program.ts before a command runs. */
  globals: GlobalOptions;
  config(): Promise<ProfileStore>;
  provider(): Promise<ResolvedProvider>;
  prompter(): Promise<Prompter>;
  readStdin(): Promise<string>;
  /** Run when the command ends (demo state is saved, simulators closed). */
  cleanup: (() => Promise<void>)[];
}

export interface DepsOptions {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export function createDeps(opts: DepsOptions): Deps {
  const env = opts.env ?? process.env;
  const redactor = new Redactor();
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const paths = resolvePaths(env);
  // Color and prompting are decided before commander runs, so even its errors honor them.
  const io = createProcessIO({ env, noColor: opts.argv.includes("--no-color"), noInput: opts.argv.includes("--no-input"), redactor });
  let store: Promise<ProfileStore> | undefined;

  const deps: Deps = {
    io,
    env,
    now: opts.now ?? (() => new Date()),
    paths,
    redactor,
    signal: controller.signal,
    globals: {},
    cleanup: [
      async () => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      },
    ],
    config() {
      store ??= import("./config/store.js").then(({ ProfileStore }) => ProfileStore.open(paths));
      return store;
    },
    async provider() {
      const { resolveProfile } = await import("./config/resolve.js");
      return resolveProfile(deps);
    },
    async prompter() {
      const { createInquirerPrompter } = await import("./prompter.js");
      return createInquirerPrompter();
    },
    async readStdin() {
      if (process.stdin.isTTY) throw new ConfigError("expected input on stdin, but stdin is a terminal");
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
  return deps;
}

/** Write a file atomically (temp + rename) with owner-only permissions. */
export function writePrivateFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, path);
}

export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8"));
}
