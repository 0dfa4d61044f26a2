import { describe, expect, it } from "vitest";
import { bucketTotals, hasData, renameSeries, seriesValues, toChartData, tokenChartData } from "./chart-data";
import { costByModel, successRates, tokens } from "./test-fixtures";

const T12 = Date.parse("2025-03-12T12:00:00Z");
const T13 = Date.parse("2025-03-12T13:00:00Z");
const T14 = Date.parse("2025-03-12T14:00:00Z");
const T15 = Date.parse("2025-03-12T15:00:00Z");

describe("toChartData", () => {
  it("gives series positional keys (dotted model names would read as paths) and fills missing values with null", () => {
    const d = toChartData(costByModel);
    expect(d.series).toEqual([
      { key: "s0", name: "gpt-4.1" },
      { key: "s1", name: "claude-sonnet-4-5" },
      { key: "s2", name: "other" },
    ]);
    expect(d.rows).toEqual([
      { t: T12, start: T12, end: T13, s0: 1, s1: 2, s2: 0.5 },
      { t: T13, start: T13, end: T14, s0: 0, s1: 0, s2: 0 },
      { t: T14, start: T14, end: T15, s0: 3, s1: 1, s2: null },
    ]);
  });
  it("clamps the first and last bucket to the requested window", () => {
    const d = toChartData(costByModel, { from: new Date("2025-03-12T12:20:00Z"), to: new Date("2025-03-12T14:45:00Z") });
    expect(d.rows.map((r) => [r.t, r.start, r.end])).toEqual([
      [T12, Date.parse("2025-03-12T12:20:00Z"), T13],
      [T13, T13, T14],
      [T14, T14, Date.parse("2025-03-12T14:45:00Z")],
    ]);
  });
  it("ends a month bucket at the next calendar month", () => {
    const d = toChartData({ interval: "1mo", metric: "cost", groupBy: null, series: ["cost"], buckets: [{ start: "2025-01-01T00:00:00.000Z", values: { cost: 1 } }] });
    expect(new Date(d.rows[0]!.end).toISOString()).toBe("2025-02-01T00:00:00.000Z");
  });
});

describe("bucketTotals and seriesValues", () => {
  it("sums groups per bucket", () => {
    expect(bucketTotals(costByModel)).toEqual([3.5, 0, 4]);
    expect(bucketTotals({ ...successRates, series: ["successRate"], buckets: successRates.buckets })).toEqual([0.7, null, 1]);
  });
  it("reads one series", () => {
    expect(seriesValues(successRates, "llmErrorRate")).toEqual([0.2, null, 0]);
  });
});

describe("tokenChartData", () => {
  it("splits input into uncached and cache-read so the stack adds up to input + output", () => {
    const d = tokenChartData(tokens);
    expect(d.series.map((s) => s.key)).toEqual(["uncached", "cached", "output"]);
    expect(d.rows.map(({ uncached, cached, output }) => [uncached, cached, output])).toEqual([
      [3000, 2000, 800],
      [0, 0, 0],
      [0, 100, 50], // cache reads above input (a source quirk) are capped at input
    ]);
  });
});

describe("hasData", () => {
  it("is false when every value is zero or null", () => {
    expect(hasData(toChartData(costByModel))).toBe(true);
    expect(hasData(toChartData({ ...costByModel, buckets: [costByModel.buckets[1]!] }))).toBe(false);
  });
});

describe("renameSeries", () => {
  it("gives fixed series display names and keeps the keys", () => {
    const d = renameSeries(toChartData(successRates), { successRate: "Run success rate" });
    expect(d.series).toEqual([
      { key: "s0", name: "Run success rate" },
      { key: "s1", name: "llmErrorRate" },
    ]);
  });
});
