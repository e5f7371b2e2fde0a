/** Message text from --body, --body-file (- = stdin), or the editor on a terminal. */
import { readFileSync } from "node:fs";
import { UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";

export async function readBody(deps: Deps, body: string | undefined, bodyFile: string | undefined, what: string): Promise<string | undefined> {
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
  if (deps.io.canPrompt) {
    const prompter = await deps.prompter();
    return (await prompter.editor(`Write the ${what}`)).replace(/\r?\n$/, "");
  }
  return undefined;
}
