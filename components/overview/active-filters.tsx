// The filters in the URL that narrow every figure on the page, each removable.
import { X } from "lucide-react";
import { OVERVIEW_FILTER_KEYS, type OverviewFilterKey, type OverviewFilters } from "@/lib/overview/filters";

export function ActiveFilters({ filters, onRemove }: { filters: OverviewFilters; onRemove: (key: OverviewFilterKey) => void }) {
  const active = OVERVIEW_FILTER_KEYS.filter((k) => filters[k]);
  if (active.length === 0) return null;
  return (
    <ul className="flex flex-wrap items-center gap-1.5" aria-label="Active filters">
      {active.map((k) => (
        <li key={k} className="flex items-center gap-1 rounded-full border border-border bg-surface px-2 py-0.5 text-xs">
          <span className="text-muted">{k}</span>
          <span className="font-medium">{filters[k]}</span>
          <button type="button" onClick={() => onRemove(k)} aria-label={`Remove the ${k} filter`} className="rounded-full p-0.5 text-muted hover:bg-surface-2 hover:text-foreground">
            <X className="h-3 w-3" aria-hidden />
          </button>
        </li>
      ))}
    </ul>
  );
}
