// Links from the overview into the trace list, filtered to what was clicked.
import { OTHER_GROUP } from "./chart-data";
import { TRACE_LIST_FILTER_KEYS, type OverviewFilters } from "./filters";
import type { IsoWindow } from "./bucket-window";

export interface TracesLink {
  project: string;
  /** An explicit window (a chart bucket) or the page's own range params (a table row). */
  window: IsoWindow | { range?: string | null; from?: string | null; to?: string | null };
  filters?: OverviewFilters;
  /** The clicked group, e.g. { by: "model", key: "gpt-4.1" }; "other" is not a filterable group. */
  group?: { by: "agent" | "model"; key: string } | null;
}

export function tracesHref({ project, window, filters = {}, group }: TracesLink): string {
  const qs = new URLSearchParams();
  qs.set("project", project);
  for (const k of ["range", "from", "to"] as const) {
    const v = (window as Record<string, string | null | undefined>)[k];
    if (v) qs.set(k, v);
  }
  for (const k of TRACE_LIST_FILTER_KEYS) {
    const v = filters[k];
    if (v) qs.set(k, v);
  }
  if (group && group.key !== OTHER_GROUP) qs.set(group.by, group.key);
  return `/traces?${qs.toString()}`;
}
