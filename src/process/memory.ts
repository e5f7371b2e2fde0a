/**
 * A long walk that prints tickets as it reads them keeps no more than a page or two, but V8 sizes
 * its heap for throughput: over 10,000 tickets it grew the young generation to 16 MB semi-spaces and
 * promoted short-lived garbage, peaking at about 120 MB where the same walk fits in 80 (issue 12
 * item 2, measured on Zaia). Told to favor size, it collects young garbage early and often. V8
 * reads both flags as it collects, so they apply from here on; they cost the walk about a tenth of
 * its wall time and are set only for the streamed reads that need them, not for every run.
 */
import { builtin } from "./builtin.js";

let set = false;

export function favorMemoryOverSpeed(): void {
  if (set) return;
  set = true;
  const v8 = builtin<typeof import("node:v8")>("node:v8");
  v8.setFlagsFromString("--optimize-for-size");
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}
