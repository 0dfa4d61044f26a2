"use client";

// The overview's four time charts: spend (stacked by model or agent), latency, success vs model errors, tokens.
import { useMemo } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { Timeseries } from "@/lib/metrics/types";
import { hasData, renameSeries, toChartData, tokenChartData, type ChartData } from "@/lib/overview/chart-data";
import { bucketWindow, dragWindow, type IsoWindow } from "@/lib/overview/bucket-window";
import { formatBucketRange, formatBucketTick } from "@/lib/overview/bucket-label";
import { formatCountAxis, formatMsAxis, formatMsPrecise, formatRateAxis, formatTokensPrecise, formatUsdAxis, formatUsdPrecise } from "@/lib/overview/axis-format";
import { formatPercent } from "@/lib/overview/format-percent";
import type { Window } from "@/lib/overview/period";
import { TimeBarChart, type TimeChartFormat } from "@/components/charts/time-bar-chart";
import { TimeLineChart } from "@/components/charts/time-line-chart";
import { ChartPanel } from "./chart-panel";
import { SpendGroupToggle } from "./spend-group-toggle";
import type { SpendGroup } from "./use-overview-data";

const HINT = "Click to open these traces · drag to zoom";

interface Props {
  window: Window;
  spend: UseQueryResult<Timeseries>;
  latency: UseQueryResult<Timeseries>;
  success: UseQueryResult<Timeseries>;
  tokens: UseQueryResult<Timeseries>;
  spendBy: SpendGroup;
  onSpendByChange: (g: SpendGroup) => void;
  onOpenBucket: (window: IsoWindow, group: { by: SpendGroup; key: string } | null) => void;
  onZoom: (window: IsoWindow) => void;
}

function useChart(query: UseQueryResult<Timeseries>, shape: (ts: Timeseries) => ChartData) {
  const { data } = query;
  const chart = useMemo(() => (data ? shape(data) : null), [data, shape]);
  return {
    chart,
    state: { pending: query.isPending, error: query.error, empty: chart !== null && !hasData(chart), onRetry: () => void query.refetch() },
  };
}

function timeFormat(interval: ChartData["interval"] | undefined, axis: TimeChartFormat["axis"], exact: TimeChartFormat["exact"]): TimeChartFormat {
  const iv = interval ?? "1h";
  return { axis, exact, tick: (ms) => formatBucketTick(ms, iv), bucket: (a, b) => formatBucketRange(a, b, iv) };
}

const SUCCESS_NAMES: Record<string, string> = { successRate: "Run success rate", llmErrorRate: "Model error rate" };

export function OverviewCharts({ window, spend, latency, success, tokens, spendBy, onSpendByChange, onOpenBucket, onZoom }: Props) {
  const shapeTs = useMemo(() => (ts: Timeseries) => toChartData(ts, window), [window]);
  const shapeSuccess = useMemo(() => (ts: Timeseries) => renameSeries(toChartData(ts, window), SUCCESS_NAMES), [window]);
  const shapeTokens = useMemo(() => (ts: Timeseries) => tokenChartData(ts, window), [window]);

  const spendChart = useChart(spend, shapeTs);
  const latencyChart = useChart(latency, shapeTs);
  const successChart = useChart(success, shapeSuccess);
  const tokenChart = useChart(tokens, shapeTokens);

  const handlers = (chart: ChartData | null, withGroup: boolean) => ({
    onBucketClick: (i: number, group: string | null) => {
      const w = chart && bucketWindow(chart.rows, i);
      if (w) onOpenBucket(w, withGroup && group ? { by: spendBy, key: group } : null);
    },
    onZoom: (a: number, b: number) => {
      const w = chart && dragWindow(chart.rows, a, b);
      if (w) onZoom(w);
    },
  });

  return (
    <div className="space-y-3">
      <ChartPanel
        title="Spend"
        subtitle={`Stacked by ${spendBy}; the ten largest, the rest as “other”`}
        actions={<SpendGroupToggle value={spendBy} onChange={onSpendByChange} />}
        height={240}
        state={spendChart.state}
        emptyText="No spend in this time range (no priced LLM calls)."
      >
        {spendChart.chart && (
          <TimeBarChart
            data={spendChart.chart}
            format={timeFormat(spendChart.chart.interval, formatUsdAxis, formatUsdPrecise)}
            ariaLabel={`Spend over time by ${spendBy}`}
            height={240}
            showTotal
            hint={`Click a segment to open its traces · drag to zoom`}
            {...handlers(spendChart.chart, true)}
          />
        )}
      </ChartPanel>
      <div className="grid gap-3 lg:grid-cols-3">
        <ChartPanel title="Latency" subtitle="Run duration percentiles" height={180} state={latencyChart.state}>
          {latencyChart.chart && (
            <TimeLineChart
              data={latencyChart.chart}
              format={timeFormat(latencyChart.chart.interval, formatMsAxis, formatMsPrecise)}
              ariaLabel="Run latency p50, p95 and p99 over time"
              height={180}
              colors={{ s0: "var(--chart-3)", s1: "var(--chart-1)", s2: "var(--chart-4)" }}
              hint={HINT}
              {...handlers(latencyChart.chart, false)}
            />
          )}
        </ChartPanel>
        <ChartPanel title="Success vs model errors" subtitle="Runs succeeding despite model errors = failover" height={180} state={successChart.state}>
          {successChart.chart && (
            <TimeLineChart
              data={successChart.chart}
              format={timeFormat(successChart.chart.interval, formatRateAxis, (v) => formatPercent(v, 2))}
              ariaLabel="Run success rate and model error rate over time"
              height={180}
              yDomain={[0, 1]}
              colors={Object.fromEntries(successChart.chart.series.map((s) => [s.key, s.name === SUCCESS_NAMES.llmErrorRate ? "var(--danger)" : "var(--success)"]))}
              hint={HINT}
              {...handlers(successChart.chart, false)}
            />
          )}
        </ChartPanel>
        <ChartPanel title="Tokens" subtitle="Input (cache reads apart) and output" height={180} state={tokenChart.state}>
          {tokenChart.chart && (
            <TimeBarChart
              data={tokenChart.chart}
              format={timeFormat(tokenChart.chart.interval, formatCountAxis, formatTokensPrecise)}
              ariaLabel="Token usage over time"
              height={180}
              showTotal
              colors={{ uncached: "var(--chart-1)", cached: "var(--chart-2)", output: "var(--chart-4)" }}
              hint={HINT}
              {...handlers(tokenChart.chart, false)}
            />
          )}
        </ChartPanel>
      </div>
    </div>
  );
}
