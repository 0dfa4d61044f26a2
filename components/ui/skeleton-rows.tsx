// Grey pulsing bars where a list is about to be, announced as busy.
import { clsx } from "clsx";

export function SkeletonRows({ label, count, rowClassName, className }: { label: string; count: number; rowClassName: string; className?: string }) {
  return (
    <div className={clsx("space-y-2", className)} aria-busy="true" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={clsx("animate-pulse rounded bg-surface-2", rowClassName)} />
      ))}
    </div>
  );
}
