/**
 * The commander tree: global flags, every verb with its help and example, and lazy loading.
 * Declarations only: each action imports its command module when (and only when) it runs.
 */
import { Command } from "commander";
import { readFileSync } from "node:fs";
import type { Deps, GlobalOptions } from "./deps.js";
import { UsageError } from "./errors.js";
import { collect, examples, type Action } from "./program/help.js";
import { addProfileCommands } from "./program/profile.js";
import { addSandboxCommand } from "./program/sandbox.js";
import { addInboxCommand } from "./program/inbox.js";
import { addCheckpointCommands, addListCommand } from "./program/list.js";
import { addWriteCommands } from "./program/writes.js";
import { addStatsCommand } from "./program/stats.js";
import { addWatchCommand } from "./program/watch.js";
import { registering } from "./program/only.js";

/** The commands that take several profiles (`-p a,b`): list fans out; checkpoint narrows by them. */
const FANOUT_COMMANDS = new Set(["list", "inbox", "watch", "stats", "checkpoint-list", "checkpoint-show", "checkpoint-reset", "profile-test"]);

export interface CommandInput {
  /** Positional arguments, variadic ones flattened. */
  args: string[];
  /** This command's own options. */
  opts: Record<string, unknown>;
}

export type CommandModule = { run(input: CommandInput, deps: Deps): Promise<void> };
export type Loader = (name: string) => Promise<CommandModule>;

/**
 * Every command module, by the name its action uses: static import() calls, so the bundler
 * (scripts/build.mjs) sees each one and makes it a lazy chunk. A new src/commands/NAME.ts needs its
 * line here (the build says so when one is missing).
 */
export const COMMAND_MODULES: Record<string, () => Promise<CommandModule>> = {
  "agents": () => import("./commands/agents.js"),
  "api": () => import("./commands/api.js"),
  "assign": () => import("./commands/assign.js"),
  "checkpoint-list": () => import("./commands/checkpoint-list.js"),
  "checkpoint-reset": () => import("./commands/checkpoint-reset.js"),
  "checkpoint-show": () => import("./commands/checkpoint-show.js"),
  "close": () => import("./commands/close.js"),
  "complete": () => import("./commands/complete.js"),
  "completion": () => import("./commands/completion.js"),
  "contacts": () => import("./commands/contacts.js"),
  "create": () => import("./commands/create.js"),
  "demo-reset": () => import("./commands/demo-reset.js"),
  "drafts-list": () => import("./commands/drafts-list.js"),
  "drafts-rm": () => import("./commands/drafts-rm.js"),
  "drafts-send": () => import("./commands/drafts-send.js"),
  "drafts-show": () => import("./commands/drafts-show.js"),
  "escalate": () => import("./commands/escalate.js"),
  "inbox": () => import("./commands/inbox.js"),
  "list": () => import("./commands/list.js"),
  "merge": () => import("./commands/merge.js"),
  "profile-add": () => import("./commands/profile-add.js"),
  "profile-list": () => import("./commands/profile-list.js"),
  "profile-remove": () => import("./commands/profile-remove.js"),
  "profile-set": () => import("./commands/profile-set.js"),
  "profile-show": () => import("./commands/profile-show.js"),
  "profile-test": () => import("./commands/profile-test.js"),
  "profile-use": () => import("./commands/profile-use.js"),
  "reply": () => import("./commands/reply.js"),
  "sandbox": () => import("./commands/sandbox.js"),
  "schema": () => import("./commands/schema.js"),
  "show": () => import("./commands/show.js"),
  "stats": () => import("./commands/stats.js"),
  "teams": () => import("./commands/teams.js"),
  "upload": () => import("./commands/upload.js"),
  "vendors": () => import("./commands/vendors.js"),
  "watch": () => import("./commands/watch.js"),
};

const defaultLoader: Loader = async (name) => {
  const load = COMMAND_MODULES[name];
  if (!load) throw new Error(`no command module "${name}" (add it to COMMAND_MODULES in src/program.ts)`);
  return load();
};

/** Set by the bundler (scripts/build.mjs, esbuild's define); absent when the sources run directly (vitest). */
declare const __TICKET_VERSION__: string | undefined;

