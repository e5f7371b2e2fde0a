/** The flags of `ticket watch`, checked before anything is read (exit 2 naming the flag). */
import { UsageError } from "../../errors.js";
import type { GlobalOptions } from "../../deps.js";
import { checkName } from "../../state/checkpoints.js";
import { SINCE_LAST } from "../list/flags.js";
import { parsePositiveInt, parseWhen, str } from "../shared/parse.js";

export const DEFAULT_INTERVAL_S = 30;
export const DEFAULT_EXEC_CONCURRENCY = 2;

export interface WatchFlags {
  intervalMs: number;
  /** Events for changes since then (ms); undefined: only changes after the start (or the checkpoint's mark). */
  since: number | undefined;
  /** --since @last --checkpoint NAME. */
  checkpoint: string | undefined;
  exec: string | undefined;
  concurrency: number;
  ndjson: boolean;
}

export function parseInterval(value: string | undefined): number {
  if (value === undefined) return DEFAULT_INTERVAL_S * 1000;
  const v = value.trim();
  const n = /^\d+(\.\d+)?$|^\.\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--interval takes seconds, a number above 0 (decimals allowed: 0.5), not "${value}"`);
  return Math.max(1, Math.round(n * 1000));
}

export function watchFlags(opts: Record<string, unknown>, globals: GlobalOptions, now: Date): WatchFlags {
  if (globals.json) throw new UsageError("watch never ends, so it has no JSON array to close: use --ndjson (one event per line)");
  if (globals.csv) throw new UsageError("watch prints events as they come: use --ndjson, or the plain lines (tab-separated when piped)");
  if (globals.fields !== undefined) throw new UsageError("--fields is not for watch: its events have a fixed shape (see ticket watch --help)");
  const since = str(opts["since"]);
  const checkpointRaw = str(opts["checkpoint"]);
  const last = since?.trim() === SINCE_LAST;
  if (last && checkpointRaw === undefined) throw new UsageError(`--since ${SINCE_LAST} needs --checkpoint NAME (the checkpoint that remembers where the last watch stopped)`);
  if (checkpointRaw !== undefined && !last) throw new UsageError(`--checkpoint works with --since ${SINCE_LAST}: ticket watch --since ${SINCE_LAST} --checkpoint ${checkpointRaw}`);
  const exec = str(opts["exec"]);
  if (exec !== undefined && exec.trim() === "") throw new UsageError("--exec needs a command");
  const concurrency = parsePositiveInt(str(opts["concurrency"]), "--concurrency") ?? DEFAULT_EXEC_CONCURRENCY;
  if (opts["concurrency"] !== undefined && exec === undefined) throw new UsageError("--concurrency is how many --exec commands run at once: it needs --exec");
  return {
    intervalMs: parseInterval(str(opts["interval"])),
    since: last ? undefined : parseWhen(since, "--since", now)?.getTime(),
    checkpoint: checkpointRaw === undefined ? undefined : checkName(checkpointRaw),
    exec,
    concurrency,
    ndjson: Boolean(globals.ndjson),
  };
}
