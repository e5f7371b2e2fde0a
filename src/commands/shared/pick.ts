/**
 * Pickers (issue 11 item 6): what a verb does when a required argument is missing. Where a person
 * answers (canAsk: stdin and stdout are terminals, no --no-input, not under CI, not --json,
 * --ndjson or --csv) a searchable pick; anywhere else the usual usage error naming what is
 * missing (exit 2). Values typed rather than picked go through the directory's resolveRef, like
 * the same value given as a flag.
 */
import { CliError, NotFoundError, UsageError } from "../../errors.js";
import type { Deps, ResolvedProvider } from "../../deps.js";
import { directory, resolveRef, type DirectoryEntry, type DirectoryKind } from "../../directory/index.js";
import { matchEntry } from "../../directory/match.js";
import type { Status } from "../../model/enums.js";
import type { Ticket } from "../../model/types.js";
import type { SearchChoice } from "../../prompter.js";
import { relativeTime, truncate } from "../../render/format.js";
import { sanitize } from "../../render/sanitize.js";
import { canEdit } from "./body.js";

/** May a prompt open? The same rule as the editor's (shared/body.ts). */
export const canAsk = (deps: Deps): boolean => canEdit(deps);

/** What the ticket pick offers: tickets not yet resolved or closed, most recently active first. */
const OPEN_STATUSES: Status[] = ["new", "open", "pending", "on_hold"];
/** How many recent open tickets are read for the pick (one or two pages at most vendors). */
export const PICK_LIMIT = 100;

