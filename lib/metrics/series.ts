// Turns per-bucket aggregates into the Timeseries contract: fixed series for
// ungrouped metrics, or the top groups (by total over the window) plus "other". Pure.
import { emptyAgg, latencyOf, mergeAgg, ratio, usd, type Agg, type AggGrid } from "./aggregate";
import type { GroupBy, Interval, Timeseries, TimeseriesMetric } from "./types";

export const TOP_GROUPS = 10;
export const OTHER_SERIES = "other";
/** Series name of the group with no value (e.g. traces without an agent name). */
export const NONE_GROUP = "(none)";

/** Metrics whose groups are summable (latency percentiles and rates are not). */
export function isGroupable(metric: TimeseriesMetric): boolean {
  return metric !== "latency" && metric !== "success";
}

export function ungroupedSeriesNames(metric: TimeseriesMetric): string[] {
  switch (metric) {
    case "latency":
      return ["p50", "p95", "p99"];
    case "success":
      return ["successRate", "llmErrorRate"];
    case "tokens":
      return ["input", "output", "cacheRead"];
    default:
      return [metric];
  }
}

function ungroupedValues(a: Agg, metric: TimeseriesMetric): Record<string, number | null> {
  switch (metric) {
    case "latency":
      return latencyOf(a);
    case "success":
      return { successRate: ratio(a.successes, a.roots), llmErrorRate: ratio(a.llmErrors, a.llmCalls) };
    case "tokens":
      return { input: a.inputTokens, output: a.outputTokens, cacheRead: a.cacheReadTokens };
    default:
      return { [metric]: groupValue(a, metric) };
  }
}

/** One number per group: USD, traces, LLM calls, or tokens (input + output; input includes cache reads). */
function groupValue(a: Agg, metric: TimeseriesMetric): number {
  switch (metric) {
    case "cost":
      return usd(a.costPico);
    case "traces":
      return a.traces;
    case "llm_calls":
      return a.llmCalls;
    case "tokens":
      return a.inputTokens + a.outputTokens;
    default:
      throw new Error(`metric ${metric} cannot be grouped`);
  }
}

export interface SeriesInput {
  interval: Interval;
  metric: TimeseriesMetric;
  groupBy: GroupBy | null;
  /** Bucket starts (ms), in order; buckets without data are filled with 0 / null. */
  starts: number[];
  grid: AggGrid;
}

const label = (g: string) => (g === "" ? NONE_GROUP : g);

export function buildTimeseries(p: SeriesInput): Timeseries {
  const iso = (ms: number) => new Date(ms).toISOString();
  if (!p.groupBy) {
    return {
      interval: p.interval,
      metric: p.metric,
      groupBy: null,
      series: ungroupedSeriesNames(p.metric),
      buckets: p.starts.map((b) => ({ start: iso(b), values: ungroupedValues(p.grid.get(b)?.get("") ?? emptyAgg(), p.metric) })),
    };
  }
  const totals = new Map<string, Agg>();
  for (const row of p.grid.values()) for (const [g, a] of row) totals.set(g, mergeAgg(totals.get(g) ?? emptyAgg(), a));
  const ranked = [...totals]
    .map(([g, a]) => ({ g, total: groupValue(a, p.metric) }))
    .sort((x, y) => y.total - x.total || (x.g < y.g ? -1 : x.g > y.g ? 1 : 0))
    .map((x) => x.g);
  const top = ranked.slice(0, TOP_GROUPS);
  const hasOther = ranked.length > TOP_GROUPS;
  const topSet = new Set(top);
  return {
    interval: p.interval,
    metric: p.metric,
    groupBy: p.groupBy,
    series: [...top.map(label), ...(hasOther ? [OTHER_SERIES] : [])],
    buckets: p.starts.map((b) => {
      const row = p.grid.get(b);
      const values: Record<string, number | null> = {};
      for (const g of top) values[label(g)] = groupValue(row?.get(g) ?? emptyAgg(), p.metric);
      if (hasOther) {
        const other = emptyAgg();
        for (const [g, a] of row ?? []) if (!topSet.has(g)) mergeAgg(other, a);
        values[OTHER_SERIES] = groupValue(other, p.metric);
      }
      return { start: iso(b), values };
    }),
  };
}
