/** ticket agents: the profile's agents (src/directory: the vendor's directory, else recent tickets; cached briefly). */
import type { Deps } from "../deps.js";
import { loadDirectory } from "../directory/index.js";
import { writeDirectory } from "../directory/output.js";
import type { CommandInput } from "../program.js";

export async function run(_input: CommandInput, deps: Deps): Promise<void> {
  const resolved = await deps.provider();
  await writeDirectory(deps, resolved, await loadDirectory(deps, resolved, "agent"));
}
