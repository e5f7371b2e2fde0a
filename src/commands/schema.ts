/**
 * ticket schema [NAME]: the JSON Schema of what ticket prints for machines, generated from the
 * zod models (src/model/output-schemas.ts). Without NAME, every one in one object keyed by name.
 */
import { UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { toJson } from "../render/json.js";
import { jsonSchemaOf, OUTPUT_SCHEMA_NAMES, type OutputSchemaName } from "../model/output-schemas.js";

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  const name = args[0];
  if (name !== undefined && !(OUTPUT_SCHEMA_NAMES as string[]).includes(name)) {
    throw new UsageError(`unknown schema "${name}": use ${OUTPUT_SCHEMA_NAMES.join(", ")} (or nothing for all of them)`);
  }
  const value = name
    ? jsonSchemaOf(name as OutputSchemaName)
    : Object.fromEntries(OUTPUT_SCHEMA_NAMES.map((n) => [n, jsonSchemaOf(n)]));
  deps.io.out(`${toJson(value, !deps.globals.ndjson)}\n`);
}
