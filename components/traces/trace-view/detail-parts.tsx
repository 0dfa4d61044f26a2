import type { ReactNode } from "react";

/** A titled block of the span detail panel. */
export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="border-t border-border px-4 py-3">
      <h3 className="mb-2 flex items-baseline justify-between text-[11px] font-medium uppercase tracking-wide text-muted">
        {title}
        {aside && <span className="font-normal normal-case tracking-normal">{aside}</span>}
      </h3>
      {children}
    </section>
  );
}

/** Label/value pairs in two columns; rows with an undefined value are skipped. */
export function Fields({ rows }: { rows: [label: string, value: ReactNode, title?: string][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== "");
  if (shown.length === 0) return <p className="text-[13px] text-muted">—</p>;
  return (
    <dl className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-[13px]">
      {shown.map(([label, value, title]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className="min-w-0 break-words" title={title}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
