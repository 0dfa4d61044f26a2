// Models with no price: their tokens are left out of every spend figure, so say so next to them.
import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import type { UnpricedModel } from "@/lib/overview/breakdown-rows";
import { formatCount } from "@/lib/format";

export function UnpricedCallout({ models, settingsHref }: { models: UnpricedModel[]; settingsHref: string }) {
  if (models.length === 0) return null;
  return (
    <aside role="note" aria-label="Unpriced models" className="flex gap-3 rounded-lg border border-warning/40 bg-warning-soft px-3.5 py-2.5">
      <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0 text-warning" aria-hidden />
      <div className="min-w-0">
        <p>
          <span className="font-medium">
            {models.length} model{models.length === 1 ? " has" : "s have"} no price
          </span>
          <span className="text-muted"> — their calls are not in the spend figures above. </span>
          <Link href={`${settingsHref}#prices`} className="text-accent underline">
            Add prices in Settings › Prices
          </Link>
        </p>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-[13px] tabular-nums">
          {models.map((m) => (
            <li key={m.model} title={`${m.tokens.toLocaleString("en-US")} tokens in ${m.calls.toLocaleString("en-US")} calls`}>
              <span className="font-mono text-xs">{m.model}</span> <span className="text-muted">{formatCount(m.tokens)} tokens · {formatCount(m.calls)} calls</span>
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
