/** `ticket list` (filters, order, streaming, checkpoints, fan-out) and `ticket checkpoint ...`, its cron marks. */
import { Option, type Command } from "commander";
import { examples, type Action } from "./help.js";

export function addListCommand(program: Command, action: Action): void {
  program
    .command("list")
    .alias("ls")
    .description("list tickets, most recent activity first (reads every match, then sorts); --sort none streams them in the vendor's order as pages arrive, the default for --all with --json, --ndjson or --csv")
    .addOption(new Option("--status <list>", "only these statuses, comma-separated: new,open,pending,on_hold,resolved,closed"))
    .option("--priority <list>", "only these priorities, comma-separated: low,normal,high,urgent")
    .option("--assignee <id>", "only tickets assigned to this agent")
    .option("--team <id>", "only tickets of this team / department / group")
    .option("--requester <id>", "only tickets of this customer / contact")
    .option("--tag <tag>", "only tickets with this tag (its name, or its id)")
    .option("--query <text>", "free-text search")
    .option("--channel <channel>", "only tickets from this channel")
    .option("--category <id>", "only tickets of this category (Sobot)")
    .option("--since <when>", "created since: a span (15m, 24h, 7d, 2w) or ISO-8601 (2026-01-31, 2026-01-31T10:00:00Z)")
    .option("--until <when>", "created before: same forms as --since")
    .option("--updated-since <when>", "updated since: same forms as --since")
    .option("-L, --limit <n>", "print the first N of the sorted list (default: 30; not with --all)")
    .option("--all", "every matching ticket (no limit)")
    .option("--fail-on-empty", "exit 1 when no ticket matches (CI checks); the output stays valid")
    .option("--sort <key>", "order by last activity (updated, the default), by creation (created), newest first, or none: the vendor's order, streamed as pages arrive (the default for --all with --json, --ndjson or --csv)")
    .option("--reverse", "oldest first")
    .option("--checkpoint <name>", "with --since @last: list what changed since this checkpoint's last successful run, then advance it (see ticket checkpoint)")
    .option("--all-profiles", "query every configured profile at once; rows get a profile column (also: -p a,b)")
    .addHelpText(
      "after",
      examples(
        "ticket list",
        "ticket list --status new,open --priority urgent",
        "ticket list --since 90d --all --json > tickets.json",
        "ticket list --fields id,subject --csv",
        "ticket list --status open --fields id,subject | cut -f1   # piped: tab-separated, no header, ISO dates",
        "ticket list --status new --since 24h --fail-on-empty --json > new.json",
        "ticket list --sort created --reverse --since 7d",
        "ticket list --since @last --checkpoint hourly --ndjson   # cron: each change once",
        "ticket -p work,home list --status open   # fan-out: rows tagged with their profile",
      ),
    )
    .action(action("list"));
}

export function addCheckpointCommands(program: Command, action: Action): void {
  const checkpoint = program.command("checkpoint").description("the high-water marks of `ticket list --since @last --checkpoint NAME` (per profile)");
  checkpoint.addHelpText("after", examples("ticket checkpoint list", "ticket checkpoint show hourly", "ticket checkpoint reset hourly"));
  checkpoint.command("list").alias("ls").description("list checkpoints (every profile's; -p narrows)").action(action("checkpoint-list"));
  checkpoint.command("show").description("show one checkpoint").argument("<name>", "checkpoint").action(action("checkpoint-show"));
  checkpoint.command("reset").description("forget a checkpoint: the next run lists from the start again").argument("<name>", "checkpoint").action(action("checkpoint-reset"));
}
