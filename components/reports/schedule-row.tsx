"use client";

// One report schedule as a table row: what, where to, when next, how the last run
// went, and (for admins) pause/resume, send now, edit and delete with confirmation.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { CircleAlert, CircleCheck, Clock, Loader2, Pencil, Send, Trash2 } from "lucide-react";
import { CHANNEL_ICONS } from "@/components/channels/channel-editor";
import type { Channel } from "@/components/channels/channel-checks";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { IconButton } from "@/components/ui/icon-button";
import { Switch } from "@/components/ui/switch";
import { deleteSchedule, saveSchedule, scheduleKeys, sendScheduleNow } from "@/lib/reports/schedule-api";
import type { ScheduleJson } from "@/lib/reports/schedule-input";
import { CADENCE_LABELS, formatRunAt, lastCompletePeriod, periodLabel } from "@/lib/reports/schedule-period";
import { runStatus } from "@/lib/reports/schedule-status";

const GROUP_LABELS = { day: "day", agent: "agent", model: "model" } as const;

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function channelText(c: Channel): string {
  if (c.type === "email") return c.to;
  if (c.type === "slack") return "Slack";
  return host(c.url);
}

export function ChannelChips({ channels }: { channels: Channel[] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Channels">
      {channels.map((c, i) => {
        const Icon = CHANNEL_ICONS[c.type];
        return (
          <li key={i} className="flex max-w-[14rem] items-center gap-1 rounded bg-surface-2 px-1.5 py-0.5 text-xs" title={c.type === "email" ? `E-mail to ${c.to}` : c.type === "slack" ? `Slack: ${host(c.url)}` : `Webhook: ${c.url}`}>
            <Icon className="h-3 w-3 shrink-0 text-muted" aria-hidden />
            <span className="truncate">{channelText(c)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** "23 Nov, 15:14" in the browser's zone (the full time on hover). */
const sentAt = (iso: string) => new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false });

const STATUS_STYLE = {
  none: { icon: Clock, className: "text-muted" },
  ok: { icon: CircleCheck, className: "text-success" },
  pending: { icon: Loader2, className: "text-muted" },
  failed: { icon: CircleAlert, className: "text-danger" },
} as const;

function LastRun({ schedule }: { schedule: ScheduleJson }) {
  const run = schedule.lastRuns[0];
  const status = runStatus(run);
  const { icon: Icon, className } = STATUS_STYLE[status.state];
  return (
    <div title={status.detail.join("\n") || undefined}>
      <p className={clsx("flex items-center gap-1.5", className)} data-testid="schedule-last-status">
        <Icon className={clsx("h-3.5 w-3.5 shrink-0", status.state === "pending" && "animate-spin")} aria-hidden />
        {status.text}
      </p>
      {run && (
        <p className="text-xs text-muted">
          {periodLabel({ start: new Date(run.periodStart), end: new Date(run.periodEnd) }, schedule.timezone, schedule.cadence)}
          {run.manual ? " · sent manually" : ""} · <span className="whitespace-nowrap">{sentAt(run.createdAt)}</span>
        </p>
      )}
    </div>
  );
}

function NextRun({ schedule, now }: { schedule: ScheduleJson; now: Date }) {
  if (!schedule.enabled || !schedule.nextRunAt) return <span className="text-muted">Paused</span>;
  const at = new Date(schedule.nextRunAt);
  if (at.getTime() <= now.getTime()) return <span>Due now</span>;
  return (
    <span title={at.toISOString()}>
      {formatRunAt(at, schedule.timezone)}
      <span className="block text-xs text-muted">{schedule.timezone}</span>
    </span>
  );
}

export function ScheduleRow({ project, schedule, canEdit, now, onEdit }: { project: string; schedule: ScheduleJson; canEdit: boolean; now: Date; onEdit: () => void }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: scheduleKeys.list(project) });
  const toggle = useMutation({ mutationFn: (enabled: boolean) => saveSchedule(project, schedule.id, { enabled }), onSettled: refresh });
  const send = useMutation({ mutationFn: () => sendScheduleNow(project, schedule.id), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => deleteSchedule(project, schedule.id), onSuccess: refresh });
  const last = lastCompletePeriod(schedule.cadence, schedule.timezone, now);
  const lastLabel = periodLabel(last, schedule.timezone, schedule.cadence);
  const error = toggle.error ?? send.error ?? remove.error;

  return (
    <tr className="border-b border-border align-top last:border-b-0 hover:bg-surface [&>td]:px-3 [&>td]:py-2" data-testid="schedule-row">
      <td className="min-w-[12rem]">
        <p className="flex items-center gap-1.5 font-medium">
          {schedule.name}
          {!schedule.enabled && <span className="rounded bg-surface-2 px-1.5 py-0.5 text-[11px] font-normal uppercase text-muted">paused</span>}
        </p>
        <p className="text-xs text-muted">
          {CADENCE_LABELS[schedule.cadence]} · rows by {GROUP_LABELS[schedule.groupBy]}
        </p>
        {send.isSuccess && !(schedule.lastRuns[0]?.runId === send.data.runId && runStatus(schedule.lastRuns[0]).state !== "pending") && (
          <p role="status" className="mt-1 text-xs text-success">
            Queued the report for {lastLabel}: it goes out within a minute.
          </p>
        )}
        {error && (
          <p role="alert" className="mt-1 text-xs text-danger">
            {error.message}
          </p>
        )}
      </td>
      <td>
        <ChannelChips channels={schedule.channels} />
      </td>
      <td className="whitespace-nowrap">
        <NextRun schedule={schedule} now={now} />
      </td>
      <td className="min-w-[12rem]">
        <LastRun schedule={schedule} />
      </td>
      {canEdit && (
        <td className="whitespace-nowrap text-right">
          {confirming ? (
            <ConfirmDelete
              label={`Delete ${schedule.name}?`}
              question="Delete with its history?"
              keepLabel="Cancel"
              pending={remove.isPending}
              onDelete={() => remove.mutate()}
              onKeep={() => setConfirming(false)}
            />
          ) : (
            <span className="inline-flex items-center gap-1">
              <Switch
                checked={schedule.enabled}
                label={`${schedule.name} enabled`}
                title={schedule.enabled ? "Pause this schedule" : "Resume this schedule"}
                disabled={toggle.isPending}
                className="mr-1"
                onChange={(enabled) => toggle.mutate(enabled)}
              />
              <button
                type="button"
                disabled={send.isPending}
                onClick={() => send.mutate()}
                title={`Send the report for the last complete ${schedule.cadence === "weekly" ? "week" : "month"} (${lastLabel}) to every channel now`}
                className="flex items-center gap-1 rounded-md border border-border px-2 py-1 text-xs hover:bg-surface-2 disabled:opacity-60"
              >
                <Send className="h-3 w-3" aria-hidden />
                {send.isPending ? "Sending…" : "Send now"}
              </button>
              <IconButton icon={Pencil} label={`Edit ${schedule.name}`} title="Edit" onClick={onEdit} />
              <IconButton icon={Trash2} label={`Delete ${schedule.name}`} title="Delete" tone="danger" onClick={() => setConfirming(true)} />
            </span>
          )}
        </td>
      )}
    </tr>
  );
}
