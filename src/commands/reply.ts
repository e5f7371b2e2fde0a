/**
 * ticket reply ID: a public reply, or an internal note with --internal. The verb and the flag are
 * checked against the vendor before an editor opens; the reply's outcome is always known or
 * reconciled (shared/write.ts), and text that did not surely land is kept as a draft.
 */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { refuseFlags, requireCapability } from "../providers/guard.js";
import { createOutput, writeMessage } from "../render/output.js";
import { sanitize } from "../render/sanitize.js";
import { readBody } from "./shared/body.js";
import { flagsGiven, localFiles, str, strs } from "./shared/parse.js";
import { replyCheck } from "./shared/reconcile.js";
import { performWrite } from "./shared/write.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const id = args[0]!;
  const internal = Boolean(opts["internal"]);
  const attachments = localFiles(strs(opts["attach"]));
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider, profile, descriptor } = await deps.provider();
  // Refuse what the vendor cannot do before the user writes a word.
  requireCapability(provider, "reply", descriptor.displayName);
  // e.g. --internal where the vendor can only publish: refused, never sent to the customer.
  refuseFlags(provider, "reply", descriptor.displayName, flagsGiven(opts));
  const body = await readBody(deps, str(opts["body"]), str(opts["bodyFile"]), internal ? "note" : "reply");
  if (body === undefined || body.trim() === "") throw new UsageError("the reply is empty: pass --body TEXT or --body-file FILE (- for stdin)");

  const since = Date.now();
  const what = internal ? `the internal note on ticket ${id}` : `the reply to ticket ${id}`;
  const { value: message, recovered } = await performWrite(deps, {
    profile: profile.name,
    what,
    ticketId: id,
    attempt: () => provider.reply!(id, { body, internal, attachments }),
    check: replyCheck(provider, id, body, since),
    draft: {
      text: body,
      resendArgs: (path) => ["reply", id, ...(internal ? ["--internal"] : []), ...attachments.flatMap((a) => ["--attach", a.path]), "--body-file", path],
    },
  });
  if (message) {
    if (opts["quiet"]) deps.io.out(`${sanitize(message.id)}\n`);
    else await writeMessage(out, message);
  }
  deps.io.err(`✓ ${internal ? "Added an internal note to" : "Replied to"} ticket ${sanitize(id)}${recovered ? " (confirmed by reading the ticket back)" : ""}\n`);
}
