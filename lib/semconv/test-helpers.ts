// Builds hand-made OtlpSpan objects for the semconv unit tests.
import type { Attributes, OtlpEvent, StatusCodeValue, OtlpSpan } from "@/lib/otlp/types";
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
  const events: OtlpEvent[] = (opts.events ?? []).map((e, i) => ({
    name: e.name,
    timeUnixNano: 1_700_000_000_000_000_000n + BigInt(i),
    attributes: e.attributes ?? {},
  }));
  return {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    parentSpanId: opts.parentSpanId === undefined ? null : opts.parentSpanId,
    traceState: "",
    flags: 0,
    name: opts.name ?? "span",
    kind: opts.kind ?? 1,
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_001_000_000_000n,
    attributes,
    droppedAttributesCount: 0,
    events,
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: opts.statusCode ?? 0, message: "" },
    resource: { attributes: opts.resourceAttributes ?? {} },
    scope: { name: opts.scopeName ?? "test", version: "", attributes: opts.scopeAttributes ?? {} },
  };
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
