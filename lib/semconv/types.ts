// The normalized, dialect-independent fields of one span (semconv.md section 1).
// Computed from the full in-memory attributes BEFORE the privacy filter runs;
// every field here is content-free by construction (names, ids, numbers).

export type OperationKind =
  | "llm"
  | "embedding"
  | "tool"
  | "agent"
  | "retrieval"
  | "rerank"
  | "workflow"
  | "guardrail"
  | "evaluator"
  | "other";

/** 'call' = one provider call (billable); 'aggregate' = a wrapper that sums its children (never costed). */
export type UsageScope = "call" | "aggregate";

export interface NormalizedSpan {
  operation: OperationKind;
  /** Normalized to gen_ai.provider.name values (openai, anthropic, aws.bedrock, gcp.vertex_ai, ...). */
  provider: string | null;
  requestModel: string | null;
  responseModel: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  totalTokens: number | null;
  /** Input tokens billed at the full input price (cost rule 2). */
  uncachedInputTokens: number | null;
  /** True when the source reported reasoning apart from output (reasoning > output): add it to output for cost. */
  reasoningExclusive: boolean;
  /** True when operation is llm/embedding/rerank and the span is one provider call. */
  billable: boolean;
  usageScope: UsageScope | null;
  agentName: string | null;
  toolName: string | null;
  conversationId: string | null;
  /** Raw end-user id (pseudonymized by the privacy layer before storage). */
  userId: string | null;
  errorType: string | null;
  finishReasons: string[] | null;
  /** OpenInference llm.cost.total, if sent; stored next to computed cost, never trusted in its place. */
  reportedCostUsd: number | null;
  serviceName: string | null;
  environment: string | null;
}
