/** ticket drafts show ID: the draft's text as written (--json: the draft with what it remembers). */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput } from "../render/output.js";
import { toJson } from "../render/json.js";
import { sanitize } from "../render/sanitize.js";
import { draftRecord } from "./drafts-list.js";
import { draftById } from "./shared/drafts.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const draft = await draftById(deps, args[0]!);
  const out = createOutput(deps.io, deps.globals, deps.now());
  if (out.format === "json" || out.format === "ndjson") {
    deps.io.out(`${toJson(draftRecord(draft), out.format === "json")}\n`);
    return;
  }
  if (deps.io.errIsTTY) {
    const target = draft.verb === "create" ? `a new ticket${draft.create?.subject ? ` "${draft.create.subject}"` : ""}` : `ticket ${draft.ticket ?? "?"}`;
    const verb = draft.verb === "create" ? "create" : draft.internal ? "internal note on" : "reply to";
    deps.io.err(sanitize(`draft ${draft.id}: ${verb} ${target}, profile ${draft.profile ?? "?"}, saved ${draft.createdAt}`) + "\n");
  }
  // The text itself, as the user wrote it (controls a terminal would act on removed on a terminal).
  const text = deps.io.isTTY ? sanitize(draft.text, { multiline: true }) : draft.text;
  deps.io.out(text.endsWith("\n") ? text : `${text}\n`);
}
