// A tiny trend line for a headline card; gaps where a bucket had no value. Props only.

export function Sparkline({ values, className, label }: { values: readonly (number | null)[]; className?: string; label: string }) {
  const W = 100;
  const H = 28;
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 2 || present.length === 0) return <div className={className} aria-hidden />;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const x = (i: number) => (i / (values.length - 1)) * W;
  const y = (v: number) => (max === min ? H / 2 : H - 2 - ((v - min) / span) * (H - 4));

  // Split into runs of consecutive values so missing buckets show as gaps, not as zero.
  const runs: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current.length) runs.push(current.join(" "));
      current = [];
    } else current.push(`${x(i).toFixed(2)},${y(v).toFixed(2)}`);
  });
  if (current.length) runs.push(current.join(" "));

  return (
    <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className={className} role="img" aria-label={label}>
      {runs.map((points, i) =>
        points.includes(" ") ? (
          <polyline key={i} points={points} fill="none" stroke="var(--accent)" strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
        ) : (
          <circle key={i} cx={points.split(",")[0]} cy={points.split(",")[1]} r={1.2} fill="var(--accent)" />
        ),
      )}
    </svg>
  );
}
