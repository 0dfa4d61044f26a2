// Placeholder shaped like the report while it loads.
export function ReportSkeleton() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading the report">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-[86px] animate-pulse rounded-lg border border-border bg-surface p-3.5">
            <div className="h-2.5 w-24 rounded bg-border" />
            <div className="mt-2.5 h-5 w-20 rounded bg-border" />
          </div>
        ))}
      </div>
      <div className="h-[290px] animate-pulse rounded-lg border border-border bg-surface" />
      <div className="grid gap-3 xl:grid-cols-2">
        {Array.from({ length: 2 }, (_, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-border p-3.5">
            {Array.from({ length: 5 }, (_, j) => (
              <div key={j} className="h-6 animate-pulse rounded bg-surface-2" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
