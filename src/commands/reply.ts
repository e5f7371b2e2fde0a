/**
 * ticket reply ID: a public reply, or an internal note with --internal. The verb and the flag are
 * checked against the vendor before an editor opens; the reply's outcome is always known or
 * reconciled (shared/write.ts), and text that did not surely land is kept as a draft, remembering
 * the profile, ticket, verb and flags (`ticket drafts send` uses them).
 */
import { CliError, NotFoundError, UsageError } from "../errors.js";
import type { Deps, ResolvedProvider } from "../deps.js";
import type { CommandInput } from "../program.js";
import { refuseFlags, requireCapability } from "../providers/guard.js";
import type { LocalFile, Provider } from "../providers/types.js";
import { createOutput, writeMessage } from "../render/output.js";
import { sanitize } from "../render/sanitize.js";
import { readBody } from "./shared/body.js";
import type { DraftInfo } from "./shared/drafts.js";
import { replyAbout } from "./shared/editor.js";
import { flagsGiven, localFiles, str, strs } from "./shared/parse.js";
import { replyCheck } from "./shared/reconcile.js";
import { pickTicket } from "./shared/pick.js";
import { performWrite } from "./shared/write.js";
import { success } from "../render/status-line.js";

export interface ReplyRequest {
  id: string;
  body: string;
  internal: boolean;
  attachments: LocalFile[];
}

/** The editor template's lines about the ticket; a ticket that does not exist ends the run before anything is written. */
async function aboutTicket(provider: Provider, id: string, internal: boolean, where: string): Promise<string[]> {
  try {
    return replyAbout(await provider.show(id), internal, where);
  } catch (err) {
    if (err instanceof NotFoundError || !(err instanceof CliError) || err.code === "interrupted" || err.code === "terminated") throw err;
    return [`${internal ? "Internal note on" : "Reply to"} ticket ${sanitize(id)} · ${where}`, `(the ticket could not be read: ${sanitize(err.message)})`];
  }
}

/**
 * Send a reply through the write path (outcomes, reconciliation). `keepAsDraft`: save the text as a
 * new draft when it did not surely land (false when it already is one: `ticket drafts send`).
 */
export async function sendReply(deps: Deps, { provider, profile }: ResolvedProvider, req: ReplyRequest, opts: { quiet: boolean; keepAsDraft: boolean }): Promise<void> {
  const { id, body, internal, attachments } = req;
  const out = createOutput(deps.io, deps.globals, deps.now());
  const since = Date.now();
  const what = internal ? `the internal note on ticket ${id}` : `the reply to ticket ${id}`;
  const info: DraftInfo = { verb: "reply", internal, attachments: attachments.map((a) => a.path) };
  // Not an object literal in the spec: `info` goes to saveDraft once write.ts passes it on.
  const draft = {
    text: body,
    info,
    resendArgs: (path: string) => ["reply", id, ...(internal ? ["--internal"] : []), ...attachments.flatMap((a) => ["--attach", a.path]), "--body-file", path],
  };
  const { value: message, recovered } = await performWrite(deps, {
    profile: profile.name,
    what,
    ticketId: id,
    attempt: () => provider.reply!(id, { body, internal, attachments }),
    check: replyCheck(provider, id, body, since),
    draft: opts.keepAsDraft ? draft : undefined,
  });
  if (message) {
    if (opts.quiet) deps.io.out(`${sanitize(message.id)}\n`);
    else await writeMessage(out, message);
  }
  success(deps.io, `${internal ? "Added an internal note to" : "Replied to"} ticket ${sanitize(id)}${recovered ? " (confirmed by reading the ticket back)" : ""}`);
}

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const internal = Boolean(opts["internal"]);
  const attachments = localFiles(strs(opts["attach"]));
  const resolved = await deps.provider();
  const { provider, profile, descriptor } = resolved;
  // Refuse what the vendor cannot do before the user writes a word.
  requireCapability(provider, "reply", descriptor.displayName);
  // e.g. --internal where the vendor can only publish: refused, never sent to the customer.
  refuseFlags(provider, "reply", descriptor.displayName, flagsGiven(opts));
  // No id: picked on a terminal (from recent open tickets), else a usage error naming it.
  const id = args[0] ?? (await pickTicket(deps, resolved, "reply needs a ticket id: ticket reply ID --body TEXT"));
  const body = await readBody(deps, str(opts["body"]), str(opts["bodyFile"]), internal ? "internal note" : "reply", async () => ({
    profile: profile.name,
    ticket: id,
    info: { verb: "reply", internal, attachments: attachments.map((a) => a.path) },
    about: await aboutTicket(provider, id, internal, `profile ${profile.name} (${descriptor.displayName})`),
  }));
  if (body === undefined || body.trim() === "") throw new UsageError("the reply is empty: pass --body TEXT or --body-file FILE (- for stdin)");
  await sendReply(deps, resolved, { id, body, internal, attachments }, { quiet: Boolean(opts["quiet"]), keepAsDraft: true });
}
