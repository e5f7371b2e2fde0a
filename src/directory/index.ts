/**
 * The people and groups of a profile: agents, teams, contacts (issue 11 item 5), for `ticket
 * agents | teams | contacts`, the pickers, and names given to --to / --team / --requester.
 *
 * Where the vendor documents a directory the provider serves it (Provider.agents / teams /
 * contacts: Sobot get_data_dict, Zaia ticketing-teams); otherwise it is what recent tickets name
 * (recent.ts). Agents, teams and the requesters seen are cached per profile for a few minutes
 * (cache.ts). A value that has the vendor's id form (Provider.isDirectoryId) is an id: it passes
 * through with no request at all.
 */
import { CliError, NotFoundError, UsageError } from "../errors.js";
import type { Deps, ResolvedProvider } from "../deps.js";
import { toCliError } from "../http/errors.js";
import type { DirectoryRecord, Provider } from "../providers/types.js";
import { cacheFile, readCache, ttlSeconds, writeCache } from "./cache.js";
import { candidateList, matchEntry } from "./match.js";
import { byName, seenOnRecentTickets, RECENT_TICKETS } from "./recent.js";

export type DirectoryKind = "agent" | "team" | "contact";

export interface DirectoryEntry {
  kind: DirectoryKind;
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  /** Contacts, where the vendor says. */
  phone?: string | undefined;
  // A contact seen on tickets that do not carry its id has id "" (never for agents and teams).
}

/** Where a list came from: the vendor's own directory endpoint, or the tickets it recently served. */
export type DirectorySource = "vendor" | "tickets";

export interface DirectoryList {
  kind: DirectoryKind;
  entries: DirectoryEntry[];
  source: DirectorySource;
  /** Read from the cache (no request was made). */
  cached: boolean;
}

const NOUN: Record<DirectoryKind, [string, string]> = { agent: ["agent", "agents"], team: ["team", "teams"], contact: ["contact", "contacts"] };
const SEEN_AS: Record<DirectoryKind, string> = { agent: "assignees", team: "teams", contact: "requesters" };
const FLAG: Record<DirectoryKind, string> = { agent: "--to", team: "--team", contact: "--requester" };

/** The provider's own directory method for a kind, if it has one (contacts need a query: see findContacts). */
function vendorMethod(provider: Provider, kind: DirectoryKind): (() => Promise<DirectoryRecord[]>) | undefined {
  if (kind === "agent" && provider.agents) return () => provider.agents!();
  if (kind === "team" && provider.teams) return () => provider.teams!();
  return undefined;
}

const toEntry =
  (kind: DirectoryKind) =>
  (r: DirectoryRecord): DirectoryEntry => {
    const e: DirectoryEntry = { kind, id: r.id, name: r.name || undefined, email: r.email || undefined };
    if (r.phone) e.phone = r.phone;
    return e;
  };

/** A vendor directory that was refused (or is not served here) falls back to tickets; auth, network and interrupts stop. */
function fallsBack(err: CliError): boolean {
  return err.code === "failed" || err.code === "not_found" || err.code === "unsupported";
}

/**
 * The agents, teams or (seen) contacts of the profile, with where they came from. `fresh` skips
 * the cache (the cache is still rewritten).
 */
export async function loadDirectory(deps: Deps, resolved: ResolvedProvider, kind: DirectoryKind, opts: { fresh?: boolean } = {}): Promise<DirectoryList> {
  const { provider, profile, descriptor } = resolved;
  const ttl = ttlSeconds(deps.env);
  const fileOf = (k: DirectoryKind) => cacheFile(deps.paths.cacheDir, profile.name, k);
  const method = vendorMethod(provider, kind);
  if (!opts.fresh) {
    const cached = readCache(fileOf(kind), kind, ttl, deps.now());
    if (cached) return { kind, entries: cached, source: method ? "vendor" : "tickets", cached: true };
  }
  if (method) {
    try {
      const entries = (await method()).map(toEntry(kind)).sort(byName);
      await writeCache(fileOf(kind), entries, ttl);
      return { kind, entries, source: "vendor", cached: false };
    } catch (err) {
      const e = toCliError(err, { vendor: descriptor.vendor, displayName: descriptor.displayName, subject: NOUN[kind][1] });
      if (!(e instanceof CliError) || !fallsBack(e)) throw e;
      deps.io.err(`ticket: ${descriptor.displayName}'s ${NOUN[kind][1]} could not be read (${e.message}); using the ${SEEN_AS[kind]} of recent tickets\n`);
      const seen = await seenOnRecentTickets(provider);
      return { kind, entries: seen[kind], source: "tickets", cached: false };
    }
  }
  // One walk names all three kinds: keep each the vendor does not serve itself.
  const seen = await seenOnRecentTickets(provider);
  for (const k of ["agent", "team", "contact"] as const) {
    if (k === kind || !vendorMethod(provider, k)) await writeCache(fileOf(k), seen[k], ttl);
  }
  return { kind, entries: seen[kind], source: "tickets", cached: false };
}

