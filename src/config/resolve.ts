/**
 * Which profile a command uses: --profile > TICKET_PROFILE > the default > the only one >
 * the built-in demo (only when no profile is configured at all). A named profile that does
 * not exist is a ConfigError (exit 3), never a silent fallback to demo. `demo` is also a name
 * (-p demo, TICKET_PROFILE=demo, `ticket profile use demo`): chosen so, it runs without the notice
 * that a fallback to the demo prints (issue 11 item 11).
 */
import { join } from "node:path";
import { ConfigError, UsageError } from "../errors.js";
import { loadProvider, createProviderContext } from "../providers/context.js";
import { protectReadOnly } from "../providers/guard.js";
import { descriptorFor } from "../providers/registry.js";
import { slowRequestNotice } from "../render/progress.js";
import type { ProfileData } from "../providers/types.js";
import type { Deps, ResolvedProvider } from "../deps.js";
import { readJsonFile, writePrivateFileAtomicSync as writePrivateFile } from "../fs/private-file.js";
import { DEMO_PROFILE } from "./names.js";
import type { SecretRef } from "./schema.js";

/** Where a provider keeps its caches; `profile test` passes a fresh folder so no cached token is used. */
export interface ResolveOptions {
  cacheRoot?: string;
}

function contextFor(deps: Deps, profile: ProfileData, secret: (name: string) => string | undefined, opts: ResolveOptions = {}) {
  const g = deps.globals;
  return createProviderContext({
    profile,
    resolveSecret: async (name) => secret(name),
    hasSecret: (name) => Boolean(secret(name)),
    redactor: deps.redactor,
    verbose: Boolean(g.verbose),
    dryRun: Boolean(g.dryRun),
    raw: Boolean(g.raw),
    log: (line) => deps.io.err(`${line}\n`),
    now: deps.now,
    cacheRoot: opts.cacheRoot ?? deps.paths.cacheDir,
    stateRoot: deps.paths.stateDir,
    signal: deps.signal,
    retryBaseMs: deps.env["TICKET_RETRY_BASE_MS"] ? Number(deps.env["TICKET_RETRY_BASE_MS"]) : undefined,
    deadlineMs: deadlineMs(g.timeout, deps.env["TICKET_TIMEOUT"]),
    maxResponseBytes: maxResponseBytes(deps.env["TICKET_MAX_RESPONSE_MB"]),
    // "waiting for Sobot… 3 s" on a terminal while a request has no answer (issue 11 item 4).
    onSlow: slowRequestNotice(deps, descriptorFor(profile.vendor).displayName),
  });
}

/** --timeout SECONDS, else TICKET_TIMEOUT, else the client's default (30 s). */
export function deadlineMs(flag: string | undefined, env: string | undefined): number | undefined {
  const [value, from] = flag !== undefined ? [flag, "--timeout"] : env ? [env, "TICKET_TIMEOUT"] : [undefined, ""];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) throw new UsageError(`${from} takes a number of seconds greater than 0, not "${value}"`);
  return Math.round(seconds * 1000);
}

function maxResponseBytes(env: string | undefined): number | undefined {
  const mb = Number(env);
  return env && mb > 0 ? Math.round(mb * 1024 * 1024) : undefined;
}

export function secretResolver(deps: Deps, profileName: string, refs: Record<string, SecretRef>) {
  return (name: string): string | undefined => {
    const ref = refs[name];
    if (!ref) return undefined;
    if ("value" in ref) return ref.value;
    const value = deps.env[ref.env];
    if (value === undefined || value === "") {
      throw new ConfigError(`environment variable ${ref.env} (the ${name} of profile "${profileName}") is not set`);
    }
    return value;
  };
}

/**
 * The provider of a named profile (or, without a name, the one a command uses). Fan-out
 * (`list -p a,b`) and `profile test` call it once per profile.
 */
export async function resolveProfile(deps: Deps, named?: string, opts: ResolveOptions = {}): Promise<ResolvedProvider> {
  const asked = named ?? deps.globals.profile ?? (deps.env["TICKET_PROFILE"] || undefined);
  if (asked === DEMO_PROFILE) return startDemo(deps, false);
  const store = await deps.config();
  let name = asked;
  if (name === undefined) {
    const names = store.names();
    if (store.defaultProfile) name = store.defaultProfile;
    else if (names.length === 0) return startDemo(deps, true);
    else if (names.length === 1) name = names[0];
    else throw new ConfigError(`no default profile; choose one with --profile NAME or \`ticket profile use NAME\` (profiles: ${names.join(", ")})`);
  }
  if (name === DEMO_PROFILE) return startDemo(deps, false); // the default, set with `profile use demo`
  const stored = store.get(name!);
  if (!stored) {
    const names = store.names();
    throw new ConfigError(`no profile named "${name}"${names.length ? ` (profiles: ${names.join(", ")})` : ""}; add it with \`ticket profile add ${name} --vendor ...\``);
  }
  const profile: ProfileData = { name: name!, vendor: stored.vendor, baseUrl: stored.baseUrl, settings: stored.settings };
  const lookup = secretResolver(deps, name!, stored.secrets);
  const hasAny = Object.keys(stored.secrets).length > 0;
  if (!hasAny) throw new ConfigError(`profile "${name}" has no credential; add one with --token-env VAR or --token-stdin`);
  // Fail early, with the variable's name, when a referenced environment variable is missing.
  for (const key of Object.keys(stored.secrets)) deps.redactor.add(lookup(key));
  const ctx = contextFor(deps, profile, lookup, opts);
  const provider = await loadProvider(ctx);
  // A read-only profile: every write verb is refused with exit 3 before any request (guard.ts).
  return { provider: stored.readOnly ? protectReadOnly(provider, name!) : provider, profile, descriptor: descriptorFor(profile.vendor) };
}

/**
 * The built-in demo: the Comm100 simulator in-process, its state kept in the state folder
 * (`ticket demo reset` forgets it). `implicit`: nothing named a profile and none is configured,
 * so say on stderr that the demo is what runs; not when the demo was asked for.
 */
async function startDemo(deps: Deps, implicit: boolean): Promise<ResolvedProvider> {
  const { startSimulator } = await import("../sandbox/comm100/index.js");
  const statePath = join(deps.paths.stateDir, "demo", "comm100.json");
  let state: unknown;
  try {
    state = readJsonFile(statePath);
  } catch {
    deps.io.err(`ticket: warning: the demo data in ${statePath} was unreadable; starting fresh\n`);
  }
  const sim = await startSimulator({ state, secrets: { token: "demo-token" } });
  deps.cleanup.push(async () => {
    if (sim.requests.some((r) => r.method !== "GET" && (r.status ?? 500) < 400)) writePrivateFile(statePath, JSON.stringify(sim.exportState()));
    await sim.close();
  });
  if (state === undefined) writePrivateFile(statePath, JSON.stringify(sim.exportState()));
  if (implicit) deps.io.err(`ticket: using the built-in demo profile (a local Comm100 simulator, data in ${statePath}); add a real one with \`ticket profile add\`\n`);
  const profile: ProfileData = { name: DEMO_PROFILE, vendor: "comm100", baseUrl: sim.baseUrl, settings: sim.credentials.settings };
  const ctx = contextFor(deps, profile, (name) => sim.credentials.secrets[name]);
  return { provider: await loadProvider(ctx), profile, descriptor: descriptorFor("comm100") };
}
