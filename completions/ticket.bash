# bash completion for ticket (generated from the command tree by `npm run completions`; do not edit)
# Install: source this file from ~/.bashrc (or: source <(ticket completion bash)), or copy it to
# ~/.local/share/bash-completion/completions/ticket.

# The canonical name of subcommand $2 at command path $1 (aliases resolved) in $sub; fails if $2 is none.
__ticket_sub() {
  case "$1|$2" in
    "|list"|"|ls") sub=list ;;
    "|show") sub=show ;;
    "|create") sub=create ;;
    "|reply") sub=reply ;;
    "|assign") sub=assign ;;
    "|escalate") sub=escalate ;;
    "|merge") sub=merge ;;
    "|close") sub=close ;;
    "|upload") sub=upload ;;
    "|api") sub=api ;;
    "|checkpoint") sub=checkpoint ;;
    "|agents") sub=agents ;;
    "|teams") sub=teams ;;
    "|contacts") sub=contacts ;;
    "|demo") sub=demo ;;
    "|vendors") sub=vendors ;;
    "|schema") sub=schema ;;
    "|inbox") sub=inbox ;;
    "|watch") sub=watch ;;
    "|stats") sub=stats ;;
    "|profile") sub=profile ;;
    "|sandbox") sub=sandbox ;;
    "|drafts") sub=drafts ;;
    "|completion") sub=completion ;;
    "checkpoint|list"|"checkpoint|ls") sub=list ;;
    "checkpoint|show") sub=show ;;
    "checkpoint|reset") sub=reset ;;
    "demo|reset") sub=reset ;;
    "profile|add") sub=add ;;
    "profile|list"|"profile|ls") sub=list ;;
    "profile|show") sub=show ;;
    "profile|use") sub=use ;;
    "profile|set") sub=set ;;
    "profile|test") sub=test ;;
    "profile|remove"|"profile|rm") sub=remove ;;
    "drafts|list"|"drafts|ls") sub=list ;;
    "drafts|show") sub=show ;;
    "drafts|send") sub=send ;;
    "drafts|rm"|"drafts|remove") sub=rm ;;
    *) return 1 ;;
  esac
}

# Succeeds when option $2 takes a value at command path $1.
__ticket_takes_value() {
  case "$1|$2" in
    *"|--profile"|*"|-p") return 0 ;;
    *"|--fields") return 0 ;;
    *"|--timeout") return 0 ;;
    "list|--status") return 0 ;;
    "list|--priority") return 0 ;;
    "list|--assignee") return 0 ;;
    "list|--team") return 0 ;;
    "list|--requester") return 0 ;;
    "list|--tag") return 0 ;;
    "list|--query") return 0 ;;
    "list|--channel") return 0 ;;
    "list|--category") return 0 ;;
    "list|--since") return 0 ;;
    "list|--until") return 0 ;;
    "list|--updated-since") return 0 ;;
    "list|--limit"|"list|-L") return 0 ;;
    "list|--sort") return 0 ;;
    "list|--checkpoint") return 0 ;;
    "create|--subject"|"create|-s") return 0 ;;
    "create|--body"|"create|-b") return 0 ;;
    "create|--body-file") return 0 ;;
    "create|--requester") return 0 ;;
    "create|--channel") return 0 ;;
    "create|--priority") return 0 ;;
    "create|--status") return 0 ;;
    "create|--assignee") return 0 ;;
    "create|--team") return 0 ;;
    "create|--tag") return 0 ;;
    "create|--category") return 0 ;;
    "create|--field") return 0 ;;
    "create|--attach") return 0 ;;
    "reply|--body"|"reply|-b") return 0 ;;
    "reply|--body-file") return 0 ;;
    "reply|--attach") return 0 ;;
    "assign|--to") return 0 ;;
    "assign|--team") return 0 ;;
    "assign|--concurrency") return 0 ;;
    "escalate|--reason") return 0 ;;
    "escalate|--to") return 0 ;;
    "escalate|--concurrency") return 0 ;;
    "close|--comment") return 0 ;;
    "close|--concurrency") return 0 ;;
    "upload|--message"|"upload|-m") return 0 ;;
    "api|--data"|"api|-d") return 0 ;;
    "api|--query") return 0 ;;
    "contacts|--query") return 0 ;;
    "inbox|--team") return 0 ;;
    "inbox|--limit"|"inbox|-L") return 0 ;;
    "watch|--interval") return 0 ;;
    "watch|--since") return 0 ;;
    "watch|--checkpoint") return 0 ;;
    "watch|--exec") return 0 ;;
    "watch|--concurrency") return 0 ;;
    "stats|--since") return 0 ;;
    "stats|--until") return 0 ;;
    "stats|--by") return 0 ;;
    "profile add|--vendor") return 0 ;;
    "profile add|--base-url") return 0 ;;
    "profile add|--token-env") return 0 ;;
    "profile add|--secret-env") return 0 ;;
    "profile add|--secret-stdin") return 0 ;;
    "profile add|--set") return 0 ;;
    "sandbox|--vendor") return 0 ;;
    "sandbox|--port") return 0 ;;
    "sandbox|--tickets") return 0 ;;
    "sandbox|--latency") return 0 ;;
    "sandbox|--rate-limit") return 0 ;;
    "sandbox|--faults") return 0 ;;
  esac
  return 1
}

