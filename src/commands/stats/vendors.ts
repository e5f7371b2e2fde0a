/**
 * Which vendors' list answers carry the timestamps response times are measured from (issue 13).
 * Each provider maps them in src/providers/<v>/map.ts, citing its document; this table is what
 * `ticket stats` says about them (a note on the terminal, `times: null` in JSON where a vendor
 * has none) and must agree with those mappings (test/cli/stats.test.ts checks the figures).
 */
import type { VendorName } from "../../model/enums.js";

export interface VendorTimes {
  firstResponse: boolean;
  resolution: boolean;
  /** How the vendor gives them, one phrase for the note. */
  how: string;
}

export const VENDOR_TIMES: Readonly<Record<VendorName, VendorTimes>> = {
  comm100: { firstResponse: true, resolution: true, how: "firstResponseTimeSpan (unit guessed: seconds) and resolvedTime" },
  "3dolphins": { firstResponse: true, resolution: true, how: "responseTime (seconds) and closedDate" },
  zaia: { firstResponse: true, resolution: true, how: "ongoingAt (taken as the first answer) and completedAt" },
  sobot: { firstResponse: false, resolution: false, how: "none: its ticket lists carry no response or resolution time" },
};

export const VENDOR_LABEL: Readonly<Record<VendorName, string>> = { comm100: "Comm100", "3dolphins": "3Dolphins", zaia: "Zaia", sobot: "Sobot" };
