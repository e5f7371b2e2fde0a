/**
 * ticket reply ID: a public reply, or an internal note with --internal. If sending fails for
 * any reason, the text is saved under the state folder and the error says where.
 */
import { CliError, UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeMessage } from "../render/output.js";
import { readBody } from "./shared/body.js";
import { saveDraft, withDraftNote } from "./shared/drafts.js";
import { localFiles, str, strs } from "./shared/parse.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const id = args[0]!;
  const internal = Boolean(opts["internal"]);
  const body = await readBody(deps, str(opts["body"]), str(opts["bodyFile"]), internal ? "note" : "reply");
  if (body === undefined || body.trim() === "") throw new UsageError("the reply is empty: pass --body TEXT or --body-file FILE (- for stdin)");
  const attachments = localFiles(strs(opts["attach"]));
  const out = createOutput(deps.io, deps.globals, deps.now());
  let profileName = deps.globals.profile ?? "default";
  try {
    const { provider, profile } = await deps.provider();
    profileName = profile.name;
    const message = await provider.reply!(id, { body, internal, attachments });
    if (opts["quiet"]) deps.io.out(`${message.id}\n`);
    else await writeMessage(out, message);
    deps.io.err(`✓ ${internal ? "Added an internal note to" : "Replied to"} ticket ${id}\n`);
  } catch (err) {
    // Nothing was sent in these cases, and the user typed the text: keep it.
    if (err instanceof CliError && err.code !== "usage") {
      const path = saveDraft(deps.paths.stateDir, profileName, id, body, deps.now());
      throw withDraftNote(err, path, `ticket reply ${id}${internal ? " --internal" : ""} --body-file ${path}`);
    }
    throw err;
  }
}