# Offers the values of option $2 at command path $1.
__ticket_option_values() {
  case "$1|$2" in
    "show|--fields") __ticket_add 1 id number subject status vendorStatus priority assignee team requester channel tags createdAt updatedAt lastCustomerMessageAt firstResponseAt resolvedAt vendor profile messages attachments history customFields ;;
    *"|--profile"|*"|-p") __ticket_dynamic 1 profiles ;;
    *"|--fields") __ticket_add 1 id number subject status vendorStatus priority assignee team requester channel tags createdAt updatedAt lastCustomerMessageAt firstResponseAt resolvedAt vendor profile ;;
    "list|--status") __ticket_add 1 new open pending on_hold resolved closed ;;
    "list|--priority") __ticket_add 1 low normal high urgent ;;
    "list|--assignee") __ticket_dynamic 0 agents ;;
    "list|--team") __ticket_dynamic 0 teams ;;
    "list|--sort") __ticket_add 0 updated created none ;;
    "create|--body-file") __ticket_files ;;
    "create|--priority") __ticket_add 0 low normal high urgent ;;
    "create|--status") __ticket_add 0 new open pending on_hold resolved closed ;;
    "create|--assignee") __ticket_dynamic 0 agents ;;
    "create|--team") __ticket_dynamic 0 teams ;;
    "create|--attach") __ticket_files ;;
    "reply|--body-file") __ticket_files ;;
    "reply|--attach") __ticket_files ;;
    "assign|--to") __ticket_dynamic 0 agents ;;
    "assign|--team") __ticket_dynamic 0 teams ;;
    "escalate|--to") __ticket_dynamic 0 agents ;;
    "api|--data"|"api|-d") __ticket_files @ ;;
    "inbox|--team") __ticket_dynamic 0 teams ;;
    "profile add|--vendor") __ticket_add 0 3dolphins comm100 sobot zaia ;;
    "sandbox|--vendor") __ticket_add 0 3dolphins comm100 sobot zaia ;;
  esac
}

# Offers the values of positional $2 (0 is the first) at command path $1.
__ticket_arg_values() {
  case "$1" in
    "upload") case $2 in 0) : ;; *) __ticket_files ;; esac ;;
    "api") case $2 in 0) __ticket_add 0 GET POST PUT PATCH DELETE ;; 1) : ;; esac ;;
    "schema") case $2 in 0) __ticket_add 0 ticket message bulk-result error dry-run ;; esac ;;
    "profile show") case $2 in 0) __ticket_dynamic 0 profiles ;; esac ;;
    "profile use") case $2 in 0) __ticket_dynamic 0 profiles ;; esac ;;
    "profile set") case $2 in 0) __ticket_dynamic 0 profiles ;; *) : ;; esac ;;
    "profile test") case $2 in *) __ticket_dynamic 0 profiles ;; esac ;;
    "profile remove") case $2 in 0) __ticket_dynamic 0 profiles ;; esac ;;
    "completion") case $2 in 0) __ticket_add 0 bash zsh fish ;; esac ;;
  esac
}

