/**
 * ticket stats (issue 13 item 3): for the chosen profiles (the current one; `-p a,b`,
 * --all-profiles) and a window (--since, default 7d; --until, default now): counts by status,
 * priority, assignee and team; created and resolved per day; the open backlog by age; first
 * response and resolution times where the vendor gives the timestamps. Which tickets each figure
 * counts: ./stats/figures.ts (the README says the same). The parts:
 *
 *   window -> lanes (../commands/shared/lanes.ts) -> three walks per lane, counted as they stream
 *   (./stats/read.ts) -> per profile + all together -> terminal (./stats/tty.ts), --json/--ndjson,
 *   or --csv (./stats/csv.ts) -> failed lanes reported (./list/fanout.ts) and exit 1.
 */
import { OperationError, UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { formatOf } from "../render/output.js";
import { toJson } from "../render/json.js";
import { beginProgress } from "../render/progress.js";
import { wrapText } from "../render/wrap.js";
import { fanoutError, readLanes, reportFailures, type LaneFailure } from "./list/fanout.js";
import { chooseLanes, type Lane } from "./shared/lanes.js";
import { parseWhen, str } from "./shared/parse.js";
import { csvText, TOTAL_PROFILE } from "./stats/csv.js";
import { parseDimensions } from "./stats/dimensions.js";
import { combine, Tally, type Figures, type ProfileFigures, type Window } from "./stats/figures.js";
import { readProfile } from "./stats/read.js";
import { renderStats, timesNotes } from "./stats/tty.js";

export const DEFAULT_SINCE = "7d";

export function statsWindow(opts: Record<string, unknown>, now: Date): Window {
  const sinceRaw = str(opts["since"]);
  if (sinceRaw?.trim() === "@last") throw new UsageError("stats takes a span or a date for --since (@last is for list and watch checkpoints)");
  const since = parseWhen(sinceRaw ?? DEFAULT_SINCE, "--since", now)!;
  const until = parseWhen(str(opts["until"]), "--until", now) ?? now;
  if (since.getTime() >= until.getTime()) throw new UsageError(`--since (${since.toISOString()}) must be before --until (${until.toISOString()})`);
  return { since, until };
}

interface LaneResult {
  figures: ProfileFigures;
  durations: { firstResponse: number[]; resolution: number[] };
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const now = deps.now();
  const format = formatOf(deps.globals);
  if (deps.globals.fields !== undefined) throw new UsageError("stats has no --fields: choose tables with --by (status, priority, assignee, team, day, age, times)");
  const dimensions = parseDimensions(opts["by"]);
  const window = statsWindow(opts, now);
  const { lanes, several } = await chooseLanes(deps, opts, "current");

  const progress = beginProgress(deps, lanes.length > 1 ? `counting tickets of ${lanes.length} profiles…` : "counting tickets…");
  let seen = 0;
  const tick = () => progress.update(`${lanes.length > 1 ? `counting tickets of ${lanes.length} profiles…` : "counting tickets…"} ${++seen}`);
  let read: { results: LaneResult[]; failures: LaneFailure[] };
  try {
    // One profile: its error is the run's. Several: reported after the others' figures.
    read = await readLanes(lanes, several, deps.signal, (lane) => readLane(deps, lane, window, now, tick));
  } finally {
    progress.end();
  }
  if (deps.signal.aborted) throw deps.signal.reason;
  const { results, failures } = read;
  const json = format === "json" || format === "ndjson";
  if (results.length === 0 && failures.length > 0) {
    reportFailures(deps, failures, json);
    throw fanoutError(failures, lanes.length, 0);
  }

  const total = combine(results, window);
  const profiles = results.map((r) => r.figures);
  const failed = failures.map((f) => f.profile);
  const out = deps.io.out;
  if (json) {
    const doc = statsDocument(window, profiles, total, failed);
    out(format === "json" ? `${toJson(doc, true)}\n` : `${toJson(doc)}\n`);
  } else if (format === "csv") {
    const parts: { profile: string; figures: Figures }[] = profiles.map((p) => ({ profile: p.profile, figures: p }));
    if (several) parts.push({ profile: TOTAL_PROFILE, figures: total });
    out(csvText(parts, dimensions));
  } else {
    out(renderStats({ io: deps.io, window, profiles, total, dimensions, failed }));
  }

  if (failures.length > 0) {
    reportFailures(deps, failures, json);
    const names = failed.join(", ");
    throw new OperationError(`${failures.length} of ${lanes.length} profiles failed (${names}); the figures above are the others' only`);
  }
  // Notes for a person reading CSV on a terminal (the table view has them inline).
  if (format === "csv" && deps.io.errIsTTY) {
    for (const line of timesNotes(profiles.map((p) => p.vendor), dimensions)) for (const l of wrapText(line, deps.io.columns)) deps.io.err(`${l}\n`);
  }
}

async function readLane(deps: Deps, lane: Lane, window: Window, now: Date, tick: () => void): Promise<LaneResult> {
  const { provider } = await lane.resolve();
  const tally = new Tally(window, now);
  await readProfile(provider, tally, deps.signal, tick);
  return { figures: { profile: lane.profile, vendor: provider.vendor, ...tally.figures(provider.vendor) }, durations: tally.durations() };
}

/**
 * `--json`: {window: {since, until}, profiles: [figures + profile, vendor], total: figures,
 * failed: [profile names], definitions: {figure: which tickets}}. The README documents the shape.
 */
export function statsDocument(window: Window, profiles: readonly ProfileFigures[], total: Figures, failed: readonly string[]): Record<string, unknown> {
  return {
    window: { since: window.since.toISOString(), until: window.until.toISOString() },
    profiles,
    total,
    failed,
    definitions: {
      created: "tickets created in the window (since <= createdAt < until); byStatus, byPriority, byAssignee, byTeam and perDay.created count these",
      resolved: "tickets now resolved or closed, resolved in the window: at resolvedAt where the vendor gives it, else at updatedAt (resolvedDatedBy)",
      backlog: "every ticket open now (new, open, pending, on_hold), by age since createdAt",
      times: "seconds, nearest-rank median and p90: firstResponse over tickets created in the window, resolution over those resolved in it with a resolvedAt; null where the vendor gives no such timestamp",
      days: "UTC calendar days",
    },
  };
}
