/**
 * Builds the ProviderContext a provider receives, and loads a vendor's provider lazily behind
 * the guard. Used by src/deps.ts for real runs and by the tests, so both get the same wiring.
 */
import { join } from "node:path";
import { ConfigError, UnsupportedError } from "../errors.js";
import { createHttpClient, type HttpEnvironment } from "../http/client.js";
import type { Redactor } from "../http/redact.js";
import { sanitize } from "../render/sanitize.js";
import { guardProvider } from "./guard.js";
import { descriptorFor } from "./registry.js";
import type { ProfileData, Provider, ProviderContext } from "./types.js";

export interface ContextInput {
  profile: ProfileData;
  /** The secret's value, or undefined when the profile has none of that name. */
  resolveSecret: (name: string) => Promise<string | undefined>;
  hasSecret: (name: string) => boolean;
  redactor: Redactor;
  verbose: boolean;
  dryRun: boolean;
  raw: boolean;
  log: (line: string) => void;
  now: () => Date;
  cacheRoot: string;
  stateRoot: string;
  signal?: AbortSignal;
  retryBaseMs?: number;
  timeoutMs?: HttpEnvironment["timeoutMs"];
  /** Deadline of one request with its retries (--timeout). */
  deadlineMs?: number;
  maxResponseBytes?: number;
  /** A request without an answer for a while (HttpEnvironment.onSlow): progress on a terminal. */
  onSlow?: HttpEnvironment["onSlow"];
}

export function createProviderContext(input: ContextInput): ProviderContext {
  const { profile } = input;
  const env: HttpEnvironment = {
    vendor: profile.vendor,
    baseUrl: profile.baseUrl,
    verbose: input.verbose,
    dryRun: input.dryRun,
    log: input.log,
    redactor: input.redactor,
    signal: input.signal,
    retryBaseMs: input.retryBaseMs,
    timeoutMs: input.timeoutMs,
    deadlineMs: input.deadlineMs,
    maxResponseBytes: input.maxResponseBytes,
    displayName: descriptorFor(profile.vendor).displayName,
    onSlow: input.onSlow,
  };
  const safeName = profile.name.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    profile,
    async secret(name) {
      const value = await input.resolveSecret(name);
      if (value === undefined || value === "") {
        throw new ConfigError(`profile "${profile.name}" has no ${name} configured (set it with: ticket profile add ${profile.name} ... --secret-env ${name}=VAR)`, {
          vendor: profile.vendor,
        });
      }
      input.redactor.add(value);
      return value;
    },
    hasSecret: input.hasSecret,
    addSecret: (value) => input.redactor.add(value),
    http: (options) => createHttpClient(env, options),
    now: input.now,
    cacheDir: join(input.cacheRoot, safeName),
    stateDir: join(input.stateRoot, safeName),
    // Warnings carry vendor text: one terminal-safe line.
    warn: (message) => input.log(input.redactor.redact(`warning: ${sanitize(message)}`)),
    raw: input.raw,
    signal: input.signal,
    dryRun: input.dryRun,
  };
}

/** The vendor's provider for this context, wrapped by the guard. Loads the vendor's code on demand. */
export async function loadProvider(ctx: ProviderContext): Promise<Provider> {
  const descriptor = descriptorFor(ctx.profile.vendor);
  if (!descriptor.available || !descriptor.loadProvider) {
    throw new UnsupportedError(`${descriptor.displayName} support is not available in this version of ticket yet`, {
      vendor: descriptor.vendor,
    });
  }
  const factory = await descriptor.loadProvider();
  return guardProvider(factory(ctx), descriptor);
}
