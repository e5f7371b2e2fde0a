/**
 * The directory cache: `<cacheDir>/<profile>/directory-<agents|teams|contacts>.json`, an array of
 * { id, name, email } (the form `ticket __complete` reads for agent and team names, see
 * src/commands/complete.ts), written 0600 through a private temp file. An entry is fresh for
 * TICKET_DIRECTORY_TTL seconds (default 600; 0 turns the cache off), counted from the file's
 * modification time. A missing, unreadable or foreign file is a miss, never an error.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writePrivateFileAtomic } from "../fs/private-file.js";
import type { DirectoryEntry, DirectoryKind } from "./index.js";

/** Ten minutes: long enough for a session of assigning, short enough to see a new colleague soon. */
export const DEFAULT_TTL_SECONDS = 600;

const PLURAL: Record<DirectoryKind, string> = { agent: "agents", team: "teams", contact: "contacts" };

/** TICKET_DIRECTORY_TTL as seconds; anything but a non-negative number means the default. */
export function ttlSeconds(env: NodeJS.ProcessEnv): number {
  const raw = env["TICKET_DIRECTORY_TTL"]?.trim();
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return DEFAULT_TTL_SECONDS;
  return Number(raw);
}

/** The file of one kind for one profile; the profile folder is named as the providers' own (src/providers/context.ts). */
export function cacheFile(cacheDir: string, profile: string, kind: DirectoryKind): string {
  return join(cacheDir, profile.replace(/[^A-Za-z0-9._-]/g, "_"), `directory-${PLURAL[kind]}.json`);
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/** The cached entries when the file is younger than `ttl` seconds at `now`; undefined otherwise. */
export function readCache(file: string, kind: DirectoryKind, ttl: number, now: Date): DirectoryEntry[] | undefined {
  if (ttl <= 0) return undefined;
  try {
    const age = now.getTime() - statSync(file).mtimeMs;
    if (age < 0 || age > ttl * 1000) return undefined;
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (!Array.isArray(data)) return undefined;
    return data.flatMap((e: unknown) => {
      const r = (e ?? {}) as Record<string, unknown>;
      const id = str(r["id"]) ?? "";
      // A contact may be known without an id (recent.ts); agents and teams never.
      if (!id && (kind !== "contact" || !(str(r["name"]) ?? str(r["email"]) ?? str(r["phone"])))) return [];
      const entry: DirectoryEntry = { kind, id, name: str(r["name"]) ?? undefined, email: str(r["email"]) ?? undefined };
      const phone = str(r["phone"]);
      if (phone) entry.phone = phone;
      return [entry];
    });
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only means the next run asks again. */
export async function writeCache(file: string, entries: DirectoryEntry[], ttl: number): Promise<void> {
  if (ttl <= 0) return;
  const rows = entries.map((e) => ({ id: e.id || null, name: e.name ?? null, email: e.email ?? null, ...(e.phone ? { phone: e.phone } : {}) }));
  try {
    await writePrivateFileAtomic(file, `${JSON.stringify(rows, null, 1)}\n`);
  } catch {
    // Nothing to do: the directory was read, only not kept.
  }
}
