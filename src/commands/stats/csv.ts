/**
 * `ticket stats --csv`: one valid CSV (RFC 4180, one header) holding one table per `--by`
 * dimension, in long form:
 *
 *   profile,dimension,key,metric,value
 *   work,status,new,count,4
 *   work,day,2026-11-20,created,3
 *   work,day,2026-11-20,resolved,1
 *   work,age,<1h,open,2
 *   work,times,firstResponse,median_seconds,5400
 *   (total),status,new,count,9          <- only with several profiles
 *
 * dimension: status, priority, assignee, team, day, age or times; key: the status, priority
 * ("none" for none), assignee or team name (id when nameless; "(unassigned)", "(no team)"),
 * UTC day, age bucket or time figure; metric: count, created, resolved, open, count /
 * median_seconds / p90_seconds. Times a vendor does not give have an empty value.
 * Names are sanitized like every CSV cell (render/csv.ts).
 */
import { csvCell } from "../../render/csv.js";
import { AGE_BUCKETS, type Figures, type Who } from "./figures.js";
import { NO_PRIORITY, NO_TEAM, UNASSIGNED, type Dimension } from "./dimensions.js";

export const CSV_HEADER = ["profile", "dimension", "key", "metric", "value"] as const;
export const TOTAL_PROFILE = "(total)";

type Row = [string, string, string | number | null];

const whoKey = (w: Who, none: string) => w.name ?? w.id ?? none;

function rowsOf(f: Figures, d: Dimension): Row[] {
  switch (d) {
    case "status":
      return Object.entries(f.byStatus).map(([k, v]) => [k, "count", v]);
    case "priority":
      return Object.entries(f.byPriority).map(([k, v]) => [k === "none" ? NO_PRIORITY : k, "count", v]);
    case "assignee":
      return f.byAssignee.map((w) => [whoKey(w, UNASSIGNED), "count", w.count]);
    case "team":
      return f.byTeam.map((w) => [whoKey(w, NO_TEAM), "count", w.count]);
    case "day":
      return f.perDay.flatMap((r): Row[] => [
        [r.day, "created", r.created],
        [r.day, "resolved", r.resolved],
      ]);
    case "age":
      return [...AGE_BUCKETS, "undated" as const].map((b) => [b, "open", f.backlog.byAge[b]]);
    case "times":
      return (["firstResponse", "resolution"] as const).flatMap((k): Row[] => {
        const t = f.times[k];
        return [
          [k, "count", t?.count ?? null],
          [k, "median_seconds", t?.medianSeconds ?? null],
          [k, "p90_seconds", t?.p90Seconds ?? null],
        ];
      });
  }
}

export function csvText(parts: readonly { profile: string; figures: Figures }[], dimensions: readonly Dimension[]): string {
  const lines = [CSV_HEADER.join(",")];
  for (const d of dimensions) {
    for (const p of parts) {
      for (const [key, metric, value] of rowsOf(p.figures, d)) {
        lines.push([p.profile, d, key, metric, value === null ? "" : String(value)].map(csvCell).join(","));
      }
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
