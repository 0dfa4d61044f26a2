// Keyboard moves over the visible rows, tree-style: up/down step, left collapses or climbs, right expands or descends.
import type { TraceRow, TreeSpanInput } from "./types";

export type NavKey = "up" | "down" | "left" | "right" | "first" | "last";

export interface NavResult {
  selectedId: string | null;
  /** Set when the key should collapse (true) or expand (false) a span instead of moving. */
  toggle?: { id: string; collapsed: boolean };
}

export function navigate<S extends TreeSpanInput>(rows: readonly TraceRow<S>[], selectedId: string | null, key: NavKey): NavResult {
  const spanRows = rows.filter((r): r is Extract<TraceRow<S>, { kind: "span" }> => r.kind === "span");
  if (spanRows.length === 0) return { selectedId: null };
  const i = selectedId === null ? -1 : spanRows.findIndex((r) => r.node.id === selectedId);
  const at = (j: number) => spanRows[Math.max(0, Math.min(spanRows.length - 1, j))]!.node.id;
  if (key === "first") return { selectedId: at(0) };
  if (key === "last") return { selectedId: at(spanRows.length - 1) };
  if (i === -1) return { selectedId: at(0) };
  const row = spanRows[i]!;
  switch (key) {
    case "down":
      return { selectedId: at(i + 1) };
    case "up":
      return { selectedId: at(i - 1) };
    case "left": {
      if (row.expanded) return { selectedId: row.node.id, toggle: { id: row.node.id, collapsed: true } };
      const parentId = row.node.parentId;
      const parentShown = parentId !== null && spanRows.some((r) => r.node.id === parentId);
      return { selectedId: parentShown ? parentId : row.node.id };
    }
    case "right": {
      if (row.hasChildren && !row.expanded) return { selectedId: row.node.id, toggle: { id: row.node.id, collapsed: false } };
      const next = spanRows[i + 1];
      return { selectedId: row.expanded && next && next.node.parentId === row.node.id ? next.node.id : row.node.id };
    }
  }
}
