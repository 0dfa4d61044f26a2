import { describe, expect, it } from "vitest";
import { formatBucketRange, formatBucketTick } from "./bucket-label";

const at = (s: string) => Date.parse(s);

describe("formatBucketTick", () => {
  it("shows the time for sub-daily buckets, the date for daily ones", () => {
    expect(formatBucketTick(at("2025-03-12T14:15:00Z"), "15m", "UTC")).toBe("14:15");
    expect(formatBucketTick(at("2025-03-12T18:00:00Z"), "6h", "UTC")).toBe("12 Mar, 18:00");
    expect(formatBucketTick(at("2025-03-12T00:00:00Z"), "1d", "UTC")).toBe("12 Mar");
    expect(formatBucketTick(at("2025-03-01T00:00:00Z"), "1mo", "UTC")).toBe("Mar 2025");
  });
  it("uses the reader's time zone", () => {
    expect(formatBucketTick(at("2025-03-12T14:15:00Z"), "15m", "Asia/Kolkata")).toBe("19:45");
  });
});

describe("formatBucketRange", () => {
  it("names the window a bucket covers", () => {
    expect(formatBucketRange(at("2025-03-12T14:00:00Z"), at("2025-03-12T14:15:00Z"), "15m", "UTC")).toBe("12 Mar, 14:00 – 14:15");
    expect(formatBucketRange(at("2025-03-12T23:00:00Z"), at("2025-03-13T00:00:00Z"), "1h", "UTC")).toBe("12 Mar, 23:00 – 00:00");
    expect(formatBucketRange(at("2025-03-12T18:00:00Z"), at("2025-03-13T02:00:00Z"), "6h", "UTC")).toBe("12 Mar, 18:00 – 13 Mar, 02:00");
    expect(formatBucketRange(at("2025-03-12T00:00:00Z"), at("2025-03-13T00:00:00Z"), "1d", "UTC")).toBe("12 Mar");
    expect(formatBucketRange(at("2025-03-10T00:00:00Z"), at("2025-03-17T00:00:00Z"), "1w", "UTC")).toBe("10 Mar – 16 Mar");
    expect(formatBucketRange(at("2025-03-01T00:00:00Z"), at("2025-04-01T00:00:00Z"), "1mo", "UTC")).toBe("March 2025");
  });
});
