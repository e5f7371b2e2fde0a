import { rmSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const store = await deps.config();
  const name = args[0]!;
  if (!(await store.remove(name))) throw new ConfigError(`no profile named "${name}"`);
  rmSync(join(deps.paths.cacheDir, name), { recursive: true, force: true });
  deps.io.err(`✓ Removed profile ${name}\n`);
}
