/**
 * The flags that decide how `ticket list` runs, checked before anything is read (exit 2 naming the
 * flag): --sort/--reverse (order), --since @last with --checkpoint (checkpoints), and fan-out
 * (`-p a,b` or --all-profiles).
 */
import { UsageError } from "../../errors.js";
import type { GlobalOptions } from "../../deps.js";
import { checkName } from "../../state/checkpoints.js";
import { str } from "../shared/parse.js";
import { parseSortKey, type ListSort } from "./order.js";

/** `--since @last`: since the checkpoint's mark. */
export const SINCE_LAST = "@last";

export interface ListMode {
  /**
   * updated or created: every match is read, then sorted (./order.ts). none: the vendor's order,
   * streamed page by page. Default: none for `--all` with --json, --ndjson or --csv (an export),
   * else updated; a checkpoint run is always ordered.
   */
  sort: ListSort;
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
  const given = parseSortKey(str(opts["sort"]));
  const reverse = Boolean(opts["reverse"]);
  if (given === "none" && reverse) throw new UsageError("--reverse needs an order to reverse: --sort none prints the vendor's own order; use --sort updated or --sort created with --reverse");
  const since = str(opts["since"]);
  const checkpointRaw = str(opts["checkpoint"]);
  const last = since?.trim() === SINCE_LAST;
  if (last && checkpointRaw === undefined) throw new UsageError(`--since ${SINCE_LAST} needs --checkpoint NAME (the checkpoint that remembers the last run)`);
  if (checkpointRaw !== undefined && !last) throw new UsageError(`--checkpoint works with --since ${SINCE_LAST}: ticket list --since ${SINCE_LAST} --checkpoint ${checkpointRaw}`);
  const checkpoint = checkpointRaw === undefined ? undefined : checkName(checkpointRaw);
  if (checkpoint !== undefined && (reverse || (given !== undefined && given !== "updated"))) {
    throw new UsageError(`--checkpoint prints changes oldest first, so that --limit makes batches; it takes no ${reverse ? "--reverse" : `--sort ${given}`}`);
  }
  // An export (every match, in a machine format) streams in the vendor's order unless --sort says otherwise.
  const machine = Boolean(globals.json || globals.ndjson || globals.csv);
  const sort: ListSort = given ?? (opts["all"] && machine && checkpoint === undefined ? "none" : "updated");
  const named = profileList(globals.profile);
  if (opts["allProfiles"] && globals.profile !== undefined) throw new UsageError("--all-profiles and -p/--profile contradict each other: use one");
  return { sort, reverse, checkpoint, fanout: opts["allProfiles"] ? "all" : named, failOnEmpty: Boolean(opts["failOnEmpty"]) };
}
