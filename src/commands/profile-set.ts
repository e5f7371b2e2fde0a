/**
 * ticket profile set NAME KEY=VALUE...: change a stored profile without re-adding it (and so
 * without touching its secrets). Keys: readOnly (true|false), baseUrl, and the vendor's settings
 * (src/providers/<vendor>/descriptor.ts), as NAME=VALUE or setting.NAME=VALUE; an empty VALUE
 * unsets a setting (back to the vendor's default where it has one). Anything else is exit 2,
 * before anything is written. The change is made under the config lock (ProfileStore.modify).
 */
import { ConfigError, UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { descriptorFor } from "../providers/registry.js";
import { toJson } from "../render/json.js";
import { createOutput } from "../render/output.js";
import { sanitize } from "../render/sanitize.js";
import { checkBaseUrl, checkSetting, storedBaseUrl } from "./profile-add.js";
import { describeProfile } from "./profile-list.js";
import { success } from "../render/status-line.js";

type Change =
  | { kind: "readOnly"; value: boolean }
  | { kind: "baseUrl"; value: string }
  | { kind: "setting"; key: string; value: string | undefined };

const READ_ONLY_KEYS = new Set(["readOnly", "read-only", "readonly"]);
const BASE_URL_KEYS = new Set(["baseUrl", "base-url", "baseurl"]);

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const [name, ...items] = args as [string, ...string[]];
  if (items.length === 0) throw new UsageError("profile set takes at least one KEY=VALUE (readOnly=true|false, baseUrl=URL, or a vendor setting)");
  const out = createOutput(deps.io, deps.globals, deps.now()); // a format conflict is refused before anything changes
  const store = await deps.config();
  const stored = store.get(name);
  if (!stored) {
    const names = store.names();
    throw new ConfigError(`no profile named "${name}"${names.length ? ` (profiles: ${names.join(", ")})` : ""}`);
  }
  const d = descriptorFor(stored.vendor);
  const settingNames = d.settings.map((s) => s.name);
  const accepted = `readOnly=true|false, baseUrl=URL, or a ${d.displayName} setting (${settingNames.join(", ") || "none"}) as NAME=VALUE or setting.NAME=VALUE`;

  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`profile set takes KEY=VALUE, not "${item}": ${accepted}`);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1);
    let change: Change;
    if (READ_ONLY_KEYS.has(key)) {
      if (value !== "true" && value !== "false") throw new UsageError(`readOnly takes true or false, not "${value}"`);
      change = { kind: "readOnly", value: value === "true" };
    } else if (BASE_URL_KEYS.has(key)) {
      if (!value) throw new UsageError("baseUrl cannot be empty");
      change = { kind: "baseUrl", value: storedBaseUrl(checkBaseUrl(value, "baseUrl", deps)) };
    } else {
      const setting = key.startsWith("setting.") ? key.slice("setting.".length) : key;
      if (!settingNames.includes(setting)) {
        const what = key.startsWith("setting.") ? `${d.displayName} has no setting "${setting}"` : `unknown key "${key}"`;
        throw new UsageError(`${what}; profile set takes ${accepted}`);
      }
      if (value === "") {
        const spec = d.settings.find((s) => s.name === setting)!;
        if (spec.required) throw new UsageError(`${setting} is required by ${d.displayName} and cannot be unset`);
        change = { kind: "setting", key: setting, value: spec.default };
      } else {
        checkSetting(d, setting, value);
        change = { kind: "setting", key: setting, value };
      }
    }
    const id = change.kind === "setting" ? `setting.${change.key}` : change.kind;
    if (seen.has(id)) throw new UsageError(`${id} is given twice`);
    seen.add(id);
    changes.push(change);
  }

  const updated = await store.modify(name, (p) => {
    // Checked against this vendor's settings; replaced meanwhile by another vendor's profile: stop.
    if (p.vendor !== stored.vendor) throw new ConfigError(`profile "${name}" was replaced meanwhile (now ${descriptorFor(p.vendor).displayName}); nothing was changed`);
    for (const c of changes) {
      if (c.kind === "readOnly") {
        if (c.value) p.readOnly = true;
        else delete p.readOnly;
      } else if (c.kind === "baseUrl") p.baseUrl = c.value;
      else if (c.value === undefined) delete p.settings[c.key];
      else p.settings[c.key] = c.value;
    }
    return p;
  });
  if (!updated) throw new ConfigError(`no profile named "${name}" (it was removed meanwhile)`);

  if (out.format === "json" || out.format === "ndjson") deps.io.out(`${toJson(describeProfile(name, updated, store.defaultProfile === name), out.format === "json")}\n`);
  const said = changes.map((c) =>
    c.kind === "readOnly" ? `read-only ${c.value ? "on" : "off"}` : c.kind === "baseUrl" ? `base URL ${c.value}` : c.value === undefined ? `${c.key} unset` : `${c.key}=${c.value}`,
  );
  success(deps.io, `Profile ${name}: ${sanitize(said.join(", "))}`);
}
