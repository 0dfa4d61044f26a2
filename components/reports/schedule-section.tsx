"use client";

// "Scheduled reports" on /reports: weekly or monthly cost reports sent through the
// budget channels. Everyone sees the list; admins create, edit, pause, send and delete.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { CalendarClock, CircleAlert } from "lucide-react";
import { NewButton } from "@/components/ui/new-button";
import { SkeletonRows } from "@/components/ui/skeleton-rows";
import { ApiError } from "@/lib/query/api";
import { fetchSchedules, scheduleKeys } from "@/lib/reports/schedule-api";
import type { ScheduleJson } from "@/lib/reports/schedule-input";
import { ScheduleDialog } from "./schedule-dialog";
import { ScheduleRow } from "./schedule-row";

const hasPending = (items: ScheduleJson[] | undefined) => !!items?.some((s) => s.lastRuns[0]?.deliveries.some((d) => d.status === "pending"));

/** The current time, ticking each minute (next-run and "due" labels). */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

type Editing = { kind: "new" } | { kind: "edit"; schedule: ScheduleJson } | null;

export function ScheduleSection({ project, canEdit }: { project: string; canEdit: boolean }) {
  const [editing, setEditing] = useState<Editing>(null);
  const now = useMinute();
  const list = useQuery({
    queryKey: scheduleKeys.list(project),
    queryFn: () => fetchSchedules(project),
    // While a report is going out, follow its deliveries.
    refetchInterval: (q) => (hasPending(q.state.data) ? 4_000 : 60_000),
  });
  const items = list.data;

  const newButton = canEdit && <NewButton label="New schedule" size="sm" onClick={() => setEditing({ kind: "new" })} />;

  return (
    <section id="scheduled-reports" aria-labelledby="scheduled-reports-title" className="scroll-mt-4 overflow-hidden rounded-lg border border-border bg-background">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-3.5 py-2.5">
        <div>
          <h2 id="scheduled-reports-title" className="text-sm font-medium">
            Scheduled reports
          </h2>
          <p className="text-xs text-muted">
            This report for each finished week or month, by webhook, Slack or e-mail (PDF attached).
            {!canEdit && " Only admins can change schedules."}
          </p>
        </div>
        {items && items.length > 0 && newButton}
      </header>

      {list.isPending ? (
        <SkeletonRows label="Loading schedules" count={2} rowClassName="h-9" className="p-3.5" />
      ) : list.isError ? (
        <div role="alert" className="flex flex-wrap items-center gap-2 px-3.5 py-4 text-danger">
          <CircleAlert className="h-4 w-4" aria-hidden />
          <span>
            {list.error instanceof ApiError && list.error.status === 503
              ? "The database is unavailable; retry in a few seconds."
              : `Could not load schedules (/api/report-schedules answered: ${list.error.message}).`}
          </span>
          <button type="button" onClick={() => void list.refetch()} className="rounded-md border border-border px-2 py-0.5 text-foreground hover:bg-surface-2">
            Try again
          </button>
        </div>
      ) : items && items.length === 0 ? (
        <div className="flex flex-col items-center px-4 py-8 text-center" data-testid="schedules-empty">
          <CalendarClock className="h-6 w-6 text-muted" aria-hidden />
          <p className="mt-2 font-medium">No scheduled reports</p>
          <p className="mt-0.5 max-w-md text-muted">
            {canEdit
              ? "Send this cost report every Monday or on the 1st of each month to finance, a Slack channel or your own webhook."
              : "An admin can schedule this cost report to go out every week or month."}
          </p>
          {newButton && <div className="mt-3">{newButton}</div>}
        </div>
      ) : items ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-[13px] tabular-nums">
            <thead className="bg-surface text-xs text-muted">
              <tr className="border-b border-border text-left [&>th]:whitespace-nowrap [&>th]:px-3 [&>th]:py-2 [&>th]:font-medium">
                <th scope="col">Schedule</th>
                <th scope="col">Channels</th>
                <th scope="col">Next report</th>
                <th scope="col">Last report</th>
                {canEdit && (
                  <th scope="col" className="text-right">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <ScheduleRow key={s.id} project={project} schedule={s} canEdit={canEdit} now={now} onEdit={() => setEditing({ kind: "edit", schedule: s })} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {editing && <ScheduleDialog project={project} schedule={editing.kind === "edit" ? editing.schedule : undefined} onClose={() => setEditing(null)} />}
    </section>
  );
}
