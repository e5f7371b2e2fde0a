/**
 * ticket profile test [NAME... | --all]: check profiles end to end, all at once, each with a fresh
 * credential (no cached token is read or written: shared/profile-check.ts), one list call with
 * limit 1 and its latency. One result per profile: a table on a terminal, plain tab-separated
 * lines on a pipe, one JSON array with --json, one object per line with --ndjson. Exit 0 when
 * every profile passed, else the worst class (config 3 > auth 4 > network 7 > other 1).
 */
import type { Deps } from "../deps.js";
import { DEMO_PROFILE } from "../config/schema.js";
import type { ProfileStore } from "../config/store.js";
import { CliError, ConfigError, UsageError } from "../errors.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeRecords } from "../render/output.js";
import { checkProfile, worstExitCode, type ProfileCheck } from "./shared/profile-check.js";

const KEYS = ["name", "vendor", "baseUrl", "ok", "exitCode", "step", "ms", "error"] as const;
const TABLE_KEYS = ["name", "vendor", "baseUrl", "ok", "step", "ms", "error"] as const;

const CODE_OF: Record<number, CliError["code"]> = { 3: "config", 4: "auth", 7: "network" };

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const store = await deps.config();
  const names = profilesToTest(deps, store, args, Boolean(opts["all"]));
  const unknown = names.filter((n) => n !== DEMO_PROFILE && !store.get(n));
  if (unknown.length > 0) {
    const known = store.names();
    throw new ConfigError(`no profile named ${unknown.map((n) => `"${n}"`).join(", ")}${known.length ? ` (profiles: ${known.join(", ")})` : ""}`);
  }

  const checks = await Promise.all(names.map((n) => checkProfile(deps, n, store.get(n))));

  if (out.format === "json" || out.format === "ndjson") {
    await writeRecords(out, checks as unknown as Record<string, unknown>[], KEYS);
  } else {
    // People and pipes: one flat row per profile, the error as its message.
    const rows = checks.map((c) => ({ ...c, ok: c.ok ? "yes" : "no", step: c.step ?? "-", error: c.error?.message ?? "" }));
    await writeRecords(out, rows, out.format === "csv" ? KEYS : TABLE_KEYS);
  }

  const worst = worstExitCode(checks);
  if (worst !== 0) throw summary(checks, worst);
}

function summary(checks: ProfileCheck[], worst: number): CliError {
  const failed = checks.filter((c) => !c.ok);
  const which = failed.map((c) => `${c.name} (${c.error?.code ?? "failed"})`).join(", ");
  const first = failed.find((c) => c.exitCode === worst) ?? failed[0]!;
  return new CliError(CODE_OF[worst] ?? "failed", `${failed.length} of ${checks.length} profile${checks.length === 1 ? "" : "s"} failed: ${which}`, {
    ...(first.vendor ? { vendor: first.vendor } : {}),
    ...(first.error?.httpStatus ? { httpStatus: first.error.httpStatus } : {}),
  });
}

/** NAME..., --all, or the profile a command would use (--profile, TICKET_PROFILE, the default, the only one, the demo). */
function profilesToTest(deps: Deps, store: ProfileStore, args: string[], all: boolean): string[] {
  if (all && args.length > 0) throw new UsageError("give profile names or --all, not both");
  if (all) {
    const names = store.names();
    if (names.length === 0) throw new ConfigError("no profiles to test; add one with `ticket profile add`");
    return names;
  }
  if (args.length > 0) return [...new Set(args)];
  const asked = deps.globals.profile ?? (deps.env["TICKET_PROFILE"] || undefined);
  // -p a,b tests both (as list fans out over them).
  if (asked) return [...new Set(asked.split(",").map((s) => s.trim()).filter(Boolean))];
  if (store.defaultProfile) return [store.defaultProfile];
  const names = store.names();
  if (names.length === 0) return [DEMO_PROFILE];
  if (names.length === 1) return [names[0]!];
  throw new ConfigError(`no default profile; name the profiles to test, or use --all (profiles: ${names.join(", ")})`);
}
