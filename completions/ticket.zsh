#compdef ticket
# zsh completion for ticket (generated from the command tree by `npm run completions`; do not edit)
# Install: save it as _ticket in a folder on $fpath before compinit runs, e.g.
#   ticket completion zsh > ~/.zfunc/_ticket   # with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc
# or, after compinit: source <(ticket completion zsh)

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
    "") cands+=('list:list tickets, most recent activity first (reads every match, then sorts); --sort none streams them in the vendor'\''s order as pages arrive, the default for --all with --json, --ndjson or --csv' 'show:show one ticket with its conversation' 'create:create a ticket' 'reply:reply to a ticket, or add an internal note with --internal; an unsent reply is saved, never lost' 'assign:assign tickets to an agent and/or a team' 'escalate:escalate tickets the way the vendor allows (see `ticket vendors`)' 'merge:merge source tickets into a target ticket' 'close:close tickets (or mark them resolved with --resolve where the vendor tells them apart)' 'upload:upload files to a ticket (some vendors attach them through a reply)' 'api:send a request to the vendor'\''s own endpoint with the profile'\''s base URL and credentials; prints the vendor'\''s JSON' 'checkpoint:the high-water marks of `ticket list --since @last --checkpoint NAME` (per profile)' 'agents:the profile'\''s agents: names, emails and ids (from the vendor'\''s directory, else from recent tickets; cached briefly)' 'teams:the profile'\''s teams / departments / groups' 'contacts:find customers / contacts, where the vendor can search them' 'demo:the built-in demo profile (a local Comm100 simulator)' 'vendors:what each vendor can do: the capability matrix, from the providers'\'' own declarations' 'schema:print the JSON Schema of what ticket prints for scripts: ticket, message, bulk-result, error, dry-run (all of them without NAME)' 'inbox:the open tickets assigned to you (each profile'\''s own agent), across profiles, most urgent first' 'watch:follow changes (created, status, assignee, priority, customer messages) across profiles until Ctrl-C' 'stats:counts by status, priority, assignee and team; created and resolved per day; backlog age; response times' 'profile:manage helpdesk profiles (one per account)' 'sandbox:serve a vendor simulator on 127.0.0.1 until interrupted, for trying ticket or testing your scripts' 'drafts:replies and messages that were not sent (or may not have been): list, read, send or remove them' 'completion:print the shell completion script (also in completions/)') ;;
    "checkpoint") cands+=('list:list checkpoints (every profile'\''s; -p narrows)' 'show:show one checkpoint' 'reset:forget a checkpoint: the next run lists from the start again') ;;
    "demo") cands+=('reset:forget the demo'\''s saved tickets: the next run starts fresh') ;;
    "profile") cands+=('add:add (or with --force replace) a profile; prompts for what is missing on a terminal' 'list:list profiles' 'show:show a profile (secrets are never printed)' 'use:make a profile the default' 'set:change a profile: readOnly=true|false, baseUrl=URL, or a vendor setting (NAME=VALUE or setting.NAME=VALUE; an empty VALUE unsets it)' 'test:check profiles end to end with a fresh credential (no cached token): reachable, credentials accepted, one list call, latency' 'remove:remove a profile and its cached tokens') ;;
    "drafts") cands+=('list:list drafts, newest first' 'show:print a draft' 'send:send a draft with the profile, ticket and verb it remembers; removed once sent' 'rm:remove a draft') ;;
  esac
}

