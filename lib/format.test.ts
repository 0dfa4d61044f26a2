import { describe, expect, it } from "vitest";
import { formatCount, formatDuration, formatUsd } from "./format";

describe("format", () => {
  it("formats money with sensible precision", () => {
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(1284.1)).toBe("$1,284.10");
    expect(formatUsd(3.456)).toBe("$3.46");
    expect(formatUsd(0.0123)).toBe("$0.012");
    expect(formatUsd(0.0000123)).toBe("<$0.0001");
    expect(formatUsd(null)).toBe("unpriced");
    expect(formatUsd(0)).toBe("$0");
  });
  it("formats durations with units", () => {
    expect(formatDuration(340)).toBe("340 ms");
    expect(formatDuration(1200)).toBe("1.20 s");
    expect(formatDuration(2.5)).toBe("2.5 ms");
    expect(formatDuration(75_000)).toBe("1 min 15 s");
  });
  it("abbreviates counts", () => {
    expect(formatCount(999)).toBe("999");
    expect(formatCount(12_400)).toBe("12k");
    expect(formatCount(1_234)).toBe("1.2k");
    expect(formatCount(3_400_000)).toBe("3.4M");
  });
});
