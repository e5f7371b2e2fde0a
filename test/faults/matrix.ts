/**
 * The fault matrix of one vendor: every scenario (scenarios.ts) is one test that starts a fresh
 * simulator behind a fresh fault proxy, runs the built binary once, and checks the run
 * (checks.ts). Runs go a few at a time (2-core machines); the summary is written at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import { Pool, spawnTicket, VendorRig } from "../helpers/faults.js";
import { checkRun, invocationFor, type RunReport } from "./checks.js";
import { scenariosFor } from "./scenarios.js";
import { writeSummary } from "./summary.js";

const RUNS_AT_ONCE = 4;

export function describeFaultMatrix(vendor: VendorName): void {
  const available = VENDOR_DESCRIPTORS[vendor].available && VENDOR_DESCRIPTORS[vendor].loadSimulator !== undefined;
  describe.runIf(available).concurrent(`${vendor} through the fault proxy`, () => {
    const reports: RunReport[] = [];
    const pool = new Pool(RUNS_AT_ONCE);
    let rig: VendorRig;
    let serial = 0;

    beforeAll(async () => {
      rig = await VendorRig.create(vendor);
    }, 60_000);
    afterAll(() => {
      writeSummary(vendor, reports);
      rig?.dispose();
    });

    for (const s of scenariosFor(vendor)) {
      it(s.id, async () => {
        const report = await pool.run(async () => {
          const run = await rig.start(s.spec, s.login ? rig.profiles.login : undefined);
          try {
            const inv = invocationFor(s, run, `${vendor}-${(serial += 1)}-${Date.now().toString(36)}`);
            const result = await spawnTicket(inv.args, { env: run.env });
            // The client's socket closing reaches the proxy a moment after the process ends: an
            // answer it abandoned reads "pending" until then, not "client-gone".
            for (let waited = 0; waited < 1_000 && run.proxy.exchanges.some((e) => e.ending === "pending"); waited += 20) await new Promise((r) => setTimeout(r, 20));
            return checkRun(s, run, inv, result);
          } finally {
            await run.close();
          }
        });
        reports.push(report);
        expect(report.violations, `${vendor} ${s.id} [${s.spec}]: exit ${report.code}, stderr ${JSON.stringify(report.stderr.slice(0, 300))}`).toEqual([]);
      }, 120_000);
    }
  });
}
