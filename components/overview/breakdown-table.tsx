"use client";

// A per-agent or per-model table; each row opens the trace list filtered to it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { CircleAlert, TriangleAlert } from "lucide-react";
import type { BreakdownItem } from "@/lib/metrics/breakdown-types";
import { formatUsd, formatUsdExact } from "@/lib/format";

export interface Column {
  label: string;
  /** Hover text on the header: what the column means. */
  help?: string;
  render: (item: BreakdownItem) => React.ReactNode;
  title?: (item: BreakdownItem) => string;
}

interface Props {
  title: string;
  keyLabel: string;
  columns: Column[];
  items: BreakdownItem[] | undefined;
  pending: boolean;
  error: Error | null;
  onRetry: () => void;
  hrefFor: (item: BreakdownItem) => string;
  emptyText: string;
}

/** Spend, a bar for its share of the largest row, and the unpriced marker. */
function SpendCell({ item, max }: { item: BreakdownItem; max: number }) {
  const share = max > 0 ? item.costUsd / max : 0;
  return (
    <div className="flex items-center justify-end gap-2">
      {item.unpriced && (
        <span title="Some calls used a model with no price: their tokens are not in this spend">
          <TriangleAlert className="h-3.5 w-3.5 text-warning" aria-label="partly unpriced" />
        </span>
      )}
      <span className="font-medium" title={formatUsdExact(item.costUsd)}>
        {formatUsd(item.costUsd)}
      </span>
      <div className="h-1.5 w-16 shrink-0 overflow-hidden rounded-full bg-surface-2" aria-hidden>
        <div className="h-full rounded-full bg-accent/70" style={{ width: `${Math.max(share * 100, item.costUsd > 0 ? 3 : 0)}%` }} />
      </div>
    </div>
  );
}

export function BreakdownTable({ title, keyLabel, columns, items, pending, error, onRetry, hrefFor, emptyText }: Props) {
  const router = useRouter();
  const max = Math.max(0, ...(items ?? []).map((i) => i.costUsd));
  return (
    <section className="min-w-0 overflow-hidden rounded-lg border border-border bg-background" aria-label={title}>
      <h2 className="border-b border-border px-3.5 py-2.5 text-sm font-medium">{title}</h2>
      {pending ? (
        <div className="space-y-2 p-3.5" aria-busy="true" aria-label={`Loading ${title.toLowerCase()}`}>
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="h-6 animate-pulse rounded bg-surface-2" />
          ))}
        </div>
      ) : error ? (
        <div role="alert" className="flex items-center gap-2 px-3.5 py-6 text-muted">
          <CircleAlert className="h-4 w-4 shrink-0 text-danger" aria-hidden />
          <span>
            Could not load {title.toLowerCase()}: <span className="text-foreground">{error.message}</span>
          </span>
          <button type="button" onClick={onRetry} className="ml-auto rounded-md border border-border px-2.5 py-1 text-xs hover:bg-surface-2">
            Retry
          </button>
        </div>
      ) : !items?.length ? (
        <p className="px-3.5 py-6 text-muted">{emptyText}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-[13px] tabular-nums">
            <thead className="bg-surface text-left text-xs text-muted">
              <tr className="border-b border-border [&>th]:whitespace-nowrap [&>th]:px-3 [&>th]:py-2 [&>th]:font-medium">
                <th scope="col">{keyLabel}</th>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className="text-right" title={c.help}>
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="text-right">
                  Spend
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const href = hrefFor(item);
                return (
                  <tr
                    key={item.key}
                    onClick={(e) => {
                      if (!(e.target as HTMLElement).closest("a")) router.push(href);
                    }}
                    className="cursor-pointer border-b border-border last:border-b-0 hover:bg-surface [&>td]:px-3 [&>td]:py-1.5"
                  >
                    <td className="max-w-[18rem] truncate">
                      <Link href={href} className="font-medium hover:text-accent hover:underline" title={`Open the traces of ${item.key}`}>
                        {item.key}
                      </Link>
                    </td>
                    {columns.map((c) => (
                      <td key={c.label} className="whitespace-nowrap text-right" title={c.title?.(item)}>
                        {c.render(item)}
                      </td>
                    ))}
                    <td className="whitespace-nowrap">
                      <SpendCell item={item} max={max} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
