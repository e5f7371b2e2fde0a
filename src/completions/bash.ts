/**
 * The bash completion script. The walk over the typed words finds the command path, skips option
 * values (also "--opt=value", which bash splits at the "=" of COMP_WORDBREAKS) and counts the
 * positionals, so completion keeps working after positionals and option values. Candidates are
 * matched by prefix in the script, never through `compgen -W`, which would expand `$(...)` in a
 * cached agent name. Written for bash 3.2 (macOS) too: no mapfile, compopt only where it exists
 * (tested here with bash 5).
 */
import type { CommandSpec } from "./spec.js";
import { shTables } from "./sh-tables.js";

export function bashScript(root: CommandSpec): string {
  return `# bash completion for ticket (generated from the command tree by \`npm run completions\`; do not edit)
# Install: source this file from ~/.bashrc (or: source <(ticket completion bash)), or copy it to
# ~/.local/share/bash-completion/completions/ticket.

${shTables(root, (c) => c.word)}

# Adds to COMPREPLY the candidates $2... that start with $cur; with $1 = 1 the word is a
# comma-separated list: the item after the last comma is completed, items already there are skipped.
__ticket_add() {
  local list=$1 pre="" last=$cur c q
  shift
  if [[ $list == 1 && $last == *,* ]]; then pre=\${last%,*},; last=\${last##*,}; fi
  for c in "$@"; do
    [[ -n $c && $c == "$last"* ]] || continue
    [[ ,$pre == *,"$c",* ]] && continue
    printf -v q %q "$c"
    COMPREPLY+=("$pre$q")
  done
}

# Values from the user's config and caches: \`ticket __complete KIND -- WORDS\` prints one per line
# (and never an error). The words typed so far tell it the profile (-p).
__ticket_dynamic() {
  local list=$1 kind=$2 cmd=\${words[0]} out
  local -a vals
  [[ $cmd == */* ]] || cmd=ticket
  cmd=\${cmd/#\\~/$HOME}
  out=$("$cmd" __complete "$kind" -- "\${words[@]:1:cword-1}" 2>/dev/null </dev/null) || return 0
  IFS=$'\\n' read -r -d '' -a vals <<<"$out"
  ((\${#vals[@]})) && __ticket_add "$list" "\${vals[@]}"
}

# File names; with $1 = "@" only after an @ (ticket api --data @FILE).
__ticket_files() {
  local pre="" last=$cur f q
  local -a files
  if [[ -n $1 ]]; then
    [[ $last == "$1"* ]] || return 0
    pre=$1; last=\${last#"$1"}
  fi
  IFS=$'\\n' read -r -d '' -a files < <(compgen -f -- "$last")
  if [[ -z $pre ]]; then
    type compopt &>/dev/null && compopt -o filenames 2>/dev/null
    COMPREPLY+=("\${files[@]}")
    return 0
  fi
  type compopt &>/dev/null && compopt -o nospace 2>/dev/null
  for f in "\${files[@]}"; do
    printf -v q %q "$f"
    if [[ -d $f ]]; then COMPREPLY+=("$pre$q/"); else COMPREPLY+=("$pre$q "); fi
  done
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

# words and cword: COMP_WORDS up to the cursor, with the pieces bash splits at COMP_WORDBREAKS
# characters ("--opt" "=" "value", "--data" "@" "file") joined back as they were typed.
__ticket_reassemble() {
  local line=\${COMP_LINE:0:COMP_POINT} rest w i
  words=()
  for ((i = 0; i <= COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    rest=\${line#"\${line%%[![:space:]]*}"}
    ((i == COMP_CWORD)) && w=$rest
    if [[ -z $COMP_LINE || $rest != "$w"* ]]; then
      words=("\${COMP_WORDS[@]:0:COMP_CWORD+1}")
      cword=$COMP_CWORD
      return 0
    fi
    if ((i > 0 && \${#rest} == \${#line})); then words[\${#words[@]} - 1]+=$w; else words+=("$w"); fi
    line=\${rest:\${#w}}
  done
  cword=$((\${#words[@]} - 1))
}

# Fills COMPREPLY with what completes $cur, the word at cword.
__ticket_complete_word() {
  local cur=$cur cmdpath="" opt="" w sub i npos=0 dd=0 n
  local -a cands=()
  for ((i = 1; i < cword; i++)); do
    w=\${words[i]}
    if [[ -n $opt ]]; then opt=""; continue; fi
    if ((!dd)) && [[ $w == -?* ]]; then
      if [[ $w == -- ]]; then dd=1
      elif [[ $w != *=* ]] && __ticket_takes_value "$cmdpath" "$w"; then opt=$w
      fi
      continue
    fi
    if ((npos == 0)) && __ticket_sub "$cmdpath" "$w"; then
      cmdpath=\${cmdpath:+$cmdpath }$sub
      continue
    fi
    npos=$((npos + 1))
  done

  # The value of an option: "--opt VALUE" or "--opt=VALUE".
  if [[ -n $opt ]]; then
    __ticket_option_values "$cmdpath" "$opt"
    return 0
  fi
  if ((!dd)) && [[ $cur == --*=* ]]; then
    opt=\${cur%%=*}
    cur=\${cur#*=}
    __ticket_takes_value "$cmdpath" "$opt" && __ticket_option_values "$cmdpath" "$opt"
    for ((n = 0; n < \${#COMPREPLY[@]}; n++)); do COMPREPLY[n]="$opt=\${COMPREPLY[n]}"; done
    return 0
  fi
  if ((!dd)) && [[ $cur == -* ]]; then
    __ticket_options "$cmdpath"
    __ticket_add 0 "\${cands[@]}"
    return 0
  fi
  if ((npos == 0)); then
    __ticket_commands "$cmdpath"
    if ((\${#cands[@]})); then __ticket_add 0 "\${cands[@]}"; return 0; fi
  fi
  __ticket_arg_values "$cmdpath" "$npos"
}

_ticket() {
  local -a words=()
  local cword cur keep n
  COMPREPLY=()
  __ticket_reassemble
  cur=\${words[cword]}
  __ticket_complete_word
  # Bash replaces only the text after the last COMP_WORDBREAKS character of the word (from it, for
  # readline's "special prefixes" @ and $): what comes before ("--status=") stays, so it is taken
  # off the candidates.
  for ((n = \${#cur}; n > 0; n--)); do [[ $COMP_WORDBREAKS == *"\${cur:n-1:1}"* ]] && break; done
  [[ $n -gt 0 && \${cur:n-1:1} == [@$] ]] && n=$((n - 1))
  keep=\${cur:0:n}
  if [[ -n $keep ]]; then
    for ((n = 0; n < \${#COMPREPLY[@]}; n++)); do COMPREPLY[n]=\${COMPREPLY[n]#"$keep"}; done
  fi
  return 0
}

complete -F _ticket ticket
`;
}
