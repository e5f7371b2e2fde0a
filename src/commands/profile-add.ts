/**
 * ticket profile add NAME: works with no prompts from flags (scripts), and prompts for what is
 * missing on a terminal (issue 11 item 6): the vendor, the base URL, every required setting and
 * every setting a later verb reads (shared/vendor-needs.ts; Enter skips those), and the
 * credential. An empty or invalid answer is asked again in place, so earlier answers are never
 * lost; at the end it offers to test the profile (`ticket profile test`, shared/profile-check.ts).
 * Secrets: --token-env VAR (a reference), --token-stdin (stored, 0600).
 */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import { isVendor, VENDORS } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import type { SettingSpec, VendorDescriptor } from "../providers/descriptor.js";
import { descriptorFor } from "../providers/registry.js";
import { canAsk } from "./shared/pick.js";
import { DEMO_PROFILE, ENV_VAR_NAME, PROFILE_NAME, type SecretRef, type StoredProfile } from "../config/schema.js";
import type { Prompter } from "../prompter.js";
import { sanitize } from "../render/sanitize.js";
import { parseKeyValues, str, strs } from "./shared/parse.js";
import { checkProfile } from "./shared/profile-check.js";
import { SETTING_NEEDS } from "./shared/vendor-needs.js";
import { success } from "../render/status-line.js";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const name = args[0]!;
  if (!PROFILE_NAME.test(name)) throw new UsageError(`invalid profile name "${name}": use letters, digits, ".", "_" or "-"`);
  if (name === DEMO_PROFILE) throw new UsageError(`"${DEMO_PROFILE}" is the built-in demo profile; choose another name`);
  const prompter = canAsk(deps) ? await deps.prompter() : undefined;

  let vendor = str(opts["vendor"]);
  if (vendor === undefined && prompter) vendor = await prompter.select("Vendor", VENDORS.map((v) => ({ name: descriptorFor(v).displayName, value: v })));
  if (vendor === undefined) throw new UsageError("--vendor is required (3dolphins, comm100, sobot or zaia)");
  if (!isVendor(vendor)) throw new UsageError(`unknown vendor "${vendor}": use ${VENDORS.join(", ")}`);
  const d = descriptorFor(vendor);

  let baseUrl = str(opts["baseUrl"]);
  if (baseUrl === undefined && prompter) {
    baseUrl = (await prompter.input(`Base URL (like ${d.baseUrlExample})`, { validate: (v) => baseUrlProblem(v.trim(), "the base URL") ?? true })).trim();
  }
  if (!baseUrl) throw new UsageError(`--base-url is required (like ${d.baseUrlExample})`);
  const url = checkBaseUrl(baseUrl, "--base-url", deps);

  // Settings
  const settings = parseKeyValues(strs(opts["set"]), "--set");
  for (const [key, value] of Object.entries(settings)) checkSetting(d, key, value);
  for (const spec of d.settings) {
    if (settings[spec.name] !== undefined) continue;
    if (spec.default !== undefined) settings[spec.name] = spec.default;
    else if (spec.required && prompter) settings[spec.name] = await askSetting(prompter, spec, undefined);
    else if (spec.required) throw new UsageError(`${d.displayName} needs --set ${spec.name}=... (${spec.description})`);
  }
  // Settings the descriptor calls optional that a later verb cannot do without: asked, Enter skips.
  for (const need of prompter ? SETTING_NEEDS[vendor] : []) {
    const spec = d.settings.find((s) => s.name === need.name);
    if (!spec || settings[need.name] !== undefined) continue;
    const value = await askSetting(prompter!, spec, need.neededBy);
    if (value) settings[need.name] = value;
  }

  // Secrets
  const secrets: Record<string, SecretRef> = {};
  const primary = d.secrets.find((s) => s.primary) ?? d.secrets[0]!;
  const envRef = (spec: string, flag: string): SecretRef => {
    if (!ENV_VAR_NAME.test(spec)) throw new UsageError(`${flag} takes an environment variable name, not "${spec}"`);
    return { env: spec };
  };
  const tokenEnv = str(opts["tokenEnv"]);
  if (tokenEnv !== undefined && opts["tokenStdin"]) throw new UsageError("use --token-env or --token-stdin, not both");
  if (tokenEnv !== undefined) secrets[primary.name] = envRef(tokenEnv, "--token-env");
  for (const [key, variable] of Object.entries(parseKeyValues(strs(opts["secretEnv"]), "--secret-env"))) {
    if (!d.secrets.some((s) => s.name === key)) throw new UsageError(`${d.displayName} has no secret "${key}"; secrets: ${d.secrets.map((s) => s.name).join(", ")}`);
    secrets[key] = envRef(variable, "--secret-env");
  }
  const stdinSecret = opts["tokenStdin"] ? primary.name : str(opts["secretStdin"]);
  if (opts["tokenStdin"] && opts["secretStdin"]) throw new UsageError("stdin can carry one secret: use --token-stdin or --secret-stdin");
  if (stdinSecret !== undefined) {
    if (!d.secrets.some((s) => s.name === stdinSecret)) throw new UsageError(`${d.displayName} has no secret "${stdinSecret}"`);
    const value = (await deps.readStdin()).replace(/\r?\n$/, "");
    if (!value) throw new UsageError("no secret arrived on stdin");
    deps.redactor.add(value);
    secrets[stdinSecret] = { value };
  }
  if (Object.keys(secrets).length === 0) {
    if (prompter) {
      const value = await prompter.password(`${primary.name} (${primary.description}); stored in the config file, mode 0600`, {
        validate: (v) => (v ? true : `required: type the ${primary.name} (Ctrl-C to stop)`),
      });
      if (value) {
        deps.redactor.add(value);
        secrets[primary.name] = { value };
      }
    }
    if (Object.keys(secrets).length === 0) {
      throw new UsageError(`a credential is required: --token-env VAR or --token-stdin (the ${d.displayName} ${primary.name})`);
    }
  }

  const store = await deps.config();
  const existed = store.get(name) !== undefined;
  if (existed && !opts["force"]) throw new UsageError(`profile "${name}" exists; add --force to replace it`);
  const profile: StoredProfile = { vendor, baseUrl: storedBaseUrl(url), settings, secrets, ...(opts["readOnly"] ? { readOnly: true } : {}) };
  // Checked again under the config lock: another process may have added it meanwhile.
  const saved = await store.save(name, profile, { makeDefault: Boolean(opts["default"]), replace: Boolean(opts["force"]) });
  if (!saved) throw new UsageError(`profile "${name}" exists; add --force to replace it`);
  if (!d.available) deps.io.err(`ticket: warning: ${d.displayName} support is not available in this version yet\n`);
  success(deps.io, `${existed ? "Replaced" : "Added"} profile ${name} (${d.displayName})${store.defaultProfile === name ? ", the default" : ""}${profile.readOnly ? ", read-only" : ""}`);
  if (prompter && d.available && (await prompter.confirm(`Test profile ${name} now (one list call)?`, true))) await testNow(deps, name, profile);
}

