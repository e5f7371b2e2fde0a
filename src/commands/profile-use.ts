/**
 * ticket profile use NAME: make NAME the default profile. `demo` is the built-in demo (no stored
 * profile of that name can exist: profile add refuses it), chosen on purpose: commands then use it
 * without the "using the built-in demo" notice (src/config/resolve.ts), until another
 * `profile use`.
 */
import { ConfigError } from "../errors.js";
import type { Deps } from "../deps.js";
import { DEMO_PROFILE } from "../config/schema.js";
import type { CommandInput } from "../program.js";
import { success } from "../render/status-line.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const store = await deps.config();
  const name = args[0]!;
  if (!(await store.setDefault(name))) {
    const names = store.names();
    throw new ConfigError(`no profile named "${name}" (profiles: ${[...names, `${DEMO_PROFILE} (built in)`].join(", ")})`);
  }
  success(deps.io, name === DEMO_PROFILE ? `${name} (the built-in demo) is now the default profile` : `${name} is now the default profile`);
}
