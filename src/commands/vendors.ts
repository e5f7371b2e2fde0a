/** ticket vendors: the capability matrix, read from each provider's own declaration. */
import type { Deps } from "../deps.js";
import { OPERATIONS, VENDORS } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import { VENDOR_DESCRIPTORS } from "../providers/registry.js";
import { createOutput, writeRecords } from "../render/output.js";
import { toJson } from "../render/json.js";

export function vendorMatrix() {
  return VENDORS.map((v) => {
    const d = VENDOR_DESCRIPTORS[v];
    return {
      vendor: v,
      name: d.displayName,
      available: d.available,
      auth: d.authSummary,
      baseUrlExample: d.baseUrlExample,
      secrets: d.secrets.map((s) => ({ name: s.name, required: s.required, primary: Boolean(s.primary), description: s.description })),
      settings: d.settings.map((s) => ({ name: s.name, required: s.required, description: s.description, ...(s.default ? { default: s.default } : {}) })),
      listFilters: d.listFilters ?? [],
      capabilities: d.available && d.capabilities ? d.capabilities : null,
    };
  });
}

export async function run(_input: CommandInput, deps: Deps): Promise<void> {
  const matrix = vendorMatrix();
  const out = createOutput(deps.io, deps.globals, deps.now());
  if (out.format === "json") {
    deps.io.out(`${toJson(matrix, true)}\n`);
    return;
  }
  // One row per verb, one column per vendor: "yes", "no", or "not yet available".
  const rows = OPERATIONS.map((op) => {
    const row: Record<string, unknown> = { verb: op };
    for (const m of matrix) row[m.vendor] = m.capabilities === null ? "not yet available" : m.capabilities[op].supported ? "yes" : "no";
    return row;
  });
  await writeRecords(out, rows, ["verb", ...VENDORS]);
  if (out.format === "table") {
    deps.io.out("\n");
    for (const m of matrix) {
      if (!m.capabilities) continue;
      deps.io.out(`${m.name} (${m.auth}; base URL like ${m.baseUrlExample})\n`);
      for (const op of OPERATIONS) deps.io.out(`  ${op.padEnd(9)} ${m.capabilities[op].supported ? "" : "[no] "}${m.capabilities[op].how}\n`);
      const settings = m.settings.map((s) => s.name).join(", ");
      if (settings) deps.io.out(`  settings (--set): ${settings}\n`);
      deps.io.out("\n");
    }
  }
}
