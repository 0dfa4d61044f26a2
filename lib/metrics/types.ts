// The metrics API contract (PRODUCT.md "JSON API"): shared by the server
// (lib/metrics, app/api/metrics) and the overview page.

export interface MetricsFilter {
  projectId: number;
  from: Date;
  to: Date;
  agent?: string;
  model?: string;
  provider?: string;
  service?: string;
  environment?: string;
}

/** GET /api/metrics/overview — exactly PRODUCT.md's shape (plus additive fields marked below). */
export interface OverviewMetrics {
  traceCount: number;
  successCount: number;
  /** successful traces / traces with a root; null when no trace has a root. */
  successRate: number | null;
  totalCostUsd: number;
  wastedCostUsd: number;
  /** total cost / successful traces; null when there is no successful trace. */
  costPerSuccessfulTraceUsd: number | null;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  llmCallCount: number;
  /** LLM calls with ERROR status / LLM calls; null when there is no LLM call. */
  llmErrorRate: number | null;
  inputTokens: number;
  outputTokens: number;
  // Additive:
  cacheReadTokens: number;
  unpricedCallCount: number;
  /** True when the percentiles are exact nearest-rank values; false when read from histograms (≤ 1 % relative error). */
  latencyExact?: boolean;
  /** Seconds the oldest not-yet-rolled-up hour has waited (0 when none). Answers stay exact meanwhile (read raw). */
  rollupLagSeconds?: number;
}

export const INTERVALS = ["1m", "5m", "15m", "1h", "6h", "1d", "1w", "1mo"] as const;
export type Interval = (typeof INTERVALS)[number];

export const TIMESERIES_METRICS = ["cost", "traces", "latency", "success", "tokens", "llm_calls"] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

export const GROUP_BYS = ["agent", "model", "provider", "service", "environment"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/**
 * GET /api/metrics/timeseries?from&to&interval=auto|<Interval>&metric=<TimeseriesMetric>&groupBy=<GroupBy>
 * - cost: USD per bucket (per group when grouped)
 * - traces: trace count (per group)
 * - latency: series "p50", "p95", "p99" of trace latency in ms (not groupable)
 * - success: series "successRate" and "llmErrorRate" as fractions 0..1 (not groupable)
 * - tokens: series "input", "output", "cacheRead" (or total per group when grouped)
 * - llm_calls: LLM call count (per group)
 * Buckets are aligned to UTC interval boundaries and include empty ones (value 0, or null for rates/percentiles).
 */
export interface Timeseries {
  interval: Interval;
  metric: TimeseriesMetric;
  groupBy: GroupBy | null;
  /** Series names in display order (groups sorted by total, largest first; at most 10 plus "other"). */
  series: string[];
  buckets: { start: string; values: Record<string, number | null> }[];
}