# Adds the options declared at exactly command path $1 to cands (__ticket_options walks up to the top).
__ticket_own_options() {
  case "$1" in
    "") cands+=('--version:print the version' '-V:print the version' '--profile:profile to use (default: TICKET_PROFILE, then the default profile)' '-p:profile to use (default: TICKET_PROFILE, then the default profile)' '--json:print JSON (lists stream as one array)' '--ndjson:print one JSON object per line' '--csv:print CSV' '--fields:comma-separated fields to print, in every format' '--no-color:never use color (NO_COLOR, FORCE_COLOR, CLICOLOR and CLICOLOR_FORCE are honored too)' '--no-pager:never page output on a terminal (TICKET_PAGER, then PAGER, then less -FRX)' '--yes:skip confirmations (merge without a terminal needs it: it cannot be undone)' '-y:skip confirmations (merge without a terminal needs it: it cannot be undone)' '--verbose:log each HTTP request and response to stderr (secrets redacted)' '--raw:include the vendor'\''s own payload as `raw` in JSON output' '--dry-run:print the write a command would send, and send nothing' '--no-input:never prompt; fail with a usage error instead' '--timeout:deadline for each request, answer included, and for its retries (default 30; TICKET_TIMEOUT)' '--help:show help' '-h:show help') ;;
    "list") cands+=('--status:only these statuses, comma-separated: new,open,pending,on_hold,resolved,closed' '--priority:only these priorities, comma-separated: low,normal,high,urgent' '--assignee:only tickets assigned to this agent' '--team:only tickets of this team / department / group' '--requester:only tickets of this customer / contact' '--tag:only tickets with this tag (its name, or its id)' '--query:free-text search' '--channel:only tickets from this channel' '--category:only tickets of this category (Sobot)' '--since:created since: a span (15m, 24h, 7d, 2w) or ISO-8601 (2026-01-31, 2026-01-31T10:00:00Z)' '--until:created before: same forms as --since' '--updated-since:updated since: same forms as --since' '--limit:print the first N of the sorted list (default: 30; not with --all)' '-L:print the first N of the sorted list (default: 30; not with --all)' '--all:every matching ticket (no limit)' '--fail-on-empty:exit 1 when no ticket matches (CI checks); the output stays valid' '--sort:order by last activity (updated, the default), by creation (created), newest first, or none: the vendor'\''s order, streamed as pages arrive (the default for --all with --json, --ndjson or --csv)' '--reverse:oldest first' '--checkpoint:with --since @last: list what changed since this checkpoint'\''s last successful run, then advance it (see ticket checkpoint)' '--all-profiles:query every configured profile at once; rows get a profile column (also: -p a,b)') ;;
    "show") cands+=('--history:include the event / operation log') ;;
    "create") cands+=('--subject:subject (required by every vendor but Zaia)' '-s:subject (required by every vendor but Zaia)' '--body:first message' '-b:first message' '--body-file:first message from a file (- for stdin)' '--requester:customer / contact id' --channel:channel '--priority:low, normal, high or urgent' '--status:initial status' '--assignee:agent to assign' '--team:team / department / group' '--tag:tag name or id (repeatable, where the vendor has tags)' '--category:category / ticket type' '--field:vendor custom field (repeatable)' '--attach:attach a file (repeatable, where the vendor can)' '--quiet:print only the new ticket'\''s id' '-q:print only the new ticket'\''s id') ;;
    "reply") cands+=('--body:the reply' '-b:the reply' '--body-file:the reply from a file (- for stdin)' '--internal:an internal note, not visible to the customer' '--attach:attach a file (repeatable, where the vendor can)' '--quiet:print only the message id' '-q:print only the message id') ;;
    "assign") cands+=('--to:agent id' '--team:team / department / group id' '--concurrency:bulk runs: tickets at once (default per vendor, from its documented rate limit; see ticket vendors)' '--quiet:print only the ticket ids' '-q:print only the ticket ids') ;;
    "escalate") cands+=('--reason:why (recorded where the vendor can)' '--to:supervisor / department / agent to escalate to, where the vendor takes one' '--concurrency:bulk runs: tickets at once (default per vendor, from its documented rate limit; see ticket vendors)' '--quiet:print only the ticket ids' '-q:print only the ticket ids') ;;
    "merge") cands+=('--quiet:print only the target id' '-q:print only the target id') ;;
    "close") cands+=('--resolve:resolved rather than closed' '--comment:an internal note to add' '--concurrency:bulk runs: tickets at once (default per vendor, from its documented rate limit; see ticket vendors)' '--quiet:print only the ticket ids' '-q:print only the ticket ids') ;;
    "upload") cands+=('--message:text of the reply that carries the files, where the vendor needs one' '-m:text of the reply that carries the files, where the vendor needs one' '--internal:attach through an internal note, where the vendor can' '--quiet:print only the attachment ids' '-q:print only the attachment ids') ;;
    "api") cands+=('--data:JSON body: inline, @FILE, or - for stdin' '-d:JSON body: inline, @FILE, or - for stdin' '--query:query parameter (repeatable)') ;;
    "contacts") cands+=('--query:name, email or phone to search for') ;;
    "inbox") cands+=('--team:a team'\''s open queue instead of yours, anyone'\''s tickets (its name or id, looked up in each profile)' '--limit:print the first N (default: all)' '-L:print the first N (default: all)' '--all-profiles:every configured profile (the default when -p is not given)' '--fail-on-empty:exit 1 when nothing is waiting (CI and cron checks); the output stays valid') ;;
    "watch") cands+=('--interval:seconds between polls of each profile (default 30, decimals allowed; never faster than its rate limit allows)' '--since:also report what changed since then: a span (15m, 24h), ISO-8601, or @last with --checkpoint' '--checkpoint:with --since @last: resume where the last watch of this name stopped (no event missed or repeated), saving as events print' '--exec:run CMD (through the shell) once per event, the event as JSON on its stdin' '--concurrency:--exec commands at once (default 2; one at a time per ticket, in order)' '--all-profiles:every configured profile (the default when -p is not given)') ;;
    "stats") cands+=('--since:window start: a span (7d, 24h, 2w) or ISO-8601 (default 7d)' '--until:window end (default now)' '--by:the tables to show: status, priority, assignee, team, day, age or times (repeatable; default all)' '--all-profiles:every configured profile (also: -p a,b)') ;;
    "profile add") cands+=('--vendor:3dolphins, comm100, sobot or zaia' '--base-url:the vendor API'\''s base URL' '--token-env:read the main secret from this environment variable at run time' '--token-stdin:read the main secret from stdin and store it in the config file (mode 0600)' '--secret-env:read another secret (e.g. password) from an environment variable (repeatable)' '--secret-stdin:read this secret from stdin and store it (mode 0600)' '--set:a vendor setting, e.g. agentId=... (repeatable; see `ticket vendors`)' '--default:make it the default profile' '--read-only:refuse every write verb with this profile (exit 3, nothing sent); undo with `profile set NAME readOnly=false`' '--force:replace an existing profile of that name') ;;
    "profile test") cands+=('--all:every configured profile') ;;
    "sandbox") cands+=('--vendor:3dolphins, comm100, sobot or zaia' '--port:port (default: a free one)' '--tickets:how many tickets to seed' '--latency:delay every response' '--rate-limit:comm100: enforce its documented limit (documented: 300 calls per 5 min) or CALLS/SECONDS; 429 with Retry-After beyond it' '--faults:serve the simulator behind a fault-injecting proxy (SPEC below); the printed base URL is the proxy'\''s') ;;
    "drafts send") cands+=('--internal:an old draft (from before drafts remembered their verb): send it as an internal note' '--public:an old draft: send it as a public reply') ;;
  esac
}

