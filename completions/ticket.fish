# fish completion for ticket (generated from the command tree by `npm run completions`; do not edit)
# Install: ticket completion fish > ~/.config/fish/completions/ticket.fish

# The canonical name of subcommand $argv[2] at command path $argv[1] (aliases resolved); fails if it is none.
function __ticket_sub
    switch "$argv[1]|$argv[2]"
        case '|list' '|ls'
            echo list
        case '|show'
            echo show
        case '|create'
            echo create
        case '|reply'
            echo reply
        case '|assign'
            echo assign
        case '|escalate'
            echo escalate
        case '|merge'
            echo merge
        case '|close'
            echo close
        case '|upload'
            echo upload
        case '|api'
            echo api
        case '|checkpoint'
            echo checkpoint
        case '|agents'
            echo agents
        case '|teams'
            echo teams
        case '|contacts'
            echo contacts
        case '|demo'
            echo demo
        case '|vendors'
            echo vendors
        case '|schema'
            echo schema
        case '|inbox'
            echo inbox
        case '|watch'
            echo watch
        case '|stats'
            echo stats
        case '|profile'
            echo profile
        case '|sandbox'
            echo sandbox
        case '|drafts'
            echo drafts
        case '|completion'
            echo completion
        case 'checkpoint|list' 'checkpoint|ls'
            echo list
        case 'checkpoint|show'
            echo show
        case 'checkpoint|reset'
            echo reset
        case 'demo|reset'
            echo reset
        case 'profile|add'
            echo add
        case 'profile|list' 'profile|ls'
            echo list
        case 'profile|show'
            echo show
        case 'profile|use'
            echo use
        case 'profile|set'
            echo set
        case 'profile|test'
            echo test
        case 'profile|remove' 'profile|rm'
            echo remove
        case 'drafts|list' 'drafts|ls'
            echo list
        case 'drafts|show'
            echo show
        case 'drafts|send'
            echo send
        case 'drafts|rm' 'drafts|remove'
            echo rm
        case '*'
            return 1
    end
end

# Succeeds when option $argv[2] takes a value at command path $argv[1].
function __ticket_takes_value
    switch "$argv[1]|$argv[2]"
        case '*|--profile' '*|-p'
            return 0
        case '*|--fields'
            return 0
        case '*|--timeout'
            return 0
        case 'list|--status'
            return 0
        case 'list|--priority'
            return 0
        case 'list|--assignee'
            return 0
        case 'list|--team'
            return 0
        case 'list|--requester'
            return 0
        case 'list|--tag'
            return 0
        case 'list|--query'
            return 0
        case 'list|--channel'
            return 0
        case 'list|--category'
            return 0
        case 'list|--since'
            return 0
        case 'list|--until'
            return 0
        case 'list|--updated-since'
            return 0
        case 'list|--limit' 'list|-L'
            return 0
        case 'list|--sort'
            return 0
        case 'list|--checkpoint'
            return 0
        case 'create|--subject' 'create|-s'
            return 0
        case 'create|--body' 'create|-b'
            return 0
        case 'create|--body-file'
            return 0
        case 'create|--requester'
            return 0
        case 'create|--channel'
            return 0
        case 'create|--priority'
            return 0
        case 'create|--status'
            return 0
        case 'create|--assignee'
            return 0
        case 'create|--team'
            return 0
        case 'create|--tag'
            return 0
        case 'create|--category'
            return 0
        case 'create|--field'
            return 0
        case 'create|--attach'
            return 0
        case 'reply|--body' 'reply|-b'
            return 0
        case 'reply|--body-file'
            return 0
        case 'reply|--attach'
            return 0
        case 'assign|--to'
            return 0
        case 'assign|--team'
            return 0
        case 'assign|--concurrency'
            return 0
        case 'escalate|--reason'
            return 0
        case 'escalate|--to'
            return 0
        case 'escalate|--concurrency'
            return 0
        case 'close|--comment'
            return 0
        case 'close|--concurrency'
            return 0
        case 'upload|--message' 'upload|-m'
            return 0
        case 'api|--data' 'api|-d'
            return 0
        case 'api|--query'
            return 0
        case 'contacts|--query'
            return 0
        case 'inbox|--team'
            return 0
        case 'inbox|--limit' 'inbox|-L'
            return 0
        case 'watch|--interval'
            return 0
        case 'watch|--since'
            return 0
        case 'watch|--checkpoint'
            return 0
        case 'watch|--exec'
            return 0
        case 'watch|--concurrency'
            return 0
        case 'stats|--since'
            return 0
        case 'stats|--until'
            return 0
        case 'stats|--by'
            return 0
        case 'profile add|--vendor'
            return 0
        case 'profile add|--base-url'
            return 0
        case 'profile add|--token-env'
            return 0
        case 'profile add|--secret-env'
            return 0
        case 'profile add|--secret-stdin'
            return 0
        case 'profile add|--set'
            return 0
        case 'sandbox|--vendor'
            return 0
        case 'sandbox|--port'
            return 0
        case 'sandbox|--tickets'
            return 0
        case 'sandbox|--latency'
            return 0
        case 'sandbox|--rate-limit'
            return 0
        case 'sandbox|--faults'
            return 0
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
    printf '%s\n' "p:$cmdpath" $npos "o:$opt"
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
        printf '%s\n' "$tok"
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
        contains -- $c $chosen; or printf '%s%s\n' $pre $c
    end
