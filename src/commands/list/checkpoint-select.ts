/**
 * Which checkpoints `ticket checkpoint list|show|reset` mean. Checkpoints are per profile; the
 * commands need no credentials and no vendor, only the state folder. A profile chosen with -p
 * (`-p a,b` too: the profiles of a fan-out) or TICKET_PROFILE narrows them; without one, every
 * profile's checkpoints are considered, and a name that several profiles hold must be narrowed.
 */
import { NotFoundError, UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import { checkName, listCheckpoints, type StoredCheckpoint } from "../../state/checkpoints.js";

/** The profiles asked for, or undefined for all of them. */
export function profileFilter(deps: Deps): string[] | undefined {
  const raw = deps.globals.profile ?? (deps.env["TICKET_PROFILE"] || undefined);
  if (raw === undefined) return undefined;
  const names = [...new Set(raw.split(",").map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) throw new UsageError(`-p/--profile: no profile name in "${raw}"`);
  return names;
}

export async function checkpointsOf(deps: Deps): Promise<StoredCheckpoint[]> {
  const all = await listCheckpoints(deps.paths.stateDir, (line) => deps.io.err(`ticket: warning: ${line}\n`));
  const only = profileFilter(deps);
  return only ? all.filter((c) => only.includes(c.profile)) : all;
}

/**
 * The checkpoints named `name`: exit 5 when there is none; with `one`, exit 2 when several
 * profiles hold it and no -p says which.
 */
export async function checkpointsNamed(deps: Deps, name: string, opts: { one: boolean }): Promise<StoredCheckpoint[]> {
  checkName(name);
  const found = (await checkpointsOf(deps)).filter((c) => c.name === name);
  const only = profileFilter(deps);
  if (found.length === 0) {
    const where = only ? ` for profile${only.length > 1 ? "s" : ""} ${only.join(", ")}` : "";
    throw new NotFoundError(`no checkpoint named "${name}"${where}; see \`ticket checkpoint list\``);
  }
  if (found.length > 1 && (opts.one || !only)) {
    throw new UsageError(`checkpoint "${name}" exists for profiles ${found.map((c) => c.profile).join(", ")}; choose one with -p PROFILE${opts.one ? "" : " (or -p a,b for several)"}`);
  }
  return found;
}

/** What the checkpoint commands print: the keys of --json, flat for tables. */
export function checkpointView(c: StoredCheckpoint) {
  return {
    name: c.name,
    profile: c.profile,
    vendor: c.vendor,
    mark: c.mark?.at ?? null,
    markIds: c.mark?.ids ?? [],
    lastRun: c.lastRun?.at ?? null,
    lastPrinted: c.lastRun?.printed ?? null,
    createdAt: c.createdAt,
    file: c.file,
  };
}

export const CHECKPOINT_KEYS = ["name", "profile", "vendor", "mark", "markIds", "lastRun", "lastPrinted", "createdAt", "file"] as const;
export const CHECKPOINT_TABLE_KEYS = ["name", "profile", "mark", "lastRun", "lastPrinted"] as const;
