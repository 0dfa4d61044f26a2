"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlert } from "lucide-react";
import { ApiError, apiGet } from "@/lib/query/api";
import type { CostReport } from "@/lib/export/cost-report";
import { formatTime } from "@/lib/format";
import { useCarriedParams, useProject, useTimeRange, useUrlState } from "@/components/shell/use-dashboard-params";
import { PeriodPicker } from "@/components/reports/period-picker";
import { GroupByPicker } from "@/components/reports/group-by-picker";
import { DownloadLinks } from "@/components/reports/download-links";
import { ReportSummary } from "@/components/reports/report-summary";
import { ReportCostChart } from "@/components/reports/report-cost-chart";
import { ReportTopTables } from "@/components/reports/report-top-tables";
import { ReportPricing } from "@/components/reports/report-pricing";
import { ReportRows } from "@/components/reports/report-rows";
import { ReportSkeleton } from "@/components/reports/report-skeleton";
import { ReportEmpty } from "@/components/reports/report-empty";
import { ScheduleSection } from "@/components/reports/schedule-section";
import { activePeriod, describePeriod, periodPatch } from "@/lib/reports/report-period";
import { groupByParam, parseGroupBy } from "@/lib/reports/report-params";

export function ReportsClient({ canEdit = false }: { canEdit?: boolean }) {
  const project = useProject();
  const range = useTimeRange();
  const { params, set } = useUrlState();
  const carried = useCarriedParams();
  const groupBy = parseGroupBy(params.get("groupBy"));
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const query = { project, from, to, groupBy: groupBy.join(",") };

  const report = useQuery({
    queryKey: ["cost-report", query],
    queryFn: () => apiGet<CostReport>("/api/export/cost-report", { format: "json", ...query }),
    placeholderData: (prev) => prev,
  });
  const data = report.data;
  const period = describePeriod(from, to);

  return (
    <div className="mx-auto max-w-[1600px] space-y-3 p-4">
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h1 className="text-lg font-semibold">Reports</h1>
          <span className="text-muted">Cost report · {period}</span>
        </div>
        <div className="flex items-center gap-3">
          <a href="#scheduled-reports" className="text-accent hover:underline">
            Schedule…
          </a>
          <DownloadLinks params={query} />
        </div>
      </header>

      <div className="flex flex-wrap items-start gap-x-8 gap-y-3 rounded-lg border border-border bg-surface px-3.5 py-3">
        <PeriodPicker key={`${from}|${to}`} range={range} active={activePeriod(range)} onChange={(p) => set({ ...p, cursor: null }, { replace: true })} />
        <GroupByPicker value={groupBy} onChange={(keys) => set({ groupBy: groupByParam(keys) }, { replace: true })} />
      </div>

      {report.isPending ? (
        <ReportSkeleton />
      ) : report.isError ? (
        <div role="alert" className="mx-auto mt-12 max-w-lg text-center">
          <CircleAlert className="mx-auto h-7 w-7 text-danger" aria-hidden />
          <h2 className="mt-3 text-base font-semibold">Could not build the report</h2>
          <p className="mt-1 break-words text-muted">
            {report.error instanceof ApiError && report.error.status === 503
              ? "The database is unavailable; retry in a few seconds."
              : `The export API (/api/export/cost-report) answered: ${report.error.message}`}
          </p>
          <button type="button" onClick={() => void report.refetch()} className="mt-4 rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
            Try again
          </button>
        </div>
      ) : data && data.totals.traceCount === 0 ? (
        <ReportEmpty period={period} onPick={(k) => set({ ...periodPatch(k) }, { replace: true })} />
      ) : data ? (
        <div className={report.isPlaceholderData ? "opacity-60 transition-opacity" : undefined} aria-busy={report.isPlaceholderData}>
          <article aria-label="Report preview" className="space-y-3">
            <p className="text-xs text-muted">
              {data.title} · project {data.project.name} · {describePeriod(data.period.from, data.period.to)} · generated {formatTime(data.generatedAt, false)}
            </p>
            <ReportSummary totals={data.totals} />
            <ReportCostChart report={data} />
            <ReportTopTables agents={data.topAgents} models={data.topModels} />
            <ReportPricing unpriced={data.unpriced} prices={data.prices} settingsHref={`/settings${carried}`} />
            <ReportRows rows={data.rows} groupBy={data.groupBy} />
          </article>
        </div>
      ) : null}

      <ScheduleSection project={project} canEdit={canEdit} />
    </div>
  );
}
