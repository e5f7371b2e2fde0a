/**
 * How `ticket agents | teams | contacts` print a directory list: a table (id, name, email) on a
 * terminal, tab-separated lines when piped, --json / --ndjson / --csv / --fields as everywhere.
 * On a terminal, stderr says where the list came from when it is not the vendor's own directory.
 */
import type { Deps, ResolvedProvider } from "../deps.js";
import { createOutput, writeRecords } from "../render/output.js";
import { sourceNote, type DirectoryKind, type DirectoryList } from "./index.js";

/** The columns, id first as in every list (`ticket agents | cut -f1` gives ids). */
const KEYS: Record<DirectoryKind, string[]> = {
  agent: ["id", "name", "email"],
  team: ["id", "name"],
  contact: ["id", "name", "email", "phone"],
};

export async function writeDirectory(deps: Deps, resolved: ResolvedProvider, list: DirectoryList): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const keys = KEYS[list.kind];
  const rows = list.entries.map((e) => Object.fromEntries(keys.map((k) => [k, (e as unknown as Record<string, unknown>)[k] || null])));
  await writeRecords(out, rows, keys);
  if (!deps.io.errIsTTY) return;
  const note = sourceNote(resolved, list);
  if (note) deps.io.err(`ticket: ${note}\n`);
  if (rows.length === 0) deps.io.err(`ticket: no ${list.kind === "contact" ? "contacts" : `${list.kind}s`} found\n`);
}