end

# Values from the user's config and caches: `ticket __complete KIND -- WORDS` prints one per line
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
        printf '%s\n' $vals
    end
end

# Files after an @ (ticket api --data @FILE).
function __ticket_at_files
    set -l tok (__ticket_value)
    string match -q -- '@*' "$tok"; or return 0
    for p in (__fish_complete_path (string sub -s 2 -- $tok))
        printf '@%s\n' $p
    end
end

complete -c ticket -f
complete -c ticket -n '__ticket_at ""' -a list -d 'list tickets, most recent activity first (reads every match, then sorts); --sort none streams them in the vendor\'s order as pages arrive, the default for --all with --json, --ndjson or --csv'
complete -c ticket -n '__ticket_at ""' -a show -d 'show one ticket with its conversation'
complete -c ticket -n '__ticket_at ""' -a create -d 'create a ticket'
complete -c ticket -n '__ticket_at ""' -a reply -d 'reply to a ticket, or add an internal note with --internal; an unsent reply is saved, never lost'
complete -c ticket -n '__ticket_at ""' -a assign -d 'assign tickets to an agent and/or a team'
complete -c ticket -n '__ticket_at ""' -a escalate -d 'escalate tickets the way the vendor allows (see `ticket vendors`)'
complete -c ticket -n '__ticket_at ""' -a merge -d 'merge source tickets into a target ticket'
complete -c ticket -n '__ticket_at ""' -a close -d 'close tickets (or mark them resolved with --resolve where the vendor tells them apart)'
complete -c ticket -n '__ticket_at ""' -a upload -d 'upload files to a ticket (some vendors attach them through a reply)'
complete -c ticket -n '__ticket_at ""' -a api -d 'send a request to the vendor\'s own endpoint with the profile\'s base URL and credentials; prints the vendor\'s JSON'
complete -c ticket -n '__ticket_at ""' -a checkpoint -d 'the high-water marks of `ticket list --since @last --checkpoint NAME` (per profile)'
complete -c ticket -n '__ticket_at ""' -a agents -d 'the profile\'s agents: names, emails and ids (from the vendor\'s directory, else from recent tickets; cached briefly)'
complete -c ticket -n '__ticket_at ""' -a teams -d 'the profile\'s teams / departments / groups'
complete -c ticket -n '__ticket_at ""' -a contacts -d 'find customers / contacts, where the vendor can search them'
complete -c ticket -n '__ticket_at ""' -a demo -d 'the built-in demo profile (a local Comm100 simulator)'
complete -c ticket -n '__ticket_at ""' -a vendors -d 'what each vendor can do: the capability matrix, from the providers\' own declarations'
complete -c ticket -n '__ticket_at ""' -a schema -d 'print the JSON Schema of what ticket prints for scripts: ticket, message, bulk-result, error, dry-run (all of them without NAME)'
complete -c ticket -n '__ticket_at ""' -a inbox -d 'the open tickets assigned to you (each profile\'s own agent), across profiles, most urgent first'
complete -c ticket -n '__ticket_at ""' -a watch -d 'follow changes (created, status, assignee, priority, customer messages) across profiles until Ctrl-C'
complete -c ticket -n '__ticket_at ""' -a stats -d 'counts by status, priority, assignee and team; created and resolved per day; backlog age; response times'
complete -c ticket -n '__ticket_at ""' -a profile -d 'manage helpdesk profiles (one per account)'
complete -c ticket -n '__ticket_at ""' -a sandbox -d 'serve a vendor simulator on 127.0.0.1 until interrupted, for trying ticket or testing your scripts'
complete -c ticket -n '__ticket_at ""' -a drafts -d 'replies and messages that were not sent (or may not have been): list, read, send or remove them'
complete -c ticket -n '__ticket_at ""' -a completion -d 'print the shell completion script (also in completions/)'
complete -c ticket -l version -s V -d 'print the version'
complete -c ticket -l profile -s p -x -a '(__ticket_dynamic profiles 1)' -d 'profile to use (default: TICKET_PROFILE, then the default profile)'
complete -c ticket -l json -d 'print JSON (lists stream as one array)'
complete -c ticket -l ndjson -d 'print one JSON object per line'
complete -c ticket -l csv -d 'print CSV'
complete -c ticket -n 'not __ticket_is "show"' -l fields -x -a '(__ticket_list id number subject status vendorStatus priority assignee team requester channel tags createdAt updatedAt lastCustomerMessageAt firstResponseAt resolvedAt vendor profile)' -d 'comma-separated fields to print, in every format'
complete -c ticket -n '__ticket_is "show"' -l fields -x -a '(__ticket_list id number subject status vendorStatus priority assignee team requester channel tags createdAt updatedAt lastCustomerMessageAt firstResponseAt resolvedAt vendor profile messages attachments history customFields)' -d 'comma-separated fields to print, in every format'
complete -c ticket -l no-color -d 'never use color (NO_COLOR, FORCE_COLOR, CLICOLOR and CLICOLOR_FORCE are honored too)'
complete -c ticket -l no-pager -d 'never page output on a terminal (TICKET_PAGER, then PAGER, then less -FRX)'
complete -c ticket -l yes -s y -d 'skip confirmations (merge without a terminal needs it: it cannot be undone)'
complete -c ticket -l verbose -d 'log each HTTP request and response to stderr (secrets redacted)'
complete -c ticket -l raw -d 'include the vendor\'s own payload as `raw` in JSON output'
complete -c ticket -l dry-run -d 'print the write a command would send, and send nothing'
complete -c ticket -l no-input -d 'never prompt; fail with a usage error instead'
complete -c ticket -l timeout -x -d 'deadline for each request, answer included, and for its retries (default 30; TICKET_TIMEOUT)'
complete -c ticket -l help -s h -d 'show help'
complete -c ticket -n '__ticket_in "list"' -l status -x -a '(__ticket_list new open pending on_hold resolved closed)' -d 'only these statuses, comma-separated: new,open,pending,on_hold,resolved,closed'
complete -c ticket -n '__ticket_in "list"' -l priority -x -a '(__ticket_list low normal high urgent)' -d 'only these priorities, comma-separated: low,normal,high,urgent'
complete -c ticket -n '__ticket_in "list"' -l assignee -x -a '(__ticket_dynamic agents 0)' -d 'only tickets assigned to this agent'
complete -c ticket -n '__ticket_in "list"' -l team -x -a '(__ticket_dynamic teams 0)' -d 'only tickets of this team / department / group'
complete -c ticket -n '__ticket_in "list"' -l requester -x -d 'only tickets of this customer / contact'
complete -c ticket -n '__ticket_in "list"' -l tag -x -d 'only tickets with this tag (its name, or its id)'
complete -c ticket -n '__ticket_in "list"' -l query -x -d 'free-text search'
complete -c ticket -n '__ticket_in "list"' -l channel -x -d 'only tickets from this channel'
complete -c ticket -n '__ticket_in "list"' -l category -x -d 'only tickets of this category (Sobot)'
complete -c ticket -n '__ticket_in "list"' -l since -x -d 'created since: a span (15m, 24h, 7d, 2w) or ISO-8601 (2026-01-31, 2026-01-31T10:00:00Z)'
complete -c ticket -n '__ticket_in "list"' -l until -x -d 'created before: same forms as --since'
complete -c ticket -n '__ticket_in "list"' -l updated-since -x -d 'updated since: same forms as --since'
complete -c ticket -n '__ticket_in "list"' -l limit -s L -x -d 'print the first N of the sorted list (default: 30; not with --all)'
complete -c ticket -n '__ticket_in "list"' -l all -d 'every matching ticket (no limit)'
complete -c ticket -n '__ticket_in "list"' -l fail-on-empty -d 'exit 1 when no ticket matches (CI checks); the output stays valid'
complete -c ticket -n '__ticket_in "list"' -l sort -x -a 'updated created none' -d 'order by last activity (updated, the default), by creation (created), newest first, or none: the vendor\'s order, streamed as pages arrive (the default for --all with --json, --ndjson or --csv)'
complete -c ticket -n '__ticket_in "list"' -l reverse -d 'oldest first'
complete -c ticket -n '__ticket_in "list"' -l checkpoint -x -d 'with --since @last: list what changed since this checkpoint\'s last successful run, then advance it (see ticket checkpoint)'
complete -c ticket -n '__ticket_in "list"' -l all-profiles -d 'query every configured profile at once; rows get a profile column (also: -p a,b)'
complete -c ticket -n '__ticket_in "show"' -l history -d 'include the event / operation log'
complete -c ticket -n '__ticket_in "create"' -l subject -s s -x -d 'subject (required by every vendor but Zaia)'
complete -c ticket -n '__ticket_in "create"' -l body -s b -x -d 'first message'
complete -c ticket -n '__ticket_in "create"' -l body-file -r -F -d 'first message from a file (- for stdin)'
complete -c ticket -n '__ticket_in "create"' -l requester -x -d 'customer / contact id'
complete -c ticket -n '__ticket_in "create"' -l channel -x -d 'channel'
complete -c ticket -n '__ticket_in "create"' -l priority -x -a 'low normal high urgent' -d 'low, normal, high or urgent'
complete -c ticket -n '__ticket_in "create"' -l status -x -a 'new open pending on_hold resolved closed' -d 'initial status'
complete -c ticket -n '__ticket_in "create"' -l assignee -x -a '(__ticket_dynamic agents 0)' -d 'agent to assign'
complete -c ticket -n '__ticket_in "create"' -l team -x -a '(__ticket_dynamic teams 0)' -d 'team / department / group'
complete -c ticket -n '__ticket_in "create"' -l tag -x -d 'tag name or id (repeatable, where the vendor has tags)'
complete -c ticket -n '__ticket_in "create"' -l category -x -d 'category / ticket type'
complete -c ticket -n '__ticket_in "create"' -l field -x -d 'vendor custom field (repeatable)'
complete -c ticket -n '__ticket_in "create"' -l attach -r -F -d 'attach a file (repeatable, where the vendor can)'
complete -c ticket -n '__ticket_in "create"' -l quiet -s q -d 'print only the new ticket\'s id'
complete -c ticket -n '__ticket_in "reply"' -l body -s b -x -d 'the reply'
complete -c ticket -n '__ticket_in "reply"' -l body-file -r -F -d 'the reply from a file (- for stdin)'
complete -c ticket -n '__ticket_in "reply"' -l internal -d 'an internal note, not visible to the customer'
complete -c ticket -n '__ticket_in "reply"' -l attach -r -F -d 'attach a file (repeatable, where the vendor can)'
complete -c ticket -n '__ticket_in "reply"' -l quiet -s q -d 'print only the message id'
complete -c ticket -n '__ticket_in "assign"' -l to -x -a '(__ticket_dynamic agents 0)' -d 'agent id'
complete -c ticket -n '__ticket_in "assign"' -l team -x -a '(__ticket_dynamic teams 0)' -d 'team / department / group id'
complete -c ticket -n '__ticket_in "assign"' -l concurrency -x -d 'bulk runs: tickets at once (default per vendor, from its documented rate limit; see ticket vendors)'
complete -c ticket -n '__ticket_in "assign"' -l quiet -s q -d 'print only the ticket ids'
complete -c ticket -n '__ticket_in "escalate"' -l reason -x -d 'why (recorded where the vendor can)'
complete -c ticket -n '__ticket_in "escalate"' -l to -x -a '(__ticket_dynamic agents 0)' -d 'supervisor / department / agent to escalate to, where the vendor takes one'
complete -c ticket -n '__ticket_in "escalate"' -l concurrency -x -d 'bulk runs: tickets at once (default per vendor, from its documented rate limit; see ticket vendors)'
complete -c ticket -n '__ticket_in "escalate"' -l quiet -s q -d 'print only the ticket ids'
complete -c ticket -n '__ticket_in "merge"' -l quiet -s q -d 'print only the target id'
complete -c ticket -n '__ticket_in "close"' -l resolve -d 'resolved rather than closed'
complete -c ticket -n '__ticket_in "close"' -l comment -x -d 'an internal note to add'
complete -c ticket -n '__ticket_in "close"' -l concurrency -x -d 'bulk runs: tickets at once (default per vendor, from its documented rate limit; see ticket vendors)'
complete -c ticket -n '__ticket_in "close"' -l quiet -s q -d 'print only the ticket ids'
complete -c ticket -n '__ticket_in "upload"' -l message -s m -x -d 'text of the reply that carries the files, where the vendor needs one'
complete -c ticket -n '__ticket_in "upload"' -l internal -d 'attach through an internal note, where the vendor can'
complete -c ticket -n '__ticket_in "upload"' -l quiet -s q -d 'print only the attachment ids'
complete -c ticket -n '__ticket_arg "upload" 1+' -F
complete -c ticket -n '__ticket_in "api"' -l data -s d -x -a '(__ticket_at_files)' -d 'JSON body: inline, @FILE, or - for stdin'
complete -c ticket -n '__ticket_in "api"' -l query -x -d 'query parameter (repeatable)'
complete -c ticket -n '__ticket_arg "api" 0' -a 'GET POST PUT PATCH DELETE'
complete -c ticket -n '__ticket_at "checkpoint"' -a list -d 'list checkpoints (every profile\'s; -p narrows)'
complete -c ticket -n '__ticket_at "checkpoint"' -a show -d 'show one checkpoint'
complete -c ticket -n '__ticket_at "checkpoint"' -a reset -d 'forget a checkpoint: the next run lists from the start again'
complete -c ticket -n '__ticket_in "contacts"' -l query -x -d 'name, email or phone to search for'
complete -c ticket -n '__ticket_at "demo"' -a reset -d 'forget the demo\'s saved tickets: the next run starts fresh'
complete -c ticket -n '__ticket_arg "schema" 0' -a 'ticket message bulk-result error dry-run'
complete -c ticket -n '__ticket_in "inbox"' -l team -x -a '(__ticket_dynamic teams 0)' -d 'a team\'s open queue instead of yours, anyone\'s tickets (its name or id, looked up in each profile)'
complete -c ticket -n '__ticket_in "inbox"' -l limit -s L -x -d 'print the first N (default: all)'
complete -c ticket -n '__ticket_in "inbox"' -l all-profiles -d 'every configured profile (the default when -p is not given)'
complete -c ticket -n '__ticket_in "inbox"' -l fail-on-empty -d 'exit 1 when nothing is waiting (CI and cron checks); the output stays valid'
complete -c ticket -n '__ticket_in "watch"' -l interval -x -d 'seconds between polls of each profile (default 30, decimals allowed; never faster than its rate limit allows)'
complete -c ticket -n '__ticket_in "watch"' -l since -x -d 'also report what changed since then: a span (15m, 24h), ISO-8601, or @last with --checkpoint'
complete -c ticket -n '__ticket_in "watch"' -l checkpoint -x -d 'with --since @last: resume where the last watch of this name stopped (no event missed or repeated), saving as events print'
complete -c ticket -n '__ticket_in "watch"' -l exec -x -d 'run CMD (through the shell) once per event, the event as JSON on its stdin'
complete -c ticket -n '__ticket_in "watch"' -l concurrency -x -d '--exec commands at once (default 2; one at a time per ticket, in order)'
complete -c ticket -n '__ticket_in "watch"' -l all-profiles -d 'every configured profile (the default when -p is not given)'
complete -c ticket -n '__ticket_in "stats"' -l since -x -d 'window start: a span (7d, 24h, 2w) or ISO-8601 (default 7d)'
complete -c ticket -n '__ticket_in "stats"' -l until -x -d 'window end (default now)'
complete -c ticket -n '__ticket_in "stats"' -l by -x -d 'the tables to show: status, priority, assignee, team, day, age or times (repeatable; default all)'
complete -c ticket -n '__ticket_in "stats"' -l all-profiles -d 'every configured profile (also: -p a,b)'
complete -c ticket -n '__ticket_at "profile"' -a add -d 'add (or with --force replace) a profile; prompts for what is missing on a terminal'
complete -c ticket -n '__ticket_at "profile"' -a list -d 'list profiles'
complete -c ticket -n '__ticket_at "profile"' -a show -d 'show a profile (secrets are never printed)'
complete -c ticket -n '__ticket_at "profile"' -a use -d 'make a profile the default'
complete -c ticket -n '__ticket_at "profile"' -a set -d 'change a profile: readOnly=true|false, baseUrl=URL, or a vendor setting (NAME=VALUE or setting.NAME=VALUE; an empty VALUE unsets it)'
complete -c ticket -n '__ticket_at "profile"' -a test -d 'check profiles end to end with a fresh credential (no cached token): reachable, credentials accepted, one list call, latency'
complete -c ticket -n '__ticket_at "profile"' -a remove -d 'remove a profile and its cached tokens'
complete -c ticket -n '__ticket_in "profile add"' -l vendor -x -a '3dolphins comm100 sobot zaia' -d '3dolphins, comm100, sobot or zaia'
complete -c ticket -n '__ticket_in "profile add"' -l base-url -x -d 'the vendor API\'s base URL'
complete -c ticket -n '__ticket_in "profile add"' -l token-env -x -d 'read the main secret from this environment variable at run time'
complete -c ticket -n '__ticket_in "profile add"' -l token-stdin -d 'read the main secret from stdin and store it in the config file (mode 0600)'
complete -c ticket -n '__ticket_in "profile add"' -l secret-env -x -d 'read another secret (e.g. password) from an environment variable (repeatable)'
complete -c ticket -n '__ticket_in "profile add"' -l secret-stdin -x -d 'read this secret from stdin and store it (mode 0600)'
complete -c ticket -n '__ticket_in "profile add"' -l set -x -d 'a vendor setting, e.g. agentId=... (repeatable; see `ticket vendors`)'
complete -c ticket -n '__ticket_in "profile add"' -l default -d 'make it the default profile'
complete -c ticket -n '__ticket_in "profile add"' -l read-only -d 'refuse every write verb with this profile (exit 3, nothing sent); undo with `profile set NAME readOnly=false`'
complete -c ticket -n '__ticket_in "profile add"' -l force -d 'replace an existing profile of that name'
complete -c ticket -n '__ticket_arg "profile show" 0' -a '(__ticket_dynamic profiles 0)'
complete -c ticket -n '__ticket_arg "profile use" 0' -a '(__ticket_dynamic profiles 0)'
complete -c ticket -n '__ticket_arg "profile set" 0' -a '(__ticket_dynamic profiles 0)'
complete -c ticket -n '__ticket_in "profile test"' -l all -d 'every configured profile'
complete -c ticket -n '__ticket_arg "profile test" 0+' -a '(__ticket_dynamic profiles 0)'
complete -c ticket -n '__ticket_arg "profile remove" 0' -a '(__ticket_dynamic profiles 0)'
complete -c ticket -n '__ticket_in "sandbox"' -l vendor -x -a '3dolphins comm100 sobot zaia' -d '3dolphins, comm100, sobot or zaia'
complete -c ticket -n '__ticket_in "sandbox"' -l port -x -d 'port (default: a free one)'
complete -c ticket -n '__ticket_in "sandbox"' -l tickets -x -d 'how many tickets to seed'
complete -c ticket -n '__ticket_in "sandbox"' -l latency -x -d 'delay every response'
complete -c ticket -n '__ticket_in "sandbox"' -l rate-limit -x -d 'comm100: enforce its documented limit (documented: 300 calls per 5 min) or CALLS/SECONDS; 429 with Retry-After beyond it'
complete -c ticket -n '__ticket_in "sandbox"' -l faults -x -d 'serve the simulator behind a fault-injecting proxy (SPEC below); the printed base URL is the proxy\'s'
complete -c ticket -n '__ticket_at "drafts"' -a list -d 'list drafts, newest first'
complete -c ticket -n '__ticket_at "drafts"' -a show -d 'print a draft'
complete -c ticket -n '__ticket_at "drafts"' -a send -d 'send a draft with the profile, ticket and verb it remembers; removed once sent'
complete -c ticket -n '__ticket_at "drafts"' -a rm -d 'remove a draft'
complete -c ticket -n '__ticket_in "drafts send"' -l internal -d 'an old draft (from before drafts remembered their verb): send it as an internal note'
complete -c ticket -n '__ticket_in "drafts send"' -l public -d 'an old draft: send it as a public reply'
complete -c ticket -n '__ticket_arg "completion" 0' -a 'bash zsh fish'
