// The partial aggregate every source (rollup rows, raw traces, raw spans) adds
// into, per time bucket and group, and the overview figures derived from it. Pure.
import { picoTextToUsd } from "@/lib/db/traces";
import { histogramQuantiles, mergeHistogram, type Histogram } from "./histogram";
import type { OverviewMetrics } from "./types";

export interface Agg {
  traces: number;
  /** Traces whose root has arrived. */
  roots: number;
  successes: number;
  costPico: bigint;
  wastedPico: bigint;
  llmCalls: number;
  llmErrors: number;
  unpriced: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  latency: Histogram;
  /** Exact nearest-rank p50/p95/p99 (ms) when the whole window was read raw; else null. */
  exactLatencyMs: [number, number, number] | null;
}

export const QUANTILES = [0.5, 0.95, 0.99] as const;

export function emptyAgg(): Agg {
  return {
    traces: 0,
    roots: 0,
    successes: 0,
    costPico: 0n,
    wastedPico: 0n,
    llmCalls: 0,
    llmErrors: 0,
    unpriced: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    latency: new Map(),
    exactLatencyMs: null,
  };
}

/** bucket start (ms; 0 for a whole-window bucket) → group ('' when ungrouped) → aggregate */
export type AggGrid = Map<number, Map<string, Agg>>;

export function cell(grid: AggGrid, bucket: number, group: string): Agg {
  let row = grid.get(bucket);
  if (!row) grid.set(bucket, (row = new Map()));
  let agg = row.get(group);
  if (!agg) row.set(group, (agg = emptyAgg()));
  return agg;
}

export function mergeAgg(into: Agg, from: Agg): Agg {
  into.traces += from.traces;
  into.roots += from.roots;
  into.successes += from.successes;
  into.costPico += from.costPico;
  into.wastedPico += from.wastedPico;
  into.llmCalls += from.llmCalls;
  into.llmErrors += from.llmErrors;
  into.unpriced += from.unpriced;
  into.inputTokens += from.inputTokens;
  into.outputTokens += from.outputTokens;
  into.cacheReadTokens += from.cacheReadTokens;
  mergeHistogram(into.latency, from.latency);
  return into;
}

export const usd = (pico: bigint): number => picoTextToUsd(pico.toString());

export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export function latencyOf(a: Agg): { p50: number | null; p95: number | null; p99: number | null } {
  const [p50, p95, p99] = a.exactLatencyMs ?? histogramQuantiles(a.latency, QUANTILES);
  return { p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null };
}

export function toOverview(a: Agg): OverviewMetrics {
  const totalCostUsd = usd(a.costPico);
  return {
    traceCount: a.traces,
    successCount: a.successes,
    successRate: ratio(a.successes, a.roots),
    totalCostUsd,
    wastedCostUsd: usd(a.wastedPico),
    costPerSuccessfulTraceUsd: a.successes > 0 ? totalCostUsd / a.successes : null,
    latencyMs: latencyOf(a),
    llmCallCount: a.llmCalls,
    llmErrorRate: ratio(a.llmErrors, a.llmCalls),
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    cacheReadTokens: a.cacheReadTokens,
    unpricedCallCount: a.unpriced,
  };
}
