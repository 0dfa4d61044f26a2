// Time buckets of the timeseries API: UTC-aligned intervals (weeks start on
// Monday, months are calendar months), the auto choice, and the same alignment in SQL.
import { INTERVALS, type Interval } from "./types";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const INTERVAL_MS: Record<Exclude<Interval, "1mo">, number> = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": HOUR_MS,
  "6h": 6 * HOUR_MS,
  "1d": DAY_MS,
  "1w": 7 * DAY_MS,
};

/** A Monday at midnight UTC: the origin every fixed interval is aligned to (date_bin's too). */
const ORIGIN_MS = Date.UTC(2001, 0, 1);
const ORIGIN_SQL = "timestamptz '2001-01-01 00:00:00+00'";

/** Auto picks the smallest interval that gives at most this many buckets. */
export const AUTO_MAX_BUCKETS = 200;
/** An explicit interval may give at most this many buckets. */
export const MAX_BUCKETS = 2000;

export function floorToInterval(ms: number, interval: Interval): number {
  if (interval === "1mo") {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const step = INTERVAL_MS[interval];
  return ORIGIN_MS + Math.floor((ms - ORIGIN_MS) / step) * step;
}

export function nextBucketStart(startMs: number, interval: Interval): number {
  if (interval === "1mo") {
    const d = new Date(startMs);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return startMs + INTERVAL_MS[interval];
}

export function bucketCount(fromMs: number, toMs: number, interval: Interval): number {
  if (toMs <= fromMs) return 0;
  if (interval === "1mo") {
    const a = new Date(fromMs);
    const b = new Date(toMs - 1);
    return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
  }
  const step = INTERVAL_MS[interval];
  return Math.floor((toMs - 1 - floorToInterval(fromMs, interval)) / step) + 1;
}

/** Starts of the buckets overlapping [from, to), first one aligned at or before `from`. */
export function bucketStarts(fromMs: number, toMs: number, interval: Interval): number[] {
  const out: number[] = [];
  for (let b = floorToInterval(fromMs, interval); b < toMs; b = nextBucketStart(b, interval)) out.push(b);
  return out;
}

export function autoInterval(fromMs: number, toMs: number): Interval {
  return INTERVALS.find((i) => bucketCount(fromMs, toMs, i) <= AUTO_MAX_BUCKETS) ?? "1mo";
}

/** True when every UTC day lies inside one bucket, so daily rollups can feed it. */
export function holdsWholeDays(interval: Interval): boolean {
  return interval === "1d" || interval === "1w" || interval === "1mo";
}

/** True when every UTC hour lies inside one bucket, so hourly rollups can feed it. */
export function holdsWholeHours(interval: Interval): boolean {
  return interval === "1mo" || INTERVAL_MS[interval] >= HOUR_MS;
}

/** SQL: the bucket start of a timestamptz expression, as epoch milliseconds (float8). */
export function bucketStartSql(interval: Interval, ts: string): string {
  const start =
    interval === "1mo"
      ? `date_trunc('month', ${ts}, 'UTC')`
      : `date_bin(interval '${INTERVAL_MS[interval] / 1000} seconds', ${ts}, ${ORIGIN_SQL})`;
  return `(extract(epoch from ${start}) * 1000)::float8`;
}
