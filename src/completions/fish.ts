/**
 * The fish completion script: one `complete` line per subcommand, option and positional, each
 * under a condition computed by walking the typed words (__ticket_state: command path, positionals,
 * option waiting for its value), so `ticket profile show` is not `ticket show` and completion keeps
 * working after positionals. Files complete only where a file is expected (-F against the global -f).
 */
import { allCommands, pathKey, valuesAt, type CommandSpec, type OptionSpec } from "./spec.js";
import type { ValueSource } from "./values.js";

/** A fish single-quoted string. */
const fq = (s: string) => `'${s.replace(/[\\']/g, "\\$&")}'`;

function valueFlags(v: ValueSource): string {
  switch (v.kind) {
    case "words":
      return v.list ? `-x -a ${fq(`(__ticket_list ${v.words.join(" ")})`)}` : `-x -a ${fq(v.words.join(" "))}`;
    case "dynamic":
      return `-x -a ${fq(`(__ticket_dynamic ${v.source} ${v.list ? 1 : 0})`)}`;
    case "files":
      return v.at ? `-x -a '(__ticket_at_files)'` : "-r -F";
    case "none":
      return "-x";
  }
}

function optionLine(o: OptionSpec, condition: string | undefined, v: ValueSource): string {
  const parts = ["complete -c ticket"];
  if (condition) parts.push(`-n ${fq(condition)}`);
  if (o.long) parts.push(`-l ${o.long.replace(/^--/, "")}`);
  if (o.short) parts.push(`-s ${o.short.replace(/^-/, "")}`);
  if (o.takesValue) parts.push(valueFlags(v));
  parts.push(`-d ${fq(o.description)}`);
  return parts.join(" ");
}

const same = (a: ValueSource, b: ValueSource) => JSON.stringify(a) === JSON.stringify(b);

