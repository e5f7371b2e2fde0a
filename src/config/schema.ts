/** The config file, validated with zod (DESIGN.md section 6). Secrets are references or 0600-stored values. */
import { z } from "zod";
import { VENDORS } from "../model/enums.js";

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The built-in profile backed by the in-process Comm100 simulator. */
export const DEMO_PROFILE = "demo";

export const SecretRefSchema = z.union([
  z.object({ env: z.string().regex(ENV_VAR_NAME, "an environment variable name") }).strict(),
  z.object({ value: z.string().min(1) }).strict(),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;

/**
 * Strict: a key this version does not know is an error (exit 3 naming it), never dropped. A
 * hand-written `"readonly": true` (a typo of readOnly) must not leave a protected profile writable.
 */
export const ProfileSchema = z
  .object({
    vendor: z.enum(VENDORS),
    baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), "an http(s) URL"),
    settings: z.record(z.string(), z.string()).default({}),
    secrets: z.record(z.string(), SecretRefSchema).default({}),
    /** Every write verb (and any non-GET `ticket api`) is refused with exit 3 before any request. */
    readOnly: z.boolean().optional(),
  })
  .strict();
export type StoredProfile = z.infer<typeof ProfileSchema>;

export const ConfigFileSchema = z.object({
  version: z.literal(1).default(1),
  defaultProfile: z.string().optional(),
  profiles: z
    .record(z.string().regex(PROFILE_NAME, "a profile name (letters, digits, . _ -)"), ProfileSchema)
    .default({}),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
