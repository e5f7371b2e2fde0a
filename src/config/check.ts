/**
 * The config file checked without zod (issue 12 item 1: `ticket list` should not pay for zod's
 * schemas at start-up). It accepts only what ConfigFileSchema (./schema.ts) accepts, and returns
 * what that schema would: the same keys in the same order, defaults filled in. Anything it is not
 * sure of (a wrong type, an unknown key, a URL with spaces around it) is left to the schema, which
 * names the problem as before: `undefined` means "ask zod".
 */
import { VENDORS } from "../model/enums.js";
import type { ConfigFile, SecretRef, StoredProfile } from "./schema.js";
import { ENV_VAR_NAME, PROFILE_NAME } from "./names.js";

type Plain = Record<string, unknown>;

const PROFILE_KEYS = new Set(["vendor", "baseUrl", "settings", "secrets", "readOnly"]);

const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);
/** A key zod copies with a plain assignment would change the prototype instead: leave those to zod. */
const safeKeys = (o: Plain) => {
  const keys = Object.keys(o);
  return keys.includes("__proto__") ? undefined : keys;
};

/** z.string().url() then the refine: zod trims and drops tabs and newlines, so only a clean http(s) URL passes here. */
function isHttpUrl(v: unknown): v is string {
  return typeof v === "string" && v === v.trim() && !/[\t\n\r]/.test(v) && /^https?:\/\//.test(v) && URL.canParse(v);
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (v === undefined) return {};
  if (!isPlain(v)) return undefined;
  const keys = safeKeys(v);
  if (!keys) return undefined;
  const out: Record<string, string> = {};
  for (const k of keys) {
    if (typeof v[k] !== "string") return undefined;
    out[k] = v[k];
  }
  return out;
}

function secretRef(v: unknown): SecretRef | undefined {
  if (!isPlain(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  if (keys[0] === "env" && typeof v["env"] === "string" && ENV_VAR_NAME.test(v["env"])) return { env: v["env"] };
  if (keys[0] === "value" && typeof v["value"] === "string" && v["value"].length > 0) return { value: v["value"] };
  return undefined;
}

function profile(v: unknown): StoredProfile | undefined {
  if (!isPlain(v) || Object.keys(v).some((k) => !PROFILE_KEYS.has(k))) return undefined;
  const { vendor, baseUrl, readOnly } = v;
  if (typeof vendor !== "string" || !(VENDORS as readonly string[]).includes(vendor) || !isHttpUrl(baseUrl)) return undefined;
  if (readOnly !== undefined && typeof readOnly !== "boolean") return undefined;
  const settings = stringRecord(v["settings"]);
  if (!settings) return undefined;
  const secrets: Record<string, SecretRef> = {};
  if (v["secrets"] !== undefined) {
    if (!isPlain(v["secrets"])) return undefined;
    const keys = safeKeys(v["secrets"]);
    if (!keys) return undefined;
    for (const k of keys) {
      const ref = secretRef(v["secrets"][k]);
      if (!ref) return undefined;
      secrets[k] = ref;
    }
  }
  return { vendor: vendor as StoredProfile["vendor"], baseUrl, settings, secrets, ...(readOnly !== undefined ? { readOnly } : {}) };
}

/** The config as ConfigFileSchema.parse would return it, or undefined when zod should decide. */
export function quickConfig(raw: unknown): ConfigFile | undefined {
  if (!isPlain(raw)) return undefined;
  const { version, defaultProfile } = raw;
  if (version !== undefined && version !== 1) return undefined;
  if (defaultProfile !== undefined && typeof defaultProfile !== "string") return undefined;
  const profiles: Record<string, StoredProfile> = {};
  if (raw["profiles"] !== undefined) {
    if (!isPlain(raw["profiles"])) return undefined;
    for (const name of Object.keys(raw["profiles"])) {
      if (!PROFILE_NAME.test(name)) return undefined;
      const p = profile(raw["profiles"][name]);
      if (!p) return undefined;
      profiles[name] = p;
    }
  }
  return { version: 1, ...(defaultProfile !== undefined ? { defaultProfile } : {}), profiles };
}
