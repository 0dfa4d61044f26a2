"use client";

import { useCallback, useDeferredValue, useMemo, useRef, useState } from "react";
import type { SpanView } from "@/lib/db/traces";
import { buildSpanTree } from "@/lib/trace-tree/build-tree";
import { computeRollups } from "@/lib/trace-tree/rollup";
import { criticalPath } from "@/lib/trace-tree/critical-path";
import { detectFailovers } from "@/lib/trace-tree/failover";
import { searchSpans } from "@/lib/trace-tree/search";
import { ancestorIds, rowIndexOf, visibleRows } from "@/lib/trace-tree/visible-rows";
import { navigate, type NavKey } from "@/lib/trace-tree/navigation";
import { timeTicks } from "@/lib/trace-tree/time-axis";
import { SpanList } from "./span-list";
import { SpanDetailPanel } from "./span-detail-panel";
import type { RowDecor } from "./span-row";
import { useSpanSelection } from "./use-span-selection";
import { useTraceKeys } from "./use-trace-keys";
import { KeyHints } from "./key-hints";
import { useCollapsed } from "./use-collapsed";

/** The tree + waterfall with its selection, collapse, search and keyboard state. */
export function TraceExplorer({ spans }: { spans: SpanView[] }) {
  const tree = useMemo(() => buildSpanTree(spans), [spans]);
  const rollups = useMemo(() => computeRollups(tree), [tree]);
  const critical = useMemo(() => criticalPath(tree), [tree]);
  const failovers = useMemo(() => detectFailovers(tree), [tree]);
  const ticks = useMemo(() => timeTicks(tree.totalMs), [tree]);

  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const search = useMemo(() => searchSpans(tree, deferredQuery), [tree, deferredQuery]);
  const { collapsed, toggle: onToggle, setCollapsed, expand } = useCollapsed(search ? deferredQuery.trim().toLowerCase() : null);
  const rows = useMemo(() => visibleRows(tree, collapsed, search?.keep ?? null), [tree, collapsed, search]);
  const [treeFraction, setTreeFraction] = useState(0.4);
  const searchRef = useRef<HTMLInputElement>(null);

  const { selectedId, setSelectedId, panelOpen, setPanelOpen } = useSpanSelection();
  const selectedNode = selectedId ? tree.byId.get(selectedId) : undefined;
  const selectedIndex = rowIndexOf(rows, selectedId);

  const decor = useMemo<Omit<RowDecor, "axisPx">>(
    () => ({
      critical,
      failovers,
      rollups,
      matches: search?.matches ?? null,
      totalMs: tree.totalMs,
      stepPct: tree.totalMs > 0 ? (ticks.stepMs / tree.totalMs) * 100 : 0,
    }),
    [critical, failovers, rollups, search, tree, ticks],
  );

  const select = useCallback(
    (id: string | null) => {
      setSelectedId(id);
      if (!id) return;
      // A span chosen from elsewhere (failover link) may sit in a collapsed subtree.
      expand(ancestorIds(tree, id));
    },
    [setSelectedId, tree, expand],
  );
  const onRowClick = useCallback(
    (id: string) => {
      setSelectedId(id);
      setPanelOpen(true);
    },
    [setSelectedId, setPanelOpen],
  );

  useTraceKeys({
    onNavigate: (key: NavKey) => {
      const r = navigate(rows, selectedIndex >= 0 ? selectedId : null, key);
      if (r.toggle) setCollapsed(r.toggle.id, r.toggle.collapsed);
      if (r.selectedId !== selectedId) setSelectedId(r.selectedId);
    },
    onOpen: () => {
      if (selectedNode) setPanelOpen(true);
    },
    onClose: () => {
      if (panelOpen) setPanelOpen(false);
      else if (query) setQuery("");
    },
    onFocusSearch: () => searchRef.current?.focus(),
  });

  const onSearchSubmit = () => {
    searchRef.current?.blur();
    const first = rows.find((r) => r.kind === "span" && search?.matches.has(r.node.id));
    if (first?.kind === "span" && (selectedIndex < 0 || !search?.matches.has(selectedId ?? ""))) setSelectedId(first.node.id);
  };

  return (
    <>
      <div className="flex min-h-0 flex-1">
        <SpanList
          rows={rows}
          selectedIndex={selectedIndex}
          selectedId={selectedId}
          decor={decor}
          ticks={ticks}
          onSelect={onRowClick}
          onToggle={onToggle}
          query={query}
          onQuery={setQuery}
          onSearchSubmit={onSearchSubmit}
          matchCount={search ? search.matches.size : null}
          searchRef={searchRef}
          treeFraction={treeFraction}
          onTreeFraction={setTreeFraction}
        />
        {panelOpen && selectedNode && (
          <SpanDetailPanel
            node={selectedNode}
            traceStartMs={tree.traceStartMs}
            critical={critical.has(selectedNode.id)}
            failover={failovers.get(selectedNode.id)}
            onClose={() => setPanelOpen(false)}
            onSelect={select}
          />
        )}
      </div>
      <KeyHints spanCount={tree.byId.size} criticalCount={critical.size} />
    </>
  );
}
