// An HTML legend under a chart: wraps on narrow cards and lets names be read in full on hover.

export function ChartLegend({ items }: { items: { key: string; name: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">
      {items.map((i) => (
        <li key={i.key} className="flex min-w-0 items-center gap-1.5" title={i.name}>
          <span
            className="inline-block h-2 w-2 shrink-0 rounded-sm"
            style={i.dashed ? { border: `1.5px dashed ${i.color}` } : { background: i.color }}
            aria-hidden
          />
          <span className="max-w-40 truncate">{i.name}</span>
        </li>
      ))}
    </ul>
  );
}
