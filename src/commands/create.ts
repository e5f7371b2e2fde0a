/** ticket create: a new ticket from flags (or prompts on a terminal). */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import { PRIORITIES, STATUSES } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import type { CreateInput } from "../providers/types.js";
import { createOutput, writeTicket } from "../render/output.js";
import { readBody } from "./shared/body.js";
import { localFiles, parseKeyValues, parseOne, str, strs } from "./shared/parse.js";

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  // Most vendors need a subject (their provider says so); Zaia tickets have none.
  let subject = str(opts["subject"]);
  if (subject === undefined && deps.io.canPrompt) subject = await (await deps.prompter()).input("Subject");
  if (subject !== undefined && !subject.trim()) throw new UsageError("--subject is empty");
  const input: CreateInput = {
    subject: subject ?? "",
    body: await readBody(deps, str(opts["body"]), str(opts["bodyFile"]), "first message"),
    requester: str(opts["requester"]),
    channel: str(opts["channel"]),
    priority: parseOne(str(opts["priority"]), PRIORITIES, "--priority"),
    status: parseOne(str(opts["status"]), STATUSES, "--status"),
    assignee: str(opts["assignee"]),
    team: str(opts["team"]),
    tags: strs(opts["tag"]),
    category: str(opts["category"]),
    fields: opts["field"] ? parseKeyValues(strs(opts["field"]), "--field") : undefined,
    attachments: opts["attach"] ? localFiles(strs(opts["attach"])) : undefined,
  };
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider } = await deps.provider();
  const ticket = await provider.create!(input);
  if (opts["quiet"]) deps.io.out(`${ticket.id}\n`);
  else await writeTicket(out, ticket);
  deps.io.err(`✓ Created ticket ${ticket.number ?? ticket.id}\n`);
}
