// Top agents and top models of the period, as in the printed report.
import { TriangleAlert } from "lucide-react";
import type { CostReportTopItem } from "@/lib/export/cost-report";
import { formatCount, formatUsd, formatUsdExact } from "@/lib/format";
import { formatPercent } from "@/lib/overview/format-percent";
import { ReportTable, type ReportColumn } from "./report-table";

function columns(keyLabel: string, calls: boolean): ReportColumn<CostReportTopItem>[] {
  return [
    { label: keyLabel, render: (i) => <span className="font-medium">{i.key}</span>, title: (i) => i.key },
    calls
      ? { label: "Calls", align: "right", render: (i) => formatCount(i.llmCalls), title: (i) => i.llmCalls.toLocaleString("en-US") }
      : { label: "Traces", align: "right", render: (i) => formatCount(i.traces), title: (i) => i.traces.toLocaleString("en-US") },
    { label: "Success", align: "right", render: (i) => formatPercent(i.successRate), help: "Share of traces that succeeded" },
    { label: "Tokens in / out", align: "right", render: (i) => `${formatCount(i.inputTokens)} / ${formatCount(i.outputTokens)}` },
    {
      label: "Per success",
      align: "right",
      help: "Cost per successful transaction",
      render: (i) => (i.costPerSuccessfulTraceUsd === null ? "—" : formatUsd(i.costPerSuccessfulTraceUsd)),
    },
    {
      label: "Cost",
      align: "right",
      render: (i) => (
        <span className="inline-flex items-center gap-1 font-medium">
          {i.unpriced && <TriangleAlert className="h-3.5 w-3.5 text-warning" aria-label="partly unpriced" />}
          {formatUsd(i.costUsd)}
        </span>
      ),
      title: (i) => (i.unpriced ? `${formatUsdExact(i.costUsd)}; some calls had no price` : formatUsdExact(i.costUsd)),
    },
  ];
}

export function ReportTopTables({ agents, models }: { agents: CostReportTopItem[]; models: CostReportTopItem[] }) {
  return (
    <div className="grid gap-3 2xl:grid-cols-2">
      <ReportTable title="Top agents" subtitle="The ten with the largest cost" columns={columns("Agent", false)} rows={agents} rowKey={(i) => i.key} emptyText="No agents in this period." />
      <ReportTable title="Top models" subtitle="The ten with the largest cost" columns={columns("Model", true)} rows={models} rowKey={(i) => i.key} emptyText="No LLM calls in this period." />
    </div>
  );
}
