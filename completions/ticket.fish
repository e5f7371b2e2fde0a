# fish completion for ticket (generated from the command tree; do not edit)
complete -c ticket -f
complete -c ticket -l version
complete -c ticket -l profile
complete -c ticket -l json
complete -c ticket -l ndjson
complete -c ticket -l csv
complete -c ticket -l fields
complete -c ticket -l no-color
complete -c ticket -l verbose
complete -c ticket -l raw
complete -c ticket -l dry-run
complete -c ticket -l no-input
complete -c ticket -l timeout
complete -c ticket -n "__fish_use_subcommand" -a list -d "list tickets, newest activity first (streams across pages)"
complete -c ticket -n "__fish_seen_subcommand_from list" -l status
complete -c ticket -n "__fish_seen_subcommand_from list" -l priority
complete -c ticket -n "__fish_seen_subcommand_from list" -l assignee
complete -c ticket -n "__fish_seen_subcommand_from list" -l team
complete -c ticket -n "__fish_seen_subcommand_from list" -l requester
complete -c ticket -n "__fish_seen_subcommand_from list" -l tag
complete -c ticket -n "__fish_seen_subcommand_from list" -l query
complete -c ticket -n "__fish_seen_subcommand_from list" -l channel
complete -c ticket -n "__fish_seen_subcommand_from list" -l category
complete -c ticket -n "__fish_seen_subcommand_from list" -l since
complete -c ticket -n "__fish_seen_subcommand_from list" -l until
complete -c ticket -n "__fish_seen_subcommand_from list" -l updated-since
complete -c ticket -n "__fish_seen_subcommand_from list" -l limit
complete -c ticket -n "__fish_seen_subcommand_from list" -l all
complete -c ticket -n "__fish_seen_subcommand_from list" -l fail-on-empty
complete -c ticket -n "__fish_use_subcommand" -a show -d "show one ticket with its conversation"
complete -c ticket -n "__fish_seen_subcommand_from show" -l history
complete -c ticket -n "__fish_use_subcommand" -a create -d "create a ticket"
complete -c ticket -n "__fish_seen_subcommand_from create" -l subject
complete -c ticket -n "__fish_seen_subcommand_from create" -l body
complete -c ticket -n "__fish_seen_subcommand_from create" -l body-file
complete -c ticket -n "__fish_seen_subcommand_from create" -l requester
complete -c ticket -n "__fish_seen_subcommand_from create" -l channel
complete -c ticket -n "__fish_seen_subcommand_from create" -l priority
complete -c ticket -n "__fish_seen_subcommand_from create" -l status
complete -c ticket -n "__fish_seen_subcommand_from create" -l assignee
complete -c ticket -n "__fish_seen_subcommand_from create" -l team
complete -c ticket -n "__fish_seen_subcommand_from create" -l tag
complete -c ticket -n "__fish_seen_subcommand_from create" -l category
complete -c ticket -n "__fish_seen_subcommand_from create" -l field
complete -c ticket -n "__fish_seen_subcommand_from create" -l attach
complete -c ticket -n "__fish_seen_subcommand_from create" -l quiet
complete -c ticket -n "__fish_use_subcommand" -a reply -d "reply to a ticket, or add an internal note with --internal; an unsent reply is saved, never lost"
complete -c ticket -n "__fish_seen_subcommand_from reply" -l body
complete -c ticket -n "__fish_seen_subcommand_from reply" -l body-file
complete -c ticket -n "__fish_seen_subcommand_from reply" -l internal
complete -c ticket -n "__fish_seen_subcommand_from reply" -l attach
complete -c ticket -n "__fish_seen_subcommand_from reply" -l quiet
complete -c ticket -n "__fish_use_subcommand" -a assign -d "assign tickets to an agent and/or a team"
complete -c ticket -n "__fish_seen_subcommand_from assign" -l to
complete -c ticket -n "__fish_seen_subcommand_from assign" -l team
complete -c ticket -n "__fish_seen_subcommand_from assign" -l concurrency
complete -c ticket -n "__fish_seen_subcommand_from assign" -l quiet
complete -c ticket -n "__fish_use_subcommand" -a escalate -d "escalate tickets the way the vendor allows (see `ticket vendors`)"
complete -c ticket -n "__fish_seen_subcommand_from escalate" -l reason
complete -c ticket -n "__fish_seen_subcommand_from escalate" -l to
complete -c ticket -n "__fish_seen_subcommand_from escalate" -l concurrency
complete -c ticket -n "__fish_seen_subcommand_from escalate" -l quiet
complete -c ticket -n "__fish_use_subcommand" -a merge -d "merge source tickets into a target ticket"
complete -c ticket -n "__fish_seen_subcommand_from merge" -l quiet
complete -c ticket -n "__fish_use_subcommand" -a close -d "close tickets (or mark them resolved with --resolve where the vendor tells them apart)"
complete -c ticket -n "__fish_seen_subcommand_from close" -l resolve
complete -c ticket -n "__fish_seen_subcommand_from close" -l comment
complete -c ticket -n "__fish_seen_subcommand_from close" -l concurrency
complete -c ticket -n "__fish_seen_subcommand_from close" -l quiet
complete -c ticket -n "__fish_use_subcommand" -a upload -d "upload files to a ticket (some vendors attach them through a reply)"
complete -c ticket -n "__fish_seen_subcommand_from upload" -l message
complete -c ticket -n "__fish_seen_subcommand_from upload" -l internal
complete -c ticket -n "__fish_seen_subcommand_from upload" -l quiet
complete -c ticket -n "__fish_use_subcommand" -a vendors -d "what each vendor can do: the capability matrix, from the providers' own declarations"
complete -c ticket -n "__fish_use_subcommand" -a schema -d "print the JSON Schema of what ticket prints for scripts: ticket, message, bulk-result, error, dry-run (all of them without NAME)"
complete -c ticket -n "__fish_use_subcommand" -a profile -d "manage helpdesk profiles (one per account)"
complete -c ticket -n "__fish_seen_subcommand_from profile" -a add -d "add (or with --force replace) a profile; prompts for what is missing on a terminal"
complete -c ticket -n "__fish_seen_subcommand_from add" -l vendor
complete -c ticket -n "__fish_seen_subcommand_from add" -l base-url
complete -c ticket -n "__fish_seen_subcommand_from add" -l token-env
complete -c ticket -n "__fish_seen_subcommand_from add" -l token-stdin
complete -c ticket -n "__fish_seen_subcommand_from add" -l secret-env
complete -c ticket -n "__fish_seen_subcommand_from add" -l secret-stdin
complete -c ticket -n "__fish_seen_subcommand_from add" -l set
complete -c ticket -n "__fish_seen_subcommand_from add" -l default
complete -c ticket -n "__fish_seen_subcommand_from add" -l read-only
complete -c ticket -n "__fish_seen_subcommand_from add" -l force
complete -c ticket -n "__fish_seen_subcommand_from profile" -a list -d "list profiles"
complete -c ticket -n "__fish_seen_subcommand_from profile" -a show -d "show a profile (secrets are never printed)"
complete -c ticket -n "__fish_seen_subcommand_from profile" -a use -d "make a profile the default"
complete -c ticket -n "__fish_seen_subcommand_from profile" -a set -d "change a profile: readOnly=true|false, baseUrl=URL, or a vendor setting (NAME=VALUE or setting.NAME=VALUE; an empty VALUE unsets it)"
complete -c ticket -n "__fish_seen_subcommand_from profile" -a remove -d "remove a profile and its cached tokens"
complete -c ticket -n "__fish_use_subcommand" -a sandbox -d "serve a vendor simulator on 127.0.0.1 until interrupted, for trying ticket or testing your scripts"
complete -c ticket -n "__fish_seen_subcommand_from sandbox" -l vendor
complete -c ticket -n "__fish_seen_subcommand_from sandbox" -l port
complete -c ticket -n "__fish_seen_subcommand_from sandbox" -l tickets
complete -c ticket -n "__fish_seen_subcommand_from sandbox" -l latency
complete -c ticket -n "__fish_seen_subcommand_from sandbox" -l faults
complete -c ticket -n "__fish_use_subcommand" -a completion -d "print the shell completion script (also in completions/)"
