// Mergeable log-bucket latency histograms (DDSketch-style), used for percentiles
// of windows answered from rollups. Pure; the SQL expression below computes the
// same bucket index inside PostgreSQL so raw rows and rollups merge bucket by bucket.
//
// Error bound (proof): a value v > 0 ms goes to bucket i = ceil(ln v / ln γ), so
// γ^(i−1) < v ≤ γ^i. The bucket is read back as r(i) = 2γ^i / (γ + 1), hence
// r/v ∈ [2/(γ+1), 2γ/(γ+1)) and |r − v| / v ≤ (γ − 1)/(γ + 1) = α. The nearest-rank
// quantile walks cumulative counts to the bucket holding the k-th smallest value
// (k = ceil(q·n)), so the answer is within α of the exact nearest-rank value.
// With γ = 1.02, α = 0.02/2.02 ≈ 0.990 % (PRODUCT.md allows 1 %).

export const GAMMA = 1.02;
export const LN_GAMMA = Math.log(GAMMA);
/** Largest relative error of a quantile read from a histogram: (γ − 1)/(γ + 1). */
export const RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);
/** Bucket of zero (and clamped negative) durations; below every real index (1 ns → −698). */
export const ZERO_INDEX = -1_000_000;

/** bucket index → count */
export type Histogram = Map<number, number>;

export function bucketIndex(ms: number): number {
  // `+ 0` turns ceil's −0 (for 1/γ < v < 1) into 0.
  return ms > 0 ? Math.ceil(Math.log(ms) / LN_GAMMA) + 0 : ZERO_INDEX;
}

/** The value a bucket stands for (ms): the point of least relative error over (γ^(i−1), γ^i]. */
export function bucketValue(index: number): number {
  return index === ZERO_INDEX ? 0 : (2 * Math.exp(index * LN_GAMMA)) / (GAMMA + 1);
}

/** The same index as bucketIndex, in SQL, from a bigint nanosecond duration expression. */
export function bucketIndexSql(durationNs: string): string {
  return `(case when ${durationNs} <= 0 then ${ZERO_INDEX} else ceil(ln(${durationNs}::float8 / 1e6) / ${LN_GAMMA})::int4 end)`;
}

/** 1-based nearest rank of quantile q among n values (as PostgreSQL's percentile_disc computes it). */
export function nearestRank(n: number, q: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n)));
}

export function addToHistogram(h: Histogram, index: number, count: number): void {
  if (count !== 0) h.set(index, (h.get(index) ?? 0) + count);
}

export function histogramOf(valuesMs: Iterable<number>): Histogram {
  const h: Histogram = new Map();
  for (const v of valuesMs) addToHistogram(h, bucketIndex(v), 1);
  return h;
}

/** Merges `from` into `into` (bucket-wise sums; order does not matter). */
export function mergeHistogram(into: Histogram, from: Histogram): Histogram {
  for (const [i, c] of from) addToHistogram(into, i, c);
  return into;
}

export function histogramCount(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/** Nearest-rank quantiles (ms) read from the histogram; null when it is empty. */
export function histogramQuantiles(h: Histogram, qs: readonly number[]): (number | null)[] {
  const n = histogramCount(h);
  if (n === 0) return qs.map(() => null);
  const keys = [...h.keys()].sort((a, b) => a - b);
  return qs.map((q) => {
    const rank = nearestRank(n, q);
    let seen = 0;
    for (const k of keys) {
      seen += h.get(k) ?? 0;
      if (seen >= rank) return bucketValue(k);
    }
    return bucketValue(keys[keys.length - 1]!);
  });
}
