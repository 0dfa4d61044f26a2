// Flat spans → a tree by parent links, tolerant of missing parents, duplicates and parent cycles.
import type { SpanTree, TraceNode, TreeSpanInput } from "./types";

const byStart = <S extends TreeSpanInput>(a: TraceNode<S>, b: TraceNode<S>) => a.startMs - b.startMs || a.index - b.index;

export function buildSpanTree<S extends TreeSpanInput>(spans: readonly S[]): SpanTree<S> {
  const byId = new Map<string, TraceNode<S>>();
  let traceStartMs = Infinity;
  for (const span of spans) {
    const t = Date.parse(span.startTime);
    if (Number.isFinite(t) && t < traceStartMs) traceStartMs = t;
  }
  if (!Number.isFinite(traceStartMs)) traceStartMs = 0;

  let totalMs = 0;
  spans.forEach((span, index) => {
    if (byId.has(span.spanId)) return; // a duplicate id cannot be placed twice; the first copy wins
    const t = Date.parse(span.startTime);
    const startMs = Number.isFinite(t) ? t - traceStartMs : 0;
    const endMs = startMs + Math.max(0, Number.isFinite(span.durationMs) ? span.durationMs : 0);
    if (endMs > totalMs) totalMs = endMs;
    byId.set(span.spanId, { id: span.spanId, span, parentId: null, children: [], depth: 0, startMs, endMs, orphan: false, index });
  });

  const roots: TraceNode<S>[] = [];
  const orphans: TraceNode<S>[] = [];
  for (const node of byId.values()) {
    const pid = node.span.parentSpanId;
    const parent = pid && pid !== node.id ? byId.get(pid) : undefined;
    if (parent) {
      node.parentId = parent.id;
      parent.children.push(node);
    } else if (pid) {
      node.orphan = true;
      orphans.push(node);
    } else {
      roots.push(node);
    }
  }

  const visited = new Set<string>();
  const visit = (top: TraceNode<S>) => {
    const stack: TraceNode<S>[] = [top];
    while (stack.length) {
      const node = stack.pop()!;
      visited.add(node.id);
      node.children.sort(byStart);
      for (const child of node.children) {
        child.depth = node.depth + 1;
        stack.push(child);
      }
    }
  };
  for (const node of roots) visit(node);
  for (const node of orphans) visit(node);

  // Whatever was not reached hangs off a parent cycle: cut the cycle open and list its entry as an orphan.
  if (visited.size < byId.size) {
    const pending = [...byId.values()].filter((n) => !visited.has(n.id)).sort(byStart);
    for (const start of pending) {
      if (visited.has(start.id)) continue;
      const cut = findCycleMember(start, byId);
      const parent = cut.parentId ? byId.get(cut.parentId) : undefined;
      if (parent) parent.children = parent.children.filter((c) => c !== cut);
      cut.parentId = null;
      cut.orphan = true;
      cut.depth = 0;
      orphans.push(cut);
      visit(cut);
    }
  }

  roots.sort(byStart);
  orphans.sort(byStart);
  return { roots, orphans, byId, traceStartMs, totalMs };
}

/** Walks up from `start` until a node repeats; that node lies on the cycle. */
function findCycleMember<S extends TreeSpanInput>(start: TraceNode<S>, byId: Map<string, TraceNode<S>>): TraceNode<S> {
  const seen = new Set<string>();
  let node = start;
  while (!seen.has(node.id)) {
    seen.add(node.id);
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (!parent) return node;
    node = parent;
  }
  return node;
}

/** Every node in display order (pre-order, children by start time): roots first, then orphans. */
export function walkTree<S extends TreeSpanInput>(tree: SpanTree<S>): TraceNode<S>[] {
  const out: TraceNode<S>[] = [];
  const stack = [...tree.orphans].reverse().concat([...tree.roots].reverse());
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}
