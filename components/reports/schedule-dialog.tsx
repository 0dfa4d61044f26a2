"use client";

// Create or edit a report schedule: name, weekly/monthly, time zone (the browser's by
// default), grouping and channels. Says when the first (or next) report goes out and
// which period it covers; a 400's issues appear beside the fields they name.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { CalendarClock } from "lucide-react";
import { ChannelEditor } from "@/components/channels/channel-editor";
import { channelIssues, cleanChannel, emptyChannel, type Channel } from "@/components/channels/channel-checks";
import { FieldError, FieldInput, FormDialog, RadioCards } from "@/components/ui/form-dialog";
import type { FieldErrors } from "@/components/ui/field-errors";
import { useDraftForm } from "@/components/ui/use-draft-form";
import { isValidTimeZone, periodWindow } from "@/lib/budgets/period";
import { SCHEDULE_GROUP_BYS, type ScheduleGroupBy, type ScheduleJson } from "@/lib/reports/schedule-input";
import { scheduleKeys, saveSchedule } from "@/lib/reports/schedule-api";
import { firstReportAt, formatRunAt, nextRunAt, periodLabel, type Cadence } from "@/lib/reports/schedule-period";

interface Draft {
  name: string;
  cadence: Cadence;
  timezone: string;
  groupBy: ScheduleGroupBy;
  enabled: boolean;
  channels: Channel[];
}

const GROUP_LABELS: Record<ScheduleGroupBy, string> = { day: "Day", agent: "Agent", model: "Model" };
const CADENCES: readonly { value: Cadence; label: string; help: string }[] = [
  { value: "weekly", label: "Weekly", help: "Each ISO week (Monday to Sunday), sent Monday 00:00" },
  { value: "monthly", label: "Monthly", help: "Each calendar month, sent on the 1st at 00:00" },
];
const KNOWN_FIELDS = /^(name|cadence|timezone|groupBy|enabled|channels(\.\d+\.\w+)?)$/;

export function browserTimeZone(): string {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && isValidTimeZone(tz) ? tz : "UTC";
  } catch {
    return "UTC";
  }
}

function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return supported.includes("UTC") ? supported : ["UTC", ...supported];
}

function draftFrom(s: ScheduleJson | undefined): Draft {
  if (!s) return { name: "", cadence: "weekly", timezone: browserTimeZone(), groupBy: "day", enabled: true, channels: [emptyChannel("email")] };
  return { name: s.name, cadence: s.cadence, timezone: s.timezone, groupBy: s.groupBy, enabled: s.enabled, channels: s.channels };
}

function validate(d: Draft): FieldErrors {
  const out: FieldErrors = {};
  if (!d.name.trim()) out.name = "required";
  if (!isValidTimeZone(d.timezone.trim())) out.timezone = "not a known IANA time zone (e.g. Europe/Berlin)";
  if (d.channels.length === 0) out.channels = "add at least one channel";
  for (const [k, v] of Object.entries(channelIssues(d.channels))) out[`channels.${k}`] = v;
  return out;
}

/** "First report: Mon 30 Nov, 00:00 Europe/Berlin, covering 23–29 Nov 2026." */
function whenLine(d: Draft, schedule: ScheduleJson | undefined, now: Date): string | null {
  const tz = d.timezone.trim();
  if (!isValidTimeZone(tz)) return null;
  let at: Date;
  if (!schedule) at = firstReportAt(d.cadence, tz, now);
  else if (schedule.cadence === d.cadence && schedule.timezone === tz && schedule.nextRunAt) at = new Date(schedule.nextRunAt);
  else {
    const scheduled = schedule.lastRuns.filter((r) => !r.manual).map((r) => Date.parse(r.periodStart));
    at = nextRunAt(d.cadence, tz, new Date(schedule.createdAt), now, scheduled.length ? new Date(Math.max(...scheduled)) : null);
  }
  const covers = periodWindow(d.cadence === "weekly" ? "week" : "month", tz, new Date(at.getTime() - 1));
  const when = at.getTime() <= now.getTime() ? "within a minute" : `${formatRunAt(at, tz)} ${tz}`;
  return `${schedule ? "Next" : "First"} report: ${when}, covering ${periodLabel(covers, tz, d.cadence)}.`;
}

