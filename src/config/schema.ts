/**
 * The config file, validated with zod (DESIGN.md section 6). Secrets are references or 0600-stored
 * values. A run reads the file without zod when it passes the plain check of src/config/check.ts
 * (issue 12: start-up); these schemas are loaded to name the problem when it does not, and for writes.
 */
import * as z from "zod";
import { VENDORS } from "../model/enums.js";
import { ENV_VAR_NAME, PROFILE_NAME } from "./names.js";

export { DEMO_PROFILE, ENV_VAR_NAME, PROFILE_NAME } from "./names.js";

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
