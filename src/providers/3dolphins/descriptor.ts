import type { VendorDescriptor } from "../descriptor.js";

/** Placeholder until the 3Dolphins provider lands (issue: 3Dolphins provider and simulator). */
export const threeDolphins: VendorDescriptor = {
  vendor: "3dolphins",
  displayName: "3Dolphins",
  available: false,
  baseUrlExample: "https://host/dolphin/apiv1",
  authSummary: "bearer token, or username + password exchanged at graph/auth",
  secrets: [{ name: "token", description: "3Dolphins bearer token", required: false, primary: true }],
  settings: [],
};
