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

/** Sorts by the order the lanes were named in (failures are reported in that order, not the order they failed in). */
export const inLaneOrder = (lanes: readonly { profile: string }[]) => (a: { profile: string }, b: { profile: string }) =>
  lanes.findIndex((l) => l.profile === a.profile) - lanes.findIndex((l) => l.profile === b.profile);

/**
 * Every lane read at once. One lane (`several` false), or Ctrl-C: a lane's error is the run's.
 * Several: a failed lane is kept as a LaneFailure and the others go on. The results (failed lanes
 * left out) and the failures, in the lanes' order.
 */
export async function readLanes<L extends { profile: string }, R>(lanes: readonly L[], several: boolean, signal: AbortSignal, read: (lane: L) => Promise<R>): Promise<{ results: R[]; failures: LaneFailure[] }> {
  const failures: LaneFailure[] = [];
  const settled = await Promise.all(
    lanes.map(async (lane) => {
      try {
        return { value: await read(lane) };
      } catch (err) {
        if (!several || signal.aborted) throw err;
        failures.push({ profile: lane.profile, error: err });
        return undefined;
      }
    }),
  );
  failures.sort(inLaneOrder(lanes));
  return { results: settled.flatMap((r) => (r ? [r.value] : [])), failures };
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
