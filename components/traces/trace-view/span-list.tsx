"use client";

import { useEffect, useMemo, useRef, type CSSProperties, type RefObject } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { TriangleAlert } from "lucide-react";
import type { SpanView } from "@/lib/db/traces";
import type { TraceRow } from "@/lib/trace-tree/types";
import type { TimeTicks } from "@/lib/trace-tree/time-axis";
import { SpanRow, type RowDecor } from "./span-row";
import { ListHeader } from "./list-header";
import { Splitter } from "./splitter";
import { ROW_HEIGHT } from "./layout";
import { useElementWidth } from "./use-element-width";

interface Props {
  rows: TraceRow<SpanView>[];
  selectedIndex: number;
  selectedId: string | null;
  decor: Omit<RowDecor, "axisPx">;
  ticks: TimeTicks;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
  query: string;
  onQuery: (q: string) => void;
  onSearchSubmit: () => void;
  matchCount: number | null;
  searchRef: RefObject<HTMLInputElement | null>;
  treeFraction: number;
  onTreeFraction: (f: number) => void;
}

export function SpanList(p: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read during render by design
  const virtualizer = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
  });

  const [axisRef, axisPx] = useElementWidth();
  const decor = useMemo<RowDecor>(() => ({ ...p.decor, axisPx }), [p.decor, axisPx]);

  // Center the span a link points at; afterwards only scroll as far as needed to keep the selection in view.
  const scrolledOnce = useRef(false);
  useEffect(() => {
    if (p.selectedIndex < 0) return;
    virtualizer.scrollToIndex(p.selectedIndex, { align: scrolledOnce.current ? "auto" : "center" });
    scrolledOnce.current = true;
  }, [p.selectedIndex, virtualizer]);

  const style = { "--tree-w": `clamp(240px, ${(p.treeFraction * 100).toFixed(2)}%, 70%)` } as CSSProperties;
  return (
    <div ref={boxRef} className="relative flex min-h-0 min-w-0 flex-1 flex-col" style={style}>
      <ListHeader
        ticks={p.ticks}
        totalMs={p.decor.totalMs}
        query={p.query}
        onQuery={p.onQuery}
        onSubmit={p.onSearchSubmit}
        matchCount={p.matchCount}
        searchRef={p.searchRef}
        axisRef={axisRef}
      />
      <div ref={scrollRef} role="tree" aria-label="Spans" className="relative min-h-0 flex-1 overflow-y-auto [scrollbar-gutter:stable]">
        {p.rows.length === 0 ? (
          <p className="px-4 py-6 text-muted">{p.query ? "No span name matches this filter. Press Esc to clear it." : "This trace has no spans."}</p>
        ) : (
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = p.rows[item.index]!;
              if (row.kind === "orphans") return <OrphanMarker key="orphans" count={row.count} top={item.start} />;
              return (
                <SpanRow
                  key={row.node.id}
                  row={row}
                  top={item.start}
                  selected={row.node.id === p.selectedId}
                  decor={decor}
                  onSelect={p.onSelect}
                  onToggle={p.onToggle}
                />
              );
            })}
          </div>
        )}
      </div>
      <Splitter boxRef={boxRef} fraction={p.treeFraction} onChange={p.onTreeFraction} />
    </div>
  );
}

function OrphanMarker({ count, top }: { count: number; top: number }) {
  return (
    <div
      role="presentation"
      className="absolute inset-x-0 top-0 flex items-center gap-2 border-y border-border bg-warning-soft px-3 text-[12px] text-warning"
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <TriangleAlert className="h-3.5 w-3.5 shrink-0" aria-hidden />
      Incomplete trace — {count.toLocaleString("en-US")} {count === 1 ? "span whose parent was" : "spans whose parents were"} not received
    </div>
  );
}
