// The `/` filter: spans whose name contains the query, plus their ancestors so the path stays visible.
import type { SpanTree, TreeSpanInput } from "./types";

export interface SpanSearch {
  matches: Set<string>;
  /** Matches and their ancestors: the rows to show. */
  keep: Set<string>;
}

/** null when the query is blank (no filter). Case-insensitive substring match on the span name. */
export function searchSpans<S extends TreeSpanInput>(tree: SpanTree<S>, query: string): SpanSearch | null {
  const q = query.trim().toLowerCase();
  if (q === "") return null;
  const matches = new Set<string>();
  const keep = new Set<string>();
  for (const node of tree.byId.values()) {
    if (!node.span.name.toLowerCase().includes(q)) continue;
    matches.add(node.id);
    let cur: typeof node | undefined = node;
    while (cur && !keep.has(cur.id)) {
      keep.add(cur.id);
      cur = cur.parentId ? tree.byId.get(cur.parentId) : undefined;
    }
  }
  return { matches, keep };
}
