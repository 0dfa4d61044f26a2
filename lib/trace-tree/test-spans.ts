// Hand-made spans for the trace-tree tests: times are milliseconds after a fixed base.
import type { TreeSpanInput } from "./types";

const BASE = Date.parse("2026-01-01T00:00:00.000Z");

export function span(spanId: string, parentSpanId: string | null, startMs: number, durationMs: number, extra: Partial<TreeSpanInput> = {}): TreeSpanInput {
  return {
    spanId,
    parentSpanId,
    name: spanId,
    startTime: new Date(BASE + startMs).toISOString(),
    durationMs,
    status: "ok",
    billable: false,
    costUsd: 0,
    model: null,
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    ...extra,
  };
}

export function llm(spanId: string, parentSpanId: string | null, startMs: number, durationMs: number, extra: Partial<TreeSpanInput> = {}): TreeSpanInput {
  return span(spanId, parentSpanId, startMs, durationMs, { billable: true, model: "gpt-4o-mini", costUsd: 0.001, inputTokens: 100, outputTokens: 10, ...extra });
}
