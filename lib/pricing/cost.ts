import type { CostUsage, ModelPrice } from "./types";

const PICO_PER_USD = 1_000_000_000_000n;
const MICRO_PER_USD = 1_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Non-finite, null or negative counts contribute nothing; fractional counts are rounded. */
function tokens(n: number | null | undefined): bigint {
  if (n == null || !Number.isFinite(n) || n <= 0) return 0n;
  return BigInt(Math.round(n));
}

function rate(n: number | null | undefined): bigint {
  if (n == null || !Number.isFinite(n)) return 0n;
  return BigInt(Math.round(n));
}

/** Exact cost in pico-USD: tokens × µUSD/Mtok, summed per token class (PRODUCT.md "Cost of a span"). */
export function computeCostPico(usage: CostUsage, price: ModelPrice): bigint {
  const input = rate(price.input);
  const output = rate(price.output);
  let cost =
    tokens(usage.uncachedInputTokens) * input +
    tokens(usage.cacheReadTokens) * (price.cacheRead == null ? input : rate(price.cacheRead)) +
    tokens(usage.cacheWriteTokens) * (price.cacheWrite == null ? input : rate(price.cacheWrite)) +
    tokens(usage.outputTokens) * output;
  if (usage.reasoningExclusive) {
    cost += tokens(usage.reasoningTokens) * (price.reasoning == null ? output : rate(price.reasoning));
  }
  return cost;
}

/** Display only: the double nearest to the exact decimal value (no accumulated float error). */
export function picoToUsd(pico: bigint): number {
  const negative = pico < 0n;
  const abs = negative ? -pico : pico;
  const whole = abs / PICO_PER_USD;
  const frac = (abs % PICO_PER_USD).toString().padStart(12, "0");
  const usd = Number(`${whole}.${frac}`);
  return negative ? -usd : usd;
}

/** Display only: µUSD/Mtok → USD per 1M tokens. */
export function microPerMtokToUsd(price: number): number {
  return price / 1_000_000;
}

/**
 * Parses a USD-per-1M-tokens amount ("2.50", "0.075", 3) into µUSD/Mtok without float arithmetic.
 * Throws RangeError when it is not a non-negative decimal with at most 6 significant fractional digits.
 */
export function usdToMicroPerMtok(usd: string | number): number {
  const text = typeof usd === "number" ? String(usd) : usd.trim();
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  const whole = m?.[1] ?? "";
  const fraction = (m?.[2] ?? "").replace(/0+$/, "");
  if (!m || (whole === "" && (m[2] ?? "") === "")) {
    throw new RangeError("price must be a non-negative decimal amount of USD per 1M tokens");
  }
  if (fraction.length > 6) {
    throw new RangeError("price has more than 6 decimal places (the unit is 1 micro-USD per 1M tokens)");
  }
  const micro = BigInt(whole === "" ? "0" : whole) * MICRO_PER_USD + BigInt(fraction.padEnd(6, "0"));
  if (micro > MAX_SAFE) throw new RangeError("price is too large");
  return Number(micro);
}
