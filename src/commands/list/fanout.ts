/**
 * Fan-out (issue 10 item 9): `ticket -p a,b list` or `list --all-profiles` reads every profile at
 * once. Each profile is a lane; a lane that fails is reported on stderr after the list (one line
 * `ticket: profile NAME: <message>`, or its JSON error object with --json / --ndjson) and the
 * others' rows are still printed. The run then exits 1, or with the failure's own class when
 * every profile failed the same way.
 */
import { CliError, ConfigError, OperationError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import { toJson } from "../../render/json.js";
import { sanitize } from "../../render/sanitize.js";

export interface LaneFailure {
  profile: string;
  error: unknown;
}

/** The profiles of a fan-out: the names given, or every configured one. */
export async function fanoutProfiles(deps: Deps, fanout: string[] | "all"): Promise<string[]> {
  if (fanout !== "all") return fanout;
  const names = (await deps.config()).names();
  if (names.length === 0) throw new ConfigError("--all-profiles: no profile is configured; add one with `ticket profile add`");
  return names;
}

function asCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  return new OperationError(`unexpected error: ${(err as Error)?.message ?? String(err)}`);
}

/** One stderr line (or JSON error object) per failed profile. */
export function reportFailures(deps: Deps, failures: readonly LaneFailure[], json: boolean): void {
  for (const f of failures) {
    const e = asCliError(f.error);
    const message = sanitize(e.message);
    if (json) {
      deps.io.err(`${toJson({ error: { code: e.code, message, exitCode: e.exitCode, vendor: e.vendor ?? null, httpStatus: e.httpStatus ?? null, profile: f.profile } })}\n`);
    } else {
      deps.io.err(`ticket: profile ${f.profile}: ${message}\n`);
    }
  }
}

/** The error the run ends with: the shared class when every profile failed alike, else exit 1. */
export function fanoutError(failures: readonly LaneFailure[], total: number, printed: number): CliError {
  const names = failures.map((f) => f.profile).join(", ");
  if (failures.length === total) {
    const codes = new Set(failures.map((f) => asCliError(f.error).code));
    const [only] = codes;
    const message = `every profile failed (${names})`;
    return codes.size === 1 && only !== undefined ? new CliError(only, message) : new OperationError(message);
  }
  return new OperationError(`${failures.length} of ${total} profiles failed (${names}); ${printed} ticket${printed === 1 ? " was" : "s were"} printed from the others`);
}
