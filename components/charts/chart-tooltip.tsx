// The hover box of the time charts: the bucket's window, its total, and each series' precise value.

export interface TooltipLine {
  key: string;
  name: string;
  color: string;
  value: string;
}

const MAX_LINES = 12;

export function ChartTooltipBox({ title, lines, total, hint }: { title: string; lines: TooltipLine[]; total?: string; hint?: string }) {
  const shown = lines.slice(0, MAX_LINES);
  return (
    <div className="min-w-52 max-w-80 rounded-md border border-border bg-background px-3 py-2 text-xs shadow-lg">
      <div className="flex items-baseline justify-between gap-4 font-medium text-foreground">
        <span>{title}</span>
        {total && <span className="tabular-nums">{total}</span>}
      </div>
      {hint && <div className="text-[11px] text-muted">{hint}</div>}
      <table className="mt-1.5 w-full border-collapse tabular-nums">
        <tbody>
          {shown.map((l) => (
            <tr key={l.key}>
              <td className="w-3 py-px pr-2">
                <span className="inline-block h-2 w-2 rounded-sm align-middle" style={{ background: l.color }} aria-hidden />
              </td>
              <td className="max-w-44 truncate py-px pr-3 text-muted">{l.name}</td>
              <td className="py-px text-right text-foreground">{l.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length > shown.length && <div className="mt-0.5 text-[11px] text-muted">+ {lines.length - shown.length} more</div>}
    </div>
  );
}
