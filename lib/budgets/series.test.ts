import { describe, expect, it } from "vitest";
import { bucketIndex, bucketStarts, cumulate, seriesBucket, MAX_HOURLY_WINDOW_HOURS } from "./series";
import { periodWindow } from "./period";

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe("seriesBucket", () => {
  it("uses hours for a day or a short rolling window, days otherwise", () => {
    expect(seriesBucket("day")).toBe("hour");
    expect(seriesBucket("rolling", 6)).toBe("hour");
    expect(seriesBucket("rolling", MAX_HOURLY_WINDOW_HOURS)).toBe("hour");
    expect(seriesBucket("rolling", MAX_HOURLY_WINDOW_HOURS + 1)).toBe("day");
    expect(seriesBucket("week")).toBe("day");
    expect(seriesBucket("month")).toBe("day");
  });
});

describe("bucketStarts", () => {
  const day = (tz: string, at: string) => {
    const w = periodWindow("day", tz, new Date(at));
    return bucketStarts("hour", tz, w.start, w.end);
  };

  it("gives a UTC day 24 hours from midnight", () => {
    const s = day("UTC", "2026-05-10T12:00:00Z");
    expect(s).toHaveLength(24);
    expect(s[0]?.toISOString()).toBe("2026-05-10T00:00:00.000Z");
    expect(s[23]?.toISOString()).toBe("2026-05-10T23:00:00.000Z");
  });

  it("gives DST-change days 23 and 25 hourly buckets", () => {
    expect(day("America/New_York", "2026-03-08T12:00:00Z")).toHaveLength(23);
    expect(day("America/New_York", "2026-11-01T12:00:00Z")).toHaveLength(25);
  });

  it("keeps half-hour zones on their local hour marks", () => {
    const s = day("Asia/Kolkata", "2026-11-23T10:00:00Z");
    expect(iso(s.slice(0, 2))).toEqual(["2026-11-22T18:30:00.000Z", "2026-11-22T19:30:00.000Z"]);
  });

  it("gives a month local-midnight days, across the DST change", () => {
    const w = periodWindow("month", "Europe/Paris", new Date("2026-10-15T12:00:00Z"));
    const s = bucketStarts("day", "Europe/Paris", w.start, w.end);
    expect(s).toHaveLength(31);
    expect(s[0]?.toISOString()).toBe("2026-09-30T22:00:00.000Z");
    expect(s[24]?.toISOString()).toBe("2026-10-24T22:00:00.000Z"); // Oct 25, still summer time
    expect(s[25]?.toISOString()).toBe("2026-10-25T23:00:00.000Z"); // Oct 26, winter time (DST ended on the 25th)
    expect(s[30]?.toISOString()).toBe("2026-10-30T23:00:00.000Z");
  });

  it("starts a rolling window's first bucket on the hour before it", () => {
    const w = periodWindow("rolling", "UTC", new Date("2026-05-10T16:17:00Z"), 6);
    const s = bucketStarts("hour", "UTC", w.start, w.end);
    expect(s[0]?.toISOString()).toBe("2026-05-10T10:00:00.000Z");
    expect(s.at(-1)?.toISOString()).toBe("2026-05-10T16:00:00.000Z");
    expect(s).toHaveLength(7);
  });

  it("gives a long rolling window local days", () => {
    const w = periodWindow("rolling", "Asia/Tokyo", new Date("2026-05-10T16:17:00Z"), 240);
    const s = bucketStarts("day", "Asia/Tokyo", w.start, w.end);
    expect(s[0]?.toISOString()).toBe("2026-04-30T15:00:00.000Z"); // 01:17 on May 1 in Tokyo
    expect(s).toHaveLength(11);
  });
});

describe("bucketIndex", () => {
  const starts = [0, 10, 20].map((t) => new Date(t));
  it("finds the last bucket starting at or before t", () => {
    expect([-1, 0, 9, 10, 15, 20, 99].map((t) => bucketIndex(starts, t))).toEqual([-1, 0, 0, 1, 1, 2, 2]);
    expect(bucketIndex([], 5)).toBe(-1);
  });
});

describe("cumulate", () => {
  it("runs the totals and leaves buckets not yet begun empty", () => {
    const starts = [0, 10, 20, 30].map((t) => new Date(t));
    const points = cumulate(starts, [1_000_000_000_000n, 0n, 500_000_000_000n, 0n], 25);
    expect(points.map((p) => p.cumulativeUsd)).toEqual([1, 1, 1.5, null]);
  });
});
