import type { VendorDescriptor } from "../descriptor.js";

/** Placeholder until the Sobot provider lands (issue: Sobot provider and simulator). */
export const sobot: VendorDescriptor = {
  vendor: "sobot",
  displayName: "Sobot",
  available: false,
  baseUrlExample: "https://sg.sobot.io",
  authSummary: "appid + app_key (token derived with md5, cached)",
  secrets: [{ name: "app_key", description: "Sobot app_key", required: true, primary: true }],
  settings: [],
};
