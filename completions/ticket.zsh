#compdef ticket
# zsh completion for ticket (generated from the command tree; do not edit)
autoload -U bashcompinit && bashcompinit
_ticket() {
  local cur path="" w words
  cur="${COMP_WORDS[COMP_CWORD]}"
  for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in -*) ;; *) path="${path:+$path }$w" ;; esac
  done
  case "$path" in
    "") words="list show create reply assign escalate merge close upload vendors schema profile sandbox completion --version --profile --json --ndjson --csv --fields --no-color --verbose --raw --dry-run --no-input --timeout" ;;
    "list") words="--status --priority --assignee --team --requester --tag --query --channel --category --since --until --updated-since --limit --all --fail-on-empty" ;;
    "show") words="--history" ;;
    "create") words="--subject --body --body-file --requester --channel --priority --status --assignee --team --tag --category --field --attach --quiet" ;;
    "reply") words="--body --body-file --internal --attach --quiet" ;;
    "assign") words="--to --team --concurrency --quiet" ;;
    "escalate") words="--reason --to --concurrency --quiet" ;;
    "merge") words="--quiet" ;;
    "close") words="--resolve --comment --concurrency --quiet" ;;
    "upload") words="--message --internal --quiet" ;;
    "vendors") words="" ;;
    "schema") words="" ;;
    "profile") words="add list show use set remove" ;;
    "profile add") words="--vendor --base-url --token-env --token-stdin --secret-env --secret-stdin --set --default --read-only --force" ;;
    "profile list") words="" ;;
    "profile show") words="" ;;
    "profile use") words="" ;;
    "profile set") words="" ;;
    "profile remove") words="" ;;
    "sandbox") words="--vendor --port --tickets --latency --faults" ;;
    "completion") words="" ;;
    *) words="" ;;
  esac
  if [[ "$cur" == -* ]]; then words="$words --version --profile --json --ndjson --csv --fields --no-color --verbose --raw --dry-run --no-input --timeout"; fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F _ticket ticket
