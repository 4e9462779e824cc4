/** Nearest-rank percentile of an ascending array: the smallest value with p% of samples at or below. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? Number.NaN;
}

export type Spread = { min: number; median: number; max: number };

export function spread(values: number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  return {
    min: round(sorted[0] ?? Number.NaN),
    median: round(median(sorted)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

function median(sorted: Float64Array): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** Fixed decimals keep committed result files free of float noise from run to run. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
