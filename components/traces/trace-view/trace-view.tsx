"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchTrace, queryKeys } from "@/lib/query/api";
import { useCarriedParams, useProject } from "@/components/shell/use-dashboard-params";
import { TraceHeader } from "./trace-header";
import { IncompleteBanner, TraceError, TraceSkeleton } from "./trace-states";
import { TraceExplorer } from "./trace-explorer";

/** The trace page: header, then the span tree and waterfall filling the rest of the viewport. */
export function TraceView({ traceId }: { traceId: string }) {
  const project = useProject();
  const carried = useCarriedParams();
  const backHref = `/traces${carried}`;
  const trace = useQuery({ queryKey: queryKeys.trace(project, traceId), queryFn: () => fetchTrace(project, traceId) });

  if (trace.isPending) return <TraceSkeleton />;
  if (trace.isError) return <TraceError error={trace.error} traceId={traceId} project={project} backHref={backHref} onRetry={() => void trace.refetch()} />;
  const detail = trace.data;
  return (
    // The app shell's top bar is 3rem; the list scrolls inside the remaining height.
    <div className="flex h-[calc(100dvh-3rem)] min-h-[420px] flex-col">
      <TraceHeader detail={detail} backHref={backHref} />
      {detail.trace.status === "incomplete" && <IncompleteBanner />}
      <TraceExplorer spans={detail.spans} />
    </div>
  );
}
