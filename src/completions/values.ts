/**
 * What completes the value of an option or a positional. Fixed lists come from the modules that
 * define them (statuses and priorities from src/model/enums.ts, field names from
 * src/render/fields.ts), so a new status or field shows up in the scripts with `npm run completions`.
 * Values that live in the user's config or caches (profile names, agents, teams) are "dynamic": the
 * scripts ask `ticket __complete KIND` (src/commands/complete.ts) when TAB is pressed.
 */
import type { Argument } from "commander";
import { OUTPUT_SCHEMA_NAMES } from "../model/output-schemas.js";
import { PRIORITIES, STATUSES, VENDORS } from "../model/enums.js";
import { DETAIL_FIELDS, TICKET_FIELDS } from "../render/fields.js";

/** The kinds `ticket __complete` answers. */
export const DYNAMIC_KINDS = ["profiles", "agents", "teams"] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

export type ValueSource =
  /** A flag, or a value nothing useful can be suggested for (an id, free text). */
  | { kind: "none" }
  /** `list`: a comma-separated list (complete the item after the last comma). */
  | { kind: "words"; words: readonly string[]; list: boolean }
  | { kind: "dynamic"; source: DynamicKind; list: boolean }
  /** `at`: the value is @FILE (ticket api --data), so files complete after an @. */
  | { kind: "files"; at: boolean };

const NONE: ValueSource = { kind: "none" };
const words = (list: readonly string[], isList = false): ValueSource => ({ kind: "words", words: list, list: isList });

/** The output formats a --format / --output option would take, should one be added; today they are flags (--json, --ndjson, --csv). */
const FORMATS = ["table", "json", "ndjson", "csv"] as const;
/** `list --sort` (src/program.ts: "by last activity (updated, the default) or by creation (created)"). */
const SORT_KEYS = ["updated", "created", "none"] as const;
const SHELLS = ["bash", "zsh", "fish"] as const;
/** `ticket api METHOD` (src/program.ts). */
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Where a value is a comma-separated list, the help says so: `<list>` or "comma-separated". */
const isListOption = (o: { flags: string; description: string }) => /<list>/.test(o.flags) || /comma-separated/i.test(o.description);

export function optionValues(path: string[], option: { flags: string; long?: string | undefined; description: string }): ValueSource {
  const list = isListOption(option);
  switch (option.long) {
    case "--status":
      return words(STATUSES, list);
    case "--priority":
      return words(PRIORITIES, list);
    case "--vendor":
      return words(VENDORS, list);
    case "--fields":
      // show prints one ticket with its conversation; everything else prints tickets.
      return words(path[0] === "show" ? DETAIL_FIELDS : TICKET_FIELDS, true);
    case "--sort":
      return words(SORT_KEYS);
    case "--format":
    case "--output":
      return words(FORMATS);
    case "--profile":
      // "-p a,b" fans out over several profiles (src/program.ts).
      return { kind: "dynamic", source: "profiles", list: true };
    case "--to":
    case "--assignee":
      return { kind: "dynamic", source: "agents", list: false };
    case "--team":
      return { kind: "dynamic", source: "teams", list: false };
    case "--attach":
    case "--body-file":
      return { kind: "files", at: false };
    case "--data":
      return { kind: "files", at: true };
    default:
      return NONE;
  }
}

export function argumentValues(path: string[], arg: Argument): ValueSource {
  const [top, sub] = path;
  const name = arg.name();
  // An existing profile: every profile verb but add (which names a new one).
  if (top === "profile" && sub !== "add" && (name === "name" || name === "names")) return { kind: "dynamic", source: "profiles", list: false };
  if (name === "files" || name === "file") return { kind: "files", at: false };
  if (top === "completion" && name === "shell") return words(SHELLS);
  if (top === "schema" && name === "name") return words(OUTPUT_SCHEMA_NAMES);
  if (top === "api" && name === "method") return words(HTTP_METHODS);
  return NONE;
}
