/**
 * ticket list: two ways to read, chosen by --sort (./list/flags.ts).
 *
 *   - Ordered (--sort updated|created; the default for tables and for a list without --all): every
 *     matching ticket is read, ordered by last activity or creation (./list/order.ts), cut at
 *     --limit and printed through the chosen renderer.
 *   - Streamed (--sort none; the default for `--all` with --json, --ndjson or --csv: an export):
 *     the vendor's own order, each ticket printed as its page arrives and nothing buffered; each
 *     provider fetches pages ahead (src/providers/shared/prefetch.ts). --limit N prints the
 *     vendor's first N and stops fetching; so do a closed stdout (`| head -1`) and Ctrl-C.
 *     Fan-out prints every lane's rows as they arrive, each with its profile.
 *
 * Also the cron form `--since @last --checkpoint NAME` (./list/checkpoint-run.ts,
 * ../state/checkpoints.ts), always ordered, and fan-out over profiles (`-p a,b`, --all-profiles:
 * ./list/fanout.ts). The parts:
 *
 *   flags -> lanes (one per profile) -> [checkpoint locks] -> read every lane -> order -> cut ->
 *   print -> [advance the marks] -> report failed lanes -> notes and the exit;
 *   streamed: flags -> lanes -> print each lane's tickets as they come -> report failed lanes.
 */
import { CliError, OperationError } from "../errors.js";
import type { Deps, ResolvedProvider } from "../deps.js";
import { paged, pagesOf } from "../model/paged.js";
import type { Ticket } from "../model/types.js";
import type { CommandInput } from "../program.js";
import type { ListQuery } from "../providers/types.js";
import { DEFAULT_TICKET_COLUMNS, parseFields, TICKET_FIELDS } from "../render/fields.js";
import { createOutput, writeTicketList } from "../render/output.js";
import { withPager } from "../render/pager.js";
import { beginProgress } from "../render/progress.js";
import { checkpointFile, readCheckpoint, withCheckpointLocks, writeCheckpoint, type Checkpoint } from "../state/checkpoints.js";
import { isAfterMark, nextCheckpoint, queryAfterMark } from "./list/checkpoint-run.js";
import { fanoutError, fanoutProfiles, readLanes, reportFailures, type LaneFailure } from "./list/fanout.js";
import { listMode, SINCE_LAST, type ListMode } from "./list/flags.js";
import { dateOf, orderTickets } from "./list/order.js";
import { iterate, readAll } from "./list/read.js";
import { parseLimit, parsePriorities, parseStatuses, parseWhen, str } from "./shared/parse.js";
import { favorMemoryOverSpeed, youngGenerationCheck } from "../process/memory.js";

export function listQueryFrom(opts: Record<string, unknown>, now: Date): ListQuery {
  const since = str(opts["since"]);
  return {
    limit: parseLimit(str(opts["limit"]), Boolean(opts["all"])),
    all: Boolean(opts["all"]),
    sort: opts["sort"] === "created" ? "created" : opts["sort"] === "none" ? undefined : "updated",
    status: parseStatuses(str(opts["status"])),
    priority: parsePriorities(str(opts["priority"])),
    assignee: str(opts["assignee"]),
    team: str(opts["team"]),
    requester: str(opts["requester"]),
    tag: str(opts["tag"]),
    query: str(opts["query"]),
    channel: str(opts["channel"]),
    category: str(opts["category"]),
    // `--since @last` is the checkpoint's mark, applied per profile (./list/checkpoint-run.ts).
    since: since?.trim() === SINCE_LAST ? undefined : parseWhen(since, "--since", now),
    until: parseWhen(str(opts["until"]), "--until", now),
    updatedSince: parseWhen(str(opts["updatedSince"]), "--updated-since", now),
  };
}

/** One profile of the run. */
interface Lane {
  profile: string;
  resolve(): Promise<ResolvedProvider>;
}

