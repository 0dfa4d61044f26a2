import { describe, expect, it } from "vitest";
import { resolveTimeRange, stepTimeRange } from "./time-range";

const now = new Date("2026-11-23T12:00:00.000Z");
const p = (o: Record<string, string>) => new URLSearchParams(o);

describe("time range", () => {
  it("defaults to the last 24 hours", () => {
    const r = resolveTimeRange(p({}), now);
    expect(r.preset).toBe("24h");
    expect(r.from.toISOString()).toBe("2026-11-22T12:00:00.000Z");
  });
  it("reads presets and custom ranges, ignoring invalid ones", () => {
    expect(resolveTimeRange(p({ range: "1h" }), now).from.toISOString()).toBe("2026-11-23T11:00:00.000Z");
    const c = resolveTimeRange(p({ from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" }), now);
    expect(c.preset).toBeNull();
    expect(resolveTimeRange(p({ from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" }), now).preset).toBe("24h");
    expect(resolveTimeRange(p({ range: "bogus" }), now).preset).toBe("24h");
  });
  it("steps by the window length", () => {
    const r = resolveTimeRange(p({ range: "1h" }), now);
    expect(stepTimeRange(r, -1)).toEqual({ from: "2026-11-23T10:00:00.000Z", to: "2026-11-23T11:00:00.000Z" });
  });
});
