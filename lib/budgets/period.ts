// Budget period boundaries in an IANA time zone, computed with Intl only (no
// zone database of our own): a "month" in America/New_York starts at local
// midnight, which is 05:00 UTC in winter and 04:00 UTC in summer.

export type BudgetPeriod = "day" | "week" | "month" | "rolling";

export interface PeriodWindow {
  start: Date;
  end: Date;
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (e.g. "Europe/Paris", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localParts(ms: number, timeZone: string): LocalDate & { hour: number; minute: number; second: number } {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year ?? 1970, month: out.month ?? 1, day: out.day ?? 1, hour: out.hour ?? 0, minute: out.minute ?? 0, second: out.second ?? 0 };
}

/** Offset of the zone from UTC at instant `ms`, in milliseconds (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of local midnight starting `date` in the zone (the first instant of that day). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  // Where midnight is skipped by a DST jump, the day starts at the later of the two readings.
  return new Date(Math.max(first, second));
}

function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * The period containing `now`: [start, end). Weeks are ISO weeks (Monday first).
 * Rolling windows end at `now` and reach back `windowHours`.
 */
export function periodWindow(period: BudgetPeriod, timeZone: string, now: Date, windowHours?: number | null): PeriodWindow {
  if (period === "rolling") {
    const hours = windowHours ?? 24;
    return { start: new Date(now.getTime() - hours * HOUR_MS), end: new Date(now.getTime()) };
  }
  const p = localParts(now.getTime(), timeZone);
  const today: LocalDate = { year: p.year, month: p.month, day: p.day };
  let first: LocalDate;
  let next: LocalDate;
  if (period === "day") {
    first = today;
    next = addDays(today, 1);
  } else if (period === "week") {
    const dow = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
    first = addDays(today, -((dow + 6) % 7));
    next = addDays(first, 7);
  } else {
    first = { year: p.year, month: p.month, day: 1 };
    next = p.month === 12 ? { year: p.year + 1, month: 1, day: 1 } : { year: p.year, month: p.month + 1, day: 1 };
  }
  return { start: startOfLocalDay(first, timeZone), end: startOfLocalDay(next, timeZone) };
}

/**
 * The key under which a period's alerts are de-duplicated. Calendar periods use
 * their start; a rolling window uses the window-aligned epoch bucket containing
 * `now`, so a threshold re-fires at most once per window length.
 */
export function alertPeriodKey(period: BudgetPeriod, window: PeriodWindow, now: Date, windowHours?: number | null): Date {
  if (period !== "rolling") return window.start;
  const len = (windowHours ?? 24) * HOUR_MS;
  return new Date(Math.floor(now.getTime() / len) * len);
}
