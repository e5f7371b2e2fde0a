/**
 * A long walk that prints tickets as it reads them keeps no more than a page or two, but V8 sizes
 * its heap for throughput: over 10,000 tickets it grew the young generation to 16 MB semi-spaces
 * and let the old generation grow up to four times what survived its last collection, peaking at
 * about 120 MB where the same walk fits in 80 (issue 12 item 2, measured on Zaia). Both are V8
 * flags it reads as it collects, so they apply from the moment they are set:
 *
 *   --heap-growing-percent=10     after a full collection the old generation may grow by a tenth
 *                                 of what survived before the next one (V8's own factor is 1.1 to 4);
 *   --semi-space-growth-factor=1  set by youngGenerationCheck once the young generation has grown
 *                                 to YOUNG_GENERATION_CAP: it stays there.
 *
 * Why a cap and not no growth at all: at its first size (1 MB) the young generation fills within
 * every page, so each scavenge found the page being printed still alive and promoted it (Zaia:
 * 88 scavenges, 4 full collections, 61 ms in GC); at 4 MB most of a page dies young (27
 * scavenges, 2 full collections, 26 ms), about a tenth faster, for the same peak RSS (76-77 MiB).
 * --optimize-for-size, used before, kept RSS a few MiB lower but made every collection a
 * memory-reducing one and the walk 8-16% slower. Set only for the streamed reads that need it.
 */
import { builtin } from "./builtin.js";

/** The young generation's size (V8's new space, both semi-spaces) past which it stops growing. */
export const YOUNG_GENERATION_CAP = 4 * 1024 * 1024;

let set = false;
let capped = false;

export function favorMemoryOverSpeed(): void {
  if (set) return;
  set = true;
  builtin<typeof import("node:v8")>("node:v8").setFlagsFromString("--heap-growing-percent=10");
}

/** Called once per page of a streamed walk: stops the young generation's growth at YOUNG_GENERATION_CAP. */
export function youngGenerationCheck(): void {
  if (!set || capped) return;
  const v8 = builtin<typeof import("node:v8")>("node:v8");
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  if (young === undefined || young.space_size >= YOUNG_GENERATION_CAP) {
    v8.setFlagsFromString("--semi-space-growth-factor=1");
    capped = true;
  }
}
