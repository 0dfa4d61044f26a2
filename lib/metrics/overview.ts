// GET /api/metrics/overview: the headline figures of a window (definitions in
// lib/metrics/README.md). Exact sums always; latency percentiles exact for windows
// read raw, otherwise from merged histograms within RELATIVE_ERROR.
import type { Db } from "@/lib/db/client";
import { emptyAgg, toOverview } from "./aggregate";
import { collect, type Strategy } from "./collect";
import { isAllRaw } from "./window-plan";
import type { MetricsFilter, OverviewMetrics } from "./types";

export interface MetricsOptions {
  /** "raw" reads only raw rows (exact percentiles; slow for long windows). */
  strategy?: Strategy;
}

export async function getOverview(db: Db, filter: MetricsFilter, opts: MetricsOptions = {}): Promise<OverviewMetrics> {
  const { grid, plan, lagSeconds } = await collect(
    db,
    { filter, groupBy: null, interval: null },
    { traceCounts: true, spanSums: true, latency: true },
    { rollups: opts.strategy !== "raw", days: true },
  );
  const agg = grid.get(0)?.get("") ?? emptyAgg();
  return { ...toOverview(agg), latencyExact: isAllRaw(plan), rollupLagSeconds: Math.round(lagSeconds) };
}
