// A failed provider call followed by a sibling call that succeeded: the agent failed over.
import type { SpanTree, TraceNode, TreeSpanInput } from "./types";
import { walkTree } from "./build-tree";

export interface Failover {
  /** The later sibling call that succeeded. */
  fallbackSpanId: string;
  /** Its model (or its name when the model is unknown): the "→ gpt-4.1" part. */
  fallbackModel: string;
}

/** Failed billable span id → the first later billable sibling that did not fail. */
export function detectFailovers<S extends TreeSpanInput>(tree: SpanTree<S>): Map<string, Failover> {
  const out = new Map<string, Failover>();
  markSiblings(tree.roots, out);
  markSiblings(tree.orphans, out);
  for (const node of walkTree(tree)) markSiblings(node.children, out);
  return out;
}

/** `siblings` are in start order; scan from the end remembering the nearest later success. */
function markSiblings<S extends TreeSpanInput>(siblings: readonly TraceNode<S>[], out: Map<string, Failover>): void {
  let next: TraceNode<S> | undefined;
  for (let i = siblings.length - 1; i >= 0; i--) {
    const node = siblings[i]!;
    if (!node.span.billable) continue;
    if (node.span.status !== "error") next = node;
    else if (next) out.set(node.id, { fallbackSpanId: next.id, fallbackModel: next.span.model ?? next.span.name });
  }
}

export function failoverLabel(f: Failover): string {
  return `failover → ${f.fallbackModel}`;
}
