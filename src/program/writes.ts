/** The write verbs: create, reply, assign, escalate, merge, close, upload. */
import type { Command } from "commander";
import { collect, examples, type Action } from "./help.js";

/** What the bulk verbs (assign, escalate, close) say of their ids and of --concurrency. */
const BULK_IDS = "ticket ids; - reads them from stdin (one per line, or ticket list --json / --ndjson); on a terminal, picked when left out";
const BULK_CONCURRENCY = "bulk runs: tickets at once (default per vendor, from its documented rate limit; see ticket vendors)";

export function addWriteCommands(program: Command, action: Action): void {
  program
    .command("create")
    .description("create a ticket")
    .option("-s, --subject <text>", "subject (required by every vendor but Zaia)")
    .option("-b, --body <text>", "first message")
    .option("--body-file <file>", "first message from a file (- for stdin)")
    .option("--requester <id>", "customer / contact id")
    .option("--channel <channel>", "channel")
    .option("--priority <priority>", "low, normal, high or urgent")
    .option("--status <status>", "initial status")
    .option("--assignee <id>", "agent to assign")
    .option("--team <id>", "team / department / group")
    .option("--tag <tag>", "tag name or id (repeatable, where the vendor has tags)", collect)
    .option("--category <id>", "category / ticket type")
    .option("--field <key=value>", "vendor custom field (repeatable)", collect)
    .option("--attach <file>", "attach a file (repeatable, where the vendor can)", collect)
    .option("-q, --quiet", "print only the new ticket's id")
    .addHelpText("after", examples("ticket create --subject 'Printer on fire' --requester 3f2a... --channel Email --body 'Help!'"))
    .action(action("create"));

  program
    .command("reply")
    .description("reply to a ticket, or add an internal note with --internal; an unsent reply is saved, never lost")
    .argument("[id]", "ticket id (on a terminal, picked when left out)")
    .option("-b, --body <text>", "the reply")
    .option("--body-file <file>", "the reply from a file (- for stdin)")
    .option("--internal", "an internal note, not visible to the customer")
    .option("--attach <file>", "attach a file (repeatable, where the vendor can)", collect)
    .option("-q, --quiet", "print only the message id")
    .addHelpText("after", examples("ticket reply 1042 --body 'Thanks, fixed now.'", "ticket reply 1042 --internal --body 'Customer is VIP'", "echo 'Long answer' | ticket reply 1042 --body-file -"))
    .action(action("reply"));

  program
    .command("assign")
    .description("assign tickets to an agent and/or a team")
    .argument("[ids...]", BULK_IDS)
    .option("--to <agent>", "agent id")
    .option("--team <id>", "team / department / group id")
    .option("--concurrency <n>", BULK_CONCURRENCY)
    .option("-q, --quiet", "print only the ticket ids")
    .addHelpText("after", examples("ticket assign 1042 --to 1487fc9d-92e6-4487-a2e8-92e68d6892e6", "ticket assign 1042 1043 --team 91b032d9-...", "ticket list --status new --ndjson | ticket assign - --to 1487fc9d-... --ndjson"))
    .action(action("assign"));

  program
    .command("escalate")
    .description("escalate tickets the way the vendor allows (see `ticket vendors`)")
    .argument("[ids...]", BULK_IDS)
    .option("--reason <text>", "why (recorded where the vendor can)")
    .option("--to <id>", "supervisor / department / agent to escalate to, where the vendor takes one")
    .option("--concurrency <n>", BULK_CONCURRENCY)
    .option("-q, --quiet", "print only the ticket ids")
    .addHelpText("after", examples("ticket escalate 1042 --reason 'VIP customer, outage'", "ticket list --priority urgent --fields id | ticket escalate - --reason 'outage'"))
    .action(action("escalate"));

  program
    .command("merge")
    .description("merge source tickets into a target ticket")
    .argument("<target>", "the ticket that remains")
    .argument("<sources...>", "tickets merged into it; - reads them from stdin")
    .option("-q, --quiet", "print only the target id")
    .addHelpText("after", examples("ticket merge 1042 1043 1044"))
    .action(action("merge"));

  program
    .command("close")
    .description("close tickets (or mark them resolved with --resolve where the vendor tells them apart)")
    .argument("[ids...]", BULK_IDS)
    .option("--resolve", "resolved rather than closed")
    .option("--comment <text>", "an internal note to add")
    .option("--concurrency <n>", BULK_CONCURRENCY)
    .option("-q, --quiet", "print only the ticket ids")
    .addHelpText("after", examples("ticket close 1042", "ticket close 1042 1043 --comment 'Duplicate of 1041'", "ticket list --status pending --ndjson | ticket close - --ndjson --concurrency 2"))
    .action(action("close"));

  program
    .command("upload")
    .description("upload files to a ticket (some vendors attach them through a reply)")
    .argument("<id>", "ticket id")
    .argument("<files...>", "files to upload")
    .option("-m, --message <text>", "text of the reply that carries the files, where the vendor needs one")
    .option("--internal", "attach through an internal note, where the vendor can")
    .option("-q, --quiet", "print only the attachment ids")
    .addHelpText("after", examples("ticket upload 1042 screenshot.png invoice.pdf --message 'Files attached'"))
    .action(action("upload"));
}
