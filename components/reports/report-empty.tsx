// No traces in the chosen period: say so, and offer the obvious next periods.
import { Inbox } from "lucide-react";

export function ReportEmpty({ period, onPick }: { period: string; onPick: (key: "30d" | "last-month") => void }) {
  return (
    <div className="mx-auto max-w-lg py-14 text-center" data-testid="report-empty">
      <Inbox className="mx-auto h-7 w-7 text-muted" aria-hidden />
      <h2 className="mt-3 text-base font-semibold">No traces in this period</h2>
      <p className="mt-1 text-muted">Nothing started between {period}, so there is no cost to report. Pick another period.</p>
      <div className="mt-4 flex justify-center gap-2">
        <button type="button" onClick={() => onPick("30d")} className="rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
          Last 30 days
        </button>
        <button type="button" onClick={() => onPick("last-month")} className="rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
          Last month
        </button>
      </div>
    </div>
  );
}
