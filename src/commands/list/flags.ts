/**
 * The flags that decide how `ticket list` runs, checked before anything is read (exit 2 naming the
 * flag): --sort/--reverse (order), --since @last with --checkpoint (checkpoints), and fan-out
 * (`-p a,b` or --all-profiles).
 */
import { UsageError } from "../../errors.js";
import type { GlobalOptions } from "../../deps.js";
import { checkName } from "../../state/checkpoints.js";
import { str } from "../shared/parse.js";
import { parseSortKey, type SortKey } from "./order.js";

/** `--since @last`: since the checkpoint's mark. */
export const SINCE_LAST = "@last";

export interface ListMode {
  sort: SortKey;
  reverse: boolean;
  /** --checkpoint NAME (then --since was @last). */
  checkpoint: string | undefined;
  /** Fan-out: the profiles named by `-p a,b`, or "all" for --all-profiles; undefined for one profile. */
  fanout: string[] | "all" | undefined;
  /** --fail-on-empty: exit 1 when nothing was listed. */
  failOnEmpty: boolean;
}

/** `-p a,b`: the names, de-duplicated, in the order given; undefined when the value names one profile. */
export function profileList(value: string | undefined): string[] | undefined {
  if (value === undefined || !value.includes(",")) return undefined;
  const names = [...new Set(value.split(",").map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) throw new UsageError(`-p/--profile: no profile name in "${value}"`);
  return names;
}

export function listMode(opts: Record<string, unknown>, globals: GlobalOptions): ListMode {
  const sort = parseSortKey(str(opts["sort"]));
  const reverse = Boolean(opts["reverse"]);
  const since = str(opts["since"]);
  const checkpointRaw = str(opts["checkpoint"]);
  const last = since?.trim() === SINCE_LAST;
  if (last && checkpointRaw === undefined) throw new UsageError(`--since ${SINCE_LAST} needs --checkpoint NAME (the checkpoint that remembers the last run)`);
  if (checkpointRaw !== undefined && !last) throw new UsageError(`--checkpoint works with --since ${SINCE_LAST}: ticket list --since ${SINCE_LAST} --checkpoint ${checkpointRaw}`);
  const checkpoint = checkpointRaw === undefined ? undefined : checkName(checkpointRaw);
  if (checkpoint !== undefined && (reverse || sort !== "updated")) {
    throw new UsageError(`--checkpoint prints changes oldest first, so that --limit makes batches; it takes no ${reverse ? "--reverse" : "--sort created"}`);
  }
  const named = profileList(globals.profile);
  if (opts["allProfiles"] && globals.profile !== undefined) throw new UsageError("--all-profiles and -p/--profile contradict each other: use one");
  return { sort, reverse, checkpoint, fanout: opts["allProfiles"] ? "all" : named, failOnEmpty: Boolean(opts["failOnEmpty"]) };
}
