"use client";

// Every request the overview makes, keyed so that changing the range or a filter refetches them all.
import { useQuery } from "@tanstack/react-query";
import { apiGet, type TraceListResponse } from "@/lib/query/api";
import type { GroupBy, OverviewMetrics, Timeseries, TimeseriesMetric } from "@/lib/metrics/types";
import type { BreakdownBy, BreakdownResponse } from "@/lib/metrics/breakdown-types";
import type { OverviewFilters } from "@/lib/overview/filters";
import { previousPeriod, type Window } from "@/lib/overview/period";

export type SpendGroup = Extract<GroupBy, "model" | "agent">;

interface Args {
  project: string;
  window: Window;
  filters: OverviewFilters;
  spendBy: SpendGroup;
}

function scope(project: string, window: Window, filters: OverviewFilters) {
  return { project, from: window.from.toISOString(), to: window.to.toISOString(), ...filters };
}

function useTimeseries(base: ReturnType<typeof scope>, metric: TimeseriesMetric, groupBy?: GroupBy) {
  return useQuery({
    queryKey: ["metrics", "timeseries", base, metric, groupBy ?? null],
    queryFn: () => apiGet<Timeseries>("/api/metrics/timeseries", { ...base, interval: "auto", metric, groupBy }),
  });
}

function useBreakdown(base: ReturnType<typeof scope>, by: BreakdownBy) {
  return useQuery({
    queryKey: ["metrics", "breakdown", base, by],
    queryFn: () => apiGet<BreakdownResponse>("/api/metrics/breakdown", { ...base, by }),
  });
}

export function useOverviewData({ project, window, filters, spendBy }: Args) {
  const base = scope(project, window, filters);
  const prevBase = scope(project, previousPeriod(window), filters);

  const current = useQuery({ queryKey: ["metrics", "overview", base], queryFn: () => apiGet<OverviewMetrics>("/api/metrics/overview", base) });
  const previous = useQuery({ queryKey: ["metrics", "overview", prevBase], queryFn: () => apiGet<OverviewMetrics>("/api/metrics/overview", prevBase) });
  const empty = current.data !== undefined && current.data.traceCount === 0 && current.data.llmCallCount === 0;
  // Only asked when the window is empty: has this project ever received a trace?
  const latest = useQuery({
    queryKey: ["traces", "latest", project],
    queryFn: () => apiGet<TraceListResponse>("/api/traces", { project, limit: 1 }),
    enabled: empty,
  });

  return {
    current,
    previous,
    empty,
    latestTrace: latest.data ? (latest.data.items[0] ?? null) : undefined,
    spend: useTimeseries(base, "cost", spendBy),
    traces: useTimeseries(base, "traces"),
    latency: useTimeseries(base, "latency"),
    success: useTimeseries(base, "success"),
    tokens: useTimeseries(base, "tokens"),
    llmCalls: useTimeseries(base, "llm_calls"),
    agents: useBreakdown(base, "agent"),
    models: useBreakdown(base, "model"),
  };
}
