/**
 * Test wiring: a guarded provider pointed at a running simulator, built with the same
 * createProviderContext the CLI uses. Nothing is stubbed: requests travel over real HTTP.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redactor } from "../../src/http/redact.js";
import { createProviderContext, loadProvider } from "../../src/providers/context.js";
import type { Provider, ProviderContext } from "../../src/providers/types.js";
import type { Simulator } from "../../src/sandbox/types.js";

export interface TestProvider {
  provider: Provider;
  ctx: ProviderContext;
  /** Lines the provider/http layer wrote to stderr (warnings, --verbose). */
  logs: string[];
  redactor: Redactor;
}

export interface TestProviderOptions {
  /** Replace or add secrets (e.g. a wrong token). */
  secrets?: Record<string, string>;
  settings?: Record<string, string>;
  baseUrl?: string;
  verbose?: boolean;
  dryRun?: boolean;
  raw?: boolean;
  now?: () => Date;
  /** Shared cache folder (to test token caching across runs). */
  cacheRoot?: string;
  name?: string;
}

export async function providerFor(sim: Simulator, opts: TestProviderOptions = {}): Promise<TestProvider> {
  const secrets = { ...sim.credentials.secrets, ...opts.secrets };
  const logs: string[] = [];
  const redactor = new Redactor();
  const root = mkdtempSync(join(tmpdir(), "ticket-test-"));
  const ctx = createProviderContext({
    profile: {
      name: opts.name ?? "test",
      vendor: sim.vendor,
      baseUrl: opts.baseUrl ?? sim.baseUrl,
      settings: { ...sim.credentials.settings, ...opts.settings },
    },
    resolveSecret: async (name) => secrets[name],
    hasSecret: (name) => secrets[name] !== undefined && secrets[name] !== "",
    redactor,
    verbose: opts.verbose ?? false,
    dryRun: opts.dryRun ?? false,
    raw: opts.raw ?? false,
    log: (line) => logs.push(line),
    now: opts.now ?? (() => new Date()),
    cacheRoot: opts.cacheRoot ?? join(root, "cache"),
    stateRoot: join(root, "state"),
    retryBaseMs: 5,
    timeoutMs: { connect: 2000, response: 5000 },
  });
  return { provider: await loadProvider(ctx), ctx, logs, redactor };
}

/** Drain an async iterable (with an optional cap). */
export async function collect<T>(it: AsyncIterable<T>, max = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    if (out.length >= max) break;
  }
  return out;
}
