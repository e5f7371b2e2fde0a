/**
 * Text the user wrote is never lost: a reply or a new ticket's message that did not land (or may
 * not have), or that the user set aside in the editor, is saved here, in the state folder,
 * owner-only (folder 0700, files 0600).
 *
 * A draft is two files in `STATE/drafts/`:
 *   - `draft-N.txt`  the text exactly as written (so `--body-file` takes it as it is);
 *   - `draft-N.json` what it was for: profile, ticket, verb and flags (`DraftMeta`).
 * N is the draft's id (`ticket drafts show N`). It is claimed by creating `draft-N.json` with
 * O_EXCL, so two processes saving at once never take the same id and no lock is needed.
 *
 * Older versions wrote one plain `PROFILE-TICKET-STAMP-PID.txt` per draft. Those are still
 * listed and sent: the first `ticket drafts` that sees one gives it an id (a `draft-N.json` that
 * points at the old file, under a lock so two listings never adopt it twice); profile and ticket
 * come from the file name.
 */
import { closeSync, existsSync, mkdirSync, chmodSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { DEMO_PROFILE } from "../../config/schema.js";
import { NotFoundError } from "../../errors.js";
import { withFileLock } from "../../fs/lock.js";

export type DraftVerb = "reply" | "create";

/** The `ticket create` settings a draft of a new ticket remembers (attachments are in `attachments`). */
export interface DraftCreateFields {
  subject?: string | undefined;
  requester?: string | undefined;
  channel?: string | undefined;
  priority?: string | undefined;
  status?: string | undefined;
  assignee?: string | undefined;
  team?: string | undefined;
  tags?: string[] | undefined;
  category?: string | undefined;
  fields?: Record<string, string> | undefined;
}

/** What the text was for, beyond profile and ticket: the verb and its flags. */
export interface DraftInfo {
  verb: DraftVerb;
  /** reply --internal. */
  internal?: boolean | undefined;
  /** Absolute paths of the files to attach. */
  attachments?: string[] | undefined;
  /** create: the ticket's settings. */
  create?: DraftCreateFields | undefined;
}

/** The JSON header file of a draft. */
export interface DraftMeta extends DraftInfo {
  version: 1;
  id: number;
  /** Profile the text goes to; undefined for an old draft whose name does not say. */
  profile?: string | undefined;
  /** Ticket id for a reply; undefined for a new ticket. */
  ticket?: string | undefined;
  createdAt: string;
  /** The text file's name, in the same folder. */
  file: string;
  /** Adopted from an old plain .txt draft: the verb and flags were guessed from its name. */
  legacy?: boolean | undefined;
}

export interface Draft extends DraftMeta {
  /** Full path of the text file. */
  path: string;
  /** Full path of the header file. */
  metaPath: string;
  text: string;
}

const META = /^draft-(\d+)\.json$/;
/** An old draft: PROFILE-TICKET-2026-01-31T10-00-00-000Z-PID.txt */
const LEGACY = /^(.+)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-\d+\.txt$/;

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");

export function draftsDir(stateDir: string): string {
  return join(stateDir, "drafts");
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

function ids(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => META.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

/** Create `path` with `text`, 0600, failing if it exists. */
function writeNew(path: string, text: string): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Claim the next free id by creating its header file (O_EXCL): returns the id. */
function claim(dir: string, meta: (id: number) => Omit<DraftMeta, "id">): number {
  let id = Math.max(0, ...ids(dir)) + 1;
  for (;;) {
    try {
      writeNew(join(dir, `draft-${id}.json`), `${JSON.stringify({ ...meta(id), id }, null, 2)}\n`);
      return id;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      id++;
    }
  }
}

/**
 * Save `body` as a draft for `profile` and `ticketId` ("new" for a ticket not yet created);
 * `info` says what it was for (verb and flags; a reply when omitted). Returns the text file's path.
 */
export function saveDraft(stateDir: string, profile: string, ticketId: string, body: string, now: Date, info?: DraftInfo): string {
  return saveDraftWithId(stateDir, profile, ticketId, body, now, info).path;
}

/** saveDraft, also returning the draft's id. */
export function saveDraftWithId(stateDir: string, profile: string, ticketId: string, body: string, now: Date, info?: DraftInfo): { id: number; path: string } {
  const dir = draftsDir(stateDir);
  ensureDir(dir);
  const verb: DraftVerb = info?.verb ?? (ticketId === "new" ? "create" : "reply");
  const id = claim(dir, (n) => ({
    version: 1,
    profile,
    ticket: verb === "create" ? undefined : ticketId,
    verb,
    ...(info?.internal ? { internal: true } : {}),
    ...(info?.attachments?.length ? { attachments: info.attachments } : {}),
    ...(info?.create ? { create: info.create } : {}),
    createdAt: now.toISOString(),
    file: `draft-${n}.txt`,
  }));
  const path = join(dir, `draft-${id}.txt`);
  writeNew(path, body);
  return { id, path };
}

function readMeta(dir: string, name: string): DraftMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(join(dir, name), "utf8")) as DraftMeta;
    if (meta.version !== 1 || typeof meta.file !== "string" || basename(meta.file) !== meta.file) return undefined;
    return meta;
  } catch {
    return undefined; // being written by another process, or not ours
  }
}

