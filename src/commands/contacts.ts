/**
 * ticket contacts [--query TEXT]: customers / contacts whose name, email or phone contains TEXT
 * (src/directory: the vendor's search where documented, else the requesters of recent tickets).
 */
import type { Deps } from "../deps.js";
import { findContacts } from "../directory/index.js";
import { writeDirectory } from "../directory/output.js";
import type { CommandInput } from "../program.js";

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const query = typeof opts["query"] === "string" ? opts["query"] : undefined;
  const resolved = await deps.provider();
  await writeDirectory(deps, resolved, await findContacts(deps, resolved, query));
}
