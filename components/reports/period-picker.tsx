"use client";

// Period buttons (months, rolling windows) and whole-day custom dates; all state is in the URL.
import { useState } from "react";
import { clsx } from "clsx";
import { useHydrated } from "@/components/ui/hydrated";
import type { TimeRange } from "@/lib/time-range";
import { customPatch, dayInputs, PERIOD_KEYS, PERIOD_LABELS, periodPatch, type PeriodKey, type RangePatch } from "@/lib/reports/report-period";

interface Props {
  range: TimeRange;
  active: PeriodKey;
  onChange: (patch: RangePatch) => void;
}

export function PeriodPicker({ range, active, onChange }: Props) {
  const [editing, setEditing] = useState(false);
  const initial = dayInputs(range);
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const showCustom = editing || active === "custom";
  const patch = customPatch(from, to);
  const hydrated = useHydrated();

  const pick = (key: PeriodKey) => {
    if (key === "custom") {
      const d = dayInputs(range);
      setFrom(d.from);
      setTo(d.to);
      setEditing(true);
      return;
    }
    setEditing(false);
    onChange(periodPatch(key));
  };

  return (
    <fieldset disabled={!hydrated} className="min-w-0">
      <legend className="mb-1.5 text-xs font-medium text-muted">Period</legend>
      <div role="group" aria-label="Period" className="inline-flex flex-wrap overflow-hidden rounded-md border border-border">
        {PERIOD_KEYS.map((key) => {
          const on = key === "custom" ? showCustom : !editing && active === key;
          return (
            <button
              key={key}
              type="button"
              aria-pressed={on}
              onClick={() => pick(key)}
              className={clsx("border-r border-border px-2.5 py-1 last:border-r-0", on ? "bg-accent-soft font-medium text-accent" : "hover:bg-surface-2")}
            >
              {PERIOD_LABELS[key]}
            </button>
          );
        })}
      </div>
      {showCustom && (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!patch) return;
            setEditing(false);
            onChange(patch);
          }}
        >
          <label className="flex flex-col gap-0.5 text-xs text-muted">
            From (UTC)
            <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} className="rounded-md border border-border bg-background px-2 py-1 text-sm text-foreground" />
          </label>
          <label className="flex flex-col gap-0.5 text-xs text-muted">
            To (UTC, included)
            <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} className="rounded-md border border-border bg-background px-2 py-1 text-sm text-foreground" />
          </label>
          <button type="submit" disabled={!patch} className="rounded-md border border-border px-3 py-1 hover:bg-surface-2 disabled:opacity-50">
            Apply
          </button>
          {!patch && <span className="pb-1 text-xs text-danger">The end must not be before the start.</span>}
        </form>
      )}
    </fieldset>
  );
}
