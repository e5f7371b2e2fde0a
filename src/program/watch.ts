/** `ticket watch`: a live feed of changes across profiles (issue 13). Owned by its command module. */
import type { Command } from "commander";
import { examples, type Action } from "./help.js";

const EVENTS = `
Events (--ndjson: one JSON object per line, flushed as it happens):
  {"type","at","profile","vendor","ticket","subject","changes"}
  type     created, status, assigned (assignee or team), priority, message
           (a new customer message, where the vendor dates them), or updated
           (several at once, or a ticket watch had not seen: changes is {})
  at       ISO-8601 UTC, the vendor's time of the change
  changes  {field: {from, to}}: status, priority, assignee {id,name,email},
           team {id,name}, lastCustomerMessageAt; created: from is null
Without --since the first poll only learns the tickets (prints nothing);
with --since every change since then is an event. Each profile is polled
on its own timer, never above half its vendor's documented rate limit; a
failing profile is retried with backoff, with one line when it goes dark
and one when it is back. --exec output goes to stderr; a failing command
is reported and the watch goes on. Ctrl-C ends it (exit 130), checkpoint
saved.
`;

export function addWatchCommand(program: Command, action: Action): void {
  program
    .command("watch")
    .description("follow changes (created, status, assignee, priority, customer messages) across profiles until Ctrl-C")
    .option("--interval <seconds>", "seconds between polls of each profile (default 30, decimals allowed; never faster than its rate limit allows)")
    .option("--since <when>", "also report what changed since then: a span (15m, 24h), ISO-8601, or @last with --checkpoint")
    .option("--checkpoint <name>", "with --since @last: resume where the last watch of this name stopped (no event missed or repeated), saving as events print")
    .option("--exec <cmd>", "run CMD (through the shell) once per event, the event as JSON on its stdin")
    .option("--concurrency <n>", "--exec commands at once (default 2; one at a time per ticket, in order)")
    .option("--all-profiles", "every configured profile (the default when -p is not given)")
    .addHelpText(
      "after",
      EVENTS +
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
