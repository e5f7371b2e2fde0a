/** `ticket stats`: counts, flow, backlog age and response times for a window (issue 13). */
import type { Command } from "commander";
import { collect, examples, type Action } from "./help.js";

export function addStatsCommand(program: Command, action: Action): void {
  program
    .command("stats")
    .description("counts by status, priority, assignee and team; created and resolved per day; backlog age; response times")
    .option("--since <when>", "window start: a span (7d, 24h, 2w) or ISO-8601 (default 7d)")
    .option("--until <when>", "window end (default now)")
    .option("--by <dimension>", "the tables to show: status, priority, assignee, team, day, age or times (repeatable; default all)", collect)
    .option("--all-profiles", "every configured profile (also: -p a,b)")
    .addHelpText(
      "after",
      [
        "",
        "What is counted (so that it matches `ticket list`):",
        "  counts, created per day  tickets created in the window",
        "  resolved per day         tickets now resolved or closed, at resolvedAt",
        "                           (else updatedAt) in the window",
        "  backlog                  every ticket open now, by age",
        "  response times           where the vendor gives them (not Sobot)",
        "--json: {window, profiles, total, failed, definitions}",
        "--csv:  profile,dimension,key,metric,value (one table per --by)",
      ].join("\n"),
    )
    .addHelpText("after", examples("ticket stats", "ticket stats --since 30d --json", "ticket -p work,home stats --csv --by status", "ticket stats --all-profiles --since 24h"))
    .action(action("stats"));
}
