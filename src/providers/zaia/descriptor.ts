import type { VendorDescriptor } from "../descriptor.js";

/** Placeholder until the Zaia provider lands (issue: Zaia provider and simulator). */
export const zaia: VendorDescriptor = {
  vendor: "zaia",
  displayName: "Zaia",
  available: false,
  baseUrlExample: "https://api.endless.zaia.app",
  authSummary: "API key in the authorization header",
  secrets: [{ name: "apiKey", description: "Zaia API key", required: true, primary: true }],
  settings: [],
};
