/** Small statistics for the reports, defined once so tests can compute the same figures by hand. */

/**
 * The p-th percentile by nearest rank: the smallest value with at least p of the values at or below
 * it (the ⌈p·n⌉-th smallest). The median of [1, 2, 3, 4] is 2; null when there are no values.
 */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRank(p, sorted.length) - 1] ?? null;
}

/** The 1-based rank of the p-th percentile among n values by nearest rank: ⌈p·n⌉, at least 1. */
export function nearestRank(p: number, n: number): number {
  return Math.max(1, Math.ceil(p * n));
}

/** part / whole to four decimals; null for an empty whole. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
