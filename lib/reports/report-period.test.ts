import { describe, expect, it } from "vitest";
import { activePeriod, customPatch, dayInputs, describePeriod, periodPatch } from "@/lib/reports/report-period";

const NOW = new Date("2026-11-23T13:45:00.000Z");

describe("report period", () => {
  it("turns calendar months into UTC from/to", () => {
    expect(periodPatch("this-month", NOW)).toEqual({ range: null, from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" });
    expect(periodPatch("last-month", new Date("2026-01-05T00:00:00Z"))).toEqual({ range: null, from: "2025-12-01T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" });
    expect(periodPatch("7d", NOW)).toEqual({ range: "7d", from: null, to: null });
  });

  it("recognises the active period", () => {
    expect(activePeriod({ from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z"), preset: null }, NOW)).toBe("last-month");
    expect(activePeriod({ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z"), preset: null }, NOW)).toBe("this-month");
    expect(activePeriod({ from: new Date(0), to: NOW, preset: "30d" }, NOW)).toBe("30d");
    expect(activePeriod({ from: new Date(0), to: NOW, preset: "24h" }, NOW)).toBe("custom");
  });

  it("reads custom days inclusively and round-trips them", () => {
    const p = customPatch("2026-11-01", "2026-11-15");
    expect(p).toEqual({ range: null, from: "2026-11-01T00:00:00.000Z", to: "2026-11-16T00:00:00.000Z" });
    expect(dayInputs({ from: new Date(p!.from!), to: new Date(p!.to!), preset: null })).toEqual({ from: "2026-11-01", to: "2026-11-15" });
    expect(customPatch("2026-11-15", "2026-11-01")).toBeNull();
    expect(customPatch("", "2026-11-01")).toBeNull();
  });

  it("describes whole days and partial windows", () => {
    expect(describePeriod("2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z")).toBe("1 Nov 2026 – 30 Nov 2026 UTC");
    expect(describePeriod("2026-11-16T13:45:00.000Z", "2026-11-23T13:45:00.000Z")).toBe("16 Nov 2026, 13:45 – 23 Nov 2026, 13:45 UTC");
  });
});

describe("report grouping param", () => {
  it("parses into canonical order and never returns nothing", async () => {
    const { parseGroupBy, groupByParam } = await import("@/lib/reports/report-params");
    expect(parseGroupBy("model,day")).toEqual(["day", "model"]);
    expect(parseGroupBy("bogus")).toEqual(["day"]);
    expect(parseGroupBy(null)).toEqual(["day"]);
    expect(groupByParam(["model", "agent"])).toBe("agent,model");
    expect(groupByParam(["day"])).toBeNull();
  });
});
