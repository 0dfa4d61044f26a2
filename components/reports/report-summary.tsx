// The report's headline figures, as they head the printed report.
import type { CostReportTotals } from "@/lib/export/cost-report";
import { formatCount, formatTokens, formatUsd, formatUsdExact } from "@/lib/format";
import { formatPercent } from "@/lib/overview/format-percent";

interface Figure {
  id: string;
  label: string;
  value: string;
  exact?: string;
  note?: string;
}

function figures(t: CostReportTotals): Figure[] {
  const failed = t.traceCount - t.successCount;
  return [
    { id: "total-cost", label: "Total cost", value: formatUsd(t.totalCostUsd), exact: formatUsdExact(t.totalCostUsd), note: `${formatCount(t.llmCallCount)} LLM calls` },
    {
      id: "cost-per-success",
      label: "Cost per successful transaction",
      value: t.costPerSuccessfulTraceUsd === null ? "—" : formatUsd(t.costPerSuccessfulTraceUsd),
      exact: t.costPerSuccessfulTraceUsd === null ? "No successful traces" : formatUsdExact(t.costPerSuccessfulTraceUsd),
      note: "total cost ÷ successful traces",
    },
    {
      id: "wasted",
      label: "Wasted spend",
      value: formatUsd(t.wastedCostUsd),
      exact: formatUsdExact(t.wastedCostUsd),
      note: t.totalCostUsd > 0 ? `${formatPercent(t.wastedCostUsd / t.totalCostUsd)} of cost, on failed traces` : "on failed traces",
    },
    { id: "traces", label: "Traces", value: t.traceCount.toLocaleString("en-US"), note: `${formatTokens(t.inputTokens)} in · ${formatCount(t.outputTokens)} out` },
    { id: "success-rate", label: "Success rate", value: formatPercent(t.successRate), note: `${t.successCount.toLocaleString("en-US")} succeeded · ${failed.toLocaleString("en-US")} failed` },
  ];
}

export function ReportSummary({ totals }: { totals: CostReportTotals }) {
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      {figures(totals).map((f) => (
        <div key={f.id} className="min-w-0 rounded-lg border border-border bg-surface px-3.5 py-3" data-figure={f.id}>
          <dt className="text-xs font-medium text-muted">{f.label}</dt>
          <dd className="mt-1 truncate text-xl font-semibold tabular-nums tracking-tight" title={f.exact} data-testid={`report-${f.id}`}>
            {f.value}
          </dd>
          {f.note && <dd className="mt-0.5 truncate text-[11px] text-muted">{f.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
