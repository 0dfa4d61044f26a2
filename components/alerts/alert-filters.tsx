"use client";

// Filter chips by alert type (budget, forecast, rule kinds), with counts of the loaded alerts.
import { clsx } from "clsx";
import { ALERT_TYPES, TYPE_LABELS, type Alert, type AlertType } from "./alert-model";
import { typeIcon } from "./alert-style";

export function AlertFilters({ alerts, selected, onChange }: { alerts: Alert[]; selected: ReadonlySet<AlertType>; onChange: (next: Set<AlertType>) => void }) {
  const counts = new Map<AlertType, number>();
  for (const a of alerts) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
  const toggle = (t: AlertType) => {
    const next = new Set(selected);
    if (next.has(t)) next.delete(t);
    else next.add(t);
    onChange(next);
  };
  const chip = "inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs";
  return (
    <div role="group" aria-label="Filter alerts by type" className="flex flex-wrap items-center gap-1.5">
      <button
        type="button"
        aria-pressed={selected.size === 0}
        onClick={() => onChange(new Set())}
        className={clsx(chip, selected.size === 0 ? "border-accent bg-accent-soft font-medium text-accent" : "border-border hover:bg-surface-2")}
      >
        All <span className="tabular-nums text-muted">{alerts.length}</span>
      </button>
      {ALERT_TYPES.map((t) => {
        const Icon = typeIcon(t);
        const on = selected.has(t);
        const n = counts.get(t) ?? 0;
        return (
          <button
            key={t}
            type="button"
            aria-pressed={on}
            onClick={() => toggle(t)}
            className={clsx(chip, on ? "border-accent bg-accent-soft font-medium text-accent" : "border-border hover:bg-surface-2", !on && n === 0 && "text-muted")}
          >
            <Icon className="h-3.5 w-3.5" aria-hidden />
            {TYPE_LABELS[t]}
            <span className="tabular-nums text-muted">{n}</span>
          </button>
        );
      })}
    </div>
  );
}