function load(dir: string, meta: DraftMeta): Draft | undefined {
  const path = join(dir, meta.file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined; // header claimed, text not written yet (or removed meanwhile)
  }
  return { ...meta, path, metaPath: join(dir, `draft-${meta.id}.json`), text };
}

/** Profile and ticket from an old draft's name, given the profiles that exist (the longest that fits wins). */
export function parseLegacyName(name: string, profiles: readonly string[]): { profile?: string; ticket?: string; createdAt: string } | undefined {
  const m = LEGACY.exec(name);
  if (!m) return undefined;
  const [, prefix, date, hh, mm, ss, ms] = m;
  const createdAt = `${date}T${hh}:${mm}:${ss}.${ms}Z`;
  const known = [...profiles].sort((a, b) => b.length - a.length).find((p) => prefix!.startsWith(`${safe(p)}-`) && prefix!.length > safe(p).length + 1);
  if (known) return { profile: known, ticket: prefix!.slice(safe(known).length + 1), createdAt };
  const parts = prefix!.split("-");
  // Without a known profile the name only says which is which when there is a single dash.
  if (parts.length === 2 && parts[0] && parts[1]) return { profile: parts[0], ticket: parts[1], createdAt };
  return { createdAt };
}

/** Give every old plain-text draft an id (a header pointing at it), once. */
async function adoptLegacy(stateDir: string, dir: string, profiles: readonly string[], signal?: AbortSignal): Promise<void> {
  const pending = () => {
    const names = readdirSync(dir);
    const claimed = new Set(names.filter((n) => META.test(n)).map((n) => readMeta(dir, n)?.file));
    return names.filter((n) => LEGACY.test(n) && !claimed.has(n));
  };
  if (pending().length === 0) return;
  // The lock lives beside the folder, not in it, so it never looks like a draft.
  await withFileLock(join(stateDir, "drafts-adopt"), () => {
    for (const name of pending()) {
      const parsed = parseLegacyName(name, profiles)!;
      const ticket = parsed.ticket;
      claim(dir, () => ({
        version: 1,
        profile: parsed.profile,
        ticket: ticket === "new" ? undefined : ticket,
        verb: ticket === "new" ? "create" : "reply",
        createdAt: parsed.createdAt,
        file: name,
        legacy: true,
      }));
    }
  }, signal ? { signal } : {});
}

/** Every draft, newest first. `profiles` (the configured names) help read old drafts' names. */
export async function listDrafts(stateDir: string, profiles: readonly string[], signal?: AbortSignal): Promise<Draft[]> {
  const dir = draftsDir(stateDir);
  if (!existsSync(dir)) return [];
  await adoptLegacy(stateDir, dir, profiles, signal);
  const drafts: Draft[] = [];
  for (const name of readdirSync(dir)) {
    if (!META.test(name)) continue;
    const meta = readMeta(dir, name);
    const draft = meta && load(dir, meta);
    if (draft) drafts.push(draft);
  }
  return drafts.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}

/** Remove a draft's text and header. */
export function removeDraft(draft: Draft): void {
  rmSync(draft.path, { force: true });
  rmSync(draft.metaPath, { force: true });
}

/** Drafts as the `ticket drafts` verbs see them: old drafts' names read against the configured profiles. */
export async function loadDrafts(deps: { paths: { stateDir: string }; config(): Promise<{ names(): string[] }>; signal: AbortSignal }): Promise<Draft[]> {
  const dir = draftsDir(deps.paths.stateDir);
  if (!existsSync(dir)) return [];
  const profiles = [...(await deps.config()).names(), DEMO_PROFILE];
  return listDrafts(deps.paths.stateDir, profiles, deps.signal);
}

/** The draft a user named: its id (`3`), or its text file's name or path. Exit 5 when there is none. */
export async function draftById(deps: Parameters<typeof loadDrafts>[0], wanted: string): Promise<Draft> {
  const drafts = await loadDrafts(deps);
  const w = wanted.trim();
  const found = /^\d+$/.test(w) ? drafts.find((d) => d.id === Number(w)) : drafts.find((d) => d.path === w || d.file === basename(w) || resolve(w) === d.path);
  if (!found) {
    const ids = drafts.map((d) => d.id).sort((a, b) => a - b);
    throw new NotFoundError(`no draft ${JSON.stringify(w)}${ids.length ? ` (drafts: ${ids.join(", ")}; see \`ticket drafts\`)` : " (there are no drafts)"}`);
  }
  return found;
}
