/**
 * ticket profile remove NAME: the profile, its stored secrets and its cached tokens. On a
 * terminal the person sees what goes and confirms (`--yes` skips it); elsewhere it proceeds.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { isVendor } from "../model/enums.js";
import { descriptorFor } from "../providers/registry.js";
import { sanitize } from "../render/sanitize.js";
import { confirmChange } from "./shared/confirm.js";
import { success } from "../render/status-line.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const store = await deps.config();
  const name = args[0]!;
  const stored = store.get(name);
  if (!stored) throw new ConfigError(`no profile named "${name}"`);
  await confirmChange(deps, {
    question: `Remove profile ${name}?`,
    lines: () => {
      const vendor = isVendor(stored.vendor) ? descriptorFor(stored.vendor).displayName : stored.vendor;
      const stores = Object.values(stored.secrets ?? {}).some((s) => "value" in s);
      return [
        `Profile ${name}: ${vendor} at ${sanitize(stored.baseUrl)}${store.defaultProfile === name ? " (the default)" : ""}`,
        `  goes with its cached tokens${stores ? " and the secrets stored in the config file" : ""}; this cannot be undone (add it again with ticket profile add)`,
      ];
    },
  });
  if (!(await store.remove(name))) throw new ConfigError(`no profile named "${name}"`);
  rmSync(join(deps.paths.cacheDir, name), { recursive: true, force: true });
  success(deps.io, `Removed profile ${name}`);
}
