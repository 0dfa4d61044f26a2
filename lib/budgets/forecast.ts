// End-of-period spend forecast by linear extrapolation: the spend rate so far
// (spent / elapsed) held for the whole period. Before `minElapsedFraction` of the
// period has passed there is too little history and no forecast is made.

export interface ForecastInput {
  spentPico: bigint;
  startMs: number;
  endMs: number;
  nowMs: number;
  /** Default 0.1: no forecast in the first tenth of the period. */
  minElapsedFraction?: number;
}

export const DEFAULT_MIN_ELAPSED_FRACTION = 0.1;

/** Projected spend at period end in pico-USD, or null when too early to tell. */
export function forecastSpendPico(input: ForecastInput): bigint | null {
  const length = input.endMs - input.startMs;
  const elapsed = Math.min(input.nowMs, input.endMs) - input.startMs;
  if (length <= 0 || elapsed <= 0) return null;
  if (elapsed / length < (input.minElapsedFraction ?? DEFAULT_MIN_ELAPSED_FRACTION)) return null;
  // Integer maths on pico-USD (ms fit easily in bigint) so large spends stay exact.
  return (input.spentPico * BigInt(Math.round(length))) / BigInt(Math.round(elapsed));
}

/** True when the forecast exceeds the amount while the spend has not yet reached it. */
export function forecastOvershoots(spentPico: bigint, forecastPico: bigint | null, amountPico: bigint): boolean {
  return forecastPico !== null && spentPico < amountPico && forecastPico > amountPico;
}
