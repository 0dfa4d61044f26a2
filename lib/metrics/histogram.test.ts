import { describe, expect, it } from "vitest";
import {
  GAMMA,
  RELATIVE_ERROR,
  ZERO_INDEX,
  bucketIndex,
  bucketValue,
  histogramCount,
  histogramOf,
  histogramQuantiles,
  mergeHistogram,
  nearestRank,
} from "./histogram";
import { createRng } from "@/lib/prng";

/** Deterministic numbers in [0, 1) (lib/prng.ts, mulberry32). */
function rng(seed: number): () => number {
  return createRng(seed).next;
}

/** Log-uniform latencies from 0.01 ms to 2 h. */
function latencies(n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => Math.exp(Math.log(0.01) + r() * (Math.log(7_200_000) - Math.log(0.01))));
}

function exactNearestRank(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

const QS = [0.5, 0.95, 0.99] as const;

describe("latency histogram", () => {
  it("keeps the documented bound: γ = 1.02 gives a relative error under 1 %", () => {
    expect(GAMMA).toBe(1.02);
    expect(RELATIVE_ERROR).toBeCloseTo(0.0099, 4);
    expect(RELATIVE_ERROR).toBeLessThan(0.01);
  });

  it("puts a value in the bucket (γ^(i−1), γ^i] and reads it back within the bound", () => {
    for (const v of latencies(20_000, 1)) {
      const i = bucketIndex(v);
      expect(Math.abs(bucketValue(i) - v) / v).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
    }
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.02)).toBe(1);
    expect(bucketIndex(1.03)).toBe(2);
    expect(bucketIndex(0.999)).toBe(0);
    expect(bucketIndex(0)).toBe(ZERO_INDEX);
    expect(bucketIndex(-5)).toBe(ZERO_INDEX);
    expect(bucketValue(ZERO_INDEX)).toBe(0);
  });

  it("computes nearest ranks like percentile_disc", () => {
    expect(nearestRank(1, 0.5)).toBe(1);
    expect(nearestRank(4, 0.5)).toBe(2);
    expect(nearestRank(5, 0.5)).toBe(3);
    expect(nearestRank(20, 0.95)).toBe(19);
    expect(nearestRank(21, 0.95)).toBe(20);
    expect(nearestRank(100, 0.99)).toBe(99);
    expect(nearestRank(101, 0.99)).toBe(100);
  });

  it("answers nearest-rank quantiles within the bound of the exact value", () => {
    for (const [n, seed] of [
      [1, 2],
      [2, 3],
      [3, 4],
      [20, 5],
      [101, 6],
      [5000, 7],
    ] as const) {
      const values = latencies(n, seed);
      const got = histogramQuantiles(histogramOf(values), QS);
      QS.forEach((q, k) => {
        const exact = exactNearestRank(values, q);
        expect(Math.abs(got[k]! - exact) / exact, `n=${n} q=${q}`).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
      });
    }
  });

  it("merges: the merge of two halves equals the histogram of the whole, in any order", () => {
    const values = latencies(3000, 8);
    const a = histogramOf(values.slice(0, 1234));
    const b = histogramOf(values.slice(1234));
    const whole = histogramOf(values);
    const ab = mergeHistogram(new Map(a), b);
    const ba = mergeHistogram(new Map(b), a);
    expect(new Map([...ab].sort(([x], [y]) => x - y))).toEqual(new Map([...whole].sort(([x], [y]) => x - y)));
    expect(histogramQuantiles(ab, QS)).toEqual(histogramQuantiles(ba, QS));
    expect(histogramCount(ab)).toBe(3000);
  });

  it("handles zero durations and empty histograms", () => {
    expect(histogramQuantiles(new Map(), QS)).toEqual([null, null, null]);
    expect(histogramQuantiles(histogramOf([0, 0, 0, 10]), QS)).toEqual([0, bucketValue(bucketIndex(10)), bucketValue(bucketIndex(10))]);
  });
});
