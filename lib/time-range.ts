// The dashboard's time range lives in the URL: `range=<preset>` or `from`/`to` (ISO).
// Pure functions so the same parsing runs on the server and in the browser.

export const PRESETS = [
  { key: "15m", label: "Last 15 minutes", ms: 15 * 60_000 },
  { key: "1h", label: "Last hour", ms: 3_600_000 },
  { key: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { key: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { key: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
] as const;

export type PresetKey = (typeof PRESETS)[number]["key"];
export const DEFAULT_PRESET: PresetKey = "24h";

export interface TimeRange {
  from: Date;
  to: Date;
  /** The preset in use, or null for a custom range. */
  preset: PresetKey | null;
}

type Params = { get(name: string): string | null };

function validDate(s: string | null): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function resolveTimeRange(params: Params, now: Date = new Date()): TimeRange {
  const from = validDate(params.get("from"));
  const to = validDate(params.get("to"));
  if (from && to && from < to) return { from, to, preset: null };
  const key = params.get("range");
  const preset = PRESETS.find((p) => p.key === key) ?? PRESETS.find((p) => p.key === DEFAULT_PRESET)!;
  return { from: new Date(now.getTime() - preset.ms), to: now, preset: preset.key };
}

/** `[` (direction -1) and `]` (+1): move the window by its own length; becomes a custom range. */
export function stepTimeRange(r: TimeRange, direction: -1 | 1): { from: string; to: string } {
  const len = r.to.getTime() - r.from.getTime();
  return { from: new Date(r.from.getTime() + direction * len).toISOString(), to: new Date(r.to.getTime() + direction * len).toISOString() };
}

export function describeTimeRange(r: TimeRange): string {
  if (r.preset) return PRESETS.find((p) => p.key === r.preset)!.label;
  const fmt = (d: Date) => d.toLocaleString("en-GB", { month: "short", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
  return `${fmt(r.from)} – ${fmt(r.to)}`;
}
