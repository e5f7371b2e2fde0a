/**
 * ticket drafts send ID: send a draft with the profile, ticket, verb and flags it remembers,
 * through the same write path as `reply` and `create` (performWrite: outcomes and reconciliation
 * hold). The draft is removed only once the write is surely done; otherwise it is kept (never a
 * second copy) and the message says so.
 */
import { CliError, InterruptedError, OperationError, UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import { PRIORITIES, STATUSES } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import { refuseFlags, requireCapability } from "../providers/guard.js";
import type { CreateInput } from "../providers/types.js";
import { sendCreate } from "./create.js";
import { sendReply } from "./reply.js";
import { canEdit } from "./shared/body.js";
import { draftById, removeDraft, type Draft } from "./shared/drafts.js";
import { flagsGiven, localFiles, parseOne } from "./shared/parse.js";
import { ticketCommand } from "./shared/shell.js";
import { success } from "../render/status-line.js";

/** The error of a send that did not surely land, saying the draft is still there. */
function kept(err: CliError, draft: Draft, profile: string): CliError {
  const again = ticketCommand(profile, "drafts", "send", String(draft.id));
  const tail =
    err.outcome === "unknown" || err.outcome === "partial"
      ? `; draft ${draft.id} is kept (send it again only once you have checked: \`${again}\`)`
      : `; draft ${draft.id} is kept: send it again with \`${again}\``;
  const out =
    err instanceof InterruptedError
      ? new InterruptedError(`${err.message}${tail}`, err.signal)
      : new CliError(err.code, `${err.message}${tail}`, { vendor: err.vendor, httpStatus: err.httpStatus, vendorCode: err.vendorCode, hint: err.hint, cause: err.cause });
  out.outcome = err.outcome;
  return out;
}

/**
 * An old plain-text draft does not say whether it was an internal note: --internal or --public
 * says; otherwise a terminal is asked, and without one nothing is sent (an internal note must
 * never reach the customer by a guess).
 */
async function legacyInternal(deps: Deps, draft: Draft, opts: Record<string, unknown>): Promise<boolean> {
  if (!draft.legacy || draft.verb !== "reply") return draft.internal === true;
  if (opts["internal"] && opts["public"]) throw new UsageError("use --internal or --public, not both");
  if (opts["internal"]) return true;
  if (opts["public"]) return false;
  if (!canEdit(deps)) {
    throw new UsageError(`draft ${draft.id} is an old draft: it does not say whether it was an internal note; send it with --internal or --public`);
  }
  const question = `Draft ${draft.id} is an old draft: it does not say whether it was an internal note. Send it to the customer as a public reply on ticket ${draft.ticket}?`;
  if (!(await (await deps.prompter()).confirm(question, false))) {
    throw new OperationError(`not sent; draft ${draft.id} is kept (to send it as an internal note: ${ticketCommand(draft.profile!, "reply", draft.ticket!, "--internal", "--body-file", draft.path)})`);
  }
  deps.io.err(`ticket: note: draft ${draft.id} is an old draft; sending it as a public reply\n`);
  return false;
}

function createInput(draft: Draft): CreateInput {
  const c = draft.create ?? {};
  return {
    subject: c.subject ?? "",
    body: draft.text,
    requester: c.requester,
    channel: c.channel,
    priority: parseOne(c.priority, PRIORITIES, "priority"),
    status: parseOne(c.status, STATUSES, "status"),
    assignee: c.assignee,
    team: c.team,
    tags: c.tags,
    category: c.category,
    fields: c.fields,
    attachments: draft.attachments?.length ? localFiles(draft.attachments) : undefined,
  };
}

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const draft = await draftById(deps, args[0]!);
  const profile = draft.profile;
  if (!profile) {
    throw new UsageError(`draft ${draft.id} is an old draft whose name does not say which profile it is for; send it with: ticket -p PROFILE reply TICKET --body-file ${draft.path}`);
  }
  if (deps.globals.profile !== undefined && deps.globals.profile !== profile) {
    throw new UsageError(`draft ${draft.id} is for profile "${profile}", not "${deps.globals.profile}"; it is sent where it was written (drop -p)`);
  }
  if (draft.text.trim() === "") throw new UsageError(`draft ${draft.id} is empty: nothing to send (remove it with \`ticket drafts rm ${draft.id}\`)`);
  if (draft.verb === "create" && draft.legacy) {
    throw new UsageError(`draft ${draft.id} is an old draft of a new ticket and does not remember its subject or settings; create it with: ${ticketCommand(profile, "create", "--subject", "SUBJECT", "--body-file", draft.path)}`);
  }
  if (draft.verb === "reply" && !draft.ticket) throw new UsageError(`draft ${draft.id} does not say which ticket it replies to; send it with: ${ticketCommand(profile, "reply", "TICKET", "--body-file", draft.path)}`);

  const resolved = await deps.providerFor(profile);
  const { provider, descriptor } = resolved;
  try {
    if (draft.verb === "reply") {
      requireCapability(provider, "reply", descriptor.displayName);
      const internal = await legacyInternal(deps, draft, opts);
      refuseFlags(provider, "reply", descriptor.displayName, flagsGiven({ body: draft.text, internal, attach: draft.attachments }));
      const attachments = localFiles(draft.attachments);
      await sendReply(deps, resolved, { id: draft.ticket!, body: draft.text, internal, attachments }, { quiet: false, keepAsDraft: false });
    } else {
      requireCapability(provider, "create", descriptor.displayName);
      const input = createInput(draft);
      const c = draft.create ?? {};
      refuseFlags(provider, "create", descriptor.displayName, flagsGiven({ ...c, tag: c.tags, field: c.fields ? Object.keys(c.fields) : undefined, tags: undefined, fields: undefined, body: draft.text, attach: draft.attachments }));
      await sendCreate(deps, resolved, input, { quiet: false, keepAsDraft: false });
    }
  } catch (err) {
    throw err instanceof CliError ? kept(err, draft, profile) : err;
  }
  removeDraft(draft);
  success(deps.io, `Removed draft ${draft.id} (sent)`);
}