# Adds the subcommands at command path $1 to cands.
__ticket_commands() {
  case "$1" in
    "") cands+=(list show create reply assign escalate merge close upload api checkpoint agents teams contacts demo vendors schema inbox watch stats profile sandbox drafts completion) ;;
    "checkpoint") cands+=(list show reset) ;;
    "demo") cands+=(reset) ;;
    "profile") cands+=(add list show use set test remove) ;;
    "drafts") cands+=(list show send rm) ;;
  esac
}

# Adds the options declared at exactly command path $1 to cands (__ticket_options walks up to the top).
__ticket_own_options() {
  case "$1" in
    "") cands+=(--version -V --profile -p --json --ndjson --csv --fields --no-color --no-pager --yes -y --verbose --raw --dry-run --no-input --timeout --help -h) ;;
    "list") cands+=(--status --priority --assignee --team --requester --tag --query --channel --category --since --until --updated-since --limit -L --all --fail-on-empty --sort --reverse --checkpoint --all-profiles) ;;
    "show") cands+=(--history) ;;
    "create") cands+=(--subject -s --body -b --body-file --requester --channel --priority --status --assignee --team --tag --category --field --attach --quiet -q) ;;
    "reply") cands+=(--body -b --body-file --internal --attach --quiet -q) ;;
    "assign") cands+=(--to --team --concurrency --quiet -q) ;;
    "escalate") cands+=(--reason --to --concurrency --quiet -q) ;;
    "merge") cands+=(--quiet -q) ;;
    "close") cands+=(--resolve --comment --concurrency --quiet -q) ;;
    "upload") cands+=(--message -m --internal --quiet -q) ;;
    "api") cands+=(--data -d --query) ;;
    "contacts") cands+=(--query) ;;
    "inbox") cands+=(--team --limit -L --all-profiles --fail-on-empty) ;;
    "watch") cands+=(--interval --since --checkpoint --exec --concurrency --all-profiles) ;;
    "stats") cands+=(--since --until --by --all-profiles) ;;
    "profile add") cands+=(--vendor --base-url --token-env --token-stdin --secret-env --secret-stdin --set --default --read-only --force) ;;
    "profile test") cands+=(--all) ;;
    "sandbox") cands+=(--vendor --port --tickets --latency --rate-limit --faults) ;;
    "drafts send") cands+=(--internal --public) ;;
  esac
}

