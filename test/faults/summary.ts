/**
 * The figures the lead quotes (issue 8 "Done when"): faults × vendors tried, runs that ended
 * cleanly, stack traces, writes received twice, writes that landed but were reported unsent,
 * secrets in any output, runs past their time bound. Each vendor file writes its own part to
 * $TMPDIR/ticket-faults/<vendor>.json (every run, failing or not, in <vendor>-runs.json) and prints
 * the totals of every part written in the last hour.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VendorName } from "../../src/model/enums.js";
import type { RunReport } from "./checks.js";

export const SUMMARY_DIR = join(tmpdir(), "ticket-faults");

export interface Summary {
  vendor: string;
  finishedAt: string;
  faults: number;
  runs: number;
  clean: number;
  stackTraces: number;
  writesReceivedTwice: number;
  landedReportedUnsent: number;
  secretLeaks: number;
  pastTimeBound: number;
}

export function summarize(vendor: string, reports: readonly RunReport[]): Summary {
  const count = (p: (r: RunReport) => boolean) => reports.filter(p).length;
  return {
    vendor,
    finishedAt: new Date().toISOString(),
    faults: new Set(reports.map((r) => r.fault)).size,
    runs: reports.length,
    clean: count((r) => r.violations.length === 0),
    stackTraces: count((r) => r.stackTrace),
    writesReceivedTwice: count((r) => r.sentTwice),
    landedReportedUnsent: count((r) => r.reportedUnsent),
    secretLeaks: count((r) => r.secretLeaks.length > 0),
    pastTimeBound: count((r) => r.pastBound),
  };
}

function total(parts: Summary[]): Summary {
  const sum = (k: keyof Summary) => parts.reduce((n, p) => n + (p[k] as number), 0);
  return {
    vendor: parts.map((p) => p.vendor).join("+"),
    finishedAt: new Date().toISOString(),
    faults: sum("faults"),
    runs: sum("runs"),
    clean: sum("clean"),
    stackTraces: sum("stackTraces"),
    writesReceivedTwice: sum("writesReceivedTwice"),
    landedReportedUnsent: sum("landedReportedUnsent"),
    secretLeaks: sum("secretLeaks"),
    pastTimeBound: sum("pastTimeBound"),
  };
}

const line = (s: Summary) =>
  `${s.vendor}: ${s.faults} faults, ${s.runs} runs, ${s.clean} clean; stack traces ${s.stackTraces}, writes received twice ${s.writesReceivedTwice}, ` +
  `landed but reported unsent ${s.landedReportedUnsent}, secrets in output ${s.secretLeaks}, past time bound ${s.pastTimeBound}`;

export function writeSummary(vendor: VendorName, reports: readonly RunReport[]): void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const mine = summarize(vendor, reports);
  writeFileSync(join(SUMMARY_DIR, `${vendor}.json`), `${JSON.stringify(mine, null, 2)}\n`);
  const failing = reports.filter((r) => r.violations.length > 0).sort((a, b) => a.id.localeCompare(b.id));
  const byId = [...reports].sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(join(SUMMARY_DIR, `${vendor}-runs.json`), `${JSON.stringify(byId, null, 2)}\n`);

  const hourAgo = Date.now() - 3_600_000;
  const parts = readdirSync(SUMMARY_DIR)
    .filter((f) => /^[a-z0-9]+\.json$/.test(f))
    .map((f) => join(SUMMARY_DIR, f))
    .filter((f) => existsSync(f) && statSync(f).mtimeMs > hourAgo)
    .map((f) => JSON.parse(readFileSync(f, "utf8")) as Summary)
    .sort((a, b) => a.vendor.localeCompare(b.vendor));
  const all = total(parts);
  console.log(
    [
      `fault suite, ${line(mine)}`,
      `fault suite, all vendors so far (${SUMMARY_DIR}): ${line(all)}; faults × vendors tried: ${all.faults}`,
      ...failing.slice(0, 200).map((r) => `  ✗ ${vendor} ${r.id} [${r.spec}] exit ${r.code} ${r.elapsedMs}ms: ${r.violations.join("; ")}`),
    ].join("\n"),
  );
}
