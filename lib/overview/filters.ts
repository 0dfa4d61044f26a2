// Filters the overview reads from the URL and passes to every metrics request.

export const OVERVIEW_FILTER_KEYS = ["agent", "model", "provider", "service", "environment"] as const;
export type OverviewFilterKey = (typeof OVERVIEW_FILTER_KEYS)[number];
export type OverviewFilters = Partial<Record<OverviewFilterKey, string>>;

/** The subset the trace list understands (it has no provider filter). */
export const TRACE_LIST_FILTER_KEYS = ["agent", "model", "service", "environment"] as const;

export function readOverviewFilters(params: { get(name: string): string | null }): OverviewFilters {
  const out: OverviewFilters = {};
  for (const k of OVERVIEW_FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}
