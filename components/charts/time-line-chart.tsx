"use client";

// Lines over time (latency percentiles, success vs model error rate). Renders props only; never fetches.
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { ChartData, ChartRow } from "@/lib/overview/chart-data";
import { AXIS_TICK, GRID_STROKE, seriesColor } from "./palette";
import { ChartTooltipBox } from "./chart-tooltip";
import { ChartLegend } from "./chart-legend";
import { useBucketSelection, type BucketHandlers } from "./use-bucket-selection";
import type { TimeChartFormat } from "./time-bar-chart";

interface Props extends BucketHandlers {
  data: ChartData;
  format: TimeChartFormat;
  ariaLabel: string;
  height?: number;
  colors?: Record<string, string>;
  /** Fixed y range, e.g. [0, 1] for rates. */
  yDomain?: [number, number];
  hint?: string;
}

export function TimeLineChart({ data, format, ariaLabel, height = 200, colors, yDomain, hint, onBucketClick, onZoom }: Props) {
  const { chartHandlers, drag } = useBucketSelection({ onBucketClick, onZoom });
  const color = (key: string, i: number, name: string) => colors?.[key] ?? seriesColor(i, name);
  const rows = data.rows;

  const renderTooltip = ({ active, payload }: TooltipContentProps) => {
    const row = payload?.[0]?.payload as ChartRow | undefined;
    if (!active || !row) return null;
    const lines = data.series.map((s, i) => ({ key: s.key, name: s.name, color: color(s.key, i, s.name), value: format.exact(row[s.key] ?? null) }));
    return <ChartTooltipBox title={format.bucket(row.start, row.end)} lines={lines} hint={hint} />;
  };

  return (
    <div className="select-none [&_:focus]:outline-none [&_:focus-visible]:outline-2 [&_:focus-visible]:outline-offset-2 [&_:focus-visible]:outline-accent" role="figure" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 400, height }}>
        <LineChart data={rows} margin={{ top: 6, right: 6, bottom: 0, left: 0 }} cursor={onBucketClick ? "pointer" : undefined} {...chartHandlers}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="t" tickFormatter={format.tick} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={28} />
          <YAxis tickFormatter={format.axis} tick={AXIS_TICK} tickLine={false} axisLine={false} width={52} domain={yDomain ?? [0, "auto"]} />
          <Tooltip content={renderTooltip} cursor={{ stroke: "var(--muted)", strokeDasharray: "3 3" }} isAnimationActive={false} allowEscapeViewBox={{ x: false, y: true }} />
          {data.series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              type="monotone"
              stroke={color(s.key, i, s.name)}
              strokeWidth={1.75}
              dot={false}
              activeDot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
          {drag && rows[drag.a] && rows[drag.b] && (
            <ReferenceArea x1={rows[Math.min(drag.a, drag.b)]!.t} x2={rows[Math.max(drag.a, drag.b)]!.t} fill="var(--accent)" fillOpacity={0.12} stroke="var(--accent)" strokeOpacity={0.4} />
          )}
        </LineChart>
      </ResponsiveContainer>
      <ChartLegend items={data.series.map((s, i) => ({ key: s.key, name: s.name, color: color(s.key, i, s.name) }))} />
    </div>
  );
}
