/**
 * The command tree as the completion scripts see it: every command (with its aliases), its own
 * options (long and short, whether they take a value) and its positionals, each with the values
 * that complete it (src/completions/values.ts). Read from commander, so the scripts cannot drift
 * from src/program.ts; the shell generators (bash.ts, zsh.ts, fish.ts) only print this.
 */
import type { Argument, Command, Option } from "commander";
import { argumentValues, optionValues, type ValueSource } from "./values.js";

export interface OptionSpec {
  /** commander's spelling, e.g. "-p, --profile <name>". */
  flags: string;
  long?: string | undefined;
  short?: string | undefined;
  /** The spellings, long first: ["--profile", "-p"]. */
  names: string[];
  takesValue: boolean;
  description: string;
  values: ValueSource;
}

export interface ArgSpec {
  name: string;
  variadic: boolean;
  values: ValueSource;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  /** Canonical names from the root: [] for the program, ["profile", "use"]. */
  path: string[];
  description: string;
  /** Only this command's own options (a command also takes its ancestors'). */
  options: OptionSpec[];
  args: ArgSpec[];
  /** Visible subcommands (hidden ones, like __complete, are left out). */
  subcommands: CommandSpec[];
}

/** commander keeps these two private; both have been stable since commander 9. */
type CommandInternals = { _hidden?: boolean; _getHelpOption?: () => Option | null };

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function optionSpec(path: string[], option: Option): OptionSpec {
  const takesValue = Boolean(option.required || option.optional);
  return {
    flags: option.flags,
    long: option.long,
    short: option.short,
    names: [option.long, option.short].filter((n): n is string => Boolean(n)),
    takesValue,
    description: oneLine(option.description),
    values: takesValue ? optionValues(path, { flags: option.flags, long: option.long, description: option.description }) : { kind: "none" },
  };
}

function argSpec(path: string[], arg: Argument): ArgSpec {
  return { name: arg.name(), variadic: arg.variadic, values: argumentValues(path, arg) };
}

export function commandSpec(cmd: Command, path: string[] = []): CommandSpec {
  const options = cmd.options.filter((o) => !o.hidden).map((o) => optionSpec(path, o));
  if (path.length === 0) {
    // -h/--help is not in .options; every command takes it, so it is declared once, at the root.
    const help = (cmd as unknown as CommandInternals)._getHelpOption?.();
    if (help) options.push(optionSpec(path, help));
  }
  return {
    name: cmd.name(),
    aliases: cmd.aliases(),
    path,
    description: oneLine(cmd.description()),
    options,
    args: cmd.registeredArguments.map((a) => argSpec(path, a)),
    subcommands: cmd.commands
      .filter((c) => !(c as unknown as CommandInternals)._hidden)
      .map((c) => commandSpec(c, [...path, c.name()])),
  };
}

/** Every command, the program first, parents before children. */
export function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.subcommands.flatMap(allCommands)];
}

/** The options a command takes: its own, then its ancestors' (commander accepts those after the subcommand too). */
export function effectiveOptions(root: CommandSpec, path: string[]): OptionSpec[] {
  const chain: CommandSpec[] = [root];
  for (const name of path) chain.push(chain[chain.length - 1]!.subcommands.find((c) => c.name === name)!);
  return chain.reverse().flatMap((c) => c.options);
}

export const pathKey = (path: string[]) => path.join(" ");

/** Values of an option at a command path below the one that declares it (--fields names differ on show). */
export function valuesAt(path: string[], option: OptionSpec): ValueSource {
  return option.takesValue ? optionValues(path, option) : option.values;
}
