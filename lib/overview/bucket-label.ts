// Axis ticks and tooltip headings for time buckets, in the reader's time zone (tests pin one).
import type { Interval } from "@/lib/metrics/types";
import { intervalMs } from "./interval";

const HOUR = 3_600_000;
const DAY = 86_400_000;

function fmt(ms: number, opts: Intl.DateTimeFormatOptions, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour12: false, timeZone, ...opts }).format(ms);
}

const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
const DATE: Intl.DateTimeFormatOptions = { day: "2-digit", month: "short" };

export function formatBucketTick(ms: number, interval: Interval, timeZone?: string): string {
  const len = intervalMs(interval);
  if (len <= HOUR) return fmt(ms, TIME, timeZone);
  if (len < DAY) return fmt(ms, { ...DATE, ...TIME }, timeZone);
  if (interval === "1mo") return fmt(ms, { month: "short", year: "numeric" }, timeZone);
  return fmt(ms, DATE, timeZone);
}

/** "12 Mar, 14:00 – 14:15" (same day), "12 Mar, 18:00 – 13 Mar, 00:00", "12 Mar – 18 Mar". */
export function formatBucketRange(startMs: number, endMs: number, interval: Interval, timeZone?: string): string {
  if (intervalMs(interval) >= DAY) {
    if (interval === "1mo") return fmt(startMs, { month: "long", year: "numeric" }, timeZone);
    const lastDay = endMs - 1;
    const a = fmt(startMs, DATE, timeZone);
    const b = fmt(lastDay, DATE, timeZone);
    return a === b ? a : `${a} – ${b}`;
  }
  const sameDay = fmt(startMs, DATE, timeZone) === fmt(endMs - 1, DATE, timeZone);
  if (sameDay) return `${fmt(startMs, DATE, timeZone)}, ${fmt(startMs, TIME, timeZone)} – ${fmt(endMs, TIME, timeZone)}`;
  return `${fmt(startMs, { ...DATE, ...TIME }, timeZone)} – ${fmt(endMs, { ...DATE, ...TIME }, timeZone)}`;
}
