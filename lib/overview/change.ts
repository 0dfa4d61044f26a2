// The change of a headline figure against the previous period of equal length.

export type Direction = "up" | "down" | "flat";
/** Whether the move is good news: depends on the metric (cost up is bad, success up is good). */
export type Tone = "better" | "worse" | "neutral";

export interface Change {
  direction: Direction;
  /** "+12%", "−3.4%", "16×", "+1.2 pp", "0%", or "new" when the previous period had none. */
  text: string;
  tone: Tone;
}

const MINUS = "\u2212";

function tone(direction: Direction, higherIsBetter: boolean | null): Tone {
  if (direction === "flat" || higherIsBetter === null) return "neutral";
  return (direction === "up") === higherIsBetter ? "better" : "worse";
}

function signed(value: number, digits: number, unit: string): string {
  const abs = Math.abs(value).toFixed(digits);
  return `${value > 0 ? "+" : MINUS}${abs}${unit}`;
}

/** Relative change for amounts (spend, latency, counts). Null when either side is unknown. */
export function relativeChange(current: number | null, previous: number | null, higherIsBetter: boolean | null): Change | null {
  if (current === null || previous === null) return null;
  if (previous === 0) {
    if (current === 0) return { direction: "flat", text: "0%", tone: "neutral" };
    return { direction: "up", text: "new", tone: "neutral" };
  }
  const pct = ((current - previous) / Math.abs(previous)) * 100;
  if (Math.abs(pct) < 0.05) return { direction: "flat", text: "0%", tone: "neutral" };
  const direction: Direction = pct > 0 ? "up" : "down";
  // Past +999% a multiple reads better: "16×" rather than "+1,500%".
  const ratio = current / previous;
  const text = pct > 999 ? `${ratio < 100 ? Number(ratio.toFixed(1)) : Math.round(ratio).toLocaleString("en-US")}×` : signed(pct, Math.abs(pct) < 10 ? 1 : 0, "%");
  return { direction, text, tone: tone(direction, higherIsBetter) };
}

/** Change of a rate (fraction 0..1) in percentage points: relative change of a rate misleads. */
export function pointsChange(current: number | null, previous: number | null, higherIsBetter: boolean | null): Change | null {
  if (current === null || previous === null) return null;
  const pp = (current - previous) * 100;
  if (Math.abs(pp) < 0.05) return { direction: "flat", text: "0 pp", tone: "neutral" };
  const direction: Direction = pp > 0 ? "up" : "down";
  return { direction, text: signed(pp, 1, " pp"), tone: tone(direction, higherIsBetter) };
}
