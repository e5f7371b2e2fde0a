/** Message text from --body, --body-file (- = stdin), or the editor on a terminal (./editor.ts). */
import { readFileSync } from "node:fs";
import { UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import { composeInEditor, type ComposeContext } from "./editor.js";

/**
 * May an editor open? Only where a person answers: a terminal (stdin and stdout), not --no-input,
 * not under CI (deps.io.canPrompt), and not when the output is for a program (--json, --ndjson, --csv).
 */
export function canEdit(deps: Deps): boolean {
  const g = deps.globals;
  return deps.io.canPrompt && !g.json && !g.ndjson && !g.csv;
}

/**
 * The text, or undefined when none was given and no editor may open. `compose` is asked for the
 * editor's context only when the editor is about to open (it may read the ticket).
 */
export async function readBody(
  deps: Deps,
  body: string | undefined,
  bodyFile: string | undefined,
  what: string,
  compose?: () => Promise<ComposeContext>,
): Promise<string | undefined> {
  if (body !== undefined && bodyFile !== undefined) throw new UsageError("use --body or --body-file, not both");
  if (body !== undefined) return body;
  if (bodyFile === "-") return (await deps.readStdin()).replace(/\r?\n$/, "");
  if (bodyFile !== undefined) {
    try {
      return readFileSync(bodyFile, "utf8").replace(/\r?\n$/, "");
    } catch {
      throw new UsageError(`cannot read ${bodyFile}`);
    }
  }
  if (compose && canEdit(deps)) return composeInEditor(deps, what, await compose());
  return undefined;
}
