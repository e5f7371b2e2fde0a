/** ticket completion SHELL: prints the checked-in script for that shell. */
import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const shell = args[0]!;
  if (!["bash", "zsh", "fish"].includes(shell)) throw new UsageError(`completion supports bash, zsh and fish, not "${shell}"`);
  deps.io.out(readFileSync(new URL(`../../completions/ticket.${shell}`, import.meta.url), "utf8"));
}
