/**
 * ticket create: a new ticket from flags (or prompts on a terminal: every field the vendor
 * requires is asked before the editor opens). The verb is checked against the vendor before
 * anything is asked; an answer lost in transit is reconciled by looking for the
 * new ticket, and the first message is kept as a draft whenever it did not surely land (the draft
 * remembers the ticket's settings, so `ticket drafts send` can create it).
 */
import { UsageError } from "../errors.js";
import type { Deps, ResolvedProvider } from "../deps.js";
import { PRIORITIES, STATUSES } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import { refuseFlags, requireCapability } from "../providers/guard.js";
import type { CreateInput } from "../providers/types.js";
import { createOutput, writeTicket } from "../render/output.js";
import { sanitize } from "../render/sanitize.js";
import { readBody } from "./shared/body.js";
import type { DraftCreateFields, DraftInfo } from "./shared/drafts.js";
import { flagsGiven, localFiles, parseKeyValues, parseOne, str, strs } from "./shared/parse.js";
import { canAsk, resolveAny } from "./shared/pick.js";
import { createCheck } from "./shared/reconcile.js";
import { CREATE_NEEDS } from "./shared/vendor-needs.js";
import { performWrite } from "./shared/write.js";
import { success } from "../render/status-line.js";

/** The flags that recreate this ticket, for a resend hint (the body goes by file). */
function againArgs(input: CreateInput): string[] {
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
  for (const [key, value] of Object.entries(input.fields ?? {})) args.push("--field", `${key}=${value}`);
  for (const file of input.attachments ?? []) args.push("--attach", file.path);
  return args;
}

/** What a draft of this ticket's first message remembers. */
export function draftInfoFor(input: CreateInput): DraftInfo {
  const { subject, requester, channel, priority, status, assignee, team, tags, category, fields } = input;
  const create: DraftCreateFields = { subject, requester, channel, priority, status, assignee, team, tags, category, fields };
  return { verb: "create", attachments: input.attachments?.map((a) => a.path), create };
}

/**
 * Create the ticket through the write path (outcomes, reconciliation). `keepAsDraft`: save the
 * first message as a new draft when it did not surely land (false when it already is one).
 */
export async function sendCreate(deps: Deps, { provider, profile }: ResolvedProvider, input: CreateInput, opts: { quiet: boolean; keepAsDraft: boolean }): Promise<void> {
  const out = createOutput(deps.io, deps.globals, deps.now());
  const since = Date.now();
  const base = againArgs(input);
  // Not an object literal in the spec: `info` goes to saveDraft once write.ts passes it on.
  const draft = input.body ? { text: input.body, info: draftInfoFor(input), resendArgs: (path: string) => [...base, "--body-file", path] } : undefined;
  const { value: ticket, recovered } = await performWrite(deps, {
    profile: profile.name,
    what: `the new ticket${input.subject ? ` "${input.subject}"` : ""}`,
    attempt: () => provider.create!(input),
    check: createCheck(provider, input, since),
    absent: "it is not among the tickets",
    draft: opts.keepAsDraft ? draft : undefined,
    againArgs: base,
  });
  if (ticket) {
    if (opts.quiet) deps.io.out(`${sanitize(ticket.id)}\n`);
    else await writeTicket(out, ticket);
  }
  const name = ticket ? (ticket.number ?? ticket.id) : "";
  success(deps.io, `Created ticket ${sanitize(name)}${recovered ? " (confirmed by reading the tickets back)" : ""}`);
}

/**
 * On a terminal, every field the vendor requires that no flag (or profile setting) gave, asked
 * now: before the editor opens, so the first message is never written for a ticket that cannot
 * be created (shared/vendor-needs.ts). Elsewhere the provider's own usage error names the flag.
 */
async function askRequired(deps: Deps, resolved: ResolvedProvider, input: CreateInput): Promise<void> {
  if (!canAsk(deps)) return;
  const { descriptor, profile } = resolved;
  const refused = resolved.provider.capabilities.create.refusedFlags ?? [];
  const nonEmpty = (v: string) => (v.trim() ? true : "required: type a value (Ctrl-C to stop)");
  for (const need of CREATE_NEEDS[descriptor.vendor]) {
    if (refused.includes(need.flag) || (need.unlessSetting && profile.settings[need.unlessSetting])) continue;
    const field = need.key.startsWith("field:") ? need.key.slice("field:".length) : undefined;
    const has = field ? input.fields?.[field] : input[need.key as "subject" | "requester" | "channel" | "category"];
    if (has !== undefined && has.trim() !== "") continue;
    const answer = (await (await deps.prompter()).input(need.question, { validate: nonEmpty })).trim();
    const value = need.kind ? await resolveAny(deps, resolved, [need.kind], answer) : answer;
    if (field) input.fields = { ...input.fields, [field]: value };
    else input[need.key as "subject" | "requester" | "channel" | "category"] = value;
  }
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const attachments = opts["attach"] ? localFiles(strs(opts["attach"])) : undefined;
  const resolved = await deps.provider();
  const { provider, profile, descriptor } = resolved;
  // Refuse what the vendor cannot do before the user writes a word.
  requireCapability(provider, "create", descriptor.displayName);
  const refused = provider.capabilities.create.refusedFlags ?? [];
  refuseFlags(provider, "create", descriptor.displayName, flagsGiven(opts));
  // Most vendors need a subject (their provider says so); Zaia tickets have none.
  let subject = str(opts["subject"]);
  if (subject === undefined && canAsk(deps) && !refused.includes("--subject")) {
    subject = (await (await deps.prompter()).input("Subject", { validate: (v) => (v.trim() ? true : "required: type a subject (Ctrl-C to stop)") })).trim();
  }
  if (subject !== undefined && !subject.trim()) throw new UsageError("--subject is empty");
  // --requester and --team take an id, or a name or email the directory resolves (exit 5 otherwise).
  const requester = str(opts["requester"]);
  const team = str(opts["team"]);
  const input: CreateInput = {
    subject: subject ?? "",
    requester: requester ? await resolveAny(deps, resolved, ["contact"], requester) : undefined,
    channel: str(opts["channel"]),
    priority: parseOne(str(opts["priority"]), PRIORITIES, "--priority"),
    status: parseOne(str(opts["status"]), STATUSES, "--status"),
    assignee: str(opts["assignee"]),
    team: team ? await resolveAny(deps, resolved, ["team"], team) : undefined,
    tags: strs(opts["tag"]),
    category: str(opts["category"]),
    fields: opts["field"] ? parseKeyValues(strs(opts["field"]), "--field") : undefined,
    attachments,
  };
  await askRequired(deps, resolved, input);
  // The editor's template says what the message is for: the new ticket's subject and status.
  input.body = refused.includes("--body")
    ? undefined
    : await readBody(deps, str(opts["body"]), str(opts["bodyFile"]), "first message", async () => ({
        profile: profile.name,
        info: draftInfoFor(input),
        about: [
          `New ticket: ${input.subject ? sanitize(input.subject) : "(no subject)"}`,
          `Status: ${input.status ?? "the vendor's default"} · profile ${profile.name} (${descriptor.displayName})`,
          ...(input.requester ? [`Requester: ${sanitize(input.requester)}`] : []),
        ],
      }));
  await sendCreate(deps, resolved, input, { quiet: Boolean(opts["quiet"]), keepAsDraft: true });
}
