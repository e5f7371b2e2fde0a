/** `ticket inbox`: the tickets that need me, across profiles (issue 13). Owned by its command module. */
import type { Command } from "commander";
import { examples, type Action } from "./help.js";

export function addInboxCommand(program: Command, action: Action): void {
  program
    .command("inbox")
    .description("the open tickets assigned to you (each profile's own agent), across profiles, most urgent first")
    .option("--team <id>", "a team's open queue instead of yours, anyone's tickets (its name or id, looked up in each profile)")
    .option("-L, --limit <n>", "print the first N (default: all)")
    .option("--all-profiles", "every configured profile (the default when -p is not given)")
    .option("--fail-on-empty", "exit 1 when nothing is waiting (CI and cron checks); the output stays valid")
    .addHelpText("after", examples("ticket inbox", "ticket -p work,home inbox --json", "ticket inbox --team Billing", "ticket inbox --fail-on-empty --json > waiting.json"))
    .action(action("inbox"));
}
