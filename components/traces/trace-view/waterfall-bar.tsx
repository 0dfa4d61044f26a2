import { clsx } from "clsx";
import { barGeometry, labelPlacement } from "@/lib/trace-tree/time-axis";
import { formatDuration } from "@/lib/format";

interface Props {
  startMs: number;
  durationMs: number;
  totalMs: number;
  /** Tick step as a percentage of the axis: draws the grid lines behind the bars. */
  stepPct: number;
  /** Width of the axis in pixels (0 before it is measured). */
  axisPx: number;
  error: boolean;
  critical: boolean;
  model: string | null;
}

// Rough text widths at 11–12 px (tabular digits): enough to decide which side of a bar has room.
const estimateLabelPx = (model: string | null, duration: string) => (model ? model.length * 6.3 + 12 : 0) + duration.length * 6.8;

export function WaterfallBar({ startMs, durationMs, totalMs, stepPct, axisPx, error, critical, model }: Props) {
  const { leftPct, widthPct } = barGeometry(startMs, durationMs, totalMs);
  const duration = formatDuration(durationMs);
  const placement = labelPlacement(leftPct, widthPct, axisPx, estimateLabelPx(model, duration));
  const inside = placement === "inside";
  const after = placement === "after";
  const label = (
    <>
      {model && (
        <span
          className={clsx(
            "rounded px-1 text-[11px] leading-4",
            inside ? "bg-background/25" : "bg-accent-soft text-accent ring-1 ring-inset ring-accent/25",
          )}
        >
          {model}
        </span>
      )}
      <span>{duration}</span>
    </>
  );
  return (
    <div
      className="relative mx-3 h-full overflow-hidden"
      style={
        stepPct > 0
          ? { backgroundImage: "linear-gradient(to right, var(--border) 1px, transparent 1px)", backgroundSize: `${stepPct}% 100%` }
          : undefined
      }
    >
      <div
        className={clsx(
          "absolute top-1/2 flex h-4 -translate-y-1/2 items-center overflow-hidden rounded-[3px]",
          error ? "bg-danger" : critical ? "bg-bar-critical" : "bg-bar",
        )}
        style={{ left: `${leftPct}%`, width: `max(${widthPct}%, 2px)` }}
      >
        {inside && (
          <span
            className={clsx(
              "flex min-w-0 items-center gap-1 truncate whitespace-nowrap px-1.5 text-[11px] font-medium",
              error || critical ? "text-background" : "text-foreground",
            )}
          >
            {label}
          </span>
        )}
      </div>
      {!inside && (
        <span
          className="pointer-events-none absolute top-1/2 flex -translate-y-1/2 items-center gap-1 whitespace-nowrap text-[12px] text-muted"
          style={after ? { left: `calc(${leftPct + widthPct}% + 6px)` } : { right: `calc(${100 - leftPct}% + 6px)` }}
        >
          {label}
        </span>
      )}
    </div>
  );
}
