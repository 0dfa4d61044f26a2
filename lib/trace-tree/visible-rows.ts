// The rows on screen: pre-order walk that skips collapsed subtrees and, while searching, spans not kept.
import type { SpanTree, TraceNode, TraceRow, TreeSpanInput } from "./types";

export function visibleRows<S extends TreeSpanInput>(
  tree: SpanTree<S>,
  collapsed: ReadonlySet<string>,
  keep: ReadonlySet<string> | null = null,
): TraceRow<S>[] {
  const rows: TraceRow<S>[] = [];
  const shown = (n: TraceNode<S>) => keep === null || keep.has(n.id);
  const emit = (top: readonly TraceNode<S>[]) => {
    const stack = top.filter(shown).reverse();
    while (stack.length) {
      const node = stack.pop()!;
      const hasChildren = node.children.length > 0;
      const expanded = hasChildren && !collapsed.has(node.id);
      rows.push({ kind: "span", node, hasChildren, expanded });
      if (!expanded) continue;
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i]!;
        if (shown(child)) stack.push(child);
      }
    }
  };
  emit(tree.roots);
  const orphans = tree.orphans.filter(shown);
  if (orphans.length > 0) {
    rows.push({ kind: "orphans", count: tree.orphans.length });
    emit(orphans);
  }
  return rows;
}

/** Index of the row showing `spanId`, or -1. */
export function rowIndexOf<S extends TreeSpanInput>(rows: readonly TraceRow<S>[], spanId: string | null): number {
  if (spanId === null) return -1;
  return rows.findIndex((r) => r.kind === "span" && r.node.id === spanId);
}

/** Ids of the ancestors of `spanId` (nearest first); expanding them reveals the span. */
export function ancestorIds<S extends TreeSpanInput>(tree: SpanTree<S>, spanId: string): string[] {
  const out: string[] = [];
  let id = tree.byId.get(spanId)?.parentId ?? null;
  while (id !== null && out.length <= tree.byId.size) {
    out.push(id);
    id = tree.byId.get(id)?.parentId ?? null;
  }
  return out;
}
