import type { SpanView } from "@/lib/db/traces";
import type { Rollup } from "@/lib/trace-tree/types";
import { rollupTokens } from "@/lib/trace-tree/rollup";
import { formatCount, formatUsd, formatUsdExact } from "@/lib/format";

/** What a collapsed span stands for: "+41 spans · 12.4k tok · 2 errors". */
export function SubtreeTotals({ rollup }: { rollup: Rollup }) {
  const hidden = rollup.spanCount - 1;
  const tokens = rollupTokens(rollup);
  return (
    <span className="ml-auto shrink-0 whitespace-nowrap pl-1 text-[11px] text-muted" title="Totals of this span and everything under it">
      +{formatCount(hidden)} {hidden === 1 ? "span" : "spans"}
      {tokens > 0 && ` · ${formatCount(tokens)} tok`}
      {rollup.errorCount > 0 && (
        <span className="text-danger">
          {" "}
          · {formatCount(rollup.errorCount)} {rollup.errorCount === 1 ? "error" : "errors"}
        </span>
      )}
    </span>
  );
}

/** The cost column: a billable call's own cost, or a collapsed subtree's total. */
export function RowCost({ span, rollup }: { span: SpanView; rollup?: Rollup }) {
  const cls = "truncate px-3 text-right text-[12px]";
  if (rollup && (rollup.costUsd > 0 || rollup.unpricedCount > 0)) {
    const unpriced = rollup.unpricedCount > 0 ? ` (+${rollup.unpricedCount} unpriced)` : "";
    return (
      <div className={`${cls} text-muted`} title={`Subtree total: ${formatUsdExact(rollup.costUsd)}${unpriced}`}>
        Σ {formatUsd(rollup.costUsd)}
        {rollup.unpricedCount > 0 && "+"}
      </div>
    );
  }
  if (!span.billable) return <div className={cls} />;
  if (span.costUsd === null) {
    return (
      <div className={`${cls} italic text-muted`} title="No price matches this model">
        unpriced
      </div>
    );
  }
  return (
    <div className={cls} title={formatUsdExact(span.costUsd)}>
      {formatUsd(span.costUsd)}
    </div>
  );
}
