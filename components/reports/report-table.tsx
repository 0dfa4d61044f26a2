// A titled, bordered table frame shared by the report's sections.
import { clsx } from "clsx";

export interface ReportColumn<T> {
  label: string;
  align?: "left" | "right";
  help?: string;
  render: (row: T) => React.ReactNode;
  title?: (row: T) => string | undefined;
}

interface Props<T> {
  title: string;
  subtitle?: React.ReactNode;
  columns: ReportColumn<T>[];
  rows: T[];
  rowKey: (row: T, i: number) => string;
  emptyText: string;
  /** Scroll inside the section past this height (px), keeping the header visible. */
  maxHeight?: number;
  footer?: React.ReactNode;
  className?: string;
}

export function ReportTable<T>({ title, subtitle, columns, rows, rowKey, emptyText, maxHeight, footer, className }: Props<T>) {
  return (
    <section className={clsx("min-w-0 overflow-hidden rounded-lg border border-border bg-background", className)} aria-label={title}>
      <header className="border-b border-border px-3.5 py-2.5">
        <h2 className="text-sm font-medium">{title}</h2>
        {subtitle && <p className="text-xs text-muted">{subtitle}</p>}
      </header>
      {rows.length === 0 ? (
        <p className="px-3.5 py-5 text-muted">{emptyText}</p>
      ) : (
        <div className="overflow-auto" style={maxHeight ? { maxHeight } : undefined}>
          <table className="w-full border-collapse text-[13px] tabular-nums">
            <thead className="sticky top-0 bg-surface text-xs text-muted">
              <tr className="border-b border-border [&>th]:whitespace-nowrap [&>th]:px-3 [&>th]:py-2 [&>th]:font-medium">
                {columns.map((c) => (
                  <th key={c.label} scope="col" title={c.help} className={c.align === "right" ? "text-right" : "text-left"}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={rowKey(row, i)} className="border-b border-border last:border-b-0 hover:bg-surface [&>td]:px-3 [&>td]:py-1.5">
                  {columns.map((c) => (
                    <td key={c.label} title={c.title?.(row)} className={c.align === "right" ? "whitespace-nowrap text-right" : "max-w-[18rem] truncate"}>
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {footer}
    </section>
  );
}
