// The cost report (GET /api/export/cost-report): a window's totals, cost per
// successful transaction, wasted spend, rows grouped by day/agent/model, top agents
// and models, unpriced usage and the prices used. Content-free: only names of
// agents and models, counts, tokens and money.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { listPriceRows, type PriceJson } from "@/lib/db/price-admin";
import { getBreakdown } from "@/lib/metrics/breakdown";
import type { BreakdownItem } from "@/lib/metrics/breakdown-types";
import { autoInterval, bucketStarts } from "@/lib/metrics/intervals";
import { getOverview } from "@/lib/metrics/overview";
import type { Interval, MetricsFilter } from "@/lib/metrics/types";
import { groupedSums, spanRange, unpricedUsage, usedPriceIds, type GroupSums, type UnpricedUsage } from "./cost-report-sql";

export const COST_REPORT_TITLE = "Skein cost report";
export const COST_REPORT_GROUP_KEYS = ["day", "agent", "model"] as const;
export type CostReportGroupKey = (typeof COST_REPORT_GROUP_KEYS)[number];
export const COST_REPORT_FORMATS = ["csv", "json", "pdf"] as const;
export type CostReportFormat = (typeof COST_REPORT_FORMATS)[number];
/** Shown for an empty agent or model (trace without agent name, trace without LLM call). */
export const NONE = "(none)";
const TOP = 10;

/** `groupBy=day,agent,model` (any subset, any order in the query) → keys in the canonical order. */
export const groupByParam = z
  .string()
  .default("day")
  .transform((s, ctx) => {
    const asked = s.split(",").map((k) => k.trim()).filter(Boolean);
    for (const k of asked) {
      if (!(COST_REPORT_GROUP_KEYS as readonly string[]).includes(k)) ctx.addIssue({ code: "custom", message: `groupBy must be a list of ${COST_REPORT_GROUP_KEYS.join(", ")}` });
    }
    return COST_REPORT_GROUP_KEYS.filter((k) => asked.includes(k));
  });

export interface CostReportRow {
  /** UTC date YYYY-MM-DD (when grouped by day). */
  day?: string;
  agent?: string;
  model?: string;
  traces: number;
  successfulTraces: number;
  costUsd: number;
  wastedCostUsd: number;
  inputTokens: number;
  outputTokens: number;
  unpricedCalls: number;
}

export interface CostReportTotals {
  traceCount: number;
  successCount: number;
  successRate: number | null;
  totalCostUsd: number;
  wastedCostUsd: number;
  costPerSuccessfulTraceUsd: number | null;
  llmCallCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  unpricedCallCount: number;
}

export interface CostReportTopItem {
  key: string;
  traces: number;
  llmCalls: number;
  successRate: number | null;
  costUsd: number;
  costPerSuccessfulTraceUsd: number | null;
  inputTokens: number;
  outputTokens: number;
  unpriced: boolean;
}

export interface CostReport {
  title: string;
  project: { id: number; slug: string; name: string };
  /** The window [from, to) of trace start times, ISO UTC. */
  period: { from: string; to: string };
  generatedAt: string;
  groupBy: CostReportGroupKey[];
  totals: CostReportTotals;
  rows: CostReportRow[];
  /** Cost over time for the chart: UTC-aligned buckets clipped to the window, empty ones included. */
  series: { interval: Interval; buckets: { start: string; costUsd: number; wastedCostUsd: number }[] };
  topAgents: CostReportTopItem[];
  topModels: CostReportTopItem[];
  unpriced: UnpricedUsage[];
  /** The price rows the window's LLM calls were priced with (USD per 1M tokens). */
  prices: PriceJson[];
}

