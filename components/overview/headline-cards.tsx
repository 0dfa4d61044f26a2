// The six headline figures, each with its change against the previous period and a sparkline.
import { ArrowDownRight, ArrowRight, ArrowUpRight } from "lucide-react";
import { clsx } from "clsx";
import type { HeadlineCard as Card } from "@/lib/overview/headline-cards";
import { Sparkline } from "@/components/charts/sparkline";

const TONE = { better: "text-success", worse: "text-danger", neutral: "text-muted" } as const;
const ARROW = { up: ArrowUpRight, down: ArrowDownRight, flat: ArrowRight } as const;

// Cards share their parent's rows (subgrid) so values line up when a label wraps.
function HeadlineCard({ card, previousLabel }: { card: Card; previousLabel: string }) {
  const Arrow = card.change ? ARROW[card.change.direction] : null;
  return (
    <section
      className="row-span-5 grid min-w-0 grid-rows-subgrid gap-y-1 rounded-lg border border-border bg-surface px-3.5 pb-2.5 pt-3"
      aria-label={card.label}
      data-card={card.id}
    >
      <h2 className="text-xs font-medium leading-4 text-muted">{card.label}</h2>
      <span className="truncate text-xl font-semibold tabular-nums tracking-tight" title={card.exact} data-testid={`card-value-${card.id}`}>
        {card.value}
      </span>
      <div className="flex min-w-0 items-center gap-1.5 text-xs tabular-nums" title={card.previous !== null ? `${previousLabel}: ${card.previous}` : undefined}>
        {card.change && Arrow ? (
          <span className={clsx("flex shrink-0 items-center gap-0.5 font-medium", TONE[card.change.tone])}>
            <Arrow className="h-3.5 w-3.5" aria-hidden />
            {card.change.text}
          </span>
        ) : null}
        {card.previous !== null && <span className="truncate text-muted">vs {card.previous}</span>}
      </div>
      <div className="min-w-0 text-[11px] leading-4">
        {card.note && <span className={clsx("block truncate", card.note.tone === "warning" ? "text-warning" : "text-muted")}>{card.note.text}</span>}
      </div>
      <Sparkline values={card.spark} className="h-7 w-full" label={`${card.label} trend`} />
    </section>
  );
}

export function HeadlineCards({ cards, previousLabel }: { cards: Card[]; previousLabel: string }) {
  return (
    <div className="grid grid-cols-2 gap-x-3 gap-y-3 md:grid-cols-3 xl:grid-cols-6">
      {cards.map((c) => (
        <HeadlineCard key={c.id} card={c} previousLabel={previousLabel} />
      ))}
    </div>
  );
}

export function HeadlineCardsSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" aria-busy="true" aria-label="Loading headline figures">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-[134px] animate-pulse rounded-lg border border-border bg-surface p-3.5">
          <div className="h-2.5 w-20 rounded bg-border" />
          <div className="mt-2.5 h-5 w-24 rounded bg-border" />
          <div className="mt-8 h-5 w-full rounded bg-surface-2" />
        </div>
      ))}
    </div>
  );
}
