/**
 * ticket watch (issue 13 item 2): a live feed of changes across profiles until Ctrl-C.
 *
 *   flags -> lanes (every profile by default) -> [checkpoint locks] -> one LaneWatch per profile,
 *   each on its own timer (./watch/lane.ts) -> events printed as each poll is read (./watch/event.ts)
 *   -> [--exec per event (./watch/exec.ts)] -> at the end: checkpoints saved, commands waited for.
 *
 * Ends: Ctrl-C (130) or SIGTERM (143) with every checkpoint saved; stdout closed by its reader
 * (`| head -3`) is an ordinary end (0). A profile whose configuration or credentials fail is told
 * once (`ticket: profile NAME: ...`) and the others go on; when every profile failed, the run ends
 * with their error (list's fan-out rules, ./list/fanout.ts).
 */
import type { Deps } from "../deps.js";
import { OperationError } from "../errors.js";
import type { CommandInput } from "../program.js";
import { paint } from "../render/color.js";
import { watchStateFile, withWatchLocks } from "../state/watch-state.js";
import { fanoutError, reportFailures, type LaneFailure } from "./list/fanout.js";
import { chooseLanes } from "./shared/lanes.js";
import { eventJson, eventLine, eventPlain, type WatchEvent } from "./watch/event.js";
import { createExecRunner, EXEC_GRACE_MS, type ExecRunner } from "./watch/exec.js";
import { watchFlags, type WatchFlags } from "./watch/flags.js";
import { LaneWatch, type LaneEnv } from "./watch/lane.js";
import { Chalk } from "chalk";

/** How each event is written: NDJSON, the terminal's line, or tab-separated when piped. */
function formatter(deps: Deps, flags: WatchFlags, several: boolean): (e: WatchEvent) => string {
  if (flags.ndjson) return eventJson;
  if (deps.io.isTTY) {
    const c = paint(deps.io);
    return (e) => eventLine(e, c, { now: deps.now(), showProfile: several, columns: deps.io.columns });
  }
  const plain = new Chalk({ level: 0 });
  return (e) => eventPlain(e, plain);
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const flags = watchFlags(opts, deps.globals, deps.now());
  const { lanes, several } = await chooseLanes(deps, opts, "every");

  // One stop for every lane: Ctrl-C / SIGTERM, or the reader of stdout went away.
  const stopper = new AbortController();
  const stop = () => stopper.abort();
  for (const s of [deps.signal, deps.io.closed]) {
    if (s.aborted) stop();
    else s.addEventListener("abort", stop, { once: true });
  }

  const exec: ExecRunner | undefined = flags.exec !== undefined ? createExecRunner(flags.exec, flags.concurrency, deps.io, deps.env) : undefined;
  const format = formatter(deps, flags, several);
  let printed = 0;
  const env: LaneEnv = {
    deps,
    flags,
    stop: stopper.signal,
    async emit(events, delivered) {
      let n = 0;
      for (const e of events) {
        if (deps.io.closed.aborted) break;
        deps.io.out(format(e));
        if (deps.io.closed.aborted) break; // the write did not reach anyone
        delivered(e);
        exec?.push(e);
        n++;
      }
      printed += n;
      await deps.io.flush();
      return n;
    },
    ...(flags.checkpoint !== undefined ? { stateFile: (profile: string) => watchStateFile(deps.paths.stateDir, profile, flags.checkpoint!) } : {}),
  };

  const json = Boolean(deps.globals.ndjson);
  const failures: LaneFailure[] = [];
  const body = async () => {
    if (deps.io.errIsTTY && !flags.ndjson) {
      deps.io.err(`Watching ${lanes.length === 1 ? `profile ${lanes[0]!.profile}` : `${lanes.length} profiles`} for changes; Ctrl-C to stop.\n`);
    }
    await Promise.all(
      lanes.map(async (lane) => {
        const failure = await new LaneWatch(env, lane).run();
        if (!failure) return;
        failures.push(failure);
        // One profile alone: its error is the run's (main prints it). Several: told now, the others go on.
        if (several) reportFailures(deps, [failure], json);
        if (failures.length === lanes.length) stop();
      }),
    );
  };

  try {
    if (flags.checkpoint === undefined) await body();
    else {
      const files = new Map(lanes.map((l) => [watchStateFile(deps.paths.stateDir, l.profile, flags.checkpoint!), l.profile]));
      const held = (file: string) =>
        new OperationError(`checkpoint "${flags.checkpoint}" of profile ${files.get(file) ?? "?"} is in use by another ticket watch (${file}.lock); stop that one first`);
      await withWatchLocks([...files.keys()], body, held, deps.signal);
    }
  } finally {
    stop();
    await exec?.close(EXEC_GRACE_MS);
  }

  if (deps.signal.aborted) return; // main says "interrupted" and exits 130 / 143
  if (failures.length === 0) return; // stdout closed: an ordinary end
  if (!several) throw failures[0]!.error;
  if (failures.length === lanes.length) throw fanoutError(failures, lanes.length, printed);
  throw new OperationError(`${failures.length} of ${lanes.length} profiles failed (${failures.map((f) => f.profile).join(", ")}); ${printed} event${printed === 1 ? " was" : "s were"} printed from the others`);
}
