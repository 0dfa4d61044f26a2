import { describe, expect, it } from "vitest";
import { barGeometry, formatTick, labelPlacement, niceStep, timeTicks } from "./time-axis";

describe("niceStep / timeTicks", () => {
  it("picks 1-2-5 steps below a second and clock steps above", () => {
    expect([0.003, 0.9, 12, 124, 1000, 1500, 4000, 59_000, 95_000, 600_000, 7_200_000, 3 * 86_400_000].map((d) => niceStep(d))).toEqual([
      0.0005, 0.2, 2, 50, 200, 500, 1000, 10_000, 30_000, 120_000, 1_800_000, 43_200_000,
    ]);
    expect(niceStep(30 * 86_400_000)).toBe(5 * 86_400_000);
    expect(niceStep(0)).toBe(0);
    expect(niceStep(Number.NaN)).toBe(0);
  });

  it("lists ticks from zero up to the duration", () => {
    expect(timeTicks(124)).toEqual({ stepMs: 50, ticks: [0, 50, 100] });
    expect(timeTicks(1000)).toEqual({ stepMs: 200, ticks: [0, 200, 400, 600, 800, 1000] });
    expect(timeTicks(0.9)).toEqual({ stepMs: 0.2, ticks: [0, 0.2, 0.4, 0.6, 0.8] });
    expect(timeTicks(0)).toEqual({ stepMs: 0, ticks: [0] });
    expect(timeTicks(10, 2)).toEqual({ stepMs: 5, ticks: [0, 5, 10] });
  });
});

describe("formatTick", () => {
  it("labels in the unit of the step", () => {
    expect(formatTick(0, 50)).toBe("0");
    expect(formatTick(0.4, 0.2)).toBe("0.4 ms");
    expect(formatTick(0.15, 0.05)).toBe("150 µs");
    expect(formatTick(0.0015, 0.0005)).toBe("1.5 µs");
    expect(formatTick(150, 50)).toBe("150 ms");
    expect(formatTick(2.5, 0.5)).toBe("2.5 ms");
    expect(formatTick(1500, 500)).toBe("1.5 s");
    expect(formatTick(2000, 1000)).toBe("2 s");
    expect(formatTick(500, 500)).toBe("500 ms");
    expect(formatTick(1020, 20)).toBe("1020 ms");
    expect(formatTick(90_000, 30_000)).toBe("1 min 30 s");
    expect(formatTick(30_000, 30_000)).toBe("30 s");
    expect(formatTick(120_000, 60_000)).toBe("2 min");
    expect(formatTick(45 * 60_000, 15 * 60_000)).toBe("45 min");
    expect(formatTick(75 * 60_000, 15 * 60_000)).toBe("1 h 15 min");
    expect(formatTick(5_400_000, 1_800_000)).toBe("1 h 30 min");
    expect(formatTick(2 * 86_400_000, 86_400_000)).toBe("2 d");
  });
});

describe("barGeometry", () => {
  it("places bars as percentages of the axis and keeps them inside it", () => {
    expect(barGeometry(25, 50, 200)).toEqual({ leftPct: 12.5, widthPct: 25 });
    expect(barGeometry(150, 100, 200)).toEqual({ leftPct: 75, widthPct: 25 });
    expect(barGeometry(0, 0, 0)).toEqual({ leftPct: 0, widthPct: 0 });
    expect(barGeometry(10, -5, 100)).toEqual({ leftPct: 10, widthPct: 0 });
  });
});

describe("labelPlacement", () => {
  it("prefers the right of the bar, then the left, then inside", () => {
    expect(labelPlacement(10, 20, 500, 100)).toBe("after"); // 350 px free on the right
    expect(labelPlacement(60, 30, 500, 100)).toBe("before"); // 50 px right, 300 px left
    expect(labelPlacement(5, 90, 500, 100)).toBe("inside");
    expect(labelPlacement(0, 79, 500, 99)).toBe("after"); // 105 px free = 99 px label + 6 px gap
    expect(labelPlacement(0, 79, 500, 100)).toBe("inside");
  });
});
