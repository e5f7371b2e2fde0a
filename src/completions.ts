/**
 * Shell completion scripts generated from the commander tree, so they cannot drift from it
 * (test/unit/completions.test.ts compares them with completions/). Regenerate with
 * `npm run completions`.
 */
import type { Command } from "commander";

interface Node {
  path: string[];
  options: string[];
  subcommands: string[];
}

function walk(cmd: Command, path: string[] = []): Node[] {
  const options = cmd.options.map((o) => o.long ?? o.short).filter((o): o is string => Boolean(o));
  const subs = cmd.commands.map((c) => c.name());
  return [{ path, options, subcommands: subs }, ...cmd.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

export function bashCompletion(program: Command): string {
  const nodes = walk(program);
  const globals = nodes[0]!.options.join(" ");
  const cases = nodes
    .slice(1)
    .map((n) => `    "${n.path.join(" ")}") words="${[...n.subcommands, ...n.options].join(" ")}" ;;`)
    .join("\n");
  return `# bash completion for ticket (generated from the command tree; do not edit)
_ticket() {
  local cur path="" w words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in -*) ;; *) path="\${path:+$path }$w" ;; esac
  done
  case "$path" in
    "") words="${nodes[0]!.subcommands.join(" ")} ${globals}" ;;
${cases}
    *) words="" ;;
  esac
  if [[ "$cur" == -* ]]; then words="$words ${globals}"; fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F _ticket ticket
`;
}

export function zshCompletion(program: Command): string {
  return `#compdef ticket
# zsh completion for ticket (generated from the command tree; do not edit)
autoload -U bashcompinit && bashcompinit
${bashCompletion(program).replace(/^# bash completion.*\n/, "")}`;
}

export function fishCompletion(program: Command): string {
  const nodes = walk(program);
  const lines = ["# fish completion for ticket (generated from the command tree; do not edit)", "complete -c ticket -f"];
  for (const o of nodes[0]!.options) lines.push(`complete -c ticket -l ${o.replace(/^--/, "")}`);
  for (const sub of program.commands) {
    lines.push(`complete -c ticket -n "__fish_use_subcommand" -a ${sub.name()} -d ${JSON.stringify(sub.description())}`);
    for (const o of sub.options) if (o.long) lines.push(`complete -c ticket -n "__fish_seen_subcommand_from ${sub.name()}" -l ${o.long.replace(/^--/, "")}`);
    for (const leaf of sub.commands) {
      lines.push(`complete -c ticket -n "__fish_seen_subcommand_from ${sub.name()}" -a ${leaf.name()} -d ${JSON.stringify(leaf.description())}`);
      for (const o of leaf.options) if (o.long) lines.push(`complete -c ticket -n "__fish_seen_subcommand_from ${leaf.name()}" -l ${o.long.replace(/^--/, "")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export const GENERATORS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;
