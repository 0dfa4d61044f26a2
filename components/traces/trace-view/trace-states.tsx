import Link from "next/link";
import { CircleAlert, SearchX, TriangleAlert } from "lucide-react";
import { ApiError } from "@/lib/query/api";

/** Placeholder shaped like the header and waterfall while the trace loads. */
export function TraceSkeleton() {
  const widths = [92, 30, 18, 44, 12, 60, 26, 38, 16, 52, 22, 34];
  return (
    <div className="animate-pulse p-4" aria-busy="true" aria-label="Loading trace">
      <div className="h-6 w-72 rounded bg-border" />
      <div className="mt-3 flex gap-6">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="space-y-1.5">
            <div className="h-2.5 w-12 rounded bg-border" />
            <div className="h-4 w-16 rounded bg-border" />
          </div>
        ))}
      </div>
      <div className="mt-6 space-y-2.5">
        {widths.map((w, i) => (
          <div key={i} className="grid grid-cols-[36%_1fr] items-center gap-4">
            <div className="h-3.5 rounded bg-border" style={{ marginLeft: `${(i % 4) * 16}px`, width: `${50 + ((i * 7) % 35)}%` }} />
            <div className="h-2.5 rounded bg-border" style={{ marginLeft: `${(i * 13) % 40}%`, width: `${w}%`, maxWidth: "60%" }} />
          </div>
        ))}
      </div>
    </div>
  );
}

export function TraceError({ error, traceId, project, backHref, onRetry }: { error: Error; traceId: string; project: string; backHref: string; onRetry: () => void }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div role="alert" className="mx-auto mt-16 max-w-lg px-4 text-center">
        <SearchX className="mx-auto h-8 w-8 text-muted" aria-hidden />
        <h1 className="mt-3 text-base font-semibold">Trace not found in this project</h1>
        <p className="mt-2 text-muted">
          No trace <code className="break-all font-mono text-[12px]">{traceId}</code> in project <span className="font-medium text-foreground">{project}</span>. It may
          belong to another project, may have been removed by retention, or its spans have not arrived yet.
        </p>
        <Link href={backHref} className="mt-4 inline-block text-accent underline">
          Back to traces
        </Link>
      </div>
    );
  }
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg px-4 text-center">
      <CircleAlert className="mx-auto h-8 w-8 text-danger" aria-hidden />
      <h1 className="mt-3 text-base font-semibold">Could not load this trace</h1>
      <p className="mt-2 break-words text-muted">{error.message}</p>
      <button type="button" onClick={onRetry} className="mt-4 rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
        Try again
      </button>
    </div>
  );
}

export function IncompleteBanner() {
  return (
    <div role="status" className="flex items-center gap-2 border-b border-border bg-warning-soft px-4 py-1.5 text-[13px] text-warning">
      <TriangleAlert className="h-4 w-4 shrink-0" aria-hidden />
      <span>
        This trace is incomplete (root span not received yet). Spans whose parent is missing are listed under “incomplete trace”; totals may still change.
      </span>
    </div>
  );
}
