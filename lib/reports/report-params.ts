// The report's grouping as a URL param; mirrors lib/export/cost-report's keys without
// importing that server module into the browser bundle.
import type { CostReportGroupKey } from "@/lib/export/cost-report";

export const GROUP_KEYS: readonly CostReportGroupKey[] = ["day", "agent", "model"];
export const DEFAULT_GROUP_BY: readonly CostReportGroupKey[] = ["day"];

/** `groupBy=agent,day` → ["day", "agent"] (canonical order); unknown keys dropped; never empty. */
export function parseGroupBy(param: string | null): CostReportGroupKey[] {
  const asked = (param ?? "").split(",").map((k) => k.trim());
  const keys = GROUP_KEYS.filter((k) => asked.includes(k));
  return keys.length ? keys : [...DEFAULT_GROUP_BY];
}

/** The URL value, or null for the default (keeps URLs short). */
export function groupByParam(keys: readonly CostReportGroupKey[]): string | null {
  const s = GROUP_KEYS.filter((k) => keys.includes(k)).join(",");
  return s === DEFAULT_GROUP_BY.join(",") || s === "" ? null : s;
}
