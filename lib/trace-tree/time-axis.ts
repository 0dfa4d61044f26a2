// The waterfall's shared time axis: "nice" tick steps, their labels, and bar placement.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Past one second, steps follow the clock (15 s, 30 s, 1 min…) instead of powers of ten.
const CLOCK_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * SECOND).concat(
  [1, 2, 5, 10, 15, 30].map((m) => m * MINUTE),
  [1, 2, 3, 6, 12].map((h) => h * HOUR),
);

/** The smallest nice step that fits the duration in at most `maxTicks` intervals. */
export function niceStep(durationMs: number, maxTicks = 6): number {
  if (!(durationMs > 0)) return 0;
  const raw = durationMs / Math.max(1, maxTicks);
  if (raw <= SECOND) {
    const pow = 10 ** Math.floor(Math.log10(raw));
    for (const m of [1, 2, 5, 10]) if (m * pow >= raw * (1 - 1e-9)) return round(m * pow);
  }
  for (const s of CLOCK_STEPS) if (s >= raw) return s;
  const days = raw / DAY;
  const pow = 10 ** Math.floor(Math.log10(days));
  for (const m of [1, 2, 5, 10]) if (m * pow >= days) return m * pow * DAY;
  return raw;
}

export interface TimeTicks {
  stepMs: number;
  /** Offsets from the trace start, starting at 0, never past the duration. */
  ticks: number[];
}

export function timeTicks(durationMs: number, maxTicks = 6): TimeTicks {
  const stepMs = niceStep(durationMs, maxTicks);
  if (stepMs === 0) return { stepMs: 0, ticks: [0] };
  const ticks: number[] = [];
  for (let i = 0; i * stepMs <= durationMs * (1 + 1e-9); i++) ticks.push(round(i * stepMs));
  return { stepMs, ticks };
}

/** A tick label in the unit the step calls for: "250 ms", "1.5 s", "2 min 30 s". */
export function formatTick(ms: number, stepMs: number): string {
  if (ms === 0) return "0";
  if (stepMs < 0.1) return `${trim(ms * 1000, decimals(stepMs * 1000))} µs`;
  // A coarse step switches to the next unit once a tick passes it: "500 ms, 1 s, 1.5 s", "30 s, 1 min".
  if (stepMs < SECOND && (stepMs < 100 || ms < SECOND)) return `${trim(ms, decimals(stepMs))} ms`;
  if (stepMs < MINUTE && (stepMs < 10 * SECOND || ms < MINUTE)) return `${trim(ms / SECOND, decimals(stepMs / SECOND))} s`;
  if (stepMs < HOUR && (stepMs < 10 * MINUTE || ms < HOUR)) return joinUnits(ms, MINUTE, "min", SECOND, "s");
  if (stepMs < DAY) return joinUnits(ms, HOUR, "h", MINUTE, "min");
  return `${trim(ms / DAY, decimals(stepMs / DAY))} d`;
}

/** Left edge and width of a span's bar, as percentages of the axis (a sliver stays visible). */
export function barGeometry(startMs: number, durationMs: number, totalMs: number): { leftPct: number; widthPct: number } {
  if (!(totalMs > 0)) return { leftPct: 0, widthPct: 0 };
  const leftPct = clamp((startMs / totalMs) * 100, 0, 100);
  const widthPct = clamp((Math.max(0, durationMs) / totalMs) * 100, 0, 100 - leftPct);
  return { leftPct: round(leftPct), widthPct: round(widthPct) };
}

function joinUnits(ms: number, big: number, bigUnit: string, small: number, smallUnit: string): string {
  const whole = Math.floor(ms / big + 1e-9);
  const rest = Math.round((ms - whole * big) / small);
  return rest === 0 ? `${whole} ${bigUnit}` : `${whole} ${bigUnit} ${rest} ${smallUnit}`;
}

const decimals = (step: number) => Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
const trim = (v: number, d: number) => String(Number(v.toFixed(d)));
const round = (v: number) => Math.round(v * 1e9) / 1e9;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export type LabelPlacement = "after" | "before" | "inside";

/** Where a bar's label fits: right of the bar, else left of it, else inside it (clipped). */
export function labelPlacement(leftPct: number, widthPct: number, axisPx: number, labelPx: number, gapPx = 6): LabelPlacement {
  const need = labelPx + gapPx;
  if (((100 - leftPct - widthPct) / 100) * axisPx >= need) return "after";
  if ((leftPct / 100) * axisPx >= need) return "before";
  return "inside";
}
