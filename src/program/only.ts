/**
 * Building the whole command tree (47 commands and their options) is about 2 ms of every run
 * (issue 12 item 1). A run that names a command needs only that one: the others are registered on
 * a sink that takes every call and keeps nothing. Help, the version, no command, or a word that is
 * not a command (commander's "did you mean" needs them all) build the whole tree.
 */
import type { Command } from "commander";

/** The top-level commands and aliases (test/cli/startup.test.ts checks them against the tree). */
export const TOP_LEVEL = new Map<string, string>([
  ...["show", "create", "reply", "assign", "escalate", "merge", "close", "upload", "api", "checkpoint", "agents", "teams", "contacts", "demo", "vendors", "schema", "inbox", "watch", "stats", "profile", "sandbox", "drafts", "__complete", "completion"].map((n) => [n, n] as const),
  ["list", "list"],
  ["ls", "list"],
]);

/** Global options that take a value (src/program.ts): their value is not the command word. */
const VALUED = new Set(["-p", "--profile", "--fields", "--timeout"]);

/** The command a run names, when it names exactly one and asks for no help; else undefined (build everything). */
export function commandNamed(argv: readonly string[]): string | undefined {
  if (argv.some((a) => a === "-h" || a === "--help" || a === "-V" || a === "--version" || a === "--")) return undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (VALUED.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    return TOP_LEVEL.get(a);
  }
  return undefined;
}

/** Every call on it returns it: a command chain that registers nothing. */
const sink: Command = new Proxy(function () {} as unknown as Command, { get: (_t, key) => (key === "then" ? undefined : () => sink) });

/**
 * `program`, whose `.command(name)` registers only `only` (all of them when `only` is undefined);
 * every other call goes to the program itself.
 */
export function registering(program: Command, only: string | undefined): Command {
  if (only === undefined) return program;
  return new Proxy(program, {
    get(target, key, receiver) {
      if (key !== "command") return Reflect.get(target, key, receiver) as unknown;
      return (nameAndArgs: string, ...rest: unknown[]) => {
        const name = nameAndArgs.split(" ")[0]!;
        return name === only ? (target.command as (...a: unknown[]) => Command).call(target, nameAndArgs, ...rest) : sink;
      };
    },
  });
}
