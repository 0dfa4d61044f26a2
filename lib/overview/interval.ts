// Bucket arithmetic for the metrics API's intervals (UTC-aligned, months are calendar months).
import type { Interval } from "@/lib/metrics/types";

const FIXED_MS: Record<Exclude<Interval, "1mo">, number> = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": 3_600_000,
  "6h": 21_600_000,
  "1d": 86_400_000,
  "1w": 604_800_000,
};

/** The start of the bucket after the one starting at `startMs`. */
export function nextBucketStart(startMs: number, interval: Interval): number {
  if (interval === "1mo") {
    const d = new Date(startMs);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
  }
  return startMs + FIXED_MS[interval];
}

/** Nominal bucket length, for choosing label formats. */
export function intervalMs(interval: Interval): number {
  return interval === "1mo" ? 30 * 86_400_000 : FIXED_MS[interval];
}
