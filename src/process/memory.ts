/**
 * A long walk that prints tickets as it reads them keeps no more than a page or two, but V8 sizes
 * its heap for throughput: over 10,000 tickets it grew the young generation to 16 MB semi-spaces
 * and let the old generation grow up to four times what survived its last collection, peaking at
 * about 120 MB where the same walk fits in 80 (issue 12 item 2, measured on Zaia). Two flags,
 * both read by V8 as it collects, so they apply from here on:
 *
 *   --semi-space-growth-factor=1  the young generation stays at its first size;
 *   --heap-growing-percent=10     after a full collection the old generation may grow by a tenth
 *                                 of what survived before the next one (V8's own factor is 1.1 to 4).
 *
 * Measured on 10,000 tickets, peak RSS (Zaia, Sobot): 80-84 and 84-88 MiB, against 117 and 120
 * with V8's defaults. --optimize-for-size, used before, kept RSS 2-6 MiB lower but made the young
 * generation smaller still and every collection a memory-reducing one: Zaia's walk spent 109 ms
 * in GC (85 scavenges) against 36 ms (48) now, and ran 8-16% slower. Set only for the streamed
 * reads that need it, not for every run.
 */
import { builtin } from "./builtin.js";

let set = false;

export function favorMemoryOverSpeed(): void {
  if (set) return;
  set = true;
  const v8 = builtin<typeof import("node:v8")>("node:v8");
  v8.setFlagsFromString("--semi-space-growth-factor=1");
  v8.setFlagsFromString("--heap-growing-percent=10");
}
