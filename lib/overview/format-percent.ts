// Fractions (0..1) as percentages with sensible precision: 97.3%, 100%, 0.42%.

export function formatPercent(fraction: number | null | undefined, digits?: number): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  const pct = fraction * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  const d = digits ?? (Math.abs(pct) < 1 ? 2 : 1);
  return `${pct.toFixed(d)}%`;
}

/** Exact value for hover titles. */
export function formatPercentExact(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "no data";
  return `${(fraction * 100).toFixed(4).replace(/0+$/, "").replace(/\.$/, "")}%`;
}
