// What a click or a drag on a chart selects: one bucket's window, or the span of a drag.
import type { ChartRow } from "./chart-data";

export interface IsoWindow {
  from: string;
  to: string;
}

export function bucketWindow(rows: readonly ChartRow[], index: number): IsoWindow | null {
  const row = rows[index];
  if (!row || row.end <= row.start) return null;
  return { from: new Date(row.start).toISOString(), to: new Date(row.end).toISOString() };
}

/** From the start of the first dragged bucket to the end of the last, in either drag direction. */
export function dragWindow(rows: readonly ChartRow[], a: number, b: number): IsoWindow | null {
  const first = rows[Math.min(a, b)];
  const last = rows[Math.max(a, b)];
  if (!first || !last || last.end <= first.start) return null;
  return { from: new Date(first.start).toISOString(), to: new Date(last.end).toISOString() };
}
