/** The `--by` dimensions of `ticket stats`: which tables `--csv` (and the terminal view) show. */
import { UsageError } from "../../errors.js";

export const DIMENSIONS = ["status", "priority", "assignee", "team", "day", "age", "times"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** `--by a --by b,c`: the dimensions in the order given, de-duplicated; every one without --by. */
export function parseDimensions(raw: unknown): Dimension[] {
  const given = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => String(v).split(",")).map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (given.length === 0) return [...DIMENSIONS];
  const bad = given.filter((d) => !(DIMENSIONS as readonly string[]).includes(d));
  if (bad.length > 0) throw new UsageError(`--by takes ${DIMENSIONS.join(", ")}, not "${bad.join(",")}"`);
  return [...new Set(given)] as Dimension[];
}

export const UNASSIGNED = "(unassigned)";
export const NO_TEAM = "(no team)";
export const NO_PRIORITY = "none";
