/** `ticket stats`: counts, flow, backlog age and response times for a window (issue 13). */
import type { Command } from "commander";
import { collect, examples, type Action } from "./help.js";

export function addStatsCommand(program: Command, action: Action): void {
  program
    .command("stats")
    .description("counts by status, priority, assignee and team; created and resolved per day; backlog age; response times")
    .option("--since <when>", "window start: a span (7d, 24h, 2w) or ISO-8601 (default 7d)")
    .option("--until <when>", "window end (default now)")
    .option("--by <dimension>", "with --csv: status, priority, assignee, team, day, age or times (repeatable; default all)", collect)
    .option("--all-profiles", "every configured profile (also: -p a,b)")
    .addHelpText("after", examples("ticket stats", "ticket stats --since 30d --json", "ticket -p work,home stats --csv --by status", "ticket stats --all-profiles --since 24h"))
    .action(action("stats"));
}
