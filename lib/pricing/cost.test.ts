import { describe, expect, it } from "vitest";
import { computeCostPico, microPerMtokToUsd, picoToUsd, usdToMicroPerMtok } from "./cost";
import type { CostUsage, ModelPrice } from "./types";

const usage = (u: Partial<CostUsage>): CostUsage => ({
  uncachedInputTokens: null,
  cacheReadTokens: null,
  cacheWriteTokens: null,
  outputTokens: null,
  reasoningTokens: null,
  reasoningExclusive: false,
  ...u,
});

const gpt4oMini: ModelPrice = {
  provider: "openai",
  model: "gpt-4o-mini",
  input: 150_000,
  output: 600_000,
  cacheRead: 75_000,
  effectiveFrom: "2024-07-18",
};
const sonnet45: ModelPrice = {
  provider: "anthropic",
  model: "claude-sonnet-4-5",
  input: 3_000_000,
  output: 15_000_000,
  cacheRead: 300_000,
  cacheWrite: 3_750_000,
  effectiveFrom: "2025-09-29",
};
const thinkingPriced: ModelPrice = {
  provider: "gcp.gemini",
  model: "gemini-2.5-flash-preview-05-20",
  input: 150_000,
  output: 600_000,
  reasoning: 3_500_000,
  effectiveFrom: "2025-05-20",
};

describe("computeCostPico", () => {
  it("prices input and output tokens exactly", () => {
    const cost = computeCostPico(usage({ uncachedInputTokens: 812, outputTokens: 95 }), gpt4oMini);
    expect(cost).toBe(812n * 150_000n + 95n * 600_000n);
    expect(cost).toBe(178_800_000n);
  });

  it("prices cache reads and writes at their own rates", () => {
    const cost = computeCostPico(
      usage({ uncachedInputTokens: 1000, cacheReadTokens: 200, cacheWriteTokens: 300, outputTokens: 160 }),
      sonnet45,
    );
    expect(cost).toBe(1000n * 3_000_000n + 200n * 300_000n + 300n * 3_750_000n + 160n * 15_000_000n);
    expect(cost).toBe(6_585_000_000n);
  });

  it("bills cache tokens at the input price when the row has no cache price", () => {
    const cost = computeCostPico(usage({ cacheReadTokens: 10, cacheWriteTokens: 7 }), { ...gpt4oMini, cacheRead: null });
    expect(cost).toBe(17n * 150_000n);
  });

  it("adds reasoning only when the source reported it apart from output", () => {
    const tokens = { uncachedInputTokens: 10, outputTokens: 100, reasoningTokens: 50 };
    expect(computeCostPico(usage(tokens), thinkingPriced)).toBe(10n * 150_000n + 100n * 600_000n);
    expect(computeCostPico(usage({ ...tokens, reasoningExclusive: true }), thinkingPriced)).toBe(
      10n * 150_000n + 100n * 600_000n + 50n * 3_500_000n,
    );
    // No separate reasoning price: exclusive reasoning tokens cost the output price.
    expect(computeCostPico(usage({ outputTokens: 100, reasoningTokens: 50, reasoningExclusive: true }), gpt4oMini)).toBe(
      150n * 600_000n,
    );
  });

  it("counts null, negative and non-finite token counts as zero", () => {
    expect(computeCostPico(usage({}), sonnet45)).toBe(0n);
    expect(computeCostPico(usage({ uncachedInputTokens: -5, outputTokens: Number.NaN }), sonnet45)).toBe(0n);
  });

  it("stays exact beyond 2^53 pico-USD", () => {
    const cost = computeCostPico(usage({ outputTokens: 2_000_000_000 }), { ...sonnet45, output: 600_000_000 });
    expect(cost).toBe(1_200_000_000_000_000_000n);
  });
});

describe("picoToUsd", () => {
  it("converts to the nearest double of the exact decimal", () => {
    expect(picoToUsd(178_800_000n)).toBe(0.0001788);
    expect(picoToUsd(6_585_000_000n)).toBe(0.006585);
    expect(picoToUsd(0n)).toBe(0);
    expect(picoToUsd(1n)).toBe(1e-12);
    expect(picoToUsd(123_456_789_012_345_678_901n)).toBe(123456789.0123456789);
    expect(picoToUsd(-2_500_000_000_000n)).toBe(-2.5);
  });

  it("does not accumulate float error over many small costs", () => {
    let total = 0n;
    for (let i = 0; i < 1000; i++) total += 100_000_000_000n; // $0.10 each
    expect(picoToUsd(total)).toBe(100);
  });
});

describe("usdToMicroPerMtok", () => {
  it("parses decimal strings exactly", () => {
    expect(usdToMicroPerMtok("2.50")).toBe(2_500_000);
    expect(usdToMicroPerMtok("0.075")).toBe(75_000);
    expect(usdToMicroPerMtok("0.000001")).toBe(1);
    expect(usdToMicroPerMtok("3")).toBe(3_000_000);
    expect(usdToMicroPerMtok(".5")).toBe(500_000);
    expect(usdToMicroPerMtok(" 1.2500000 ")).toBe(1_250_000);
    expect(usdToMicroPerMtok("0")).toBe(0);
    expect(usdToMicroPerMtok(0.1)).toBe(100_000);
    expect(usdToMicroPerMtok(0.29)).toBe(290_000);
  });

  it("matches integer arithmetic for every cent amount up to $100", () => {
    for (let cents = 0; cents <= 10_000; cents++) {
      expect(usdToMicroPerMtok((cents / 100).toFixed(2))).toBe(cents * 10_000);
    }
  });

  it("rejects what is not a non-negative amount with at most 6 decimals", () => {
    for (const bad of ["", ".", "-1", "abc", "1e-7", "0.0000001", "1,5", "2.5.0", "9007199254.740992"]) {
      expect(() => usdToMicroPerMtok(bad)).toThrow(RangeError);
    }
    expect(() => usdToMicroPerMtok(0.1 + 0.2)).toThrow(RangeError);
    expect(() => usdToMicroPerMtok(Number.NaN)).toThrow(RangeError);
  });

  it("round-trips through microPerMtokToUsd", () => {
    expect(microPerMtokToUsd(usdToMicroPerMtok("2.50"))).toBe(2.5);
    expect(microPerMtokToUsd(75_000)).toBe(0.075);
  });
});
