// A budget's cumulative spend through its current period, bucketed in the budget's
// time zone (hours for a day or a short rolling window, days otherwise), for the
// card's sparkline. Buckets after now are listed with a null value, so the line
// also shows how far into the period we are.
import type { Querier } from "@/lib/db/client";
import type { BudgetRow } from "./budget-store";
import { periodWindow, type BudgetPeriod } from "./period";
import { scopeFilter } from "./spend";
import { picoToUsd } from "./status";

const HOUR_MS = 3_600_000;
/** Rolling windows longer than this are bucketed by day (a year of hours would be 8,784 points). */
export const MAX_HOURLY_WINDOW_HOURS = 168;

export type SeriesBucket = "hour" | "day";

export interface BudgetSeriesPoint {
  /** Bucket start (ISO). */
  start: string;
  /** Spend from the period start to the end of this bucket; null for buckets not yet begun. */
  cumulativeUsd: number | null;
}

export interface BudgetSeries {
  budgetId: number;
  periodStart: string;
  periodEnd: string;
  timezone: string;
  bucket: SeriesBucket;
  points: BudgetSeriesPoint[];
}

export function seriesBucket(period: BudgetPeriod, windowHours?: number | null): SeriesBucket {
  if (period === "day") return "hour";
  if (period === "rolling") return (windowHours ?? 24) <= MAX_HOURLY_WINDOW_HOURS ? "hour" : "day";
  return "day";
}

/**
 * Bucket start instants covering [start, end): local hours or local days in the zone.
 * The first bucket begins at or before `start` (a rolling window rarely starts on the hour).
 * Hours step by 60 minutes from a local midnight, so they stay on local hour marks across DST.
 */
export function bucketStarts(bucket: SeriesBucket, timeZone: string, start: Date, end: Date): Date[] {
  const out: Date[] = [];
  const dayStart = periodWindow("day", timeZone, start).start;
  if (bucket === "day") {
    for (let d = dayStart; d < end; d = periodWindow("day", timeZone, d).end) out.push(d);
    return out;
  }
  let h = dayStart.getTime();
  while (h + HOUR_MS <= start.getTime()) h += HOUR_MS;
  for (; h < end.getTime(); h += HOUR_MS) out.push(new Date(h));
  return out;
}

/** Index of the last bucket starting at or before `t` (-1 when before the first). */
export function bucketIndex(starts: readonly Date[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid]?.getTime() ?? Infinity) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Running totals of per-bucket sums; buckets starting after `nowMs` get null. */
export function cumulate(starts: readonly Date[], sums: readonly bigint[], nowMs: number): BudgetSeriesPoint[] {
  let total = 0n;
  return starts.map((s, i) => {
    total += sums[i] ?? 0n;
    return { start: s.toISOString(), cumulativeUsd: s.getTime() > nowMs ? null : picoToUsd(total) };
  });
}

export async function budgetSeries(db: Querier, budget: BudgetRow, pseudonymKey: string, now = new Date()): Promise<BudgetSeries> {
  const w = periodWindow(budget.period, budget.timezone, now, budget.windowHours);
  const bucket = seriesBucket(budget.period, budget.windowHours);
  const starts = bucketStarts(bucket, budget.timezone, w.start, w.end);
  const params: unknown[] = [budget.projectId, w.start.toISOString(), now.toISOString(), bucket, budget.timezone];
  const { join, where } = scopeFilter(budget.scope, pseudonymKey, params);
  const rows = await db.query<{ bucket: unknown; pico: string }>(
    `select date_trunc($4::text, s.start_time, $5::text) as bucket, sum(s.cost_pico)::text as pico
       from spans s ${join}
      where s.project_id = $1 and s.start_time >= $2::timestamptz and s.start_time < $3::timestamptz
        and s.billable and s.cost_pico is not null${where.map((c) => `\n        and ${c}`).join("")}
      group by 1`,
    params,
  );
  const sums = starts.map(() => 0n);
  for (const r of rows) {
    const t = (r.bucket instanceof Date ? r.bucket : new Date(String(r.bucket))).getTime();
    // date_trunc and our bucket starts agree; the floor lookup also covers a rolling window's partial first bucket.
    const i = Math.max(0, bucketIndex(starts, t));
    sums[i] = (sums[i] ?? 0n) + BigInt(r.pico);
  }
  return {
    budgetId: budget.id,
    periodStart: w.start.toISOString(),
    periodEnd: w.end.toISOString(),
    timezone: budget.timezone,
    bucket,
    points: cumulate(starts, sums, now.getTime()),
  };
}
