"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Radio } from "lucide-react";
import { clsx } from "clsx";
import { apiGet, queryKeys, type TraceListResponse } from "@/lib/query/api";
import type { TraceFacets } from "@/lib/db/trace-list";
import { FilterBar, FILTER_KEYS } from "@/components/traces/trace-list/filter-bar";
import { TraceTable } from "@/components/traces/trace-list/trace-table";
import { NoTracesYet } from "@/components/traces/trace-list/empty-state";
import { ExportMenu } from "@/components/traces/trace-list/export-menu";
import { useCarriedParams, useProject, useTimeRange, useUrlState } from "@/components/shell/use-dashboard-params";

const PAGE_SIZE = 100;
const LIVE_INTERVAL_MS = 5000;

export function TracesClient() {
  const project = useProject();
  const range = useTimeRange();
  const { params, set } = useUrlState();
  const router = useRouter();
  const carried = useCarriedParams();
  const live = params.get("live") === "1";
  const sort = params.get("sort") ?? "-startTime";
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ""]));
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  // Live mode follows "now": no upper bound, so new traces appear on refetch.
  const search = params.toString();
  const query = useMemo(() => {
    const url = new URLSearchParams(search);
    const f = Object.fromEntries(FILTER_KEYS.map((k) => [k, url.get(k) ?? ""]));
    return { ...f, project, sort, from: range.from.toISOString(), to: live ? undefined : range.to.toISOString(), limit: PAGE_SIZE };
  }, [search, project, sort, range, live]);

  const traces = useInfiniteQuery({
    queryKey: queryKeys.traces(project, query),
    queryFn: ({ pageParam }) => apiGet<TraceListResponse>("/api/traces", { ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
  const facets = useQuery({
    queryKey: ["facets", project, range.from.toISOString(), range.to.toISOString()],
    queryFn: () => apiGet<TraceFacets>("/api/traces/facets", { project, from: range.from.toISOString(), to: range.to.toISOString() }),
  });

  const items = useMemo(() => traces.data?.pages.flatMap((p) => p.items) ?? [], [traces.data]);
  // Highlight traces that arrived with the latest live refresh (derived when the list changes).
  const [prevItems, setPrevItems] = useState(items);
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  if (prevItems !== items) {
    const before = new Set(prevItems.map((t) => t.traceId));
    setPrevItems(items);
    setFresh(live && before.size > 0 ? new Set(items.filter((t) => !before.has(t.traceId)).map((t) => t.traceId)) : new Set());
  }

  const hrefFor = useCallback((id: string) => `/traces/${id}${carried}`, [carried]);
  const onOpen = useCallback((id: string) => router.push(hrefFor(id)), [router, hrefFor]);
  const origin = typeof window === "undefined" ? "http://localhost:3000" : window.location.origin;

  return (
    <div className="flex flex-col">
      <div className="flex items-center justify-between px-4 pt-3">
        <h1 className="text-lg font-semibold">Traces</h1>
        <div className="flex items-center gap-2">
        <ExportMenu query={query} />
        <button
          type="button"
          aria-pressed={live}
          onClick={() => set({ live: live ? null : "1" }, { replace: true })}
          className={clsx("flex items-center gap-1.5 rounded-md border px-2.5 py-1", live ? "border-accent bg-accent-soft text-accent" : "border-border hover:bg-surface-2")}
          title="Poll for new traces every 5 seconds"
        >
          <Radio className={clsx("h-4 w-4", live && "animate-pulse")} aria-hidden />
          {live ? "Live" : "Live tail"}
        </button>
        </div>
      </div>
      <FilterBar filters={filters} facets={facets.data} onChange={(patch) => set(patch, { replace: true })} />
      {traces.isPending ? (
        <div className="space-y-2 p-4" aria-busy="true" aria-label="Loading traces">
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="h-7 animate-pulse rounded bg-surface-2" />
          ))}
        </div>
      ) : traces.isError ? (
        <div role="alert" className="m-4 rounded-md bg-danger-soft p-4 text-danger">
          Could not load traces: {traces.error.message}
          <button type="button" className="ml-3 underline" onClick={() => void traces.refetch()}>
            Retry
          </button>
        </div>
      ) : items.length === 0 ? (
        <NoTracesYet filtered={filtered} origin={origin} />
      ) : (
        <>
          <TraceTable items={items} sort={sort} onSort={(s) => set({ sort: s === "-startTime" ? null : s }, { replace: true })} hrefFor={hrefFor} onOpen={onOpen} fresh={fresh} />
          <div className="flex items-center justify-between px-4 py-3 text-muted">
            <span>
              {items.length} trace{items.length === 1 ? "" : "s"} shown
            </span>
            {traces.hasNextPage ? (
              <button
                type="button"
                onClick={() => void traces.fetchNextPage()}
                disabled={traces.isFetchingNextPage}
                className="rounded-md border border-border px-3 py-1 text-foreground hover:bg-surface-2 disabled:opacity-60"
              >
                {traces.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            ) : (
              <span>End of results</span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
