// Builds hand-made OtlpSpan objects for the semconv unit tests.
import type { Attributes, StatusCodeValue, OtlpSpan } from "@/lib/otlp/types";
import { makeTestSpan } from "@/lib/otlp/test-span";
import type { NormalizedSpan } from "./types";

export interface MakeSpanOptions {
  name?: string;
  kind?: number;
  parentSpanId?: string | null;
  statusCode?: StatusCodeValue;
  events?: { name: string; attributes?: Attributes }[];
  scopeName?: string;
  scopeAttributes?: Attributes;
  resourceAttributes?: Attributes;
}

export function makeSpan(attributes: Attributes, opts: MakeSpanOptions = {}): OtlpSpan {
  return makeTestSpan(attributes, opts);
}

/** What a span with no recognized attributes normalizes to; spread it and override what a test expects. */
export const EMPTY_NORMALIZED: NormalizedSpan = Object.freeze({
  operation: "other",
  provider: null,
  requestModel: null,
  responseModel: null,
  inputTokens: null,
  outputTokens: null,
  cacheReadTokens: null,
  cacheWriteTokens: null,
  reasoningTokens: null,
  totalTokens: null,
  uncachedInputTokens: null,
  reasoningExclusive: false,
  billable: false,
  usageScope: null,
  agentName: null,
  toolName: null,
  conversationId: null,
  userId: null,
  errorType: null,
  finishReasons: null,
  reportedCostUsd: null,
  serviceName: null,
  environment: null,
});
