// Model | Agent switch for the spend chart's stacking (kept in the URL by the page).
import { clsx } from "clsx";
import type { SpendGroup } from "./use-overview-data";

const OPTIONS: { value: SpendGroup; label: string }[] = [
  { value: "model", label: "Model" },
  { value: "agent", label: "Agent" },
];

export function SpendGroupToggle({ value, onChange }: { value: SpendGroup; onChange: (v: SpendGroup) => void }) {
  return (
    <div className="flex overflow-hidden rounded-md border border-border text-xs" role="group" aria-label="Stack spend by">
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={clsx("h-7 px-2.5", value === o.value ? "bg-accent-soft font-medium text-accent" : "text-muted hover:bg-surface-2 hover:text-foreground")}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
