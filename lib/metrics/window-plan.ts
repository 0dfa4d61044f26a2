// Splits a query window into the parts answered from daily rollups, hourly
// rollups and raw rows: partial edge hours and dirty hours (not yet recomputed
// by the rollup worker) are always raw, so answers are never stale.
import { DAY_MS, HOUR_MS } from "./intervals";

/** [startMs, endMs) */
export type TimeRange = readonly [number, number];

export interface WindowPlan {
  raw: TimeRange[];
  /** Ranges of hourly rollup buckets (grain 1). */
  hours: TimeRange[];
  /** Ranges of daily rollup buckets (grain 24). */
  days: TimeRange[];
}

export interface PlanOptions {
  /** False forces the raw path (sub-hour buckets, or on request). */
  rollups: boolean;
  /** True when daily rollups may serve whole UTC days. */
  days: boolean;
}

/** Windows this short are answered from raw rows (exact percentiles). */
export const RAW_WINDOW_MS = 2 * HOUR_MS;

/** Sorted, with overlapping or touching ranges joined. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const out: [number, number][] = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && last[1] >= a) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * At most `max` ranges covering `ranges`: the narrowest gaps are closed first. A
 * span-time filter with hundreds of OR'ed ranges makes PostgreSQL spend seconds
 * planning against hundreds of daily partitions (measured: 3.7 s to plan a year of
 * dirty hours); widening only lets a few more rows reach the trace join that filters them.
 */
export function coarsenRanges(ranges: readonly TimeRange[], max: number): TimeRange[] {
  const merged = mergeRanges(ranges);
  if (merged.length <= max) return merged;
  const gaps = merged.slice(1).map((r, i) => ({ i, width: r[0] - merged[i]![1] }));
  // Keep the widest max-1 gaps as splits (ties: the earlier gap).
  const splits = new Set(gaps.sort((x, y) => y.width - x.width || x.i - y.i).slice(0, Math.max(0, max - 1)).map((g) => g.i));
  const out: [number, number][] = [[merged[0]![0], merged[0]![1]]];
  for (let i = 1; i < merged.length; i++) {
    const r = merged[i]!;
    if (splits.has(i - 1)) out.push([r[0], r[1]]);
    else out[out.length - 1]![1] = r[1];
  }
  return out;
}

export function planWindow(fromMs: number, toMs: number, dirtyHours: ReadonlySet<number>, opts: PlanOptions): WindowPlan {
  const allRaw: WindowPlan = { raw: toMs > fromMs ? [[fromMs, toMs]] : [], hours: [], days: [] };
  if (!opts.rollups || toMs - fromMs <= RAW_WINDOW_MS) return allRaw;
  const firstHour = Math.ceil(fromMs / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(toMs / HOUR_MS) * HOUR_MS;
  if (firstHour >= lastHour) return allRaw;
  const raw: TimeRange[] = [];
  const hours: TimeRange[] = [];
  const days: TimeRange[] = [];
  if (fromMs < firstHour) raw.push([fromMs, firstHour]);
  const dayIsClean = (d: number) => {
    for (let h = d; h < d + DAY_MS; h += HOUR_MS) if (dirtyHours.has(h)) return false;
    return true;
  };
  for (let h = firstHour; h < lastHour; ) {
    if (opts.days && h % DAY_MS === 0 && h + DAY_MS <= lastHour && dayIsClean(h)) {
      days.push([h, h + DAY_MS]);
      h += DAY_MS;
      continue;
    }
    (dirtyHours.has(h) ? raw : hours).push([h, h + HOUR_MS]);
    h += HOUR_MS;
  }
  if (lastHour < toMs) raw.push([lastHour, toMs]);
  return { raw: mergeRanges(raw), hours: mergeRanges(hours), days: mergeRanges(days) };
}

/** True when nothing comes from rollups (percentiles can then be exact). */
export function isAllRaw(plan: WindowPlan): boolean {
  return plan.hours.length === 0 && plan.days.length === 0;
}
