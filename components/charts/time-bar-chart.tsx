"use client";

// Stacked bars over time (spend by model or agent, token usage). Renders props only; never fetches.
import { Bar, BarChart, CartesianGrid, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { ChartData, ChartRow } from "@/lib/overview/chart-data";
import { AXIS_TICK, GRID_STROKE, seriesColor } from "./palette";
import { ChartTooltipBox } from "./chart-tooltip";
import { ChartLegend } from "./chart-legend";
import { useBucketSelection, type BucketHandlers } from "./use-bucket-selection";

export interface TimeChartFormat {
  /** Compact, for the y axis: "$1.2k", "1.2 s", "50%". */
  axis: (v: number) => string;
  /** Precise, for the tooltip. */
  exact: (v: number | null) => string;
  tick: (ms: number) => string;
  bucket: (startMs: number, endMs: number) => string;
}

interface Props extends BucketHandlers {
  data: ChartData;
  format: TimeChartFormat;
  ariaLabel: string;
  height?: number;
  /** Show the stack's sum in the tooltip heading. */
  showTotal?: boolean;
  /** Overrides the palette per series key. */
  colors?: Record<string, string>;
  hint?: string;
}

export function TimeBarChart({ data, format, ariaLabel, height = 220, showTotal, colors, hint, onBucketClick, onZoom }: Props) {
  const { chartHandlers, drag, markGroup } = useBucketSelection({ onBucketClick, onZoom });
  const color = (key: string, i: number, name: string) => colors?.[key] ?? seriesColor(i, name);
  const rows = data.rows;

  const renderTooltip = ({ active, payload }: TooltipContentProps) => {
    const row = payload?.[0]?.payload as ChartRow | undefined;
    if (!active || !row) return null;
    const lines = data.series
      .map((s, i) => ({ key: s.key, name: s.name, color: color(s.key, i, s.name), raw: row[s.key] ?? null }))
      .filter((l, _, all) => all.length <= 4 || (l.raw ?? 0) !== 0)
      .sort((a, b) => (data.series.length > 4 ? (b.raw ?? 0) - (a.raw ?? 0) : 0))
      .map(({ raw, ...l }) => ({ ...l, value: format.exact(raw) }));
    const total = data.series.reduce((sum, s) => sum + (row[s.key] ?? 0), 0);
    return (
      <ChartTooltipBox
        title={format.bucket(row.start, row.end)}
        lines={lines}
        total={showTotal ? format.exact(total) : undefined}
        hint={hint}
      />
    );
  };

  return (
    <div className="select-none [&_:focus]:outline-none [&_:focus-visible]:outline-2 [&_:focus-visible]:outline-offset-2 [&_:focus-visible]:outline-accent" role="figure" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} cursor={onBucketClick ? "pointer" : undefined} barCategoryGap="12%" {...chartHandlers}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="t" tickFormatter={format.tick} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={28} />
          <YAxis tickFormatter={format.axis} tick={AXIS_TICK} tickLine={false} axisLine={false} width={52} />
          <Tooltip content={renderTooltip} cursor={{ fill: "var(--surface-2)" }} isAnimationActive={false} allowEscapeViewBox={{ x: false, y: true }} />
          {data.series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="stack" fill={color(s.key, i, s.name)} isAnimationActive={false} maxBarSize={48} onMouseDown={markGroup(s.name)} />
          ))}
          {drag && rows[drag.a] && rows[drag.b] && (
            <ReferenceArea x1={rows[Math.min(drag.a, drag.b)]!.t} x2={rows[Math.max(drag.a, drag.b)]!.t} fill="var(--accent)" fillOpacity={0.12} stroke="var(--accent)" strokeOpacity={0.4} />
          )}
        </BarChart>
      </ResponsiveContainer>
      <ChartLegend items={data.series.map((s, i) => ({ key: s.key, name: s.name, color: color(s.key, i, s.name) }))} />
    </div>
  );
}