export function version(): string {
  if (typeof __TICKET_VERSION__ === "string") return __TICKET_VERSION__;
  try {
    return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/**
 * What src/main.ts needs for a run besides the tree: it loads this module after its --version
 * check, so a run imports one chunk of the bundle here rather than one per module (issue 12 item 1).
 */
export { CommanderError } from "commander";
export { CliError, DryRunStop, EXIT_CODES } from "./errors.js";
export { createDeps, exitCodeForSignal } from "./deps.js";
export { toJson } from "./render/json.js";
export { sanitize } from "./render/sanitize.js";
export { failureLine } from "./render/status-line.js";
export { loadColors } from "./render/color.js";
export { commandNamed } from "./program/only.js";


/** `only`: the one command this run names (./program/only.ts); the others are not built. */
export function createProgram(deps: Deps, load: Loader = defaultLoader, only?: string): Command {
  const program = new Command("ticket");
  // Set before any child is created: commander copies these settings into children made with .command().
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => deps.io.out(s),
    writeErr: (s) => deps.io.err(s),
    outputError: () => {}, // main.ts reports usage errors as one line
  });
  const action: Action =
    (name: string) =>
    async (...params: unknown[]): Promise<void> => {
      const cmd = params[params.length - 1] as Command;
      deps.globals = cmd.optsWithGlobals() as GlobalOptions;
      if (deps.globals.profile?.includes(",") && !FANOUT_COMMANDS.has(name)) {
        throw new UsageError(`-p a,b (several profiles) is for list; ${cmd.name()} uses one profile`);
      }
      const args = (params.slice(0, -2) as (string | string[] | undefined)[]).flatMap((a) => (a === undefined ? [] : a));
      const mod = await load(name);
      await mod.run({ args, opts: cmd.opts() }, deps);
    };

  program
    .description("One console for the helpdesks you run on: 3Dolphins, Comm100, Sobot and Zaia.")
    .version(version(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .option("-p, --profile <name>", "profile to use (default: TICKET_PROFILE, then the default profile)")
    .option("--json", "print JSON (lists stream as one array)")
    .option("--ndjson", "print one JSON object per line")
    .option("--csv", "print CSV")
    .option("--fields <list>", "comma-separated fields to print, in every format")
    .option("--no-color", "never use color (NO_COLOR, FORCE_COLOR, CLICOLOR and CLICOLOR_FORCE are honored too)")
    .option("--no-pager", "never page output on a terminal (TICKET_PAGER, then PAGER, then less -FRX)")
    .option("-y, --yes", "skip confirmations (merge without a terminal needs it: it cannot be undone)")
    .option("--verbose", "log each HTTP request and response to stderr (secrets redacted)")
    .option("--raw", "include the vendor's own payload as `raw` in JSON output")
    .option("--dry-run", "print the write a command would send, and send nothing")
    .option("--no-input", "never prompt; fail with a usage error instead")
    .option("--timeout <seconds>", "deadline for each request, answer included, and for its retries (default 30; TICKET_TIMEOUT)")
    .addHelpText(
      "after",
      examples("ticket list --status open --limit 20", "ticket show 1042", "ticket -p work list --json | jq '.[].id'", "ticket reply 1042 --body 'On it!'") +
        "\nExit codes: 0 ok, 1 failed, 2 usage, 3 config, 4 auth, 5 not found, 6 unsupported, 7 network, 130 interrupted.\n",
    );

  const root = registering(program, only);
  addListCommand(root, action);

  root
    .command("show")
    .description("show one ticket with its conversation")
    .argument("[id]", "ticket id (on a terminal, picked from recent open tickets when left out)")
    .option("--history", "include the event / operation log")
    .addHelpText("after", examples("ticket show 1042", "ticket show 1042 --json --fields id,status,messages"))
    .action(action("show"));

  addWriteCommands(root, action);

  root
    .command("api")
    .description("send a request to the vendor's own endpoint with the profile's base URL and credentials; prints the vendor's JSON")
    .argument("<method>", "GET, POST, PUT, PATCH or DELETE")
    .argument("<path>", "path relative to the profile's base URL, e.g. ticketing/tickets/42")
    .option("-d, --data <json>", "JSON body: inline, @FILE, or - for stdin")
    .option("--query <key=value>", "query parameter (repeatable)", collect)
    .addHelpText(
      "after",
      examples("ticket api GET ticketing/tickets/1042", "ticket api GET tickets --query start=0 --query count=5", "ticket -p work api POST ticketing/tickets/1042/messages --data @reply.json", "ticket --dry-run api PUT ticketing/tickets/1042 --data '{\"status\":\"pending\"}'") +
        "\nExit codes by class: 0 for 2xx, 4 for 401/403, 5 for 404, 7 for 429/5xx and network failures, 1 for other refusals. GET is retried; nothing else is.\n",
    )
    .action(action("api"));

  addCheckpointCommands(root, action);

  root
    .command("agents")
    .description("the profile's agents: names, emails and ids (from the vendor's directory, else from recent tickets; cached briefly)")
    .addHelpText("after", examples("ticket agents", "ticket agents --json | jq -r '.[].name'"))
    .action(action("agents"));
  root
    .command("teams")
    .description("the profile's teams / departments / groups")
    .addHelpText("after", examples("ticket teams", "ticket assign 1042 --team Billing"))
    .action(action("teams"));
  root
    .command("contacts")
    .description("find customers / contacts, where the vendor can search them")
    .option("--query <text>", "name, email or phone to search for")
    .addHelpText("after", examples("ticket contacts --query alice@example.com"))
    .action(action("contacts"));

  const demo = root.command("demo").description("the built-in demo profile (a local Comm100 simulator)");
  demo.command("reset").description("forget the demo's saved tickets: the next run starts fresh").addHelpText("after", examples("ticket demo reset")).action(action("demo-reset"));

  root
    .command("vendors")
    .description("what each vendor can do: the capability matrix, from the providers' own declarations")
    .addHelpText("after", examples("ticket vendors", "ticket vendors --json"))
    .action(action("vendors"));

  root
    .command("schema")
    .description("print the JSON Schema of what ticket prints for scripts: ticket, message, bulk-result, error, dry-run (all of them without NAME)")
    .argument("[name]", "ticket, message, bulk-result, error or dry-run")
    .addHelpText("after", examples("ticket schema ticket > ticket.schema.json", "ticket schema | jq 'keys'"))
    .action(action("schema"));

  addInboxCommand(root, action);
  addWatchCommand(root, action);
  addStatsCommand(root, action);
  addProfileCommands(root, action);

  addSandboxCommand(root, action);

  const drafts = root.command("drafts").description("replies and messages that were not sent (or may not have been): list, read, send or remove them");
  drafts.addHelpText("after", examples("ticket drafts", "ticket drafts show 3", "ticket drafts send 3", "ticket drafts rm 3"));
  drafts.command("list", { isDefault: true }).alias("ls").description("list drafts, newest first").action(action("drafts-list"));
  drafts.command("show").description("print a draft").argument("<id>", "draft id (from ticket drafts)").action(action("drafts-show"));
  drafts
    .command("send")
    .description("send a draft with the profile, ticket and verb it remembers; removed once sent")
    .argument("<id>", "draft id")
    .option("--internal", "an old draft (from before drafts remembered their verb): send it as an internal note")
    .option("--public", "an old draft: send it as a public reply")
    .action(action("drafts-send"));
  drafts.command("rm").alias("remove").description("remove a draft").argument("<id>", "draft id").action(action("drafts-rm"));

  // Dynamic values for the shell completion scripts (profile names, cached agents and teams): not for people.
  root
    .command("__complete", { hidden: true })
    .argument("[kind]", "what to complete")
    .argument("[words...]", "the words typed so far")
    .allowUnknownOption()
    .action(action("complete"));

  root
    .command("completion")
    .description("print the shell completion script (also in completions/)")
    .argument("<shell>", "bash, zsh or fish")
    .addHelpText("after", examples("ticket completion bash > /etc/bash_completion.d/ticket"))
    .action(action("completion"));

  return program;
}
