/**
 * The profiles a multi-profile command reads (inbox, watch, stats; issue 13): `-p a,b`, --all-profiles,
 * or the command's default: every configured profile (inbox, watch: "across every helpdesk"), or the
 * current one (stats, like list). With no profile configured at all, the current one is the demo.
 * Each profile is a lane, resolved lazily so that one that fails to resolve fails alone.
 */
import type { Deps, ResolvedProvider } from "../../deps.js";
import { profileList } from "../list/flags.js";
import { UsageError } from "../../errors.js";

export interface Lane {
  profile: string;
  resolve(): Promise<ResolvedProvider>;
}

export type LaneDefault = "every" | "current";

export async function chooseLanes(deps: Deps, opts: Record<string, unknown>, byDefault: LaneDefault): Promise<{ lanes: Lane[]; several: boolean }> {
  const named = profileList(deps.globals.profile);
  if (opts["allProfiles"] && deps.globals.profile !== undefined) throw new UsageError("--all-profiles and -p/--profile contradict each other: use one");
  const every = Boolean(opts["allProfiles"]) || (byDefault === "every" && deps.globals.profile === undefined && !process.env["TICKET_PROFILE"]);
  if (named) return { lanes: named.map((profile) => laneFor(deps, profile)), several: true };
  if (every) {
    const names = (await deps.config()).names();
    if (names.length > 0) return { lanes: names.map((profile) => laneFor(deps, profile)), several: names.length > 1 };
    if (opts["allProfiles"]) return { lanes: [await currentLane(deps)], several: false };
  }
  return { lanes: [await currentLane(deps)], several: false };
}

function laneFor(deps: Deps, profile: string): Lane {
  return { profile, resolve: () => deps.providerFor(profile) };
}

/** The current profile (-p NAME, TICKET_PROFILE, the default, or the demo). */
async function currentLane(deps: Deps): Promise<Lane> {
  const resolved = await deps.provider();
  return { profile: resolved.profile.name, resolve: async () => resolved };
}