/** A setting asked until the answer is usable: required ones until not empty, `neededBy` ones may be skipped with Enter. */
async function askSetting(prompter: Prompter, spec: SettingSpec, neededBy: string | undefined): Promise<string> {
  const choices = spec.choices ? ` (${spec.choices.join(", ")})` : "";
  const message = neededBy ? `${spec.name} (Enter to skip): ${spec.description}${choices}. ${neededBy}` : `${spec.name}: ${spec.description}${choices}`;
  const answer = await prompter.input(message, {
    validate: (v) => {
      const value = v.trim();
      if (!value) return neededBy ? true : `required: type the ${spec.name} (Ctrl-C to stop)`;
      return spec.choices && !spec.choices.includes(value) ? `${spec.name} takes ${spec.choices.join(", ")}` : true;
    },
  });
  return answer.trim();
}

/** `ticket profile test` for the new profile: one line saying whether it works. The profile stays saved either way. */
async function testNow(deps: Deps, name: string, stored: StoredProfile): Promise<void> {
  const check = await checkProfile(deps, name, stored);
  if (check.ok) {
    success(deps.io, `Profile ${name} works: ${check.ms} ms for one list call`);
    return;
  }
  deps.io.err(`ticket: profile ${name} was saved, but its test failed (${check.error?.code ?? "failed"}): ${sanitize(check.error?.message ?? "")}\n`);
  deps.io.err(`  change it with: ticket profile set ${name} KEY=VALUE, or add it again with --force\n`);
}

/** An http(s) URL without credentials; a warning on stderr for plain http off the loopback. */
export function checkBaseUrl(baseUrl: string, flag: string, deps: Deps): URL {
  const problem = baseUrlProblem(baseUrl, flag);
  if (problem) throw new UsageError(problem);
  const url = new URL(baseUrl);
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    deps.io.err(`ticket: warning: ${url.origin} is plain http: credentials would travel unencrypted\n`);
  }
  return url;
}

/** Why `baseUrl` cannot be a profile's base URL, or null when it can. */
export function baseUrlProblem(baseUrl: string, flag: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
  } catch {
    return `${flag} must be an http(s) URL, not "${baseUrl}"`;
  }
  if (url.username || url.password) return `${flag} must not contain credentials; use --token-env or --token-stdin`;
  return null;
}

export const storedBaseUrl = (url: URL): string => url.toString().replace(/\/+$/, "");

/** A setting the vendor declares (src/providers/<vendor>/descriptor.ts), with one of its values. */
export function checkSetting(d: VendorDescriptor, key: string, value: string): SettingSpec {
  const spec = d.settings.find((s) => s.name === key);
  if (!spec) throw new UsageError(`${d.displayName} has no setting "${key}"; settings: ${d.settings.map((s) => s.name).join(", ") || "none"}`);
  if (spec.choices && !spec.choices.includes(value)) throw new UsageError(`${key} takes ${spec.choices.join(", ")}, not "${value}"`);
  return spec;
}