/** Agents or teams of the profile (the vendor's endpoint where documented, else those seen in recent tickets), cached briefly. */
export async function directory(deps: Deps, resolved: ResolvedProvider, kind: Exclude<DirectoryKind, "contact">): Promise<DirectoryEntry[]> {
  return (await loadDirectory(deps, resolved, kind)).entries;
}

/**
 * Contacts matching `query` (a part of the name, email or phone; every one seen without a query):
 * the vendor's search where it documents one, else the requesters of recent tickets.
 */
export async function findContacts(deps: Deps, resolved: ResolvedProvider, query: string | undefined): Promise<DirectoryList> {
  const { provider, descriptor } = resolved;
  const q = query?.trim() ?? "";
  if (q && provider.contacts) {
    try {
      return { kind: "contact", entries: (await provider.contacts(q)).map(toEntry("contact")).sort(byName), source: "vendor", cached: false };
    } catch (err) {
      throw toCliError(err, { vendor: descriptor.vendor, displayName: descriptor.displayName, subject: "contacts" });
    }
  }
  const all = await loadDirectory(deps, resolved, "contact");
  if (!q) return all;
  const needle = q.toLowerCase();
  const hit = (e: DirectoryEntry) => [e.name, e.email, e.id].some((v) => v?.toLowerCase().includes(needle)) || (e.phone ?? "").includes(q);
  return { ...all, entries: all.entries.filter(hit) };
}

/** The line said on a terminal about where a list came from (nothing for a vendor's own directory). */
export function sourceNote(resolved: ResolvedProvider, list: DirectoryList): string | undefined {
  if (list.source === "vendor") return undefined;
  const name = resolved.descriptor.displayName;
  const what = list.kind === "contact" ? "contact search" : `${NOUN[list.kind][0]} directory`;
  return `${name} documents no ${what}: these are the ${SEEN_AS[list.kind]} of the ${RECENT_TICKETS} most recent tickets${list.cached ? " (cached for TICKET_DIRECTORY_TTL seconds)" : ""}`;
}

/**
 * A name, email or id given to --to / --team / --requester, as the vendor's id. A value of the
 * vendor's id form passes through untouched, with no request. Otherwise it must match one entry
 * exactly (id, whole name or email; case ignored); a cached directory that does not know it is
 * read again once. None or several: NotFoundError (exit 5) naming the candidates.
 */
export async function resolveRef(deps: Deps, resolved: ResolvedProvider, kind: DirectoryKind, given: string): Promise<string> {
  const value = given.trim();
  const flag = FLAG[kind];
  if (!value) throw new UsageError(`${flag} needs a name, an email or an id`);
  if (resolved.provider.isDirectoryId?.(kind, value)) return value;
  let list = await loadDirectory(deps, resolved, kind);
  const withIds = () => list.entries.filter((e) => e.id);
  let m = matchEntry(withIds(), value);
  if ("none" in m && list.cached) {
    list = await loadDirectory(deps, resolved, kind, { fresh: true });
    m = matchEntry(withIds(), value);
  }
  if ("found" in m) return m.found.id;
  const name = resolved.descriptor.displayName;
  const [noun, plural] = NOUN[kind];
  const idless = "none" in m ? matchEntry(list.entries.filter((e) => !e.id), value) : undefined;
  if (idless && "found" in idless) {
    throw new NotFoundError(`${noun} "${value}" (${flag}) is on ${name}'s recent tickets, but they do not carry the ${noun}'s id: give the id`, {
      vendor: resolved.descriptor.vendor,
    });
  }
  const from = list.source === "vendor" ? `${name}'s ${plural}` : `the ${SEEN_AS[kind]} of ${name}'s recent tickets`;
  const details = { vendor: resolved.descriptor.vendor, hint: `list them with: ticket -p ${resolved.profile.name} ${plural}` };
  if ("several" in m) {
    throw new NotFoundError(`several ${plural} match "${value}" (${flag}): ${candidateList(m.several)}; give the id`, details);
  }
  const candidates = m.near.length ? m.near : withIds();
  const listed = candidates.length ? `; ${m.near.length ? "close" : "known"}: ${candidateList(candidates)}` : "";
  throw new NotFoundError(`no ${noun} "${value}" (${flag}) among ${from}${listed}`, details);
}