/** Every word of `term` in `text`, case-insensitively ("" matches everything). */
export function matches(text: string, term: string): boolean {
  const hay = text.toLowerCase();
  return term
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/** One line per ticket: the id as it is typed back, then what a person recognizes it by. */
export function ticketChoiceName(t: Ticket, now: Date): string {
  const id = t.number && t.number !== t.id ? `${t.number} (${t.id})` : t.id;
  const who = t.requester?.name ?? t.requester?.email ?? "";
  const when = relativeTime(t.updatedAt ?? t.createdAt, now);
  const tail = [t.status, who, when].filter(Boolean).join(" · ");
  return sanitize(`${id}  ${truncate(t.subject || "(no subject)", 60)}  ${tail ? `· ${tail}` : ""}`).trimEnd();
}

/** The choices for what was typed: matching tickets, then the typed text itself when it can be an id. */
export function ticketChoices(tickets: readonly Ticket[], term: string, now: Date, checkId?: (id: string) => string | null): SearchChoice<string>[] {
  const shown = tickets.filter((t) => matches(`${t.id} ${t.number ?? ""} ${t.subject} ${t.requester?.name ?? ""} ${t.requester?.email ?? ""} ${t.assignee?.name ?? ""}`, term));
  const choices: SearchChoice<string>[] = shown.map((t) => ({ name: ticketChoiceName(t, now), value: t.id }));
  const typed = term.trim();
  if (typed && !/\s/.test(typed) && !tickets.some((t) => t.id === typed || t.number === typed) && (!checkId || checkId(typed) === null)) {
    choices.push({ name: `ticket ${sanitize(typed)} (as typed)`, value: typed });
  }
  return choices;
}

async function recentOpenTickets(deps: Deps, { provider }: ResolvedProvider): Promise<Ticket[]> {
  const read = async (status: Status[] | undefined): Promise<Ticket[]> => {
    const found: Ticket[] = [];
    for await (const t of provider.list({ limit: PICK_LIMIT, ...(status ? { status } : {}) })) {
      if (t.status !== "resolved" && t.status !== "closed") found.push(t);
      if (found.length >= PICK_LIMIT) break;
    }
    return found;
  };
  const canFilter = provider.listFilters.includes("status");
  const tickets = await read(canFilter ? OPEN_STATUSES : undefined);
  const when = (t: Ticket) => Date.parse(t.updatedAt ?? t.createdAt ?? "") || 0;
  return tickets.sort((a, b) => when(b) - when(a));
}

/** A one-line note on stderr that the next line replaces (only on a terminal). */
function transient(deps: Deps, text: string): () => void {
  if (!deps.io.errIsTTY) return () => {};
  deps.io.err(`${text}\r`);
  return () => deps.io.err("\u001b[2K\r");
}

const interrupted = (err: unknown) => err instanceof CliError && (err.code === "interrupted" || err.code === "terminated");

/**
 * The ticket a verb works on when none was given: a pick from recent open tickets (type to
 * search, or type an id that is not listed), or asked as text when there are none or they
 * cannot be read. Without a person to ask: `usage` as a usage error (exit 2).
 */
export async function pickTicket(deps: Deps, resolved: ResolvedProvider, usage: string): Promise<string> {
  if (!canAsk(deps)) throw new UsageError(usage);
  const checkId = resolved.descriptor.checkTicketId;
  let tickets: Ticket[] = [];
  const done = transient(deps, "Reading recent open tickets…");
  try {
    tickets = await recentOpenTickets(deps, resolved);
  } catch (err) {
    done();
    if (interrupted(err)) throw err;
    deps.io.err(`ticket: could not read recent tickets (${sanitize(err instanceof Error ? err.message : String(err))}); type the id\n`);
  }
  done();
  const prompter = await deps.prompter();
  if (tickets.length === 0) {
    return (await prompter.input("Ticket id", { validate: (v) => (!v.trim() ? "type a ticket id" : (checkId?.(v.trim()) ?? true)) })).trim();
  }
  const now = deps.now();
  return prompter.search("Ticket (type to search recent open tickets)", (term) => ticketChoices(tickets, term, now, checkId));
}

export interface PickedRef {
  kind: Exclude<DirectoryKind, "contact">;
  id: string;
}

function entryName(e: DirectoryEntry, withKind: boolean): string {
  const label = [e.name, e.email ? `<${e.email}>` : undefined].filter(Boolean).join(" ") || e.id;
  return sanitize(`${label}${withKind ? ` · ${e.kind}` : ""}${label === e.id ? "" : ` · ${e.id}`}`);
}

/** The directory's entries of these kinds; [] when it has none or cannot be read. */
async function entriesOf(deps: Deps, resolved: ResolvedProvider, kinds: readonly PickedRef["kind"][]): Promise<DirectoryEntry[]> {
  const all: DirectoryEntry[] = [];
  for (const kind of kinds) {
    try {
      all.push(...(await directory(deps, resolved, kind)));
    } catch (err) {
      if (interrupted(err)) throw err;
    }
  }
  return all;
}

/**
 * An agent or team (assign, escalate without --to): a pick from the directory, or asked as text
 * when the directory knows nobody. `none`: the pick may be declined (escalate's vendor default),
 * shown as the first choice; then undefined. A typed value is resolved (a name or email to an id).
 */
export async function pickRef(
  deps: Deps,
  resolved: ResolvedProvider,
  opts: { question: string; kinds: readonly PickedRef["kind"][]; none?: string; lenient?: boolean },
): Promise<PickedRef | undefined> {
  const [first] = opts.kinds;
  if (!first) return undefined;
  const resolve = opts.lenient ? resolveTarget : resolveAny;
  const done = transient(deps, "Reading the directory…");
  const entries = await entriesOf(deps, resolved, opts.kinds).finally(done);
  const prompter = await deps.prompter();
  if (entries.length === 0) {
    const hint = opts.none ? `; Enter for none: ${opts.none}` : "";
    const typed = (await prompter.input(`${opts.question} (an id, name or email${hint})`, { validate: (v) => (v.trim() || opts.none ? true : "type an id, a name or an email") })).trim();
    if (!typed) return undefined;
    return { kind: first, id: await resolve(deps, resolved, opts.kinds, typed) };
  }
  const withKind = opts.kinds.length > 1;
  const NONE = "\u0000none";
  const value = await prompter.search(`${opts.question} (type to search)`, (term) => {
    const choices: SearchChoice<string>[] = [];
    if (opts.none && !term.trim()) choices.push({ name: `none: ${opts.none}`, value: NONE });
    for (const e of entries) if (matches(`${e.name ?? ""} ${e.email ?? ""} ${e.id} ${withKind ? e.kind : ""}`, term)) choices.push({ name: entryName(e, withKind), value: `${e.kind}\u0000${e.id}` });
    const typed = term.trim();
    if (typed && !/\s/.test(typed) && !entries.some((e) => e.id === typed)) choices.push({ name: `${sanitize(typed)} (as typed)`, value: `?\u0000${typed}` });
    return choices;
  });
  if (value === NONE) return undefined;
  const [kind, id] = value.split("\u0000") as [string, string];
  if (kind === "?") return { kind: first, id: await resolve(deps, resolved, opts.kinds, id) };
  return { kind: kind as PickedRef["kind"], id };
}

/**
 * A value given for a flag that names an agent, team or contact, as the vendor's id: each kind in
 * turn (Sobot's escalate --to takes an agent or a group); not found as any of them is the last
 * kind's answer (exit 5 with candidates).
 */
export async function resolveAny(deps: Deps, resolved: ResolvedProvider, kinds: readonly DirectoryKind[], given: string): Promise<string> {
  let last: unknown;
  for (const kind of kinds) {
    try {
      return await resolveRef(deps, resolved, kind, given);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      last = err;
    }
  }
  throw last ?? new NotFoundError(`nothing named "${sanitize(given)}"`);
}

/**
 * escalate --to: the vendor's target is not always someone the directory knows (3Dolphins
 * supervisors, Comm100 departments beyond those on recent tickets), so a value that is the id
 * form passes, a name or email the directory matches once becomes its id, several matches are
 * exit 5 naming them (resolveRef's answer), and anything else goes to the vendor as given (it
 * refuses an id it does not know).
 */
export async function resolveTarget(deps: Deps, resolved: ResolvedProvider, kinds: readonly PickedRef["kind"][], given: string): Promise<string> {
  const value = given.trim();
  for (const kind of kinds) {
    if (resolved.provider.isDirectoryId?.(kind, value)) return value;
    const m = matchEntry((await entriesOf(deps, resolved, [kind])).filter((e) => e.id), value);
    if ("found" in m) return m.found.id;
    if ("several" in m) return resolveRef(deps, resolved, kind, value);
  }
  return value;
}
