"use client";

// Grouping checkboxes: any of day, agent, model, never none.
import type { CostReportGroupKey } from "@/lib/export/cost-report";
import { GROUP_KEYS } from "@/lib/reports/report-params";

const LABELS: Record<CostReportGroupKey, string> = { day: "Day", agent: "Agent", model: "Model" };

export function GroupByPicker({ value, onChange }: { value: readonly CostReportGroupKey[]; onChange: (keys: CostReportGroupKey[]) => void }) {
  const toggle = (key: CostReportGroupKey, on: boolean) => onChange(GROUP_KEYS.filter((k) => (k === key ? on : value.includes(k))));
  return (
    <fieldset>
      <legend className="mb-1.5 text-xs font-medium text-muted">Group rows by</legend>
      <div className="flex items-center gap-3 py-1">
        {GROUP_KEYS.map((key) => {
          const checked = value.includes(key);
          const last = checked && value.length === 1;
          return (
            <label key={key} className="flex items-center gap-1.5" title={last ? "At least one grouping is needed" : undefined}>
              <input type="checkbox" checked={checked} disabled={last} onChange={(e) => toggle(key, e.target.checked)} className="h-3.5 w-3.5 accent-[var(--accent)]" />
              {LABELS[key]}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
