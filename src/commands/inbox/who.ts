/**
 * Whose queue `ticket inbox` reads in each profile (issue 13 item 1): by default the profile's own
 * agent, named by the vendor's `self` setting (src/providers/<v>/descriptor.ts: Comm100 and Sobot
 * agentId, Zaia userId, 3Dolphins replyAgent); with --team, that team's queue, the name or id
 * resolved per profile through the directory like `list --team` / `assign --team`.
 *
 * A profile whose queue cannot be named (no agent setting; a team it does not know) is skipped,
 * not failed: the reason is one notice line, and the run fails only when every profile is skipped.
 */
import { CliError, ConfigError, NotFoundError } from "../../errors.js";
import type { Deps, ResolvedProvider } from "../../deps.js";
import { resolveRef } from "../../directory/index.js";

export type Scope = { kind: "mine"; agentId: string } | { kind: "team"; teamId: string };

/**
 * Why a profile is skipped: `message` is its notice line; `reason` is the run's error when it is
 * the only profile (a ConfigError for no agent setting, the directory's NotFoundError for a team).
 */
export class SkipLane extends Error {
  constructor(
    readonly profile: string,
    message: string,
    readonly reason: CliError,
  ) {
    super(message);
  }
}

/** The profile's own agent id, or a SkipLane saying which setting to set. */
export function selfId(resolved: ResolvedProvider): string {
  const { profile, descriptor } = resolved;
  const setting = descriptor.self?.setting;
  if (!setting) {
    const line = `profile ${profile.name}: ${descriptor.displayName} has no setting that names your own agent: skipped`;
    throw new SkipLane(profile.name, line, new ConfigError(line));
  }
  const value = profile.settings[setting]?.trim();
  if (!value) {
    const line = `profile ${profile.name} has no ${setting} setting: skipped; set it with \`ticket profile set ${profile.name} ${setting}=...\``;
    throw new SkipLane(profile.name, line, new ConfigError(line));
  }
  return value;
}

/** The lane's scope: the team as this profile's id (its directory), or the profile's own agent. */
export async function scopeOf(deps: Deps, resolved: ResolvedProvider, team: string | undefined): Promise<Scope> {
  if (team === undefined) return { kind: "mine", agentId: selfId(resolved) };
  try {
    return { kind: "team", teamId: await resolveRef(deps, resolved, "team", team) };
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    throw new SkipLane(resolved.profile.name, `profile ${resolved.profile.name}: ${err.message}: skipped`, err);
  }
}
