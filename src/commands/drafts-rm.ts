/** ticket drafts rm ID: remove a draft (exit 5 when there is no such draft). */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { draftById, removeDraft } from "./shared/drafts.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const draft = await draftById(deps, args[0]!);
  removeDraft(draft);
  deps.io.err(`✓ Removed draft ${draft.id}\n`);
}
