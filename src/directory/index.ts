/**
 * The people and groups of a profile: agents, teams, contacts (issue 11 item 5). STUB: the
 * directory helper replaces the bodies; the signatures are what the commands (pickers, --to,
 * --team, --requester by name) rely on.
 */
import type { Deps, ResolvedProvider } from "../deps.js";

export type DirectoryKind = "agent" | "team" | "contact";

export interface DirectoryEntry {
  kind: DirectoryKind;
  id: string;
  name?: string | undefined;
  email?: string | undefined;
}

/** Agents or teams of the profile (the vendor's endpoint where documented, else those seen in recent tickets), cached briefly. */
export async function directory(_deps: Deps, _resolved: ResolvedProvider, _kind: Exclude<DirectoryKind, "contact">): Promise<DirectoryEntry[]> {
  return [];
}

/** A name, email or id given to --to / --team / --requester, as the vendor's id. Exit 5 with candidates when not unique. */
export async function resolveRef(_deps: Deps, _resolved: ResolvedProvider, _kind: DirectoryKind, given: string): Promise<string> {
  return given;
}
