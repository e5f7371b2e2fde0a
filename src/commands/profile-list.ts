/** ticket profile list / show / use / remove share these views. Secrets are described, never shown. */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import type { StoredProfile } from "../config/schema.js";
import { createOutput, writeRecords } from "../render/output.js";

export function describeProfile(name: string, p: StoredProfile, isDefault: boolean) {
  return {
    name,
    vendor: p.vendor,
    baseUrl: p.baseUrl,
    default: isDefault,
    readOnly: p.readOnly === true,
    settings: p.settings,
    secrets: Object.fromEntries(Object.entries(p.secrets).map(([k, ref]) => [k, "env" in ref ? `env:${ref.env}` : "stored (config file, mode 0600)"])),
  };
}

export async function run(_input: CommandInput, deps: Deps): Promise<void> {
  const store = await deps.config();
  const rows = store.names().map((n) => describeProfile(n, store.get(n)!, store.defaultProfile === n));
  const out = createOutput(deps.io, deps.globals, deps.now());
  await writeRecords(out, rows, ["name", "vendor", "baseUrl", "default", "readOnly", "settings", "secrets"], ["name", "vendor", "baseUrl", "default", "readOnly"]);
  if (rows.length === 0 && deps.io.errIsTTY) deps.io.err("No profiles yet; commands use the built-in demo. Add one with `ticket profile add`.\n");
}
