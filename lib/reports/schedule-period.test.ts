import { describe, expect, it } from "vitest";
import { currentPeriod, duePeriod, firstReportAt, formatRunAt, lastCompletePeriod, nextRunAt, periodLabel } from "./schedule-period";

const d = (iso: string) => new Date(iso);
const iso = (w: { start: Date; end: Date }) => [w.start.toISOString(), w.end.toISOString()];

describe("scheduled report periods", () => {
  it("weekly: the previous ISO week in the schedule's zone", () => {
    const now = d("2026-11-23T15:00:00Z"); // a Monday
    expect(iso(currentPeriod("weekly", "Europe/Berlin", now))).toEqual(["2026-11-22T23:00:00.000Z", "2026-11-29T23:00:00.000Z"]);
    const last = lastCompletePeriod("weekly", "Europe/Berlin", now);
    expect(iso(last)).toEqual(["2026-11-15T23:00:00.000Z", "2026-11-22T23:00:00.000Z"]);
    expect(periodLabel(last, "Europe/Berlin", "weekly")).toBe("16–22 Nov 2026");
    // Still Sunday in Berlin one minute before midnight: the complete week is the one before.
    expect(iso(lastCompletePeriod("weekly", "Europe/Berlin", d("2026-11-22T22:59:00Z")))).toEqual(["2026-11-08T23:00:00.000Z", "2026-11-15T23:00:00.000Z"]);
  });

  it("a week across the end of summer time is 169 hours long", () => {
    const last = lastCompletePeriod("weekly", "Europe/Berlin", d("2026-10-27T12:00:00Z"));
    expect(iso(last)).toEqual(["2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect((last.end.getTime() - last.start.getTime()) / 3_600_000).toBe(169);
  });

  it("weeks across months and years read naturally", () => {
    const crossMonth = lastCompletePeriod("weekly", "UTC", d("2026-12-08T00:00:00Z"));
    expect(periodLabel(crossMonth, "UTC")).toBe("30 Nov – 6 Dec 2026");
    const crossYear = lastCompletePeriod("weekly", "UTC", d("2027-01-05T00:00:00Z"));
    expect(iso(crossYear)).toEqual(["2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"]);
    expect(periodLabel(crossYear, "UTC")).toBe("28 Dec 2026 – 3 Jan 2027");
  });

  it("monthly: the previous calendar month at local midnight (05:00 UTC in New York winter, 04:00 in summer)", () => {
    const jan = lastCompletePeriod("monthly", "America/New_York", d("2027-02-10T12:00:00Z"));
    expect(iso(jan)).toEqual(["2027-01-01T05:00:00.000Z", "2027-02-01T05:00:00.000Z"]);
    expect(periodLabel(jan, "America/New_York", "monthly")).toBe("January 2027");
    const oct = lastCompletePeriod("monthly", "America/New_York", d("2026-11-15T12:00:00Z"));
    expect(iso(oct)).toEqual(["2026-10-01T04:00:00.000Z", "2026-11-01T04:00:00.000Z"]);
    // 1 Feb 03:00 UTC is still 31 Jan in New York: December is the last complete month.
    expect(lastCompletePeriod("monthly", "America/New_York", d("2027-02-01T03:00:00Z")).start.toISOString()).toBe("2026-12-01T05:00:00.000Z");
  });

  it("only periods that end after the schedule was created are due", () => {
    const created = d("2026-11-23T15:00:00Z");
    expect(duePeriod("weekly", "Europe/Berlin", created, d("2026-11-23T15:05:00Z"))).toBeNull();
    expect(duePeriod("weekly", "Europe/Berlin", created, d("2026-11-29T22:59:59Z"))).toBeNull();
    const due = duePeriod("weekly", "Europe/Berlin", created, d("2026-11-29T23:00:30Z"));
    expect(due && iso(due)).toEqual(["2026-11-22T23:00:00.000Z", "2026-11-29T23:00:00.000Z"]);
    // A monthly schedule created mid-month does not mail last month.
    expect(duePeriod("monthly", "UTC", created, d("2026-11-30T00:00:00Z"))).toBeNull();
    expect(duePeriod("monthly", "UTC", created, d("2026-12-01T00:00:00Z"))?.start.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("says when the first and the next report go out", () => {
    const created = d("2026-11-23T15:00:00Z");
    const first = firstReportAt("weekly", "Europe/Berlin", created);
    expect(first.toISOString()).toBe("2026-11-29T23:00:00.000Z");
    expect(formatRunAt(first, "Europe/Berlin")).toBe("Mon 30 Nov, 00:00");
    expect(firstReportAt("monthly", "America/New_York", created).toISOString()).toBe("2026-12-01T05:00:00.000Z");

    expect(nextRunAt("weekly", "Europe/Berlin", created, d("2026-11-24T00:00:00Z"), null).toISOString()).toBe("2026-11-29T23:00:00.000Z");
    // Due and not yet queued: the end of that period (the next pass sends it).
    expect(nextRunAt("weekly", "Europe/Berlin", created, d("2026-11-29T23:00:05Z"), null).toISOString()).toBe("2026-11-29T23:00:00.000Z");
    // Queued: the end of the running week.
    expect(nextRunAt("weekly", "Europe/Berlin", created, d("2026-11-29T23:00:05Z"), d("2026-11-22T23:00:00Z")).toISOString()).toBe("2026-12-06T23:00:00.000Z");
  });
});
