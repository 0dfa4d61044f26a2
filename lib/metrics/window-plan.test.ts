import { describe, expect, it } from "vitest";
import { planWindow, type TimeRange } from "./window-plan";

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
});
