// Timeseries from the metrics API → rows a chart can plot. Series get positional keys
// (s0, s1 …) because chart libraries read dotted keys ("gpt-4.1") as property paths.
import type { Interval, Timeseries } from "@/lib/metrics/types";
import type { Window } from "./period";
import { nextBucketStart } from "./interval";

export interface ChartSeries {
  key: string;
  /** The API's series name: a group (model, agent) or a fixed series such as "p95". */
  name: string;
}

export interface ChartRow {
  /** The bucket's aligned start (ms since epoch): the x axis position. */
  t: number;
  /** Bucket start and end (ms since epoch), clamped to the requested window: what the bucket counted. */
  start: number;
  end: number;
  [seriesKey: string]: number | null;
}

export interface ChartData {
  interval: Interval;
  series: ChartSeries[];
  rows: ChartRow[];
}

export const OTHER_GROUP = "other";

/** `window` clamps the first and last bucket so a bucket's link covers only what the chart counted. */
export function toChartData(ts: Timeseries, window?: Window): ChartData {
  const series = ts.series.map((name, i) => ({ key: `s${i}`, name }));
  const rows = ts.buckets.map((b, i) => {
    const rawStart = Date.parse(b.start);
    const following = ts.buckets[i + 1];
    const rawEnd = following ? Date.parse(following.start) : nextBucketStart(rawStart, ts.interval);
    const row: ChartRow = {
      t: rawStart,
      start: window ? Math.max(rawStart, window.from.getTime()) : rawStart,
      end: window ? Math.min(rawEnd, window.to.getTime()) : rawEnd,
    };
    for (const s of series) row[s.key] = b.values[s.name] ?? null;
    return row;
  });
  return { interval: ts.interval, series, rows };
}

/** Per-bucket sum over all series (e.g. spend across models); null where every series is null. */
export function bucketTotals(ts: Timeseries): (number | null)[] {
  return ts.buckets.map((b) => {
    let sum: number | null = null;
    for (const name of ts.series) {
      const v = b.values[name];
      if (v !== null && v !== undefined) sum = (sum ?? 0) + v;
    }
    return sum;
  });
}

/** One named series' values, bucket by bucket. */
export function seriesValues(ts: Timeseries, name: string): (number | null)[] {
  return ts.buckets.map((b) => b.values[name] ?? null);
}

/** Token usage split so stacks add up: input tokens include the cache reads. */
export function tokenChartData(ts: Timeseries, window?: Window): ChartData {
  const base = toChartData({ ...ts, series: [] }, window);
  const rows = base.rows.map((row, i) => {
    const v = ts.buckets[i]?.values ?? {};
    const input = v.input ?? 0;
    const cached = Math.min(v.cacheRead ?? 0, input);
    return { ...row, uncached: input - cached, cached, output: v.output ?? 0 };
  });
  return {
    interval: ts.interval,
    series: [
      { key: "uncached", name: "Input" },
      { key: "cached", name: "Input, cache read" },
      { key: "output", name: "Output" },
    ],
    rows,
  };
}

/** False when every value is null or zero: the chart shows an empty note instead of a flat line. */
export function hasData(data: ChartData): boolean {
  return data.rows.some((r) => data.series.some((s) => (r[s.key] ?? 0) !== 0));
}

/** Display names for fixed series ("successRate" → "Run success rate"); unknown names pass through. */
export function renameSeries(data: ChartData, names: Readonly<Record<string, string>>): ChartData {
  return { ...data, series: data.series.map((s) => ({ ...s, name: names[s.name] ?? s.name })) };
}
