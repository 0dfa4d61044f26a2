// Numbers with units and sensible precision (UI.md): $0.0042, $1,284.10, 1.2 s, 340 ms, 12.4k tokens.

export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "unpriced";
  if (usd === 0) return "$0";
  const abs = Math.abs(usd);
  if (abs >= 1000) return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  if (abs >= 0.01) return `$${usd.toFixed(3)}`;
  if (abs >= 0.0001) return `$${usd.toFixed(4)}`;
  return usd > 0 ? "<$0.0001" : "-<$0.0001";
}

/** Exact value for hover titles. */
export function formatUsdExact(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "no price matched this model";
  return `$${usd.toFixed(12).replace(/0+$/, "").replace(/\.$/, "")}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  if (abs < 1e6) return `${(n / 1e3).toFixed(abs < 1e4 ? 1 : 0)}k`;
  if (abs < 1e9) return `${(n / 1e6).toFixed(abs < 1e7 ? 1 : 0)}M`;
  return `${(n / 1e9).toFixed(1)}B`;
}

export function formatTokens(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : `${formatCount(n)} tokens`;
}

export function formatTime(iso: string, withSeconds = true): string {
  const d = new Date(iso);
  return d.toLocaleString("en-GB", {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: withSeconds ? "2-digit" : undefined,
    hour12: false,
  });
}
