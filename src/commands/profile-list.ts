/** ticket profile list / show / use / remove share these views. Secrets are described, never shown. */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import type { StoredProfile } from "../config/schema.js";
import { createOutput, writeRecords } from "../render/output.js";
import { DEMO_PROFILE } from "../config/schema.js";

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
  // For people only (stderr on a terminal, never in JSON/CSV modes): `--json` prints `[]` and nothing else.
  if (out.format !== "table" || !deps.io.errIsTTY) return;
  if (rows.length === 0) {
    deps.io.err(
      store.defaultProfile === DEMO_PROFILE
        ? "No profiles yet; the built-in demo is the default (`ticket profile use demo`).\n"
        : "No profiles yet; commands use the built-in demo.\n",
    );
    deps.io.err("Add one with `ticket profile add NAME` (it asks for the rest), or in one line:\n");
    deps.io.err("  ticket profile add NAME --vendor 3dolphins|comm100|sobot|zaia --base-url URL --token-env VAR\n");
  } else if (store.defaultProfile === DEMO_PROFILE) {
    deps.io.err("The default is the built-in demo (`ticket profile use NAME` to change it).\n");
  }
}
