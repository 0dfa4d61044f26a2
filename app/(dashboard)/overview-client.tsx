"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { CircleAlert } from "lucide-react";
import { ApiError } from "@/lib/query/api";
import { describeTimeRange } from "@/lib/time-range";
import { headlineCards } from "@/lib/overview/headline-cards";
import { unpricedModels } from "@/lib/overview/breakdown-rows";
import { OVERVIEW_FILTER_KEYS, readOverviewFilters, type OverviewFilterKey } from "@/lib/overview/filters";
import { tracesHref } from "@/lib/overview/traces-href";
import { describeLength, type Window } from "@/lib/overview/period";
import type { IsoWindow } from "@/lib/overview/bucket-window";
import { useCarriedParams, useProject, useTimeRange, useUrlState } from "@/components/shell/use-dashboard-params";
import { useOverviewData, type SpendGroup } from "@/components/overview/use-overview-data";
import { HeadlineCards, HeadlineCardsSkeleton } from "@/components/overview/headline-cards";
import { OverviewCharts } from "@/components/overview/overview-charts";
import { BreakdownTables } from "@/components/overview/breakdown-tables";
import { UnpricedCallout } from "@/components/overview/unpriced-callout";
import { OverviewEmpty } from "@/components/overview/overview-empty";
import { ActiveFilters } from "@/components/overview/active-filters";

const DAY_MS = 86_400_000;

export function OverviewClient() {
  const project = useProject();
  const range = useTimeRange();
  const { params, set } = useUrlState();
  const router = useRouter();
  const carried = useCarriedParams();

  const spendBy: SpendGroup = params.get("spendBy") === "agent" ? "agent" : "model";
  // Query keys are compared by value, so a fresh object per render refetches nothing.
  const filters = readOverviewFilters(params);
  const filtered = Object.keys(filters).length > 0;
  const timeWindow: Window = useMemo(() => ({ from: range.from, to: range.to }), [range]);
  const rangeParams = { range: params.get("range"), from: params.get("from"), to: params.get("to") };

  const data = useOverviewData({ project, window: timeWindow, filters, spendBy });
  const { current, previous } = data;

  const cards = useMemo(
    () =>
      current.data
        ? headlineCards(current.data, previous.data, {
            cost: data.spend.data,
            traces: data.traces.data,
            latency: data.latency.data,
            success: data.success.data,
            llmCalls: data.llmCalls.data,
          })
        : null,
    [current.data, previous.data, data.spend.data, data.traces.data, data.latency.data, data.success.data, data.llmCalls.data],
  );
  const unpriced = useMemo(() => (data.models.data ? unpricedModels(data.models.data.items) : []), [data.models.data]);

  const openBucket = (w: IsoWindow, group: { by: SpendGroup; key: string } | null) => router.push(tracesHref({ project, window: w, filters, group }));
  const zoom = (w: IsoWindow) => set({ from: w.from, to: w.to, range: null });
  const rowHref = (by: "agent" | "model", key: string) => tracesHref({ project, window: rangeParams, filters, group: { by, key } });
  const settingsHref = `/settings${carried}`;
  const origin = typeof window === "undefined" ? "http://localhost:3000" : window.location.origin;
  const previousLabel = `Previous ${describeLength(timeWindow.to.getTime() - timeWindow.from.getTime())}`;

  return (
    <div className="mx-auto max-w-[1600px] space-y-3 p-4">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-lg font-semibold">Overview</h1>
        <span className="text-muted">
          {describeTimeRange(range)} · compared with the previous {describeLength(timeWindow.to.getTime() - timeWindow.from.getTime())}
        </span>
        <ActiveFilters filters={filters} onRemove={(k: OverviewFilterKey) => set({ [k]: null }, { replace: true })} />
      </header>

      {current.isError ? (
        <div role="alert" className="mx-auto mt-12 max-w-lg text-center">
          <CircleAlert className="mx-auto h-7 w-7 text-danger" aria-hidden />
          <h2 className="mt-3 text-base font-semibold">Could not load the overview</h2>
          <p className="mt-1 break-words text-muted">
            {current.error instanceof ApiError && current.error.status === 503
              ? "The database is unavailable; retry in a few seconds."
              : `The metrics API (/api/metrics/overview) answered: ${current.error.message}`}
          </p>
          <button type="button" onClick={() => void current.refetch()} className="mt-4 rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
            Try again
          </button>
        </div>
      ) : data.empty ? (
        <OverviewEmpty
          latestStart={data.latestTrace === undefined ? undefined : (data.latestTrace?.startTime ?? null)}
          filtered={filtered}
          origin={origin}
          project={project}
          settingsHref={settingsHref}
          onShowLatest={(iso) => {
            const end = Date.parse(iso) + 60_000;
            set({ from: new Date(end - DAY_MS).toISOString(), to: new Date(end).toISOString(), range: null });
          }}
          onClearFilters={() => set(Object.fromEntries(OVERVIEW_FILTER_KEYS.map((k) => [k, null])), { replace: true })}
        />
      ) : (
        <>
          {cards ? <HeadlineCards cards={cards} previousLabel={previousLabel} /> : <HeadlineCardsSkeleton />}
          <OverviewCharts
            window={timeWindow}
            spend={data.spend}
            latency={data.latency}
            success={data.success}
            tokens={data.tokens}
            spendBy={spendBy}
            onSpendByChange={(g) => set({ spendBy: g === "model" ? null : g }, { replace: true })}
            onOpenBucket={openBucket}
            onZoom={zoom}
          />
          <UnpricedCallout models={unpriced} settingsHref={settingsHref} />
          <BreakdownTables agents={data.agents} models={data.models} hrefFor={rowHref} />
        </>
      )}
    </div>
  );
}
