// A titled frame around one chart, with its loading, error and no-data states.
import { CircleAlert } from "lucide-react";

interface Props {
  title: string;
  subtitle?: string;
  actions?: React.ReactNode;
  height: number;
  state: { pending: boolean; error: Error | null; empty: boolean; onRetry: () => void };
  emptyText?: string;
  className?: string;
  children: React.ReactNode;
}

export function ChartPanel({ title, subtitle, actions, height, state, emptyText = "No data in this time range.", className, children }: Props) {
  const body = state.pending ? (
    <div className="animate-pulse rounded bg-surface-2" style={{ height }} aria-busy="true" aria-label={`Loading ${title.toLowerCase()}`} />
  ) : state.error ? (
    <div role="alert" className="flex flex-col items-center justify-center gap-2 text-center" style={{ height }}>
      <CircleAlert className="h-5 w-5 text-danger" aria-hidden />
      <p className="max-w-sm text-muted">
        Could not load this chart: <span className="text-foreground">{state.error.message}</span>
      </p>
      <button type="button" onClick={state.onRetry} className="rounded-md border border-border px-2.5 py-1 text-xs hover:bg-surface-2">
        Retry
      </button>
    </div>
  ) : state.empty ? (
    <div className="flex items-center justify-center text-muted" style={{ height }}>
      {emptyText}
    </div>
  ) : (
    children
  );
  return (
    <section className={`min-w-0 rounded-lg border border-border bg-background p-3.5 ${className ?? ""}`} aria-label={title}>
      <header className="mb-2 flex min-h-7 items-center justify-between gap-2">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-medium">{title}</h2>
          {subtitle && <p className="truncate text-xs text-muted">{subtitle}</p>}
        </div>
        {actions}
      </header>
      {body}
    </section>
  );
}
