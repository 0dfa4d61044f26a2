import { describe, expect, it } from "vitest";
import { coarsenRanges, planWindow, type TimeRange } from "./window-plan";

const t = (iso: string) => Date.parse(iso);
const show = (rs: TimeRange[]) => rs.map(([a, b]) => `${new Date(a).toISOString().slice(5, 16)}→${new Date(b).toISOString().slice(5, 16)}`);
const ON = { rollups: true, days: true };

describe("window plan", () => {
  it("answers short windows and forced-raw windows from raw rows only", () => {
    const from = t("2026-11-23T10:15:00Z");
    expect(planWindow(from, from + 2 * 3_600_000, new Set(), ON)).toEqual({ raw: [[from, from + 7_200_000]], hours: [], days: [] });
    expect(planWindow(from, from + 30 * 86_400_000, new Set(), { rollups: false, days: true }).raw).toHaveLength(1);
  });

  it("uses whole days, then whole hours, and raw rows for the cut edges", () => {
    const p = planWindow(t("2026-11-20T22:30:00Z"), t("2026-11-23T01:45:00Z"), new Set(), ON);
    expect(show(p.raw)).toEqual(["11-20T22:30→11-20T23:00", "11-23T01:00→11-23T01:45"]);
    expect(show(p.hours)).toEqual(["11-20T23:00→11-21T00:00", "11-23T00:00→11-23T01:00"]);
    expect(show(p.days)).toEqual(["11-21T00:00→11-23T00:00"]);
  });

  it("reads dirty hours raw and falls back to hours for a day that holds one", () => {
    const dirty = new Set([t("2026-11-21T05:00:00Z"), t("2026-11-21T06:00:00Z")]);
    const p = planWindow(t("2026-11-20T22:30:00Z"), t("2026-11-23T01:45:00Z"), dirty, ON);
    expect(show(p.raw)).toEqual(["11-20T22:30→11-20T23:00", "11-21T05:00→11-21T07:00", "11-23T01:00→11-23T01:45"]);
    expect(show(p.hours)).toEqual(["11-20T23:00→11-21T05:00", "11-21T07:00→11-22T00:00", "11-23T00:00→11-23T01:00"]);
    expect(show(p.days)).toEqual(["11-22T00:00→11-23T00:00"]);
  });

  it("uses hours only when days would straddle buckets", () => {
    const p = planWindow(t("2026-11-20T00:00:00Z"), t("2026-11-22T00:00:00Z"), new Set(), { rollups: true, days: false });
    expect(p.raw).toEqual([]);
    expect(show(p.hours)).toEqual(["11-20T00:00→11-22T00:00"]);
    expect(p.days).toEqual([]);
  });

  it("coarsens many ranges to a few by closing the narrowest gaps", () => {
    const r: [number, number][] = [[0, 10], [12, 20], [100, 110], [111, 120], [500, 510]];
    expect(coarsenRanges(r, 10)).toEqual(r.slice(0, 2).concat([[100, 110], [111, 120], [500, 510]]));
    expect(coarsenRanges(r, 3)).toEqual([[0, 20], [100, 120], [500, 510]]);
    expect(coarsenRanges(r, 2)).toEqual([[0, 120], [500, 510]]);
    expect(coarsenRanges(r, 1)).toEqual([[0, 510]]);
    expect(coarsenRanges([[5, 9], [0, 6]], 4)).toEqual([[0, 9]]);
    const year = Array.from({ length: 365 }, (_, d) => [d * 100, d * 100 + 10] as [number, number]);
    const c = coarsenRanges(year, 16);
    expect(c).toHaveLength(16);
    expect(c[0]![0]).toBe(0);
    expect(c[15]![1]).toBe(364 * 100 + 10);
    for (const [a, b] of year) expect(c.some(([x, y]) => x <= a && b <= y)).toBe(true);
  });
});
