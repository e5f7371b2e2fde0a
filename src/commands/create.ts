/**
 * ticket create: a new ticket from flags (or prompts on a terminal). The verb is checked against
 * the vendor before anything is asked; an answer lost in transit is reconciled by looking for the
 * new ticket, and the first message is kept as a draft whenever it did not surely land.
 */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import { PRIORITIES, STATUSES } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import { refuseFlags, requireCapability } from "../providers/guard.js";
import type { CreateInput } from "../providers/types.js";
import { createOutput, writeTicket } from "../render/output.js";
import { sanitize } from "../render/sanitize.js";
import { readBody } from "./shared/body.js";
import { flagsGiven, localFiles, parseKeyValues, parseOne, str, strs } from "./shared/parse.js";
import { createCheck } from "./shared/reconcile.js";
import { performWrite } from "./shared/write.js";

/** The flags that recreate this ticket, for a resend hint (the body goes by file). */
function againArgs(input: CreateInput, opts: Record<string, unknown>): string[] {
  const args = ["create"];
  if (input.subject) args.push("--subject", input.subject);
  const flags: [string, string | undefined][] = [
    ["--requester", input.requester],
    ["--channel", input.channel],
    ["--priority", input.priority],
    ["--status", input.status],
    ["--assignee", input.assignee],
    ["--team", input.team],
    ["--category", input.category],
  ];
  for (const [flag, value] of flags) if (value !== undefined) args.push(flag, value);
  for (const tag of input.tags ?? []) args.push("--tag", tag);
  for (const field of strs(opts["field"]) ?? []) args.push("--field", field);
  for (const file of input.attachments ?? []) args.push("--attach", file.path);
  return args;
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const attachments = opts["attach"] ? localFiles(strs(opts["attach"])) : undefined;
  const { provider, profile, descriptor } = await deps.provider();
  // Refuse what the vendor cannot do before the user writes a word.
  requireCapability(provider, "create", descriptor.displayName);
  const refused = provider.capabilities.create.refusedFlags ?? [];
  refuseFlags(provider, "create", descriptor.displayName, flagsGiven(opts));
  // Most vendors need a subject (their provider says so); Zaia tickets have none.
  let subject = str(opts["subject"]);
  if (subject === undefined && deps.io.canPrompt && !refused.includes("--subject")) subject = await (await deps.prompter()).input("Subject");
  if (subject !== undefined && !subject.trim()) throw new UsageError("--subject is empty");
  const input: CreateInput = {
    subject: subject ?? "",
    body: refused.includes("--body") ? undefined : await readBody(deps, str(opts["body"]), str(opts["bodyFile"]), "first message"),
    requester: str(opts["requester"]),
    channel: str(opts["channel"]),
    priority: parseOne(str(opts["priority"]), PRIORITIES, "--priority"),
    status: parseOne(str(opts["status"]), STATUSES, "--status"),
    assignee: str(opts["assignee"]),
    team: str(opts["team"]),
    tags: strs(opts["tag"]),
    category: str(opts["category"]),
    fields: opts["field"] ? parseKeyValues(strs(opts["field"]), "--field") : undefined,
    attachments,
  };
  const out = createOutput(deps.io, deps.globals, deps.now());
  const since = Date.now();
  const base = againArgs(input, opts);
  const { value: ticket, recovered } = await performWrite(deps, {
    profile: profile.name,
    what: `the new ticket${input.subject ? ` "${input.subject}"` : ""}`,
    attempt: () => provider.create!(input),
    check: createCheck(provider, input, since),
    absent: "it is not among the tickets",
    draft: input.body ? { text: input.body, resendArgs: (path) => [...base, "--body-file", path] } : undefined,
    againArgs: base,
  });
  if (ticket) {
    if (opts["quiet"]) deps.io.out(`${sanitize(ticket.id)}\n`);
    else await writeTicket(out, ticket);
  }
  const name = ticket ? (ticket.number ?? ticket.id) : "";
  deps.io.err(`✓ Created ticket ${sanitize(name)}${recovered ? " (confirmed by reading the tickets back)" : ""}\n`);
}
