import { describe, expect, it } from "vitest";
import { alertPeriodKey, isValidTimeZone, periodWindow, type BudgetPeriod } from "./period";

function win(period: BudgetPeriod, tz: string, now: string, windowHours?: number) {
  const w = periodWindow(period, tz, new Date(now), windowHours);
  return [w.start.toISOString(), w.end.toISOString()];
}

describe("periodWindow", () => {
  it("starts a New York month at local midnight: 05:00 UTC in winter, 04:00 in summer", () => {
    expect(win("month", "America/New_York", "2026-01-15T12:00:00Z")).toEqual(["2026-01-01T05:00:00.000Z", "2026-02-01T05:00:00.000Z"]);
    expect(win("month", "America/New_York", "2026-07-04T12:00:00Z")).toEqual(["2026-07-01T04:00:00.000Z", "2026-08-01T04:00:00.000Z"]);
    // March holds the spring-forward day: it starts on winter time and ends on summer time.
    expect(win("month", "America/New_York", "2026-03-20T00:00:00Z")).toEqual(["2026-03-01T05:00:00.000Z", "2026-04-01T04:00:00.000Z"]);
  });

  it("gives DST-change days 23 and 25 hours", () => {
    expect(win("day", "America/New_York", "2026-03-08T12:00:00Z")).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(win("day", "America/New_York", "2026-11-01T12:00:00Z")).toEqual(["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
  });

  it("uses the local date, not the UTC date", () => {
    // 04:30 UTC on the 1st is still the previous evening in New York.
    expect(win("month", "America/New_York", "2026-02-01T04:30:00Z")).toEqual(["2026-01-01T05:00:00.000Z", "2026-02-01T05:00:00.000Z"]);
    expect(win("day", "Asia/Tokyo", "2026-11-22T20:00:00Z")).toEqual(["2026-11-22T15:00:00.000Z", "2026-11-23T15:00:00.000Z"]);
    expect(win("day", "Asia/Kolkata", "2026-11-23T10:00:00Z")).toEqual(["2026-11-22T18:30:00.000Z", "2026-11-23T18:30:00.000Z"]);
  });

  it("uses ISO weeks starting on Monday", () => {
    expect(win("week", "UTC", "2026-11-25T10:00:00Z")).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"]);
    expect(win("week", "UTC", "2026-11-29T23:59:59Z")).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-30T00:00:00.000Z"]);
    // Monday 02:00 UTC is still Sunday evening in Los Angeles: the previous week.
    expect(win("week", "America/Los_Angeles", "2026-11-23T02:00:00Z")).toEqual(["2026-11-16T08:00:00.000Z", "2026-11-23T08:00:00.000Z"]);
    expect(win("week", "UTC", "2026-12-31T12:00:00Z")).toEqual(["2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"]);
  });

  it("wraps December into January", () => {
    expect(win("month", "UTC", "2026-12-31T23:00:00Z")).toEqual(["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
  });

  it("makes rolling windows end now and reach back windowHours", () => {
    expect(win("rolling", "UTC", "2026-11-23T10:15:00Z", 6)).toEqual(["2026-11-23T04:15:00.000Z", "2026-11-23T10:15:00.000Z"]);
  });
});

describe("alertPeriodKey", () => {
  it("is the period start for calendar periods", () => {
    const now = new Date("2026-07-04T12:00:00Z");
    const w = periodWindow("month", "America/New_York", now);
    expect(alertPeriodKey("month", w, now).toISOString()).toBe("2026-07-01T04:00:00.000Z");
  });

  it("is a window-aligned bucket for rolling windows", () => {
    const now = new Date("2026-11-23T10:15:00Z");
    const w = periodWindow("rolling", "UTC", now, 6);
    expect(alertPeriodKey("rolling", w, now, 6).toISOString()).toBe("2026-11-23T06:00:00.000Z");
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA zones and rejects others", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
