// GET /api/metrics/breakdown — per-agent and per-model rows for the overview tables.
// Additive to the metrics contract in ./types.ts; same query parameters as the overview
// (project, from, to, agent, model, provider, service, environment) plus `by`.

export const BREAKDOWN_BYS = ["agent", "model"] as const;
export type BreakdownBy = (typeof BREAKDOWN_BYS)[number];

/**
 * One row. by=agent: traces whose agent is `key` (runs), their LLM calls, trace latency.
 * by=model: LLM calls to `key` (the response model, else the request model), the traces
 * containing them, and the calls' own latency. Rates are fractions 0..1, null when undefined.
 */
export interface BreakdownItem {
  key: string;
  /** LLM calls (billable spans). */
  calls: number;
  traces: number;
  /** Successful traces / traces with a root. */
  successRate: number | null;
  /** LLM calls with ERROR status / LLM calls. */
  llmErrorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** cacheReadTokens / inputTokens; null when there are no input tokens. */
  cacheHitRatio: number | null;
  costUsd: number;
  /** costUsd / successful traces; null when none succeeded (or for models, when not meaningful). */
  costPerSuccessfulTraceUsd: number | null;
  /** True when at least one of the LLM calls had no price (its tokens are not in costUsd). */
  unpriced: boolean;
}

/** Items sorted by costUsd descending. */
export interface BreakdownResponse {
  items: BreakdownItem[];
}
