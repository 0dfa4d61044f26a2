// The window just before the current one, of equal length: the baseline for the cards' change.

export interface Window {
  from: Date;
  to: Date;
}

export function previousPeriod(current: Window): Window {
  const len = current.to.getTime() - current.from.getTime();
  return { from: new Date(current.from.getTime() - len), to: new Date(current.from.getTime()) };
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** "24 h", "7 days", "15 min", "2 h 30 min": names the comparison period in the cards' hover text. */
export function describeLength(ms: number): string {
  if (ms >= 2 * DAY && ms % DAY === 0) return `${ms / DAY} days`;
  if (ms >= HOUR && ms % HOUR === 0) return `${ms / HOUR} h`;
  const minutes = Math.round(ms / MIN);
  if (minutes < 60) return `${Math.max(minutes, 1)} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48) return `${(ms / DAY).toFixed(1)} days`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
