import { describe, expect, it } from "vitest";
import { formatCountAxis, formatMsAxis, formatMsPrecise, formatRateAxis, formatTokensPrecise, formatUsdAxis, formatUsdPrecise } from "./axis-format";

describe("axis formats", () => {
  it("compacts dollars", () => {
    expect([0, 0.0004, 0.05, 1.5, 2, 12.4, 1250, 25_000, 2_500_000].map(formatUsdAxis)).toEqual(["$0", "$0.0004", "$0.05", "$1.5", "$2", "$12.4", "$1.25k", "$25k", "$2.5M"]);
    // Neighbouring ticks stay distinct: 0.35-steps must not print 0.7, 1.1 for 0.70, 1.05.
    expect([0.35, 0.7, 1.05, 1.4].map(formatUsdAxis)).toEqual(["$0.35", "$0.7", "$1.05", "$1.4"]);
  });
  it("compacts durations, rates and counts", () => {
    expect([0, 340, 1200, 3250, 15_000].map(formatMsAxis)).toEqual(["0", "340 ms", "1.2 s", "3.25 s", "15 s"]);
    expect([0, 0.25, 1].map(formatRateAxis)).toEqual(["0%", "25%", "100%"]);
    expect([12, 1500, 1250, 24_000, 3_400_000].map(formatCountAxis)).toEqual(["12", "1.5k", "1.25k", "24k", "3.4M"]);
  });
});

describe("tooltip formats", () => {
  it("are precise without float noise", () => {
    expect(formatUsdPrecise(0.1 + 0.2)).toBe("$0.300000");
    expect(formatUsdPrecise(12.345678)).toBe("$12.3457");
    expect(formatUsdPrecise(1284.1)).toBe("$1,284.10");
    expect(formatUsdPrecise(null)).toBe("—");
    expect(formatMsPrecise(340.4)).toBe("340 ms");
    expect(formatMsPrecise(4812)).toBe("4.812 s");
    expect(formatTokensPrecise(12_345)).toBe("12,345 tokens");
  });
});
