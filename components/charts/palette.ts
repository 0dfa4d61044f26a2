// Series colours as CSS variables, so one class on <html> switches the theme.
import "./chart-colors.css";

const PALETTE_SIZE = 10;

/** The i-th categorical colour; the catch-all "other" group is always grey. */
export function seriesColor(index: number, name?: string): string {
  if (name === "other") return "var(--chart-other)";
  return `var(--chart-${(index % PALETTE_SIZE) + 1})`;
}

export const AXIS_TICK = { fill: "var(--muted)", fontSize: 11 } as const;
export const GRID_STROKE = "var(--chart-grid)";
