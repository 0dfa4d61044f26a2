// Shapes shared by the trace-tree functions; structural so SpanView (and test stubs) fit.

export type SpanStatus = "unset" | "ok" | "error";

/** The span fields the tree math reads; extra fields ride along in `span`. */
export interface TreeSpanInput {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startTime: string;
  durationMs: number;
  status: SpanStatus;
  billable: boolean;
  costUsd: number | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
}

export interface TraceNode<S extends TreeSpanInput = TreeSpanInput> {
  id: string;
  span: S;
  /** Effective parent in the tree: null for roots, orphans and spans cut out of a parent cycle. */
  parentId: string | null;
  children: TraceNode<S>[];
  depth: number;
  /** Milliseconds from the trace start (earliest span start). */
  startMs: number;
  endMs: number;
  /** Top-level because its parent never arrived (or sat in a parent cycle). */
  orphan: boolean;
  /** Position in the input, used to break start-time ties stably. */
  index: number;
}

export interface SpanTree<S extends TreeSpanInput = TreeSpanInput> {
  /** Spans without a parent id, by start time. */
  roots: TraceNode<S>[];
  /** Spans whose parent is missing, by start time; shown under an "incomplete trace" marker. */
  orphans: TraceNode<S>[];
  byId: Map<string, TraceNode<S>>;
  /** Epoch milliseconds of the earliest span start (0 when there are no spans). */
  traceStartMs: number;
  /** Latest span end relative to traceStartMs. */
  totalMs: number;
}

export interface Rollup {
  spanCount: number;
  errorCount: number;
  /** Billable spans (one provider call each). */
  llmCallCount: number;
  /** Sum over billable spans with a price; wrappers' aggregate usage is never added. */
  costUsd: number;
  /** Billable spans without a matching price. */
  unpricedCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

export type TraceRow<S extends TreeSpanInput = TreeSpanInput> =
  | { kind: "span"; node: TraceNode<S>; hasChildren: boolean; expanded: boolean }
  | { kind: "orphans"; count: number };
