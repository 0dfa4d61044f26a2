// Normalizes one decoded span from any of the five attribute dialects (OTel
// GenAI, OpenInference, OpenLLMetry/Traceloop, Vercel AI SDK, Langfuse) into
// NormalizedSpan, by the table and cost rules of semconv.md section 1.
import type { OtlpSpan } from "@/lib/otlp/types";
import { LayeredAttributes, toAmount, toIdentifier } from "./attribute-reader";
import { resolveErrorType } from "./error-type";
import { resolveFinishReasons } from "./finish-reasons";
import { resolveIdentity } from "./identity";
import { isAiSdkWrapper, readAiOperationId, resolveOperationKind } from "./operation-kind";
import { resolveProvider } from "./provider";
import { resolveTokenUsage } from "./token-usage";
import type { NormalizedSpan, OperationKind, UsageScope } from "./types";

const BILLABLE_OPERATIONS: ReadonlySet<OperationKind> = new Set<OperationKind>([
  "llm",
  "embedding",
  "rerank",
]);

const REQUEST_MODEL_KEYS = [
  "gen_ai.request.model",
  "llm.request.model_name",
  "ai.model.id",
  "langfuse.observation.model.name",
  "llm.model_name",
  "embedding.model_name",
  "reranker.model_name",
] as const;

const RESPONSE_MODEL_KEYS = [
  "gen_ai.response.model",
  "llm.response.model_name",
  "ai.response.model",
  "llm.model_name",
] as const;

const ENVIRONMENT_KEYS = [
  "deployment.environment.name",
  "deployment.environment",
  "langfuse.environment",
] as const;

export function normalizeSpan(span: OtlpSpan): NormalizedSpan {
  const attrs = new LayeredAttributes(span.attributes, span.scope.attributes, span.resource.attributes);
  const aiOperationId = readAiOperationId(attrs);
  const operation = resolveOperationKind(attrs, aiOperationId);
  const usage = resolveTokenUsage(attrs);
  // cost rule 1: an AI SDK outer span repeats its children's usage, so it is never a call
  const billable =
    BILLABLE_OPERATIONS.has(operation) && !(aiOperationId !== null && isAiSdkWrapper(aiOperationId));
  const usageScope: UsageScope | null = billable ? "call" : usage.reported ? "aggregate" : null;
  const identity = resolveIdentity(attrs, operation);

  return {
    operation,
    provider: resolveProvider(attrs),
    requestModel: attrs.firstIdentifier(REQUEST_MODEL_KEYS),
    responseModel: attrs.firstIdentifier(RESPONSE_MODEL_KEYS),
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    reasoningTokens: usage.reasoningTokens,
    totalTokens: usage.totalTokens,
    uncachedInputTokens: usage.uncachedInputTokens,
    reasoningExclusive: usage.reasoningExclusive,
    billable,
    usageScope,
    agentName: identity.agentName,
    toolName: identity.toolName,
    conversationId: identity.conversationId,
    userId: identity.userId,
    errorType: resolveErrorType(span, attrs),
    finishReasons: resolveFinishReasons(attrs),
    reportedCostUsd: toAmount(attrs.get("llm.cost.total")),
    serviceName: toIdentifier(span.resource.attributes["service.name"]),
    environment: attrs.firstIdentifier(ENVIRONMENT_KEYS),
  };
}
