/**
 * The zsh completion script: native (compadd, _describe, _files), not bash's through bashcompinit.
 * It shares the lookup tables with bash (sh-tables.ts) and walks the typed words the same way;
 * subcommands and options are offered with their descriptions.
 */
import type { CommandSpec } from "./spec.js";
import { shQuote, shTables } from "./sh-tables.js";

export function zshScript(root: CommandSpec): string {
  return `#compdef ticket
# zsh completion for ticket (generated from the command tree by \`npm run completions\`; do not edit)
# Install: save it as _ticket in a folder on $fpath before compinit runs, e.g.
#   ticket completion zsh > ~/.zfunc/_ticket   # with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc
# or, after compinit: source <(ticket completion zsh)

${shTables(root, (c) => shQuote(`${c.word.replace(/:/g, "\\:")}:${c.description}`))}

# Offers the candidates $2... (zsh matches them); with $1 = 1 the word is a comma-separated list:
# the item after the last comma is completed, items already there are skipped.
__ticket_add() {
  local list=$1 c
  local -a chosen picks
  shift
  if [[ $list == 1 ]] && compset -P '*,'; then chosen=(\${(s:,:)\${IPREFIX##*=}}); fi
  for c in "$@"; do
    [[ -n $c ]] || continue
    (( \${chosen[(Ie)$c]} )) && continue
    picks+=("$c")
  done
  (( $#picks )) && compadd -- "\${picks[@]}"
}

# Values from the user's config and caches: \`ticket __complete KIND -- WORDS\` prints one per line
# (and never an error). The words typed so far tell it the profile (-p).
__ticket_dynamic() {
  local list=$1 kind=$2 cmd=\${(Q)words[1]}
  local -a vals
  [[ $cmd == */* ]] || cmd=ticket
  cmd=\${cmd/#\\~/$HOME}
  vals=(\${(f)"$("$cmd" __complete "$kind" -- "\${(@Q)words[2,CURRENT-1]}" 2>/dev/null </dev/null)"})
  __ticket_add "$list" "\${vals[@]}"
}

# File names; with $1 = "@" only after an @ (ticket api --data @FILE).
__ticket_files() {
  if [[ -n $1 ]]; then compset -P "$1" || return 0; fi
  _files
}

# Adds the options at command path $1 and above it to cands.
__ticket_options() {
  local p=$1
  while :; do
    __ticket_own_options "$p"
    [[ -z $p ]] && return 0
    if [[ $p == *" "* ]]; then p=\${p% *}; else p=""; fi
  done
}

_ticket() {
  local cur=\${words[CURRENT]} cmdpath="" opt="" w sub
  integer i npos=0 dd=0
  local -a cands
  for (( i = 2; i < CURRENT; i++ )); do
    w=\${(Q)words[i]}
    if [[ -n $opt ]]; then
      opt=""
      continue
    fi
    if (( !dd )) && [[ $w == -?* ]]; then
      if [[ $w == -- ]]; then dd=1
      elif [[ $w != *=* ]] && __ticket_takes_value "$cmdpath" "$w"; then opt=$w
      fi
      continue
    fi
    if (( npos == 0 )) && __ticket_sub "$cmdpath" "$w"; then
      cmdpath=\${cmdpath:+$cmdpath }$sub
      continue
    fi
    (( npos++ ))
  done

  # The value of an option: "--opt VALUE" or "--opt=VALUE".
  if [[ -n $opt ]]; then
    __ticket_option_values "$cmdpath" "$opt"
    return 0
  fi
  if (( !dd )) && [[ $cur == --*=* ]]; then
    opt=\${cur%%=*}
    compset -P "\${(b)opt}=" || return 1
    __ticket_takes_value "$cmdpath" "$opt" && __ticket_option_values "$cmdpath" "$opt"
    return 0
  fi
  if (( !dd )) && [[ $cur == -* ]]; then
    __ticket_options "$cmdpath"
    _describe -t options option cands
    return 0
  fi
  if (( npos == 0 )); then
    __ticket_commands "$cmdpath"
    if (( $#cands )); then _describe -t commands 'ticket command' cands; return 0; fi
  fi
  __ticket_arg_values "$cmdpath" "$npos"
  return 0
}

if [[ $funcstack[1] == _ticket ]]; then _ticket "$@"; else compdef _ticket ticket; fi
`;
}