export function ScheduleDialog({ project, schedule, onClose }: { project: string; schedule?: ScheduleJson; onClose: () => void }) {
  const client = useQueryClient();
  const form = useDraftForm<Draft>({
    initial: () => draftFrom(schedule),
    validate,
    knownFields: KNOWN_FIELDS,
    save: (d) =>
      saveSchedule(project, schedule?.id ?? null, {
        name: d.name.trim(),
        cadence: d.cadence,
        timezone: d.timezone.trim(),
        groupBy: d.groupBy,
        enabled: d.enabled,
        channels: d.channels.map(cleanChannel),
      }),
    onSaved: () => {
      void client.invalidateQueries({ queryKey: scheduleKeys.list(project) });
      onClose();
    },
  });
  const { draft, edit, id, shown } = form;
  const [zones] = useState(timeZones);
  const [now] = useState(() => new Date());
  const when = whenLine(draft, schedule, now);

  return (
    <FormDialog
      form={form}
      title={schedule ? `Edit “${schedule.name}”` : "New scheduled report"}
      description="The cost report of each finished week or month, sent to every channel below (e-mail gets the PDF attached)."
      submitLabel={schedule ? "Save schedule" : "Create schedule"}
      onClose={onClose}
    >
      <div>
        <label htmlFor={id("name")} className="mb-1 block text-xs font-medium">
          Name
        </label>
        <FieldInput form={form} field="name" value={draft.name} maxLength={200} placeholder="e.g. Weekly spend for finance" data-autofocus onChange={(e) => edit("name", { ...draft, name: e.target.value })} />
        <FieldError form={form} field="name" />
      </div>

      <fieldset>
        <legend className="mb-1.5 text-xs font-medium">Every</legend>
        <RadioCards name={id("cadence")} options={CADENCES} value={draft.cadence} onChange={(cadence) => edit("cadence", { ...draft, cadence })} />
      </fieldset>

      <div className="flex flex-wrap gap-x-6 gap-y-3">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor={id("timezone")} className="mb-1 block text-xs font-medium">
            Time zone <span className="font-normal text-muted">— where weeks and months begin</span>
          </label>
          <FieldInput
            form={form}
            field="timezone"
            value={draft.timezone}
            list={id("zones")}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            onChange={(e) => edit("timezone", { ...draft, timezone: e.target.value })}
          />
          <datalist id={id("zones")}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <FieldError form={form} field="timezone" />
        </div>
        <div>
          <label htmlFor={id("groupBy")} className="mb-1 block text-xs font-medium">
            Group rows by
          </label>
          <select
            id={id("groupBy")}
            value={draft.groupBy}
            onChange={(e) => edit("groupBy", { ...draft, groupBy: e.target.value as ScheduleGroupBy })}
            className="h-8 rounded-md border border-border bg-background px-2"
          >
            {SCHEDULE_GROUP_BYS.map((g) => (
              <option key={g} value={g}>
                {GROUP_LABELS[g]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {when && (
        <p className="flex items-center gap-2 rounded-md bg-surface-2 px-3 py-2 text-xs" aria-live="polite" data-testid="schedule-first-report">
          <CalendarClock className="h-3.5 w-3.5 shrink-0 text-muted" aria-hidden />
          <span>
            <span className="font-medium">{when}</span>
            {!schedule && <span className="text-muted"> Periods that ended before the schedule existed are not sent.</span>}
          </span>
        </p>
      )}

      <fieldset>
        <legend className="mb-1.5 text-xs font-medium">Send to</legend>
        <ChannelEditor
          value={draft.channels}
          onChange={(channels) => edit("channels", { ...draft, channels })}
          errors={form.channelErrors}
          idPrefix={id("channel")}
          emptyText="Add at least one channel: the report is sent through it."
          what="the report"
        />
        {shown("channels") && (
          <p role="alert" className="mt-1 text-xs text-danger">
            {shown("channels")}
          </p>
        )}
      </fieldset>

      <label className="flex items-center gap-2">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => edit("enabled", { ...draft, enabled: e.target.checked })} className="accent-[var(--accent)]" />
        Enabled <span className="text-xs text-muted">(while paused nothing is sent; on resuming, a missed last period is sent)</span>
      </label>
    </FormDialog>
  );
}
