import type { AttributeValue } from "@opentelemetry/api";

/** A trace described as plain data first, so timing can be shifted before any span exists. */
export type Attrs = Record<string, AttributeValue>;
export type SpanKindName = "internal" | "client" | "server";

export interface SpanEventPlan {
  name: string;
  atMs: number;
  attributes: Attrs;
}

export interface SpanPlan {
  name: string;
  kind: SpanKindName;
  /** Milliseconds relative to the trace start. */
  startMs: number;
  endMs: number;
  attributes: Attrs;
  /** ERROR status; never a status message (the demo is content-free). */
  error: boolean;
  events: SpanEventPlan[];
  children: SpanPlan[];
}

export function newSpan(name: string, kind: SpanKindName, startMs: number, attributes: Attrs = {}): SpanPlan {
  return { name, kind, startMs, endMs: startMs, attributes, error: false, events: [], children: [] };
}

/** Ends a span a little after its last child, as a real wrapper would. */
export function closeAfterChildren(span: SpanPlan, overheadMs: number): SpanPlan {
  const lastChildEnd = span.children.reduce((latest, child) => Math.max(latest, child.endMs), span.startMs);
  span.endMs = Math.max(span.endMs, lastChildEnd + overheadMs);
  return span;
}

export function markError(span: SpanPlan, errorType: string): SpanPlan {
  span.error = true;
  span.attributes["error.type"] = errorType;
  return span;
}

export function countSpans(span: SpanPlan): number {
  return span.children.reduce((total, child) => total + countSpans(child), 1);
}

export function walkSpans(span: SpanPlan, visit: (span: SpanPlan, parent: SpanPlan | null) => void, parent: SpanPlan | null = null): void {
  visit(span, parent);
  for (const child of span.children) walkSpans(child, visit, span);
}