export function fishScript(root: CommandSpec): string {
  const commands = allCommands(root);
  const subCases = commands.flatMap((c) =>
    c.subcommands.map((s) => `        case ${[s.name, ...s.aliases].map((n) => fq(`${pathKey(c.path)}|${n}`)).join(" ")}\n            echo ${s.name}`),
  );
  const valued = commands.flatMap((c) =>
    c.options
      .filter((o) => o.takesValue)
      .map((o) => o.names.flatMap((n) => (c.path.length === 0 ? [fq(`*|${n}`)] : [fq(`${pathKey(c.path)}|${n}`), ...(c.subcommands.length ? [fq(`${pathKey(c.path)} *|${n}`)] : [])]))),
  );

  const lines: string[] = [];
  for (const c of commands) {
    const at = `"${pathKey(c.path)}"`; // command names are plain words
    for (const s of c.subcommands) lines.push(`complete -c ticket -n ${fq(`__ticket_at ${at}`)} -a ${s.name} -d ${fq(s.description)}`);
    for (const o of c.options) {
      // Where the values depend on the command below (--fields on show), that command gets its own line.
      const overrides = allCommands(c)
        .slice(1)
        .filter((below) => !same(valuesAt(below.path, o), o.values));
      const scope = c.path.length ? [`__ticket_in ${at}`] : [];
      const exclusions = overrides.map((b) => `not __ticket_is "${pathKey(b.path)}"`);
      lines.push(optionLine(o, [...scope, ...exclusions].join("; and ") || undefined, o.values));
      for (const b of overrides) lines.push(optionLine(o, `__ticket_is "${pathKey(b.path)}"`, valuesAt(b.path, o)));
    }
    c.args.forEach((a, i) => {
      if (a.values.kind === "none") return;
      const cond = `__ticket_arg ${at} ${a.variadic ? `${i}+` : i}`;
      const v = a.values;
      const how =
        v.kind === "files" ? "-F" : v.kind === "words" ? `-a ${fq(v.words.join(" "))}` : v.kind === "dynamic" ? `-a ${fq(`(__ticket_dynamic ${v.source} ${v.list ? 1 : 0})`)}` : "";
      lines.push(`complete -c ticket -n ${fq(cond)} ${how}`);
    });
  }

  return `# fish completion for ticket (generated from the command tree by \`npm run completions\`; do not edit)
# Install: ticket completion fish > ~/.config/fish/completions/ticket.fish

# The canonical name of subcommand $argv[2] at command path $argv[1] (aliases resolved); fails if it is none.
function __ticket_sub
    switch "$argv[1]|$argv[2]"
${subCases.join("\n")}
        case '*'
            return 1
    end
end

# Succeeds when option $argv[2] takes a value at command path $argv[1].
function __ticket_takes_value
    switch "$argv[1]|$argv[2]"
${valued.map((patterns) => `        case ${patterns.join(" ")}\n            return 0`).join("\n")}
    end
    return 1
end

# Prints three lines about the words before the one being completed: the command path, how many
# positionals, and the option still waiting for its value (empty if none).
function __ticket_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cmdpath ''
    set -l opt ''
    set -l npos 0
    set -l dd 0
    set -l sub
    for w in $tokens
        if test -n "$opt"
            set opt ''
            continue
        end
        if test $dd = 0; and string match -qr -- '^-.' $w
            if test "$w" = --
                set dd 1
            else if not string match -q -- '*=*' $w; and __ticket_takes_value "$cmdpath" $w
                set opt $w
            end
            continue
        end
        if test $npos = 0; and set sub (__ticket_sub "$cmdpath" $w)
            set cmdpath (string trim -- "$cmdpath $sub")
            continue
        end
        set npos (math $npos + 1)
    end
    printf '%s\\n' "p:$cmdpath" $npos "o:$opt"
end

# At command path $argv[1], before any positional and not after an option: where subcommands go.
function __ticket_at
    set -l s (__ticket_state)
    test "$s[1]" = "p:$argv[1]"; and test "$s[2]" = 0; and test "$s[3]" = o:
end

# At exactly command path $argv[1].
function __ticket_is
    set -l s (__ticket_state)
    test "$s[1]" = "p:$argv[1]"
end

# At command path $argv[1] or below it (its options apply there too).
function __ticket_in
    set -l s (__ticket_state)
    test "$s[1]" = "p:$argv[1]"; or string match -q -- "p:$argv[1] *" "$s[1]"
end

# At positional $argv[2] (0 is the first; N+ for it and every later one) of command path $argv[1].
function __ticket_arg
    set -l s (__ticket_state)
    test "$s[1]" = "p:$argv[1]"; and test "$s[3]" = o:; or return 1
    if string match -q -- '*+' $argv[2]
        test $s[2] -ge (string trim -c + -- $argv[2])
    else
        test $s[2] = $argv[2]
    end
end

# The token being completed, without a leading --option= .
function __ticket_value
    set -l tok (commandline -ct)
    if string match -qr -- '^--[^=]*=' $tok
        string replace -r -- '^--[^=]*=' '' $tok
    else
        printf '%s\\n' "$tok"
    end
end

# Completes the last item of a comma-separated list: prints "items,candidate" for each candidate
# in $argv not already in the list.
function __ticket_list
    set -l tok (__ticket_value)
    set -l pre ''
    set -l chosen
    if string match -q -- '*,*' "$tok"
        set pre (string replace -r -- '[^,]*$' '' $tok)
        set chosen (string split , -- $pre)
    end
    for c in $argv
        contains -- $c $chosen; or printf '%s%s\\n' $pre $c
    end
end

# Values from the user's config and caches: \`ticket __complete KIND -- WORDS\` prints one per line
# (and never an error); $argv[2] = 1 for a comma-separated list.
function __ticket_dynamic
    set -l tokens (commandline -opc)
    set -l cmd (string replace -r -- '^~' $HOME $tokens[1])
    string match -q -- '*/*' $cmd; or set cmd ticket
    set -e tokens[1]
    set -l vals (command $cmd __complete $argv[1] -- $tokens 2>/dev/null </dev/null)
    test (count $vals) -gt 0; or return 0
    if test "$argv[2]" = 1
        __ticket_list $vals
    else
        printf '%s\\n' $vals
    end
end

# Files after an @ (ticket api --data @FILE).
function __ticket_at_files
    set -l tok (__ticket_value)
    string match -q -- '@*' "$tok"; or return 0
    for p in (__fish_complete_path (string sub -s 2 -- $tok))
        printf '@%s\\n' $p
    end
end

complete -c ticket -f
${lines.join("\n")}
`;
}
