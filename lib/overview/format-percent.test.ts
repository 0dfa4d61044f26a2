import { describe, expect, it } from "vitest";
import { formatPercent, formatPercentExact } from "./format-percent";

describe("formatPercent", () => {
  it("uses one decimal, two below 1%, none at the ends", () => {
    expect(formatPercent(0.9734)).toBe("97.3%");
    expect(formatPercent(0.0042)).toBe("0.42%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(0.5, 0)).toBe("50%");
  });
  it("shows a dash when there is no rate", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
    expect(formatPercentExact(null)).toBe("no data");
  });
  it("gives the exact value for hover", () => {
    expect(formatPercentExact(0.97345678)).toBe("97.3457%");
    expect(formatPercentExact(0.5)).toBe("50%");
  });
});
