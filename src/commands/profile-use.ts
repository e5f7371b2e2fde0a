import { ConfigError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const store = await deps.config();
  const name = args[0]!;
  if (!(await store.setDefault(name))) throw new ConfigError(`no profile named "${name}"`);
  deps.io.err(`✓ ${name} is now the default profile\n`);
}