# Offers the candidates $2... (zsh matches them); with $1 = 1 the word is a comma-separated list:
# the item after the last comma is completed, items already there are skipped.
__ticket_add() {
  local list=$1 c
  local -a chosen picks
  shift
  if [[ $list == 1 ]] && compset -P '*,'; then chosen=(${(s:,:)${IPREFIX##*=}}); fi
  for c in "$@"; do
    [[ -n $c ]] || continue
    (( ${chosen[(Ie)$c]} )) && continue
    picks+=("$c")
  done
  (( $#picks )) && compadd -- "${picks[@]}"
}

# Values from the user's config and caches: `ticket __complete KIND -- WORDS` prints one per line
# (and never an error). The words typed so far tell it the profile (-p).
__ticket_dynamic() {
  local list=$1 kind=$2 cmd=${(Q)words[1]}
  local -a vals
  [[ $cmd == */* ]] || cmd=ticket
  cmd=${cmd/#\~/$HOME}
  vals=(${(f)"$("$cmd" __complete "$kind" -- "${(@Q)words[2,CURRENT-1]}" 2>/dev/null </dev/null)"})
  __ticket_add "$list" "${vals[@]}"
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
    if [[ $p == *" "* ]]; then p=${p% *}; else p=""; fi
  done
}

_ticket() {
  local cur=${words[CURRENT]} cmdpath="" opt="" w sub
  integer i npos=0 dd=0
  local -a cands
  for (( i = 2; i < CURRENT; i++ )); do
    w=${(Q)words[i]}
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
      cmdpath=${cmdpath:+$cmdpath }$sub
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
    opt=${cur%%=*}
    compset -P "${(b)opt}=" || return 1
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