export interface CostReportInput {
  filter: MetricsFilter;
  groupBy: readonly CostReportGroupKey[];
  project: { id: number; slug: string; name: string };
  now?: Date;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function toRow(g: GroupSums, keys: readonly CostReportGroupKey[]): CostReportRow {
  return {
    ...(keys.includes("day") && { day: dayOf(g.bucket) }),
    ...(keys.includes("agent") && { agent: g.agent || NONE }),
    ...(keys.includes("model") && { model: g.model || NONE }),
    traces: g.traces,
    successfulTraces: g.successfulTraces,
    costUsd: g.costUsd,
    wastedCostUsd: g.wastedCostUsd,
    inputTokens: g.inputTokens,
    outputTokens: g.outputTokens,
    unpricedCalls: g.unpricedCalls,
  };
}

/** Days ascending; within a day (or overall), largest cost first, then by name. */
function rowOrder(a: CostReportRow, b: CostReportRow): number {
  return (
    (a.day ?? "").localeCompare(b.day ?? "") ||
    b.costUsd - a.costUsd ||
    (a.agent ?? "").localeCompare(b.agent ?? "") ||
    (a.model ?? "").localeCompare(b.model ?? "")
  );
}

function topItem(i: BreakdownItem): CostReportTopItem {
  return {
    key: i.key || NONE,
    traces: i.traces,
    llmCalls: i.calls,
    successRate: i.successRate,
    costUsd: i.costUsd,
    costPerSuccessfulTraceUsd: i.costPerSuccessfulTraceUsd,
    inputTokens: i.inputTokens,
    outputTokens: i.outputTokens,
    unpriced: i.unpriced,
  };
}

export async function buildCostReport(db: Db, input: CostReportInput): Promise<CostReport> {
  const f = input.filter;
  const keys = COST_REPORT_GROUP_KEYS.filter((k) => input.groupBy.includes(k));
  const range = await spanRange(db, f);
  const from = f.from.getTime();
  const to = f.to.getTime();
  const interval = autoInterval(from, to);
  const [overview, groups, chart, agents, models, unpriced, priceIds, prices] = await Promise.all([
    getOverview(db, f),
    groupedSums(db, f, { bucket: keys.includes("day") ? "1d" : null, agent: keys.includes("agent"), model: keys.includes("model") }, range),
    groupedSums(db, f, { bucket: interval, agent: false, model: false }, range),
    getBreakdown(db, f, "agent"),
    getBreakdown(db, f, "model"),
    unpricedUsage(db, f, range),
    usedPriceIds(db, f, range),
    listPriceRows(db),
  ]);
  const byStart = new Map(chart.map((g) => [g.bucket, g]));
  return {
    title: COST_REPORT_TITLE,
    project: input.project,
    period: { from: f.from.toISOString(), to: f.to.toISOString() },
    generatedAt: (input.now ?? new Date()).toISOString(),
    groupBy: keys,
    totals: {
      traceCount: overview.traceCount,
      successCount: overview.successCount,
      successRate: overview.successRate,
      totalCostUsd: overview.totalCostUsd,
      wastedCostUsd: overview.wastedCostUsd,
      costPerSuccessfulTraceUsd: overview.costPerSuccessfulTraceUsd,
      llmCallCount: overview.llmCallCount,
      inputTokens: overview.inputTokens,
      outputTokens: overview.outputTokens,
      cacheReadTokens: overview.cacheReadTokens,
      unpricedCallCount: overview.unpricedCallCount,
    },
    rows: groups.map((g) => toRow(g, keys)).sort(rowOrder),
    series: {
      interval,
      buckets: bucketStarts(from, to, interval).map((start) => {
        const g = byStart.get(start);
        // A bucket starting before `from` is shown at `from` (clipped), as the timeseries does.
        return { start: new Date(Math.max(start, from)).toISOString(), costUsd: g?.costUsd ?? 0, wastedCostUsd: g?.wastedCostUsd ?? 0 };
      }),
    },
    topAgents: agents.items.slice(0, TOP).map(topItem),
    topModels: models.items.slice(0, TOP).map(topItem),
    unpriced,
    prices: prices.filter((p) => priceIds.has(p.id)),
  };
}

/** CSV columns: the requested group keys (day, agent, model, in that order), then the sums. */
export function costReportCsvColumns(groupBy: readonly CostReportGroupKey[]): (keyof CostReportRow)[] {
  return [...groupBy, "traces", "successfulTraces", "costUsd", "wastedCostUsd", "inputTokens", "outputTokens", "unpricedCalls"];
}
