/**
 * The lookup functions bash and zsh share (both read the same `case` syntax): which word is a
 * subcommand, which option takes a value, what completes that value or a positional, and the
 * candidates at a command path. Each is a `case` on "PATH|WORD", where PATH is the canonical
 * command path typed so far ("" at the top, "profile use"). The generators add the walk over the
 * typed words and the shell's own way of offering candidates.
 */
import { allCommands, pathKey, valuesAt, type CommandSpec, type OptionSpec } from "./spec.js";
import type { ValueSource } from "./values.js";

/** Single-quoted for sh, bash and zsh. */
export const shQuote = (s: string) => (/^[A-Za-z0-9_.,:@%+=/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const dq = (s: string) => `"${s.replace(/(["\\$`])/g, "\\$1")}"`;

interface Branch {
  patterns: string[];
  body: string;
}

function caseOn(subject: string, branches: Branch[], fallback?: string): string {
  const lines = [`  case ${subject} in`];
  for (const b of branches) lines.push(`    ${b.patterns.join("|")}) ${b.body} ;;`);
  if (fallback) lines.push(`    *) ${fallback} ;;`);
  lines.push("  esac");
  return lines.join("\n");
}

/** "P|WORD" patterns for an option declared at `declaredAt`: that command and every command below it. */
function optionPatterns(declaredAt: CommandSpec, name: string): string[] {
  if (declaredAt.path.length === 0) return [`*${dq(`|${name}`)}`];
  const key = pathKey(declaredAt.path);
  const own = [dq(`${key}|${name}`)];
  return declaredAt.subcommands.length ? [...own, `${dq(`${key} `)}*${dq(`|${name}`)}`] : own;
}

/** The shell code that offers the values of `v` (the helpers __ticket_add, __ticket_dynamic, __ticket_files are the generator's). */
export function offerValues(v: ValueSource): string {
  switch (v.kind) {
    case "words":
      return `__ticket_add ${v.list ? 1 : 0} ${v.words.map(shQuote).join(" ")}`;
    case "dynamic":
      return `__ticket_dynamic ${v.list ? 1 : 0} ${v.source}`;
    case "files":
      return v.at ? "__ticket_files @" : "__ticket_files";
    case "none":
      return ":";
  }
}

const same = (a: ValueSource, b: ValueSource) => JSON.stringify(a) === JSON.stringify(b);

export interface Candidate {
  word: string;
  description: string;
}

/** How a shell writes one candidate into the `cands` array (zsh adds the description). */
export type CandidateWriter = (c: Candidate) => string;

export function shTables(root: CommandSpec, write: CandidateWriter): string {
  const commands = allCommands(root);
  const out: string[] = [];

  out.push("# The canonical name of subcommand $2 at command path $1 (aliases resolved) in $sub; fails if $2 is none.");
  out.push("__ticket_sub() {");
  out.push(
    caseOn(
      `"$1|$2"`,
      commands.flatMap((c) => c.subcommands.map((s) => ({ patterns: [s.name, ...s.aliases].map((n) => dq(`${pathKey(c.path)}|${n}`)), body: `sub=${s.name}` }))),
      "return 1",
    ),
  );
  out.push("}", "");

  out.push("# Succeeds when option $2 takes a value at command path $1.");
  out.push("__ticket_takes_value() {");
  const valued = commands.flatMap((c) => c.options.filter((o) => o.takesValue).map((o) => ({ patterns: o.names.flatMap((n) => optionPatterns(c, n)), body: "return 0" })));
  out.push(caseOn(`"$1|$2"`, valued));
  out.push("  return 1", "}", "");

  out.push("# Offers the values of option $2 at command path $1.");
  out.push("__ticket_option_values() {");
  const overrides: Branch[] = [];
  const declared: Branch[] = [];
  for (const c of commands) {
    for (const o of c.options.filter((o) => o.takesValue)) {
      // An inherited option whose values depend on the command (--fields on show) gets its own branch there.
      for (const below of allCommands(c).slice(1)) {
        const v = valuesAt(below.path, o);
        if (!same(v, o.values)) overrides.push({ patterns: o.names.map((n) => dq(`${pathKey(below.path)}|${n}`)), body: offerValues(v) });
      }
      if (o.values.kind !== "none") declared.push({ patterns: o.names.flatMap((n) => optionPatterns(c, n)), body: offerValues(o.values) });
    }
  }
  out.push(caseOn(`"$1|$2"`, [...overrides, ...declared]));
  out.push("}", "");

  out.push("# Offers the values of positional $2 (0 is the first) at command path $1.");
  out.push("__ticket_arg_values() {");
  const argBranches: Branch[] = [];
  for (const c of commands) {
    if (!c.args.some((a) => a.values.kind !== "none")) continue;
    const inner = c.args.map((a, i) => `${a.variadic ? "*" : String(i)}) ${offerValues(a.values)} ;;`);
    argBranches.push({ patterns: [dq(pathKey(c.path))], body: `case $2 in ${inner.join(" ")} esac` });
  }
  out.push(caseOn(`"$1"`, argBranches));
  out.push("}", "");

  out.push("# Adds the subcommands at command path $1 to cands.");
  out.push("__ticket_commands() {");
  out.push(
    caseOn(
      `"$1"`,
      commands.filter((c) => c.subcommands.length).map((c) => ({ patterns: [dq(pathKey(c.path))], body: `cands+=(${c.subcommands.map((s) => write({ word: s.name, description: s.description })).join(" ")})` })),
    ),
  );
  out.push("}", "");

  out.push("# Adds the options declared at exactly command path $1 to cands (__ticket_options walks up to the top).");
  out.push("__ticket_own_options() {");
  out.push(
    caseOn(
      `"$1"`,
      commands.filter((c) => c.options.length).map((c) => ({ patterns: [dq(pathKey(c.path))], body: `cands+=(${c.options.flatMap((o) => optionCandidates(o)).map(write).join(" ")})` })),
    ),
  );
  out.push("}");
  return out.join("\n");
}

function optionCandidates(o: OptionSpec): Candidate[] {
  return o.names.map((word) => ({ word, description: o.description }));
}
