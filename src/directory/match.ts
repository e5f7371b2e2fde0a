/**
 * Which directory entry a typed value names: its id, or its whole name or email (case and
 * surrounding spaces ignored). A part of a name is never taken as the person: it only suggests
 * candidates in the "not found" message.
 */
import { sanitizeLine } from "../render/sanitize.js";
import type { DirectoryEntry } from "./index.js";

/** How many candidates a message names. */
const SHOWN = 8;

export type Match = { found: DirectoryEntry } | { several: DirectoryEntry[] } | { none: true; near: DirectoryEntry[] };

const norm = (s: string | undefined | null) => (s ?? "").trim().toLowerCase();

export function matchEntry(entries: readonly DirectoryEntry[], given: string): Match {
  const g = norm(given);
  const byId = entries.filter((e) => norm(e.id) === g);
  if (byId.length === 1) return { found: byId[0]! };
  const exact = entries.filter((e) => norm(e.name) === g || norm(e.email) === g);
  const ids = new Map(exact.map((e) => [norm(e.id), e]));
  if (ids.size === 1) return { found: exact[0]! };
  if (ids.size > 1) return { several: [...ids.values()] };
  const near = g ? entries.filter((e) => norm(e.name).includes(g) || norm(e.email).includes(g) || (e.phone ?? "").includes(given.trim())) : [];
  return { none: true, near };
}

/** `Name <email> (id)`, vendor text made safe for one line. */
export function describeEntry(e: DirectoryEntry): string {
  const parts = [e.name ? sanitizeLine(e.name) : null, e.email ? `<${sanitizeLine(e.email)}>` : null].filter(Boolean);
  return parts.length ? `${parts.join(" ")} (${sanitizeLine(e.id)})` : sanitizeLine(e.id);
}

/** Up to SHOWN entries, then "and N more". */
export function candidateList(entries: readonly DirectoryEntry[]): string {
  const shown = entries.slice(0, SHOWN).map(describeEntry).join(", ");
  return entries.length > SHOWN ? `${shown}, and ${entries.length - SHOWN} more` : shown;
}
