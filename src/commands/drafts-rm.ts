/** ticket drafts rm ID: remove a draft (exit 5 when there is no such draft). */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { draftById, removeDraft } from "./shared/drafts.js";
import { success } from "../render/status-line.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const draft = await draftById(deps, args[0]!);
  removeDraft(draft);
  success(deps.io, `Removed draft ${draft.id}`);
}
