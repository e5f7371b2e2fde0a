/** Median and p90 of durations (seconds), nearest-rank: a value that occurred, never interpolated. */

export interface Durations {
  /** How many tickets the figure is over. */
  count: number;
  /** Seconds; null when count is 0. */
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** The nearest-rank percentile p (0 < p <= 100) of `sorted` (ascending): sorted[ceil(p/100 * n) - 1]. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): Durations {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, medianSeconds: nearestRank(sorted, 50), p90Seconds: nearestRank(sorted, 90) };
}
