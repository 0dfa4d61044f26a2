// Which period a scheduled cost report covers and when it goes out. Browser-safe
// (Intl only), so the schedule dialog can say "First report: Mon 30 Nov, 00:00".
// A weekly report covers an ISO week (Monday 00:00 to Monday 00:00) and a monthly
// one a calendar month, both in the schedule's time zone; it goes out when its
// period ends, and only for periods that end after the schedule was created.
import { periodWindow, type PeriodWindow } from "@/lib/budgets/period";

export type Cadence = "weekly" | "monthly";

const kind = (c: Cadence) => (c === "weekly" ? "week" : "month");

/** The period containing `now` (still running). */
export function currentPeriod(cadence: Cadence, timeZone: string, now: Date): PeriodWindow {
  return periodWindow(kind(cadence), timeZone, now);
}

/** The last period that has fully ended at `now` (previous ISO week / calendar month). */
export function lastCompletePeriod(cadence: Cadence, timeZone: string, now: Date): PeriodWindow {
  const cur = currentPeriod(cadence, timeZone, now);
  return periodWindow(kind(cadence), timeZone, new Date(cur.start.getTime() - 1));
}

/** The period the schedule should have sent by `now`, or null when it ended before the schedule existed. */
export function duePeriod(cadence: Cadence, timeZone: string, createdAt: Date, now: Date): PeriodWindow | null {
  const last = lastCompletePeriod(cadence, timeZone, now);
  return last.end.getTime() > createdAt.getTime() ? last : null;
}

/** When the first scheduled report of a schedule created at `createdAt` goes out. */
export function firstReportAt(cadence: Cadence, timeZone: string, createdAt: Date): Date {
  return currentPeriod(cadence, timeZone, createdAt).end;
}

/**
 * When the next scheduled report goes out: the end of the due period if its report
 * has not been queued yet (a time in the past: the next worker pass sends it), else
 * the end of the current period.
 */
export function nextRunAt(cadence: Cadence, timeZone: string, createdAt: Date, now: Date, lastSentStart: Date | null): Date {
  const due = duePeriod(cadence, timeZone, createdAt, now);
  if (due && (lastSentStart === null || lastSentStart.getTime() < due.start.getTime())) return due.end;
  return currentPeriod(cadence, timeZone, now).end;
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function localDay(ms: number, timeZone: string): LocalDay {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    dayFormatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year ?? 1970, month: out.month ?? 1, day: out.day ?? 1 };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The period in words, in its zone: "16–22 Nov 2026", "30 Nov – 6 Dec 2026",
 * "29 Dec 2025 – 4 Jan 2026"; a whole calendar month reads "November 2026".
 */
export function periodLabel(period: PeriodWindow, timeZone: string, cadence?: Cadence): string {
  const a = localDay(period.start.getTime(), timeZone);
  const b = localDay(period.end.getTime() - 1, timeZone);
  const mon = (d: LocalDay) => MONTHS[d.month - 1] ?? "";
  if (cadence === "monthly" && a.day === 1 && a.year === b.year && a.month === b.month) return `${MONTHS_LONG[a.month - 1] ?? ""} ${a.year}`;
  if (a.year !== b.year) return `${a.day} ${mon(a)} ${a.year} – ${b.day} ${mon(b)} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${mon(a)} – ${b.day} ${mon(b)} ${b.year}`;
  if (a.day === b.day) return `${a.day} ${mon(a)} ${a.year}`;
  return `${a.day}–${b.day} ${mon(a)} ${a.year}`;
}

/** "Mon 30 Nov, 00:00" in the zone (the zone's name is left to the caller). */
export function formatRunAt(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at);
}

export const CADENCE_LABELS: Record<Cadence, string> = { weekly: "Weekly", monthly: "Monthly" };
