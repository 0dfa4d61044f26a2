import { describe, expect, it } from "vitest";
import { autoInterval, bucketCount, bucketStarts, floorToInterval, nextBucketStart } from "./intervals";

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("time buckets", () => {
  it("aligns to UTC boundaries: weeks on Monday, months on the 1st", () => {
    expect(iso(floorToInterval(t("2026-11-23T12:34:56.789Z"), "15m"))).toBe("2026-11-23T12:30:00.000Z");
    expect(iso(floorToInterval(t("2026-11-23T12:34:56.789Z"), "6h"))).toBe("2026-11-23T12:00:00.000Z");
    expect(iso(floorToInterval(t("2026-11-23T05:00:00.000Z"), "6h"))).toBe("2026-11-23T00:00:00.000Z");
    // 2026-11-26 is a Thursday; its week starts Monday 2026-11-23.
    expect(iso(floorToInterval(t("2026-11-26T10:00:00.000Z"), "1w"))).toBe("2026-11-23T00:00:00.000Z");
    expect(iso(floorToInterval(t("2026-02-28T23:59:59.999Z"), "1mo"))).toBe("2026-02-01T00:00:00.000Z");
    expect(iso(nextBucketStart(t("2026-12-01T00:00:00.000Z"), "1mo"))).toBe("2027-01-01T00:00:00.000Z");
  });

  it("lists the buckets overlapping a window, the first one starting at or before it", () => {
    const starts = bucketStarts(t("2026-11-23T10:20:00Z"), t("2026-11-23T13:00:00Z"), "1h").map(iso);
    expect(starts).toEqual(["2026-11-23T10:00:00.000Z", "2026-11-23T11:00:00.000Z", "2026-11-23T12:00:00.000Z"]);
    expect(bucketCount(t("2026-11-23T10:20:00Z"), t("2026-11-23T13:00:00Z"), "1h")).toBe(3);
    expect(bucketCount(t("2026-01-15T00:00:00Z"), t("2026-03-01T00:00:00Z"), "1mo")).toBe(2);
    expect(bucketStarts(t("2026-01-15T00:00:00Z"), t("2026-03-01T00:00:01Z"), "1mo").map(iso)).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
  });

  it("picks an auto interval giving at most 200 buckets (about 50–200 for the presets)", () => {
    const now = t("2026-11-23T12:34:56Z");
    const cases: [number, string][] = [
      [15 * 60_000, "1m"],
      [3_600_000, "1m"],
      [86_400_000, "15m"],
      [7 * 86_400_000, "1h"],
      [30 * 86_400_000, "6h"],
      [180 * 86_400_000, "1d"],
      [3 * 365 * 86_400_000, "1w"],
      [15 * 365 * 86_400_000, "1mo"],
    ];
    for (const [len, want] of cases) {
      const got = autoInterval(now - len, now);
      expect(got, `${len}`).toBe(want);
      expect(bucketCount(now - len, now, got)).toBeLessThanOrEqual(200);
    }
    expect(bucketCount(now - 86_400_000, now, "15m")).toBeGreaterThanOrEqual(50);
    expect(bucketCount(now - 30 * 86_400_000, now, "6h")).toBeGreaterThanOrEqual(50);
  });
});
