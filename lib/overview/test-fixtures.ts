// Test fixtures shaped exactly like the metrics API's answers.
import type { OverviewMetrics, Timeseries } from "@/lib/metrics/types";
import type { BreakdownItem } from "@/lib/metrics/breakdown-types";

export function overview(patch: Partial<OverviewMetrics> = {}): OverviewMetrics {
  return {
    traceCount: 200,
    successCount: 190,
    successRate: 0.95,
    totalCostUsd: 12.5,
    wastedCostUsd: 1.25,
    costPerSuccessfulTraceUsd: 12.5 / 190,
    latencyMs: { p50: 1200, p95: 4800, p99: 9100 },
    llmCallCount: 640,
    llmErrorRate: 0.04,
    inputTokens: 1_000_000,
    outputTokens: 120_000,
    cacheReadTokens: 400_000,
    unpricedCallCount: 0,
    ...patch,
  };
}

const HOUR = "2025-03-12T1";
export const costByModel: Timeseries = {
  interval: "1h",
  metric: "cost",
  groupBy: "model",
  series: ["gpt-4.1", "claude-sonnet-4-5", "other"],
  buckets: [
    { start: `${HOUR}2:00:00.000Z`, values: { "gpt-4.1": 1, "claude-sonnet-4-5": 2, other: 0.5 } },
    { start: `${HOUR}3:00:00.000Z`, values: { "gpt-4.1": 0, "claude-sonnet-4-5": 0, other: 0 } },
    { start: `${HOUR}4:00:00.000Z`, values: { "gpt-4.1": 3, "claude-sonnet-4-5": 1 } },
  ],
};

export const traceCounts: Timeseries = {
  interval: "1h",
  metric: "traces",
  groupBy: null,
  series: ["traces"],
  buckets: [
    { start: `${HOUR}2:00:00.000Z`, values: { traces: 10 } },
    { start: `${HOUR}3:00:00.000Z`, values: { traces: 0 } },
    { start: `${HOUR}4:00:00.000Z`, values: { traces: 8 } },
  ],
};

export const successRates: Timeseries = {
  interval: "1h",
  metric: "success",
  groupBy: null,
  series: ["successRate", "llmErrorRate"],
  buckets: [
    { start: `${HOUR}2:00:00.000Z`, values: { successRate: 0.7, llmErrorRate: 0.2 } },
    { start: `${HOUR}3:00:00.000Z`, values: { successRate: null, llmErrorRate: null } },
    { start: `${HOUR}4:00:00.000Z`, values: { successRate: 1, llmErrorRate: 0 } },
  ],
};

export const latency: Timeseries = {
  interval: "1h",
  metric: "latency",
  groupBy: null,
  series: ["p50", "p95", "p99"],
  buckets: [
    { start: `${HOUR}2:00:00.000Z`, values: { p50: 900, p95: 3000, p99: 5000 } },
    { start: `${HOUR}3:00:00.000Z`, values: { p50: null, p95: null, p99: null } },
    { start: `${HOUR}4:00:00.000Z`, values: { p50: 1000, p95: 4000, p99: 4500 } },
  ],
};

export const tokens: Timeseries = {
  interval: "1h",
  metric: "tokens",
  groupBy: null,
  series: ["input", "output", "cacheRead"],
  buckets: [
    { start: `${HOUR}2:00:00.000Z`, values: { input: 5000, output: 800, cacheRead: 2000 } },
    { start: `${HOUR}3:00:00.000Z`, values: { input: 0, output: 0, cacheRead: 0 } },
    { start: `${HOUR}4:00:00.000Z`, values: { input: 100, output: 50, cacheRead: 300 } },
  ],
};

export function breakdownItem(key: string, patch: Partial<BreakdownItem> = {}): BreakdownItem {
  return {
    key,
    calls: 10,
    traces: 5,
    successRate: 1,
    llmErrorRate: 0,
    p50Ms: 100,
    p95Ms: 200,
    p99Ms: 300,
    inputTokens: 1000,
    outputTokens: 100,
    cacheReadTokens: 250,
    cacheHitRatio: 0.25,
    costUsd: 1,
    costPerSuccessfulTraceUsd: 0.2,
    unpriced: false,
    ...patch,
  };
}
