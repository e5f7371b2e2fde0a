/**
 * Ticket ids for the write verbs that take several (assign, close, escalate; merge's sources).
 * `-` among them is replaced by the ids read from stdin, which may be:
 *
 * - one id per line (blank lines and the spaces around an id are ignored);
 * - the `--json` output of `ticket list` (an array of objects: each one's `id`; bare strings and
 *   numbers are taken as ids too), or any single JSON object with an `id` (`create --json`);
 * - the `--ndjson` output of `ticket list` (one object per line: each one's `id`).
 *
 * Anything else is a usage error naming the line or item, before anything is sent. An id given
 * twice is done once.
 */
import { UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import { sanitize } from "../../render/sanitize.js";

export interface Ids {
  ids: string[];
  /** `-` was given: a bulk run, whatever the count. */
  fromStdin: boolean;
  /** Ids given more than once (done once). */
  repeated: string[];
}

const FORMS = "give one ticket id per line, or the --json / --ndjson output of `ticket list`";

const short = (s: string) => sanitize(s.length > 40 ? `${s.slice(0, 40)}…` : s).replace(/\s+/g, " ");

function idOf(item: unknown, where: string): string {
  const value = item !== null && typeof item === "object" && !Array.isArray(item) ? (item as Record<string, unknown>)["id"] : item;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  const what = item !== null && typeof item === "object" && !Array.isArray(item) ? 'has no "id"' : "is not a ticket id or an object with an id";
  throw new UsageError(`${where} on stdin ${what}; ${FORMS}`);
}

/** The ids in what was piped in, in order. */
export function parseIdText(input: string): string[] {
  const text = input.replace(/^\uFEFF/, "");
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`stdin starts like a JSON array but is not valid JSON; ${FORMS}`);
    }
    if (!Array.isArray(parsed)) throw new UsageError(`stdin is not a JSON array; ${FORMS}`);
    return parsed.map((item, i) => idOf(item, `item ${i + 1} of the JSON array`));
  }
  if (trimmed.startsWith("{")) {
    // One JSON object (pretty-printed, as `create --json` prints it), or NDJSON lines.
    try {
      return [idOf(JSON.parse(trimmed), "the JSON object")];
    } catch (err) {
      if (err instanceof UsageError) throw err;
    }
    const ids: string[] = [];
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new UsageError(`line ${i + 1} of stdin is not a JSON object ("${short(line.trim())}"); ${FORMS}`);
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new UsageError(`line ${i + 1} of stdin is not a JSON object; ${FORMS}`);
      ids.push(idOf(parsed, `line ${i + 1}`));
    });
    return ids;
  }
  const ids: string[] = [];
  text.split("\n").forEach((line, i) => {
    const id = line.trim();
    if (id === "") return;
    if (/\s/.test(id)) throw new UsageError(`line ${i + 1} of stdin is not one ticket id ("${short(id)}"); ${FORMS} (ticket list --fields id prints only ids)`);
    ids.push(id);
  });
  return ids;
}

/** The ids of `args`, with `-` replaced by those read from stdin; each id once, in order. */
export async function readIds(deps: Deps, args: string[]): Promise<Ids> {
  const dashes = args.filter((a) => a === "-").length;
  if (dashes > 1) throw new UsageError("- (ticket ids from stdin) can be given only once");
  const fromStdin = dashes === 1;
  const all: string[] = [];
  for (const a of args) {
    if (a === "-") all.push(...parseIdText(await deps.readStdin()));
    else all.push(a);
  }
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const ids: string[] = [];
  for (const id of all) {
    if (seen.has(id)) repeated.add(id);
    else {
      seen.add(id);
      ids.push(id);
    }
  }
  if (repeated.size > 0 && !deps.globals.json && !deps.globals.ndjson) {
    deps.io.err(`ticket: note: ${sanitize([...repeated].join(", "))} given more than once; each is done once\n`);
  }
  return { ids, fromStdin, repeated: [...repeated] };
}
