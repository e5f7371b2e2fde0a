/**
 * A simulator's profile, added the way `ticket sandbox` prints it: the same argv builder
 * (sandboxProfileArgs, src/commands/sandbox.ts), the primary secret from the vendor's descriptor,
 * and the secrets passed only through environment variables (never argv).
 */
import { createServer } from "node:net";
import { expect } from "vitest";
import { sandboxProfileArgs } from "../../src/commands/sandbox.js";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { runCli } from "./cli.js";

export type SandboxSim = Pick<Simulator, "baseUrl" | "credentials">;

export interface SandboxProfileOptions {
  /** Profile name (default `sandbox-<vendor>`, as `ticket sandbox` prints it). */
  name?: string;
  /** Base URL (default the simulator's), e.g. a fault proxy's wrap of it. */
  baseUrl?: string;
  /** Settings merged over the simulator's (`--set k=v`). */
  settings?: Record<string, string>;
  /** The secret sent with --token-env (default the descriptor's primary secret). */
  primary?: string;
  /** More `profile add` flags, appended (e.g. --read-only). */
  extra?: string[];
}

export interface SandboxProfileInput {
  /** `profile add NAME ...` arguments, without the leading "ticket". */
  argv: string[];
  /** Environment variable name -> secret value. */
  env: Record<string, string>;
  /** Secret name -> environment variable name. */
  envNames: Record<string, string>;
  profile: string;
}

/** The vendor's primary secret (the one `ticket sandbox` passes with --token-env). */
export function primarySecret(vendor: VendorName): string {
  const d = VENDOR_DESCRIPTORS[vendor];
  return (d.secrets.find((s) => s.primary) ?? d.secrets[0]!).name;
}

export function sandboxProfileInput(vendor: VendorName, sim: SandboxSim, opts: SandboxProfileOptions = {}): SandboxProfileInput {
  const names = Object.keys(sim.credentials.secrets);
  const settings = opts.settings ? { ...sim.credentials.settings, ...opts.settings } : sim.credentials.settings;
  const { argv, envNames } = sandboxProfileArgs(vendor, opts.baseUrl ?? sim.baseUrl, names, opts.primary ?? primarySecret(vendor), settings);
  if (opts.name !== undefined) argv[3] = opts.name; // ["ticket", "profile", "add", NAME, ...]
  argv.push(...(opts.extra ?? []));
  const env = Object.fromEntries(names.map((n) => [envNames[n]!, sim.credentials.secrets[n]!]));
  return { argv: argv.slice(1), env, envNames, profile: argv[3]! };
}

/**
 * Runs `ticket profile add` for the simulator in configDir and expects exit 0 (stderr in the
 * message). The secrets are merged into opts.env when given (and that object is returned).
 */
export async function addSandboxProfile(
  vendor: VendorName,
  sim: SandboxSim,
  opts: SandboxProfileOptions & { configDir: string; env?: Record<string, string> },
): Promise<{ profile: string; env: Record<string, string> }> {
  const input = sandboxProfileInput(vendor, sim, opts);
  const env = opts.env ? Object.assign(opts.env, input.env) : input.env;
  const add = await runCli(input.argv, { configDir: opts.configDir, env });
  expect(add.code, add.stderr).toBe(0);
  return { profile: input.profile, env };
}

/** A port nothing listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}
