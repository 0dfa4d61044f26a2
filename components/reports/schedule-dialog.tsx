"use client";

// Create or edit a report schedule: name, weekly/monthly, time zone (the browser's by
// default), grouping and channels. Says when the first (or next) report goes out and
// which period it covers; a 400's issues appear beside the fields they name.
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { CalendarClock } from "lucide-react";
import { ChannelEditor } from "@/components/channels/channel-editor";
import { channelIssues, cleanChannel, emptyChannel, type Channel } from "@/components/channels/channel-checks";
import { Modal } from "@/components/ui/modal";
import { isValidTimeZone, periodWindow } from "@/lib/budgets/period";
import { SCHEDULE_GROUP_BYS, type ScheduleGroupBy, type ScheduleJson } from "@/lib/reports/schedule-input";
import { scheduleKeys, saveSchedule, ScheduleSaveError } from "@/lib/reports/schedule-api";
import { firstReportAt, formatRunAt, nextRunAt, periodLabel, type Cadence } from "@/lib/reports/schedule-period";

interface Draft {
  name: string;
  cadence: Cadence;
  timezone: string;
  groupBy: ScheduleGroupBy;
  enabled: boolean;
  channels: Channel[];
}

type FieldErrors = Record<string, string>;

const GROUP_LABELS: Record<ScheduleGroupBy, string> = { day: "Day", agent: "Agent", model: "Model" };
const CADENCES: { value: Cadence; label: string; help: string }[] = [
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

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-0.5 text-xs text-danger">
      {message}
    </p>
  );
}

export function ScheduleDialog({ project, schedule, onClose }: { project: string; schedule?: ScheduleJson; onClose: () => void }) {
  const uid = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(schedule));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [zones] = useState(timeZones);
  const [now] = useState(() => new Date());

  const local = validate(draft);
  const shown = (path: string): string | undefined => serverErrors[path] ?? (submitted || touched.has(path) ? local[path] : undefined);
  const channelErrors: Record<string, string> = {};
  for (const key of new Set([...Object.keys(local), ...Object.keys(serverErrors)])) {
    const m = /^channels\.(\d+\.\w+)$/.exec(key);
    const msg = m ? (serverErrors[key] ?? (submitted || local[key] !== "required" ? local[key] : undefined)) : undefined;
    if (m?.[1] && msg) channelErrors[m[1]] = msg;
  }

  const edit = (path: string, next: Draft) => {
    setDraft(next);
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== path && !k.startsWith(`${path}.`))));
  };

  const save = useMutation({
    mutationFn: () =>
      saveSchedule(project, schedule?.id ?? null, {
        name: draft.name.trim(),
        cadence: draft.cadence,
        timezone: draft.timezone.trim(),
        groupBy: draft.groupBy,
        enabled: draft.enabled,
        channels: draft.channels.map(cleanChannel),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: scheduleKeys.list(project) });
      onClose();
    },
    onError: (err) => {
      if (err instanceof ScheduleSaveError && err.issues.length) {
        setServerErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
        requestAnimationFrame(() => document.querySelector<HTMLElement>('dialog [aria-invalid="true"]')?.focus());
      }
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('dialog [aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate();
  };

  const id = (f: string) => `${uid}-${f}`;
  const formLevel = Object.entries(serverErrors).filter(([k]) => !KNOWN_FIELDS.test(k));
  const when = whenLine(draft, schedule, now);

  return (
    <Modal
      title={schedule ? `Edit “${schedule.name}”` : "New scheduled report"}
      description="The cost report of each finished week or month, sent to every channel below (e-mail gets the PDF attached)."
      onClose={onClose}
      footer={
        <div className="flex items-center justify-end gap-2">
          {save.isError && !(save.error instanceof ScheduleSaveError && save.error.issues.length) && (
            <p role="alert" className="mr-auto text-danger">
              {save.error.message}
            </p>
          )}
          <button type="button" onClick={onClose} className="rounded-md border border-border px-3 py-1.5 hover:bg-surface-2">
            Cancel
          </button>
          <button type="submit" form={id("form")} disabled={save.isPending} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-foreground disabled:opacity-60">
            {save.isPending ? "Saving…" : schedule ? "Save schedule" : "Create schedule"}
          </button>
        </div>
      }
    >
      <form id={id("form")} noValidate onSubmit={submit} className="space-y-5">
        <div>
          <label htmlFor={id("name")} className="mb-1 block text-xs font-medium">
            Name
          </label>
          <input
            id={id("name")}
            value={draft.name}
            maxLength={200}
            placeholder="e.g. Weekly spend for finance"
            autoFocus
            aria-invalid={shown("name") ? true : undefined}
            aria-describedby={shown("name") ? id("name-error") : undefined}
            onChange={(e) => edit("name", { ...draft, name: e.target.value })}
            className={clsx("h-8 w-full rounded-md border bg-background px-2", shown("name") ? "border-danger" : "border-border")}
          />
          <FieldError id={id("name-error")} message={shown("name")} />
        </div>

        <fieldset>
          <legend className="mb-1.5 text-xs font-medium">Every</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {CADENCES.map((c) => (
              <label
                key={c.value}
                className={clsx(
                  "flex cursor-pointer gap-2 rounded-md border px-2.5 py-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent",
                  draft.cadence === c.value ? "border-accent bg-accent-soft" : "border-border hover:bg-surface",
                )}
              >
                <input type="radio" name={id("cadence")} value={c.value} checked={draft.cadence === c.value} onChange={() => edit("cadence", { ...draft, cadence: c.value })} className="mt-0.5 accent-[var(--accent)]" />
                <span>
                  <span className="block font-medium">{c.label}</span>
                  <span className="block text-xs text-muted">{c.help}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="flex flex-wrap gap-x-6 gap-y-3">
          <div className="min-w-[16rem] flex-1">
            <label htmlFor={id("timezone")} className="mb-1 block text-xs font-medium">
              Time zone <span className="font-normal text-muted">— where weeks and months begin</span>
            </label>
            <input
              id={id("timezone")}
              value={draft.timezone}
              list={id("zones")}
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              aria-invalid={shown("timezone") ? true : undefined}
              aria-describedby={shown("timezone") ? id("timezone-error") : undefined}
              onChange={(e) => edit("timezone", { ...draft, timezone: e.target.value })}
              className={clsx("h-8 w-full rounded-md border bg-background px-2", shown("timezone") ? "border-danger" : "border-border")}
            />
            <datalist id={id("zones")}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <FieldError id={id("timezone-error")} message={shown("timezone")} />
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
          <ChannelEditor value={draft.channels} onChange={(channels) => edit("channels", { ...draft, channels })} errors={channelErrors} idPrefix={id("channel")} />
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

        {formLevel.length > 0 && (
          <div role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
            {formLevel.map(([k, m]) => (
              <p key={k}>{k ? `${k}: ${m}` : m}</p>
            ))}
          </div>
        )}
      </form>
    </Modal>
  );
}
