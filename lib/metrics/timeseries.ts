// GET /api/metrics/timeseries: the overview's figures per UTC-aligned bucket.
// Buckets are clipped to [from, to), so they add up to the overview of the same window.
import type { Db } from "@/lib/db/client";
import { BadRequestError } from "@/lib/errors";
import { collect } from "./collect";
import { MAX_BUCKETS, autoInterval, bucketCount, bucketStarts, holdsWholeDays, holdsWholeHours } from "./intervals";
import type { MetricsOptions } from "./overview";
import { buildTimeseries, isGroupable } from "./series";
import type { GroupBy, Interval, MetricsFilter, Timeseries, TimeseriesMetric } from "./types";

export interface TimeseriesQuery {
  filter: MetricsFilter;
  interval: Interval | "auto";
  metric: TimeseriesMetric;
  groupBy: GroupBy | null;
}

export async function getTimeseries(db: Db, q: TimeseriesQuery, opts: MetricsOptions = {}): Promise<Timeseries> {
  const from = q.filter.from.getTime();
  const to = q.filter.to.getTime();
  if (q.groupBy && !isGroupable(q.metric)) throw new BadRequestError(`metric ${q.metric} cannot be grouped`);
  const interval = q.interval === "auto" ? autoInterval(from, to) : q.interval;
  if (bucketCount(from, to, interval) > MAX_BUCKETS) throw new BadRequestError(`interval ${interval} gives more than ${MAX_BUCKETS} buckets for this window`);
  const m = q.metric;
  const { grid } = await collect(
    db,
    { filter: q.filter, groupBy: q.groupBy, interval },
    {
      traceCounts: m === "traces" || m === "success",
      spanSums: m === "cost" || m === "tokens" || m === "llm_calls" || m === "success",
      latency: m === "latency",
    },
    { rollups: opts.strategy !== "raw" && holdsWholeHours(interval), days: holdsWholeDays(interval) },
  );
  return buildTimeseries({ interval, metric: m, groupBy: q.groupBy, starts: bucketStarts(from, to, interval), grid });
}
