"use client";

// Cost over time, split into spend on successful traces and wasted spend (stacked = total).
import { useMemo } from "react";
import type { CostReport } from "@/lib/export/cost-report";
import type { ChartData } from "@/lib/overview/chart-data";
import { nextBucketStart } from "@/lib/overview/interval";
import { formatBucketRange, formatBucketTick } from "@/lib/overview/bucket-label";
import { formatUsdAxis, formatUsdPrecise } from "@/lib/overview/axis-format";
import { TimeBarChart } from "@/components/charts/time-bar-chart";

const COLORS = { s0: "var(--chart-1)", s1: "var(--danger)" };

function chartData(series: CostReport["series"], toIso: string): ChartData {
  const to = Date.parse(toIso);
  const rows = series.buckets.map((b, i) => {
    const start = Date.parse(b.start);
    const next = series.buckets[i + 1];
    const end = Math.min(next ? Date.parse(next.start) : nextBucketStart(start, series.interval), to);
    return { t: start, start, end, s0: Math.max(0, b.costUsd - b.wastedCostUsd), s1: b.wastedCostUsd };
  });
  return { interval: series.interval, series: [{ key: "s0", name: "Successful traces" }, { key: "s1", name: "Wasted (failed traces)" }], rows };
}

export function ReportCostChart({ report }: { report: CostReport }) {
  const data = useMemo(() => chartData(report.series, report.period.to), [report.series, report.period.to]);
  const iv = data.interval;
  const empty = report.totals.totalCostUsd === 0;
  return (
    <section className="min-w-0 rounded-lg border border-border bg-background p-3.5" aria-label="Cost over time">
      <header className="mb-2">
        <h2 className="text-sm font-medium">Cost over time</h2>
        <p className="text-xs text-muted">Per {iv === "1d" ? "day" : iv === "1w" ? "week" : iv === "1mo" ? "month" : `${iv} bucket`}; red is spend on failed traces</p>
      </header>
      {empty ? (
        <div className="flex h-[220px] items-center justify-center text-muted">No priced LLM calls in this period.</div>
      ) : (
        <TimeBarChart
          data={data}
          colors={COLORS}
          showTotal
          ariaLabel="Cost over time"
          format={{ axis: formatUsdAxis, exact: formatUsdPrecise, tick: (ms) => formatBucketTick(ms, iv), bucket: (a, b) => formatBucketRange(a, b, iv) }}
        />
      )}
    </section>
  );
}
