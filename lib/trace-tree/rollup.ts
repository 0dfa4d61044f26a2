// Subtree totals (what a collapsed node stands for), counting cost and tokens on billable spans only.
import type { Rollup, SpanTree, TreeSpanInput } from "./types";
import { walkTree } from "./build-tree";

export function emptyRollup(): Rollup {
  return {
    spanCount: 0,
    errorCount: 0,
    llmCallCount: 0,
    costUsd: 0,
    unpricedCount: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  };
}

/** One span's own contribution; wrappers carrying aggregate usage add nothing but their count. */
export function spanRollup(span: TreeSpanInput): Rollup {
  const r = emptyRollup();
  r.spanCount = 1;
  if (span.status === "error") r.errorCount = 1;
  if (!span.billable) return r;
  r.llmCallCount = 1;
  if (span.costUsd === null) r.unpricedCount = 1;
  else r.costUsd = span.costUsd;
  r.inputTokens = span.inputTokens ?? 0;
  r.outputTokens = span.outputTokens ?? 0;
  r.cacheReadTokens = span.cacheReadTokens ?? 0;
  r.cacheWriteTokens = span.cacheWriteTokens ?? 0;
  r.reasoningTokens = span.reasoningTokens ?? 0;
  return r;
}

export function addRollup(into: Rollup, add: Rollup): Rollup {
  into.spanCount += add.spanCount;
  into.errorCount += add.errorCount;
  into.llmCallCount += add.llmCallCount;
  into.costUsd += add.costUsd;
  into.unpricedCount += add.unpricedCount;
  into.inputTokens += add.inputTokens;
  into.outputTokens += add.outputTokens;
  into.cacheReadTokens += add.cacheReadTokens;
  into.cacheWriteTokens += add.cacheWriteTokens;
  into.reasoningTokens += add.reasoningTokens;
  return into;
}

/** Rollup per span id, each including the span itself and all its descendants. */
export function computeRollups<S extends TreeSpanInput>(tree: SpanTree<S>): Map<string, Rollup> {
  const out = new Map<string, Rollup>();
  const order = walkTree(tree);
  // Reverse pre-order visits every child before its parent.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    const r = spanRollup(node.span);
    for (const child of node.children) addRollup(r, out.get(child.id)!);
    out.set(node.id, r);
  }
  return out;
}

/** Input plus output tokens: the figure shown as "tokens". */
export function rollupTokens(r: Rollup): number {
  return r.inputTokens + r.outputTokens;
}
