// Compact numbers for chart axes, and precise ones for chart tooltips.

// Three significant digits: ticks such as 0.35 or 1.05 must not round into a neighbour's label.
const sig = (v: number) => Number(v.toPrecision(3));

export function formatUsdAxis(v: number): string {
  const abs = Math.abs(v);
  if (abs === 0) return "$0";
  if (abs >= 1e6) return `$${sig(v / 1e6)}M`;
  if (abs >= 1000) return `$${sig(v / 1000)}k`;
  return `$${sig(v)}`;
}

/** Enough digits to compare tiny buckets, without float noise (0.1 + 0.2). */
export function formatUsdPrecise(v: number | null): string {
  if (v === null) return "—";
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 2 : abs >= 1 ? 4 : 6;
  return `$${v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

export function formatMsAxis(ms: number): string {
  if (ms === 0) return "0";
  if (Math.abs(ms) < 1000) return `${sig(ms)} ms`;
  return `${sig(ms / 1000)} s`;
}

export function formatMsPrecise(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(3)} s`;
}

export function formatRateAxis(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function formatCountAxis(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return String(sig(n));
  if (abs < 1e6) return `${sig(n / 1e3)}k`;
  if (abs < 1e9) return `${sig(n / 1e6)}M`;
  return `${sig(n / 1e9)}B`;
}

export function formatTokensPrecise(n: number | null): string {
  return n === null ? "—" : `${Math.round(n).toLocaleString("en-US")} tokens`;
}
