/** `ticket profile ...`: add, list, show, use, set, test, remove. */
import type { Command } from "commander";
import { collect, examples, type Action } from "./help.js";

export function addProfileCommands(program: Command, action: Action): void {
  const profile = program.command("profile").description("manage helpdesk profiles (one per account)");
  profile.addHelpText("after", examples("ticket profile add work --vendor comm100 --base-url https://api15.comm100.io/v4 --token-env COMM100_TOKEN", "ticket profile list"));
  profile
    .command("add")
    .description("add (or with --force replace) a profile; prompts for what is missing on a terminal")
    .argument("<name>", "profile name")
    .option("--vendor <vendor>", "3dolphins, comm100, sobot or zaia")
    .option("--base-url <url>", "the vendor API's base URL")
    .option("--token-env <VAR>", "read the main secret from this environment variable at run time")
    .option("--token-stdin", "read the main secret from stdin and store it in the config file (mode 0600)")
    .option("--secret-env <name=VAR>", "read another secret (e.g. password) from an environment variable (repeatable)", collect)
    .option("--secret-stdin <name>", "read this secret from stdin and store it (mode 0600)")
    .option("--set <key=value>", "a vendor setting, e.g. agentId=... (repeatable; see `ticket vendors`)", collect)
    .option("--default", "make it the default profile")
    .option("--read-only", "refuse every write verb with this profile (exit 3, nothing sent); undo with `profile set NAME readOnly=false`")
    .option("--force", "replace an existing profile of that name")
    .addHelpText("after", examples(
      "ticket profile add work --vendor comm100 --base-url https://api15.comm100.io/v4 --token-env COMM100_TOKEN --set agentId=1487fc9d-...",
      "printf %s \"$TOKEN\" | ticket profile add work --vendor comm100 --base-url https://api15.comm100.io/v4 --token-stdin",
      "ticket profile add prod --vendor comm100 --base-url https://api15.comm100.io/v4 --token-env PROD_TOKEN --read-only",
    ))
    .action(action("profile-add"));
  profile.command("list").alias("ls").description("list profiles").addHelpText("after", examples("ticket profile list --json")).action(action("profile-list"));
  profile.command("show").description("show a profile (secrets are never printed)").argument("[name]", "profile (default: the current one)").addHelpText("after", examples("ticket profile show work")).action(action("profile-show"));
  profile.command("use").description("make a profile the default").argument("<name>", "profile").addHelpText("after", examples("ticket profile use work")).action(action("profile-use"));
  profile
    .command("set")
    .description("change a profile: readOnly=true|false, baseUrl=URL, or a vendor setting (NAME=VALUE or setting.NAME=VALUE; an empty VALUE unsets it)")
    .argument("<name>", "profile")
    .argument("<key=value...>", "what to change")
    .addHelpText("after", examples("ticket profile set prod readOnly=true", "ticket profile set work baseUrl=https://api16.comm100.io/v4 agentId=1487fc9d-...", "ticket profile set work setting.channelId=Email"))
    .action(action("profile-set"));
  profile
    .command("test")
    .description("check profiles end to end with a fresh credential (no cached token): reachable, credentials accepted, one list call, latency")
    .argument("[names...]", "profiles (default: the current one)")
    .option("--all", "every configured profile")
    .addHelpText("after", examples("ticket profile test", "ticket profile test work prod --json", "ticket profile test --all   # exit by the worst class"))
    .action(action("profile-test"));
  profile.command("remove").alias("rm").description("remove a profile and its cached tokens").argument("<name>", "profile").addHelpText("after", examples("ticket profile remove old")).action(action("profile-remove"));
}
