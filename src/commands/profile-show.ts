import { ConfigError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput } from "../render/output.js";
import { toJson } from "../render/json.js";
import { sanitize } from "../render/sanitize.js";
import { describeProfile } from "./profile-list.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const store = await deps.config();
  const name = args[0] ?? deps.globals.profile ?? (deps.env["TICKET_PROFILE"] || store.defaultProfile);
  const p = name ? store.get(name) : undefined;
  if (!name || !p) throw new ConfigError(name ? `no profile named "${name}"` : "no profile configured; add one with `ticket profile add`");
  const view = describeProfile(name, p, store.defaultProfile === name);
  const out = createOutput(deps.io, deps.globals, deps.now());
  if (out.format !== "table") {
    deps.io.out(`${toJson(view, true)}\n`);
    return;
  }
  const lines = [`${view.name}${view.default ? " (default)" : ""}`, `  vendor    ${view.vendor}`, `  base URL  ${view.baseUrl}`, `  read-only ${view.readOnly ? "yes: write verbs are refused" : "no"}`];
  for (const [k, v] of Object.entries(view.settings)) lines.push(`  ${k.padEnd(9)} ${v}`);
  for (const [k, v] of Object.entries(view.secrets)) lines.push(`  ${k.padEnd(9)} ${v}`);
  deps.io.out(`${sanitize(lines.join("\n"), { multiline: true })}\n`);
}
