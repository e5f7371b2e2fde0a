/**
 * ticket vendors: the capability matrix, read from each provider's own declaration, with each
 * vendor's default bulk concurrency (its descriptor's, from the documented rate limit) and whether
 * `ticket api` is available (asked of the provider itself: shared/api-support.ts).
 */
import type { Deps } from "../deps.js";
import { OPERATIONS, VENDORS, type VendorName } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import { VENDOR_DESCRIPTORS } from "../providers/registry.js";
import { createOutput, writeRecords } from "../render/output.js";
import { toJson } from "../render/json.js";
import { apiAvailable } from "./shared/api-support.js";
import { DEFAULT_CONCURRENCY } from "./shared/bulk.js";

/** `api`: whether `ticket api` works for each vendor (apiAvailable); unknown (null) when not asked. */
export function vendorMatrix(api: Partial<Record<VendorName, boolean>> = {}) {
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
      /** Bulk runs: items at once unless --concurrency says, and why. */
      concurrency: { default: d.concurrency?.default ?? DEFAULT_CONCURRENCY, basis: d.concurrency?.basis ?? "no rate limit is documented; the general default" },
      api: api[v] ?? null,
    };
  });
}

export async function run(_input: CommandInput, deps: Deps): Promise<void> {
  const api = Object.fromEntries(await Promise.all(VENDORS.map(async (v) => [v, await apiAvailable(v)] as const)));
  const matrix = vendorMatrix(api);
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
  // Two more rows: `ticket api` (raw passthrough), and how many tickets a bulk run handles at once.
  const apiRow: Record<string, unknown> = { verb: "api" };
  const bulkRow: Record<string, unknown> = { verb: "concurrency" };
  for (const m of matrix) {
    apiRow[m.vendor] = m.capabilities === null ? "not yet available" : m.api ? "yes" : "no";
    bulkRow[m.vendor] = String(m.concurrency.default);
  }
  rows.push(apiRow, bulkRow);
  await writeRecords(out, rows, ["verb", ...VENDORS]);
  if (out.format === "table") {
    deps.io.out("\n");
    for (const m of matrix) {
      if (!m.capabilities) continue;
      deps.io.out(`${m.name} (${m.auth}; base URL like ${m.baseUrlExample})\n`);
      for (const op of OPERATIONS) deps.io.out(`  ${op.padEnd(9)} ${m.capabilities[op].supported ? "" : "[no] "}${m.capabilities[op].how}\n`);
      deps.io.out(`  api       ${m.api ? "ticket api METHOD PATH: paths relative to the profile's base URL" : "[no] ticket api is not available for this vendor in this version"}\n`);
      deps.io.out(`  bulk      ${m.concurrency.default} at once by default (--concurrency): ${m.concurrency.basis}\n`);
      const settings = m.settings.map((s) => s.name).join(", ");
      if (settings) deps.io.out(`  settings (--set): ${settings}\n`);
      deps.io.out("\n");
    }
  }
}
