/**
 * The config file's names and patterns, without zod: the run's read path (src/config/check.ts,
 * resolve.ts) uses them without loading the schemas of src/config/schema.ts.
 */

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The built-in profile backed by the in-process Comm100 simulator. */
export const DEMO_PROFILE = "demo";