interface LaneResult {
  profile: string;
  vendor: string;
  tickets: Ticket[];
  /** Checkpoint runs: the file and what it held before this run. */
  checkpoint?: { file: string; previous: Checkpoint | undefined };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The walk's counter on the status line: every lane's tickets, counted as they arrive. */
function readingProgress(deps: Deps, lanes: number): { tick: () => void; end: () => void } {
  const what = lanes > 1 ? `reading tickets from ${lanes} profiles…` : "reading tickets…";
  const task = beginProgress(deps, what);
  let count = 0;
  return {
    tick: () => task.update(`${what} ${++count}`),
    end: () => task.end(),
  };
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const now = deps.now();
  const mode = listMode(opts, deps.globals);
  const query = listQueryFrom(opts, now);
  const out = createOutput(deps.io, deps.globals, now);
  // Checked now, not after a long read.
  parseFields(out.fieldsRaw, [...TICKET_FIELDS, "raw"]);

  let lanes: Lane[];
  if (mode.fanout) {
    const names = await fanoutProfiles(deps, mode.fanout);
    lanes = names.map((profile) => ({ profile, resolve: () => deps.providerFor(profile) }));
    out.ticketColumns = ["profile", ...DEFAULT_TICKET_COLUMNS];
  } else {
    const resolved = await deps.provider();
    lanes = [{ profile: resolved.profile.name, resolve: async () => resolved }];
  }

  const body = () => (mode.sort === "none" ? streamLanes(deps, mode, query, out, lanes) : listLanes(deps, mode, query, out, lanes, now));
  if (mode.checkpoint === undefined) return body();
  const files = lanes.map((l) => checkpointFile(deps.paths.stateDir, l.profile, mode.checkpoint!));
  const onWait = (file: string) => {
    if (deps.io.errIsTTY) deps.io.err(`Waiting for another run of checkpoint "${mode.checkpoint}" (${file})...\n`);
  };
  return withCheckpointLocks(files, body, { signal: deps.signal, onWait });
}

/** Read one profile's tickets: all that match, or with a checkpoint all changed after its mark. */
async function readLane(deps: Deps, mode: ListMode, query: ListQuery, lane: Lane, onTicket?: () => void): Promise<LaneResult> {
  const { provider } = await lane.resolve();
  const q: ListQuery = { ...query, limit: undefined };
  if (mode.checkpoint === undefined) {
    return { profile: lane.profile, vendor: provider.vendor, tickets: await readAll(provider.list(q), deps.io.closed, onTicket) };
  }
  const file = checkpointFile(deps.paths.stateDir, lane.profile, mode.checkpoint);
  const previous = await readCheckpoint(file);
  const mark = previous?.mark ?? null;
  if (!mark) deps.io.err(`ticket: checkpoint "${mode.checkpoint}" is new for profile "${lane.profile}": listing every matching ticket\n`);
  const read = await readAll(provider.list(queryAfterMark(q, mark, provider.listFilters)), deps.io.closed, onTicket);
  const undated = read.filter((t) => dateOf(t) === undefined).length;
  if (undated > 0) deps.io.err(`ticket: profile ${lane.profile}: ${plural(undated, "ticket has", "tickets have")} no date; a checkpoint cannot tell when ${undated === 1 ? "it" : "they"} changed, so ${undated === 1 ? "it is" : "they are"} not listed\n`);
  return { profile: lane.profile, vendor: provider.vendor, tickets: read.filter((t) => isAfterMark(t, mark)), checkpoint: { file, previous } };
}

async function listLanes(deps: Deps, mode: ListMode, query: ListQuery, out: ReturnType<typeof createOutput>, lanes: Lane[], startedAt: Date): Promise<void> {
  const fanout = mode.fanout !== undefined;
  // "reading tickets… 350" on a terminal while the walk takes longer than a moment (issue 11 item 4).
  const walk = readingProgress(deps, lanes.length);
  let read: { results: LaneResult[]; failures: LaneFailure[] };
  try {
    // One profile: its error is the run's. Fan-out: reported after the others' rows.
    read = await readLanes(lanes, fanout, deps.signal, (lane) => readLane(deps, mode, query, lane, walk.tick));
  } finally {
    walk.end();
  }
  const { results, failures } = read;
  const json = Boolean(deps.globals.json || deps.globals.ndjson);
  if (results.length === 0 && failures.length > 0) {
    reportFailures(deps, failures, json);
    throw fanoutError(failures, lanes.length, 0);
  }

  const laneOf = new Map<Ticket, LaneResult>();
  for (const r of results) for (const t of r.tickets) laneOf.set(t, r);
  // A checkpoint prints oldest change first, so --limit makes batches and the mark moves over them.
  const order = mode.checkpoint !== undefined || mode.sort === "none" ? { key: "updated" as const, reverse: true } : { key: mode.sort, reverse: mode.reverse };
  const { tickets: ordered, undated } = orderTickets([...laneOf.keys()], order);
  const shown = query.limit === undefined ? ordered : ordered.slice(0, query.limit);

  const n = await printList(deps, out, iterate(shown), undefined);

  if (mode.checkpoint !== undefined) await advanceCheckpoints(deps, mode.checkpoint, results, shown.slice(0, n), laneOf, startedAt);
  if (failures.length > 0) {
    reportFailures(deps, failures, json);
    throw fanoutError(failures, lanes.length, n);
  }

  if (deps.io.closed?.aborted) return; // `| head`: an ordinary end, nothing more to say
  if (n === 0) {
    // The output above stays valid (`[]` with --json, nothing but a CSV header with --csv).
    if (mode.failOnEmpty) throw new OperationError(mode.checkpoint !== undefined ? "nothing changed since the last run (--fail-on-empty)" : "no tickets match (--fail-on-empty)");
    if (deps.io.errIsTTY) deps.io.err(mode.checkpoint !== undefined ? "Nothing changed since the last run.\n" : "No tickets match.\n");
    return;
  }
  if (!deps.io.errIsTTY) return;
  if (undated > 0) deps.io.err(`${plural(undated, "ticket has", "tickets have")} no ${order.key === "created" ? "creation date" : "date"}; listed last\n`);
  if (n < ordered.length) deps.io.err(`${n} of ${ordered.length} shown; ${mode.checkpoint !== undefined ? "the next run continues after them" : "--all for more"}\n`);
}

/** Print `tickets`; a failure after some were printed says how much of the list it is (what was printed stays valid). */
async function printList(deps: Deps, out: ReturnType<typeof createOutput>, tickets: AsyncIterable<Ticket>, limit: number | undefined): Promise<number> {
  const counter = { count: 0 };
  try {
    // Taller than the screen on a terminal: through the pager (render/pager.ts, issue 11 item 3).
    return await withPager(deps, () => writeTicketList(out, tickets, limit, counter));
  } catch (err) {
    if (err instanceof CliError && counter.count > 0) {
      throw new CliError(err.code, `${err.message} (after ${counter.count} ticket${counter.count === 1 ? " was" : "s were"} printed; the list is incomplete)`, {
        vendor: err.vendor,
        httpStatus: err.httpStatus,
        vendorCode: err.vendorCode,
        hint: err.hint,
        cause: err.cause,
      });
    }
    throw err;
  }
}

/**
 * `--sort none`: each lane's tickets printed as its provider yields them, nothing kept. One
 * profile: its error ends the run (after the rows already printed). Fan-out: the lanes are read
 * at once and their rows interleave as they arrive; a failed lane is reported after the list.
 */
async function streamLanes(deps: Deps, mode: ListMode, query: ListQuery, out: ReturnType<typeof createOutput>, lanes: Lane[]): Promise<void> {
  favorMemoryOverSpeed();
  const fanout = mode.fanout !== undefined;
  const failures: LaneFailure[] = [];
  const stop = deps.io.closed;
  // Read a page at a time (model/paged.ts): each page is handed on, limited and written whole.
  async function* lanePages(lane: Lane): AsyncGenerator<Ticket[]> {
    try {
      const { provider } = await lane.resolve();
      // The provider stops at --limit itself (sizing its pages by it); fan-out cuts the merged rows.
      for await (const page of pagesOf(provider.list(fanout ? { ...query, limit: undefined } : query))) {
        if (stop?.aborted || deps.signal.aborted) return;
        // A slow reader (a pipe): wait for it before each page, so pages do not pile up in memory
        // ahead of it (output leaves a page at a time, render/batch.ts).
        await deps.io.flush();
        youngGenerationCheck();
        yield page;
      }
    } catch (err) {
      if (!fanout || deps.signal.aborted) throw err;
      failures.push({ profile: lane.profile, error: err });
    }
  }
  const source = paged(() => (lanes.length === 1 ? lanePages(lanes[0]!) : mergeAsArriving(lanes.map(lanePages))));
  const n = await printList(deps, out, source, query.limit);
  const json = Boolean(deps.globals.json || deps.globals.ndjson);
  if (failures.length > 0) {
    const rank = (f: LaneFailure) => lanes.findIndex((l) => l.profile === f.profile);
    failures.sort((a, b) => rank(a) - rank(b));
    reportFailures(deps, failures, json);
    throw fanoutError(failures, lanes.length, n);
  }
  if (stop?.aborted) return;
  if (n === 0) {
    if (mode.failOnEmpty) throw new OperationError("no tickets match (--fail-on-empty)");
    if (deps.io.errIsTTY) deps.io.err("No tickets match.\n");
  }
}

/**
 * Several walks read at once, each item (a page of tickets) yielded as soon as any walk has one (a
 * lane waits for the printer only for its next item: at most one per lane is ahead). Returning
 * stops every walk.
 */
async function* mergeAsArriving<T>(sources: AsyncGenerator<T>[]): AsyncGenerator<T> {
  const next = (i: number) => sources[i]!.next().then((r) => ({ i, r }));
  const pending = new Map(sources.map((_, i) => [i, next(i)] as const));
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pending.set(i, next(i));
      yield r.value;
    }
  } finally {
    // Stopped early (--limit, `| head`) or failed: end every walk still running.
    for (const i of pending.keys()) {
      pending.get(i)!.catch(() => {});
      void sources[i]!.return(undefined).catch(() => {});
    }
  }
}

/**
 * After the list was printed in full: each lane's mark moves over the tickets printed from it. Not
 * when the run was interrupted, stdout was closed before the end, or with --dry-run.
 */
async function advanceCheckpoints(deps: Deps, name: string, results: readonly LaneResult[], printed: readonly Ticket[], laneOf: Map<Ticket, LaneResult>, startedAt: Date): Promise<void> {
  await deps.io.flush();
  if (deps.signal.aborted || deps.io.closed?.aborted) return;
  if (deps.globals.dryRun) {
    deps.io.err(`ticket: dry run: checkpoint "${name}" was not advanced\n`);
    return;
  }
  for (const r of results) {
    if (!r.checkpoint) continue;
    const mine = printed.filter((t) => laneOf.get(t) === r);
    await writeCheckpoint(r.checkpoint.file, nextCheckpoint(r.checkpoint.previous, { name, profile: r.profile, vendor: r.vendor }, mine, startedAt));
  }
}
