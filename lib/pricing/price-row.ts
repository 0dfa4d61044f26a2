// Builds built-in price rows from USD-per-1M-token list prices.
import type { ModelPrice } from "./types";

/** USD per 1M tokens → µUSD/Mtok; Math.round removes the float error of the decimal literal. */
export const usd = (amount: number): number => Math.round(amount * 1_000_000);

export interface PriceExtras {
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  effectiveTo?: string;
}

export function priceRow(
  provider: string,
  model: string,
  input: number,
  output: number,
  effectiveFrom: string,
  extra: PriceExtras = {},
): ModelPrice {
  return {
    provider,
    model,
    input: usd(input),
    output: usd(output),
    cacheRead: extra.cacheRead === undefined ? null : usd(extra.cacheRead),
    cacheWrite: extra.cacheWrite === undefined ? null : usd(extra.cacheWrite),
    reasoning: extra.reasoning === undefined ? null : usd(extra.reasoning),
    effectiveFrom,
    effectiveTo: extra.effectiveTo ?? null,
  };
}
