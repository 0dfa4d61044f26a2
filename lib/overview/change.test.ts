import { describe, expect, it } from "vitest";
import { pointsChange, relativeChange } from "./change";

describe("relativeChange", () => {
  it("rounds to one decimal under 10% and to integers above", () => {
    expect(relativeChange(104.2, 100, null)).toEqual({ direction: "up", text: "+4.2%", tone: "neutral" });
    expect(relativeChange(75, 100, null)).toEqual({ direction: "down", text: "\u221225%", tone: "neutral" });
  });
  it("judges the move by whether higher is better", () => {
    expect(relativeChange(120, 100, false)?.tone).toBe("worse");
    expect(relativeChange(80, 100, false)?.tone).toBe("better");
    expect(relativeChange(120, 100, true)?.tone).toBe("better");
  });
  it("treats tiny moves as flat and shows huge ones as multiples", () => {
    expect(relativeChange(100.01, 100, true)).toEqual({ direction: "flat", text: "0%", tone: "neutral" });
    expect(relativeChange(50_000, 10, false)).toEqual({ direction: "up", text: "5,000×", tone: "worse" });
    expect(relativeChange(98.32, 0.164, null)?.text).toBe("600×");
    expect(relativeChange(11.35, 0.266, null)?.text).toBe("42.7×");
    expect(relativeChange(10.99, 1, null)?.text).toBe("+999%");
  });
  it("says 'new' when the previous period had nothing, and nothing when a side is unknown", () => {
    expect(relativeChange(5, 0, false)).toEqual({ direction: "up", text: "new", tone: "neutral" });
    expect(relativeChange(0, 0, false)).toEqual({ direction: "flat", text: "0%", tone: "neutral" });
    expect(relativeChange(null, 3, false)).toBeNull();
    expect(relativeChange(3, null, false)).toBeNull();
  });
});

describe("pointsChange", () => {
  it("reports rates in percentage points", () => {
    expect(pointsChange(0.95, 0.9, true)).toEqual({ direction: "up", text: "+5.0 pp", tone: "better" });
    expect(pointsChange(0.881, 0.9, true)).toEqual({ direction: "down", text: "\u22121.9 pp", tone: "worse" });
    expect(pointsChange(0.9, 0.9004, true)).toEqual({ direction: "flat", text: "0 pp", tone: "neutral" });
    expect(pointsChange(null, 0.9, true)).toBeNull();
  });
});
