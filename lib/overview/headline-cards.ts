// The six headline figures: value, exact value for hover, change vs the previous period, sparkline.
import type { OverviewMetrics, Timeseries } from "@/lib/metrics/types";
import { formatCount, formatDuration, formatUsd, formatUsdExact } from "@/lib/format";
import { pointsChange, relativeChange, type Change } from "./change";
import { bucketTotals, seriesValues } from "./chart-data";
import { formatPercent, formatPercentExact } from "./format-percent";

export type CardId = "spend" | "costPerSuccess" | "successRate" | "p95" | "llmCalls" | "wasted";

export interface HeadlineCard {
  id: CardId;
  label: string;
  value: string;
  /** Full-precision value and context, shown on hover. */
  exact: string;
  change: Change | null;
  /** The previous period's value, formatted, for the change's hover text. */
  previous: string | null;
  spark: (number | null)[];
  /** A short line under the value (e.g. unpriced calls, share of spend). */
  note: { text: string; tone: "muted" | "warning" } | null;
}

/** Timeseries the sparklines are drawn from; any may still be loading. */
export interface CardSeries {
  cost?: Timeseries;
  traces?: Timeseries;
  latency?: Timeseries;
  success?: Timeseries;
  llmCalls?: Timeseries;
}

function money(usd: number | null): string {
  return usd === null ? "—" : formatUsd(usd);
}

function exactCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Cost per successful trace per bucket: cost / (runs × success rate); null where nothing succeeded. */
export function costPerSuccessSeries(cost: Timeseries, traces: Timeseries, success: Timeseries): (number | null)[] {
  const spend = bucketTotals(cost);
  const runs = bucketTotals(traces);
  const rate = seriesValues(success, "successRate");
  return spend.map((c, i) => {
    const successful = (runs[i] ?? 0) * (rate[i] ?? 0);
    return c === null || successful < 0.5 ? null : c / successful;
  });
}

export function headlineCards(cur: OverviewMetrics, prev: OverviewMetrics | undefined, series: CardSeries): HeadlineCard[] {
  const { cost, traces, latency, success, llmCalls } = series;
  const wastedShare = cur.totalCostUsd > 0 ? cur.wastedCostUsd / cur.totalCostUsd : null;
  return [
    {
      id: "spend",
      label: "Spend",
      value: formatUsd(cur.totalCostUsd),
      exact: formatUsdExact(cur.totalCostUsd),
      change: prev ? relativeChange(cur.totalCostUsd, prev.totalCostUsd, null) : null,
      previous: prev ? formatUsd(prev.totalCostUsd) : null,
      spark: cost ? bucketTotals(cost) : [],
      note:
        cur.unpricedCallCount > 0
          ? { text: `+ ${formatCount(cur.unpricedCallCount)} unpriced call${cur.unpricedCallCount === 1 ? "" : "s"}`, tone: "warning" }
          : null,
    },
    {
      id: "costPerSuccess",
      label: "Cost per successful transaction",
      value: money(cur.costPerSuccessfulTraceUsd),
      exact:
        cur.costPerSuccessfulTraceUsd === null
          ? "No successful run in this period"
          : `${formatUsdExact(cur.costPerSuccessfulTraceUsd)} = ${formatUsdExact(cur.totalCostUsd)} / ${exactCount(cur.successCount)} successful runs`,
      change: prev ? relativeChange(cur.costPerSuccessfulTraceUsd, prev.costPerSuccessfulTraceUsd, false) : null,
      previous: prev ? money(prev.costPerSuccessfulTraceUsd) : null,
      spark: cost && traces && success ? costPerSuccessSeries(cost, traces, success) : [],
      note: null,
    },
    {
      id: "successRate",
      label: "Success rate",
      value: formatPercent(cur.successRate),
      exact: `${formatPercentExact(cur.successRate)} · ${exactCount(cur.successCount)} of ${exactCount(cur.traceCount)} runs succeeded`,
      change: prev ? pointsChange(cur.successRate, prev.successRate, true) : null,
      previous: prev ? formatPercent(prev.successRate) : null,
      spark: success ? seriesValues(success, "successRate") : [],
      note: null,
    },
    {
      id: "p95",
      label: "p95 latency",
      value: formatDuration(cur.latencyMs.p95),
      exact: `p50 ${formatDuration(cur.latencyMs.p50)} · p95 ${cur.latencyMs.p95 === null ? "—" : `${Math.round(cur.latencyMs.p95)} ms`} · p99 ${formatDuration(cur.latencyMs.p99)} (run duration${cur.latencyExact === false ? ", within 1 %" : ""})`,
      change: prev ? relativeChange(cur.latencyMs.p95, prev.latencyMs.p95, false) : null,
      previous: prev ? formatDuration(prev.latencyMs.p95) : null,
      spark: latency ? seriesValues(latency, "p95") : [],
      note: null,
    },
    {
      id: "llmCalls",
      label: "LLM calls",
      value: formatCount(cur.llmCallCount),
      exact: `${exactCount(cur.llmCallCount)} calls · model error rate ${formatPercentExact(cur.llmErrorRate)}`,
      change: prev ? relativeChange(cur.llmCallCount, prev.llmCallCount, null) : null,
      previous: prev ? formatCount(prev.llmCallCount) : null,
      spark: llmCalls ? bucketTotals(llmCalls) : [],
      note: null,
    },
    {
      id: "wasted",
      label: "Wasted spend",
      value: formatUsd(cur.wastedCostUsd),
      exact: `${formatUsdExact(cur.wastedCostUsd)} spent on ${exactCount(cur.traceCount - cur.successCount)} runs that did not succeed`,
      change: prev ? relativeChange(cur.wastedCostUsd, prev.wastedCostUsd, false) : null,
      previous: prev ? formatUsd(prev.wastedCostUsd) : null,
      // No per-bucket cost of failed runs in the timeseries contract: the share of spend stands in.
      spark: [],
      note: wastedShare === null ? null : { text: `${formatPercent(wastedShare)} of spend`, tone: "muted" },
    },
  ];
}
