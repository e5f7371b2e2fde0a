/** `ticket watch`: a live feed of changes across profiles (issue 13). Owned by its command module. */
import type { Command } from "commander";
import { examples, type Action } from "./help.js";

export function addWatchCommand(program: Command, action: Action): void {
  program
    .command("watch")
    .description("follow changes (created, status, assignee, priority, customer messages) across profiles until Ctrl-C")
    .option("--interval <seconds>", "seconds between polls of each profile (default 30; never faster than its rate limit allows)")
    .option("--since <when>", "start from this point: a span (15m, 24h), ISO-8601, or @last with --checkpoint")
    .option("--checkpoint <name>", "with --since @last: resume where the last watch of this name stopped, and keep the mark as events print")
    .option("--exec <cmd>", "run CMD (through the shell) once per event, the event as JSON on its stdin")
    .option("--concurrency <n>", "--exec commands at once (default 2)")
    .option("--all-profiles", "every configured profile (the default when -p is not given)")
    .addHelpText(
      "after",
      examples(
        "ticket watch",
        "ticket -p work,home watch --interval 60",
        "ticket watch --ndjson | while read -r ev; do echo \"$ev\" | jq -r .ticket; done",
        "ticket watch --since @last --checkpoint bot --ndjson",
        "ticket watch --exec './notify.sh'",
      ),
    )
    .action(action("watch"));
}