# Adds to COMPREPLY the candidates $2... that start with $cur; with $1 = 1 the word is a
# comma-separated list: the item after the last comma is completed, items already there are skipped.
__ticket_add() {
  local list=$1 pre="" last=$cur c q
  shift
  if [[ $list == 1 && $last == *,* ]]; then pre=${last%,*},; last=${last##*,}; fi
  for c in "$@"; do
    [[ -n $c && $c == "$last"* ]] || continue
    [[ ,$pre == *,"$c",* ]] && continue
    printf -v q %q "$c"
    COMPREPLY+=("$pre$q")
  done
}

# Values from the user's config and caches: `ticket __complete KIND -- WORDS` prints one per line
# (and never an error). The words typed so far tell it the profile (-p).
__ticket_dynamic() {
  local list=$1 kind=$2 cmd=${words[0]} out
  local -a vals
  [[ $cmd == */* ]] || cmd=ticket
  cmd=${cmd/#\~/$HOME}
  out=$("$cmd" __complete "$kind" -- "${words[@]:1:cword-1}" 2>/dev/null </dev/null) || return 0
  IFS=$'\n' read -r -d '' -a vals <<<"$out"
  ((${#vals[@]})) && __ticket_add "$list" "${vals[@]}"
}

# File names; with $1 = "@" only after an @ (ticket api --data @FILE).
__ticket_files() {
  local pre="" last=$cur f q
  local -a files
  if [[ -n $1 ]]; then
    [[ $last == "$1"* ]] || return 0
    pre=$1; last=${last#"$1"}
  fi
  IFS=$'\n' read -r -d '' -a files < <(compgen -f -- "$last")
  if [[ -z $pre ]]; then
    type compopt &>/dev/null && compopt -o filenames 2>/dev/null
    COMPREPLY+=("${files[@]}")
    return 0
  fi
  type compopt &>/dev/null && compopt -o nospace 2>/dev/null
  for f in "${files[@]}"; do
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
    if [[ $p == *" "* ]]; then p=${p% *}; else p=""; fi
  done
}

# words and cword: COMP_WORDS up to the cursor, with the pieces bash splits at COMP_WORDBREAKS
# characters ("--opt" "=" "value", "--data" "@" "file") joined back as they were typed.
__ticket_reassemble() {
  local line=${COMP_LINE:0:COMP_POINT} rest w i
  words=()
  for ((i = 0; i <= COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    rest=${line#"${line%%[![:space:]]*}"}
    ((i == COMP_CWORD)) && w=$rest
    if [[ -z $COMP_LINE || $rest != "$w"* ]]; then
      words=("${COMP_WORDS[@]:0:COMP_CWORD+1}")
      cword=$COMP_CWORD
      return 0
    fi
    if ((i > 0 && ${#rest} == ${#line})); then words[${#words[@]} - 1]+=$w; else words+=("$w"); fi
    line=${rest:${#w}}
  done
  cword=$((${#words[@]} - 1))
}

# Fills COMPREPLY with what completes $cur, the word at cword.
__ticket_complete_word() {
  local cur=$cur cmdpath="" opt="" w sub i npos=0 dd=0 n
  local -a cands=()
  for ((i = 1; i < cword; i++)); do
    w=${words[i]}
    if [[ -n $opt ]]; then opt=""; continue; fi
    if ((!dd)) && [[ $w == -?* ]]; then
      if [[ $w == -- ]]; then dd=1
      elif [[ $w != *=* ]] && __ticket_takes_value "$cmdpath" "$w"; then opt=$w
      fi
      continue
    fi
    if ((npos == 0)) && __ticket_sub "$cmdpath" "$w"; then
      cmdpath=${cmdpath:+$cmdpath }$sub
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
    opt=${cur%%=*}
    cur=${cur#*=}
    __ticket_takes_value "$cmdpath" "$opt" && __ticket_option_values "$cmdpath" "$opt"
    for ((n = 0; n < ${#COMPREPLY[@]}; n++)); do COMPREPLY[n]="$opt=${COMPREPLY[n]}"; done
    return 0
  fi
  if ((!dd)) && [[ $cur == -* ]]; then
    __ticket_options "$cmdpath"
    __ticket_add 0 "${cands[@]}"
    return 0
  fi
  if ((npos == 0)); then
    __ticket_commands "$cmdpath"
    if ((${#cands[@]})); then __ticket_add 0 "${cands[@]}"; return 0; fi
  fi
  __ticket_arg_values "$cmdpath" "$npos"
}

_ticket() {
  local -a words=()
  local cword cur keep n
  COMPREPLY=()
  __ticket_reassemble
  cur=${words[cword]}
  __ticket_complete_word
  # Bash replaces only the text after the last COMP_WORDBREAKS character of the word (from it, for
  # readline's "special prefixes" @ and $): what comes before ("--status=") stays, so it is taken
  # off the candidates.
  for ((n = ${#cur}; n > 0; n--)); do [[ $COMP_WORDBREAKS == *"${cur:n-1:1}"* ]] && break; done
  [[ $n -gt 0 && ${cur:n-1:1} == [@$] ]] && n=$((n - 1))
  keep=${cur:0:n}
  if [[ -n $keep ]]; then
    for ((n = 0; n < ${#COMPREPLY[@]}; n++)); do COMPREPLY[n]=${COMPREPLY[n]#"$keep"}; done
  fi
  return 0
}

complete -F _ticket ticket
