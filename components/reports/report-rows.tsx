// The grouped rows (what the CSV holds): the first 200 on screen, the rest in the downloads.
import type { CostReportGroupKey, CostReportRow } from "@/lib/export/cost-report";
import { formatCount, formatUsd, formatUsdExact } from "@/lib/format";
import { ReportTable, type ReportColumn } from "./report-table";

export const PREVIEW_ROWS = 200;

const KEY_LABELS: Record<CostReportGroupKey, string> = { day: "Day", agent: "Agent", model: "Model" };

function columns(groupBy: readonly CostReportGroupKey[]): ReportColumn<CostReportRow>[] {
  return [
    ...groupBy.map((k): ReportColumn<CostReportRow> => ({ label: KEY_LABELS[k], render: (r) => (k === "day" ? <span className="whitespace-nowrap">{r[k]}</span> : r[k]), title: (r) => r[k] })),
    { label: "Traces", align: "right", render: (r) => r.traces.toLocaleString("en-US") },
    { label: "Successful", align: "right", render: (r) => r.successfulTraces.toLocaleString("en-US") },
    { label: "Input tokens", align: "right", render: (r) => formatCount(r.inputTokens), title: (r) => r.inputTokens.toLocaleString("en-US") },
    { label: "Output tokens", align: "right", render: (r) => formatCount(r.outputTokens), title: (r) => r.outputTokens.toLocaleString("en-US") },
    { label: "Unpriced calls", align: "right", render: (r) => (r.unpricedCalls ? <span className="text-warning">{r.unpricedCalls.toLocaleString("en-US")}</span> : "0") },
    { label: "Wasted", align: "right", render: (r) => formatUsd(r.wastedCostUsd), title: (r) => formatUsdExact(r.wastedCostUsd) },
    { label: "Cost", align: "right", render: (r) => <span className="font-medium">{formatUsd(r.costUsd)}</span>, title: (r) => formatUsdExact(r.costUsd) },
  ];
}

export function ReportRows({ rows, groupBy }: { rows: CostReportRow[]; groupBy: readonly CostReportGroupKey[] }) {
  const shown = rows.slice(0, PREVIEW_ROWS);
  const more = rows.length - shown.length;
  return (
    <ReportTable
      title={`Cost by ${groupBy.map((k) => KEY_LABELS[k].toLowerCase()).join(", ")}`}
      subtitle={`${rows.length.toLocaleString("en-US")} row${rows.length === 1 ? "" : "s"}${groupBy.includes("model") ? "; grouped by model, a trace counts once per model it used" : ""}`}
      columns={columns(groupBy)}
      rows={shown}
      rowKey={(r) => `${r.day ?? ""}\u0000${r.agent ?? ""}\u0000${r.model ?? ""}`}
      emptyText="No rows in this period."
      maxHeight={480}
      footer={
        more > 0 ? (
          <p className="border-t border-border px-3.5 py-2 text-xs text-muted" role="note">
            Showing the first {PREVIEW_ROWS.toLocaleString("en-US")} of {rows.length.toLocaleString("en-US")} rows; download the CSV, JSON or PDF for all of them.
          </p>
        ) : null
      }
    />
  );
}
