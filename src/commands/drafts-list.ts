/**
 * ticket drafts [list]: the replies and messages kept as drafts, newest first: id, profile, verb,
 * ticket, age and first line. A table on a terminal, plain lines on a pipe, --json / --ndjson /
 * --csv for scripts (with the full text and the file's path).
 */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeRecords } from "../render/output.js";
import { parseFields } from "../render/fields.js";
import { renderTable } from "../render/table.js";
import { loadDrafts, type Draft } from "./shared/drafts.js";

const KEYS = ["id", "profile", "verb", "internal", "ticket", "createdAt", "firstLine", "attachments", "subject", "path", "text"] as const;
/** What a person sees; `body` is the first line (the table lets it take the remaining width). */
const TABLE_KEYS = ["id", "profile", "verb", "ticket", "createdAt", "body"] as const;

export function draftRecord(d: Draft) {
  const firstLine = d.text.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
  return {
    id: d.id,
    profile: d.profile ?? null,
    verb: d.verb,
    internal: d.internal === true,
    ticket: d.ticket ?? null,
    createdAt: d.createdAt,
    firstLine,
    attachments: d.attachments ?? [],
    subject: d.create?.subject ?? null,
    path: d.path,
    text: d.text,
  };
}

export async function run(_input: CommandInput, deps: Deps): Promise<void> {
  const drafts = await loadDrafts(deps);
  const out = createOutput(deps.io, deps.globals, deps.now());
  const records = drafts.map(draftRecord);
  if (out.format === "table") {
    const fields = parseFields(out.fieldsRaw, [...KEYS, "body"]);
    const rows = records.map((r) => ({
      ...r,
      profile: r.profile ?? "?",
      verb: r.internal ? "note" : r.verb,
      ticket: r.ticket ?? (r.verb === "create" ? "(new)" : "?"),
      body: r.verb === "create" && r.subject ? `${r.subject}: ${r.firstLine}` : r.firstLine,
    }));
    if (rows.length > 0) deps.io.out(renderTable(deps.io, rows, fields ?? TABLE_KEYS, out.now));
    else if (deps.io.errIsTTY) deps.io.err("No drafts. Text that could not be sent, or that you set aside in the editor, is kept here.\n");
    return;
  }
  await writeRecords(out, records, KEYS);
}
