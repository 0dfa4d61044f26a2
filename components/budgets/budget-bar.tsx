// The spend bar: spent so far, the forecast as a ghost segment after it, and a tick per threshold.
import { clsx } from "clsx";
import { barGeometry, type BudgetTone } from "./budget-display";

const FILL: Record<BudgetTone, string> = { ok: "bg-accent", warning: "bg-warning", over: "bg-danger" };

export function BudgetBar({
  percent,
  forecastPercent,
  thresholds,
  tone,
  label,
}: {
  percent: number;
  forecastPercent: number | null;
  thresholds: readonly number[];
  tone: BudgetTone;
  label: string;
}) {
  const g = barGeometry(percent, forecastPercent, thresholds);
  const forecastTone: BudgetTone = forecastPercent !== null && forecastPercent >= 100 ? "over" : tone;
  return (
    <div className="pb-3.5">
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent * 100) / 100}
        aria-valuetext={`${Math.floor(percent)} % of the amount`}
        className="relative h-2.5 rounded-full bg-surface-2 ring-1 ring-inset ring-border"
      >
        <div className={clsx("absolute inset-y-0 left-0 rounded-full", FILL[tone])} style={{ width: `${g.spentWidth}%` }} />
        {g.forecastWidth > 0 && (
          <div
            className={clsx("absolute inset-y-0 rounded-r-full opacity-30", FILL[forecastTone])}
            style={{ left: `${g.spentWidth}%`, width: `${g.forecastWidth}%` }}
            title={`Forecast: ${Math.floor(forecastPercent ?? 0)} % by the end of the period`}
            data-testid="budget-forecast-ghost"
          />
        )}
        {g.ticks.map((t) => (
          <span
            key={t.threshold}
            aria-hidden
            className={clsx("absolute -bottom-1 -top-1 w-px", t.reached ? "bg-foreground/70" : "bg-muted/60")}
            style={{ left: `${t.left}%` }}
          />
        ))}
      </div>
      <div aria-hidden className="relative mt-0.5 h-3 text-[10px] leading-3 text-muted tabular-nums">
        {g.ticks.map((t) => (
          <span
            key={t.threshold}
            className={clsx("absolute whitespace-nowrap", t.left > 92 ? "-translate-x-full" : "-translate-x-1/2", t.reached && "font-medium text-foreground")}
            style={{ left: `${t.left}%` }}
          >
            {t.threshold} %
          </span>
        ))}
      </div>
    </div>
  );
}
