import { describe, expect, it } from "vitest";
import { forecastOvershoots, forecastSpendPico } from "./forecast";

const DAY = 86_400_000;
const USD = 1_000_000_000_000n;

describe("forecastSpendPico", () => {
  it("extrapolates the spend rate so far to the end of the period", () => {
    // $40 in 10 of 30 days → $120.
    expect(forecastSpendPico({ spentPico: 40n * USD, startMs: 0, endMs: 30 * DAY, nowMs: 10 * DAY })).toBe(120n * USD);
  });

  it("makes no forecast before the minimum elapsed fraction", () => {
    expect(forecastSpendPico({ spentPico: 5n * USD, startMs: 0, endMs: 30 * DAY, nowMs: 2 * DAY })).toBeNull();
    expect(forecastSpendPico({ spentPico: 5n * USD, startMs: 0, endMs: 30 * DAY, nowMs: 2 * DAY, minElapsedFraction: 0.05 })).toBe(75n * USD);
  });

  it("equals the spend at or after the period end", () => {
    expect(forecastSpendPico({ spentPico: 7n * USD, startMs: 0, endMs: DAY, nowMs: 2 * DAY })).toBe(7n * USD);
  });
});

describe("forecastOvershoots", () => {
  const amount = 100n * USD;
  it("fires on a steady rate that will overshoot", () => {
    // $4/day for 10 days of a 30-day month → $120 > $100.
    const spent = 40n * USD;
    const f = forecastSpendPico({ spentPico: spent, startMs: 0, endMs: 30 * DAY, nowMs: 10 * DAY });
    expect(forecastOvershoots(spent, f, amount)).toBe(true);
  });

  it("stays quiet on a rate that will not", () => {
    // $3/day → $90.
    const spent = 30n * USD;
    const f = forecastSpendPico({ spentPico: spent, startMs: 0, endMs: 30 * DAY, nowMs: 10 * DAY });
    expect(f).toBe(90n * USD);
    expect(forecastOvershoots(spent, f, amount)).toBe(false);
  });

  it("stays quiet when too early or already over", () => {
    expect(forecastOvershoots(1n * USD, null, amount)).toBe(false);
    expect(forecastOvershoots(101n * USD, 300n * USD, amount)).toBe(false);
  });
});
