// Shaping the breakdown rows for the agents and models tables and the unpriced callout.
import type { BreakdownItem } from "@/lib/metrics/breakdown-types";

export interface UnpricedModel {
  model: string;
  calls: number;
  /** Input + output tokens: the volume the spend figures leave out. */
  tokens: number;
}

export function unpricedModels(items: readonly BreakdownItem[]): UnpricedModel[] {
  return items
    .filter((i) => i.unpriced)
    .map((i) => ({ model: i.key, calls: i.calls, tokens: i.inputTokens + i.outputTokens }))
    .sort((a, b) => b.tokens - a.tokens || a.model.localeCompare(b.model));
}

/** Largest spend first; ties (e.g. all unpriced) by volume, then name, so the order is stable. */
export function bySpend(items: readonly BreakdownItem[]): BreakdownItem[] {
  return [...items].sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls || b.traces - a.traces || a.key.localeCompare(b.key));
}

/** Cache hit ratio = cache-read / input tokens; computed here when the server sent none. */
export function cacheHitRatio(item: Pick<BreakdownItem, "cacheHitRatio" | "cacheReadTokens" | "inputTokens">): number | null {
  if (item.cacheHitRatio !== null && item.cacheHitRatio !== undefined) return item.cacheHitRatio;
  return item.inputTokens > 0 ? item.cacheReadTokens / item.inputTokens : null;
}
