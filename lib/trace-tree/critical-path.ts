// The chain of spans that decided when the trace ended: walk back from the end, always into the
// child that finished last, then jump to the latest child that ended before that one started.
import type { SpanTree, TraceNode, TreeSpanInput } from "./types";

/** Span ids on the critical path of the top-level span that ends last (roots preferred over orphans). */
export function criticalPath<S extends TreeSpanInput>(tree: SpanTree<S>): Set<string> {
  const top = latestEnding(tree.roots.length > 0 ? tree.roots : tree.orphans);
  const path = new Set<string>();
  if (!top) return path;
  // Each item is a span and the moment after which its work no longer matters (a later sibling took over).
  const work: { node: TraceNode<S>; until: number }[] = [{ node: top, until: top.endMs }];
  while (work.length) {
    const { node, until } = work.pop()!;
    path.add(node.id);
    for (const step of criticalChildren(node, until)) work.push(step);
  }
  return path;
}

function latestEnding<S extends TreeSpanInput>(nodes: readonly TraceNode<S>[]): TraceNode<S> | undefined {
  let best: TraceNode<S> | undefined;
  for (const n of nodes) if (!best || n.endMs > best.endMs) best = n;
  return best;
}

/** The children of `node` on its critical path, each with the end of the window it is judged in. */
function criticalChildren<S extends TreeSpanInput>(node: TraceNode<S>, until: number): { node: TraceNode<S>; until: number }[] {
  const picked: { node: TraceNode<S>; until: number }[] = [];
  let cursor = Math.min(node.endMs, until);
  // First pick: children running past the cursor (clock skew, detached work) count as ending at it.
  let first: TraceNode<S> | undefined;
  let firstEnd = -Infinity;
  for (const c of node.children) {
    if (c.startMs >= cursor && !(c.startMs === cursor && c.endMs === cursor)) continue;
    const end = Math.min(c.endMs, cursor);
    if (end > firstEnd || (end === firstEnd && first && c.startMs > first.startMs)) {
      first = c;
      firstEnd = end;
    }
  }
  if (!first) return picked;
  picked.push({ node: first, until: cursor });
  cursor = first.startMs;
  // Then walk back over children that finished before the current one started (no overlap).
  const byEnd = node.children.filter((c) => c !== first).sort((a, b) => b.endMs - a.endMs || b.startMs - a.startMs || a.index - b.index);
  for (const c of byEnd) {
    if (c.endMs > cursor || c.startMs >= cursor) continue;
    picked.push({ node: c, until: cursor });
    cursor = c.startMs;
  }
  return picked;
}
