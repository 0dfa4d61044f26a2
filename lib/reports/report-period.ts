// The report's period as URL params: calendar months (UTC) become from/to, the rolling
// windows reuse the shell's range presets, so the top bar's picker stays in step.
import type { TimeRange } from "@/lib/time-range";

export const PERIOD_KEYS = ["this-month", "last-month", "7d", "30d", "custom"] as const;
export type PeriodKey = (typeof PERIOD_KEYS)[number];

export const PERIOD_LABELS: Record<PeriodKey, string> = {
  "this-month": "This month",
  "last-month": "Last month",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom",
};

export type RangePatch = { range: string | null; from: string | null; to: string | null };

const monthStart = (now: Date, offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));

function month(now: Date, offset: number): { from: Date; to: Date } {
  return { from: monthStart(now, offset), to: monthStart(now, offset + 1) };
}

/** The URL patch for a preset (custom has none: it needs dates). */
export function periodPatch(key: Exclude<PeriodKey, "custom">, now: Date = new Date()): RangePatch {
  if (key === "7d" || key === "30d") return { range: key, from: null, to: null };
  const m = month(now, key === "this-month" ? 0 : -1);
  return { range: null, from: m.from.toISOString(), to: m.to.toISOString() };
}

/** Which picker button a time range corresponds to. */
export function activePeriod(r: TimeRange, now: Date = new Date()): PeriodKey {
  if (r.preset === "7d" || r.preset === "30d") return r.preset;
  for (const [key, offset] of [["this-month", 0], ["last-month", -1]] as const) {
    const m = month(now, offset);
    if (r.from.getTime() === m.from.getTime() && r.to.getTime() === m.to.getTime()) return key;
  }
  return "custom";
}

/** Whole UTC days, both ends included: "2026-11-01".."2026-11-15" → [Nov 1 00:00, Nov 16 00:00). Null if invalid. */
export function customPatch(fromDay: string, toDay: string): RangePatch | null {
  const a = Date.parse(`${fromDay}T00:00:00.000Z`);
  const b = Date.parse(`${toDay}T00:00:00.000Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return null;
  return { range: null, from: new Date(a).toISOString(), to: new Date(b + 86_400_000).toISOString() };
}

/** The date inputs' values for a range (UTC days; an end at midnight belongs to the day before). */
export function dayInputs(r: TimeRange): { from: string; to: string } {
  const endMs = r.to.getTime();
  const lastDay = endMs % 86_400_000 === 0 ? endMs - 86_400_000 : endMs;
  return { from: r.from.toISOString().slice(0, 10), to: new Date(Math.max(lastDay, r.from.getTime())).toISOString().slice(0, 10) };
}

/** "1 Nov 2026 – 30 Nov 2026 (UTC)" for whole days, else with times. */
export function describePeriod(fromIso: string, toIso: string): string {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const whole = from % 86_400_000 === 0 && to % 86_400_000 === 0;
  const opts: Intl.DateTimeFormatOptions = whole
    ? { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }
    : { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" };
  const f = new Intl.DateTimeFormat("en-GB", opts);
  return `${f.format(from)} – ${f.format(whole ? to - 1 : to)} UTC`;
}
