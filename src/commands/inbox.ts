/**
 * ticket inbox (issue 13 item 1): the tickets that need me, across every configured profile (or
 * `-p a,b`, --all-profiles; the demo when none is configured): in each profile, those assigned to
 * the profile's own agent (./inbox/who.ts) that are not resolved or closed, or with --team a
 * team's queue; read whole (./inbox/read.ts), merged most urgent first (./inbox/urgency.ts), cut
 * at --limit and printed with a PROFILE and a WAITING column (./inbox/output.ts).
 *
 *   flags -> lanes (src/commands/shared/lanes.ts) -> per lane: resolve, scope (skip with a notice),
 *   read -> order -> cut -> print -> failed lanes (list's fan-out report) -> --fail-on-empty.
 *
 * A profile without its agent setting, or that does not know the --team, is skipped with one line
 * on stderr; when every profile is skipped the run fails with that reason (exit 3, or 5 for a
 * team). A profile that fails to read is reported after the others' rows, and the run exits 1.
 */
import { CliError, ConfigError, OperationError, UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { Ticket } from "../model/types.js";
import type { CommandInput } from "../program.js";
import { createOutput } from "../render/output.js";
import { withPager } from "../render/pager.js";
import { beginProgress } from "../render/progress.js";
import { sanitize } from "../render/sanitize.js";
import { fanoutError, inLaneOrder, reportFailures, type LaneFailure } from "./list/fanout.js";
import { chooseLanes, type Lane } from "./shared/lanes.js";
import { parsePositiveInt, str } from "./shared/parse.js";
import { inboxFields, inboxTicket, writeInbox } from "./inbox/output.js";
import { readQueue } from "./inbox/read.js";
import { byUrgency } from "./inbox/urgency.js";
import { scopeOf, SkipLane } from "./inbox/who.js";

interface InboxFlags {
  limit: number | undefined;
  team: string | undefined;
  failOnEmpty: boolean;
}

function inboxFlags(opts: Record<string, unknown>): InboxFlags {
  const team = str(opts["team"]);
  if (team !== undefined && !team.trim()) throw new UsageError("--team needs a team name or id");
  return { limit: parsePositiveInt(str(opts["limit"]), "--limit"), team: team?.trim(), failOnEmpty: Boolean(opts["failOnEmpty"]) };
}

/** "reading your tickets… 12" on a terminal while the walk takes longer than a moment. */
function readingProgress(deps: Deps, lanes: number, team: string | undefined): { tick: () => void; end: () => void } {
  const whose = team === undefined ? "your tickets" : `team ${sanitize(team)}'s tickets`;
  const what = lanes > 1 ? `reading ${whose} from ${lanes} profiles…` : `reading ${whose}…`;
  const task = beginProgress(deps, what);
  let count = 0;
  return { tick: () => task.update(`${what} ${++count}`), end: () => task.end() };
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const now = deps.now();
  const flags = inboxFlags(opts);
  const out = createOutput(deps.io, deps.globals, now);
  inboxFields(out); // an unknown --fields is refused before anything is read
  const { lanes } = await chooseLanes(deps, opts, "every");
  const json = Boolean(deps.globals.json || deps.globals.ndjson);

  const skips: SkipLane[] = [];
  const failures: LaneFailure[] = [];
  const walk = readingProgress(deps, lanes.length, flags.team);
  let read: Ticket[][];
  try {
    read = await Promise.all(
      lanes.map(async (lane) => {
        try {
          const resolved = await lane.resolve();
          const scope = await scopeOf(deps, resolved, flags.team);
          return await readQueue(resolved.provider, scope, deps.io.closed, walk.tick);
        } catch (err) {
          if (err instanceof SkipLane) skips.push(err);
          else if (deps.signal.aborted || lanes.length === 1) throw err; // one profile: its error is the run's
          else failures.push({ profile: lane.profile, error: err });
          return [];
        }
      }),
    );
  } finally {
    walk.end();
  }
  skips.sort(inLaneOrder(lanes));
  failures.sort(inLaneOrder(lanes));

  // Skipped profiles: one notice each; every profile skipped is the run's failure.
  const readable = lanes.length - skips.length;
  if (readable === 0) {
    if (skips.length === 1) throw skips[0]!.reason;
    for (const s of skips) deps.io.err(`ticket: ${sanitize(s.message)}\n`);
    const codes = new Set(skips.map((s) => s.reason.code));
    const names = skips.map((s) => s.profile).join(", ");
    const message = `every profile was skipped (${names}): ${flags.team === undefined ? "none has its own agent set" : `none knows team "${flags.team}"`}`;
    throw codes.size === 1 ? new CliError(skips[0]!.reason.code, message) : new ConfigError(message);
  }
  for (const s of skips) deps.io.err(`ticket: ${sanitize(s.message)}\n`);
  if (failures.length === readable) {
    reportFailures(deps, failures, json);
    throw fanoutError(failures, readable, 0);
  }

  const ordered = byUrgency(read.flat()).map(inboxTicket);
  const shown = flags.limit === undefined ? ordered : ordered.slice(0, flags.limit);
  const counter = { count: 0 };
  const n = await withPager(deps, () => writeInbox(out, shown, flags.team !== undefined, counter));

  if (failures.length > 0) {
    reportFailures(deps, failures, json);
    throw fanoutError(failures, readable, n);
  }
  if (deps.io.closed?.aborted) return; // `| head`: an ordinary end
  if (n === 0) {
    // What was printed stays valid: `[]` with --json, a header with --csv, nothing otherwise.
    if (flags.failOnEmpty) throw new OperationError("nothing is waiting (--fail-on-empty)");
    if (deps.io.errIsTTY) deps.io.err(flags.team === undefined ? "Nothing is waiting for you.\n" : `Nothing is waiting in team ${sanitize(flags.team)}.\n`);
    return;
  }
  if (deps.io.errIsTTY && n < ordered.length) deps.io.err(`${n} of ${ordered.length} shown (--limit)\n`);
}
