"use client";

import { memo } from "react";
import { clsx } from "clsx";
import { ChevronRight } from "lucide-react";
import type { SpanView } from "@/lib/db/traces";
import type { Failover } from "@/lib/trace-tree/failover";
import { failoverLabel } from "@/lib/trace-tree/failover";
import type { Rollup, TraceRow } from "@/lib/trace-tree/types";
import { OperationIcon } from "./operation-icon";
import { WaterfallBar } from "./waterfall-bar";
import { RowCost, SubtreeTotals } from "./row-figures";
import { GRID_COLUMNS, INDENT_PX, ROW_HEIGHT, TREE_PAD_PX } from "./layout";

/** Per-trace lookups every row reads; one stable object so memoized rows skip re-rendering. */
export interface RowDecor {
  critical: ReadonlySet<string>;
  failovers: ReadonlyMap<string, Failover>;
  rollups: ReadonlyMap<string, Rollup>;
  /** Search matches, or null when not searching. */
  matches: ReadonlySet<string> | null;
  totalMs: number;
  stepPct: number;
  axisPx: number;
}

interface Props {
  row: Extract<TraceRow<SpanView>, { kind: "span" }>;
  top: number;
  selected: boolean;
  decor: RowDecor;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}

export const SpanRow = memo(function SpanRow({ row, top, selected, decor, onSelect, onToggle }: Props) {
  const { node, hasChildren, expanded } = row;
  const s = node.span;
  const error = s.status === "error";
  const failover = decor.failovers.get(node.id);
  const rollup = decor.rollups.get(node.id);
  const dimmed = decor.matches !== null && !decor.matches.has(node.id);
  const indent = node.depth * INDENT_PX;
  return (
    <div
      role="treeitem"
      aria-level={node.depth + 1}
      aria-selected={selected}
      aria-expanded={hasChildren ? expanded : undefined}
      data-span-id={node.id}
      onClick={() => onSelect(node.id)}
      className={clsx("absolute inset-x-0 top-0 grid cursor-default items-center text-[13px]", selected ? "bg-accent-soft" : "hover:bg-surface")}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)`, gridTemplateColumns: GRID_COLUMNS }}
    >
      <div className="@container relative flex h-full min-w-0 items-center gap-1.5 pr-2" style={{ paddingLeft: TREE_PAD_PX + indent }}>
        {node.depth > 0 && (
          <span
            aria-hidden
            className="absolute inset-y-0"
            style={{
              left: TREE_PAD_PX,
              width: indent,
              backgroundImage: `repeating-linear-gradient(to right, transparent 0 ${INDENT_PX / 2}px, var(--border) ${INDENT_PX / 2}px ${INDENT_PX / 2 + 1}px, transparent ${INDENT_PX / 2 + 1}px ${INDENT_PX}px)`,
            }}
          />
        )}
        {hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={expanded ? "Collapse" : "Expand"}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(node.id);
            }}
            className="-ml-0.5 flex h-5 w-4 shrink-0 items-center justify-center rounded text-muted hover:bg-surface-2 hover:text-foreground"
          >
            <ChevronRight className={clsx("h-3.5 w-3.5 transition-transform", expanded && "rotate-90")} />
          </button>
        ) : (
          <span className="w-3.5 shrink-0" />
        )}
        <OperationIcon operation={s.operation} />
        <span className={clsx("min-w-0 truncate", error && "text-danger", dimmed && "opacity-50")} title={s.name}>
          {s.name}
        </span>
        {failover && (
          <span className="shrink-0 truncate rounded bg-warning-soft px-1 text-[11px] leading-4 text-warning" title={`${failoverLabel(failover)}: this call failed and a later sibling call succeeded`}>
            {/* Narrow tree pane: keep the arrow and the model, drop the word. */}
            <span className="@max-[300px]:hidden">failover </span>→ {failover.fallbackModel}
          </span>
        )}
        {hasChildren && !expanded && rollup && <SubtreeTotals rollup={rollup} />}
      </div>
      <WaterfallBar
        startMs={node.startMs}
        durationMs={node.endMs - node.startMs}
        totalMs={decor.totalMs}
        stepPct={decor.stepPct}
        axisPx={decor.axisPx}
        error={error}
        critical={decor.critical.has(node.id)}
        model={s.billable ? s.model : null}
      />
      <RowCost span={s} rollup={hasChildren && !expanded ? rollup : undefined} />
    </div>
  );
});
