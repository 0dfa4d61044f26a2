"use client";

// One budget: name, scope chips, "$612 of $1,000 · 61 % · forecast $1,140 by Nov 30",
// the spend bar, its period and a sparkline of cumulative spend.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { Pencil } from "lucide-react";
import { Sparkline } from "@/components/charts/sparkline";
import { IconButton } from "@/components/ui/icon-button";
import { formatUsdExact } from "@/lib/format";
import { budgetKeys, fetchSeries, type BudgetJson, type BudgetStatusJson } from "./budget-api";
import { BudgetBar } from "./budget-bar";
import { budgetTone, budgetUsd, forecastDeadline, percentLabel, periodLabel, scopeChips, tracesHref, type BudgetTone } from "./budget-display";

const TONE_TEXT: Record<BudgetTone, string> = { ok: "text-foreground", warning: "text-warning", over: "text-danger" };
const CHANNEL_LABEL = { webhook: "webhook", slack: "Slack", email: "e-mail" } as const;

export function BudgetCard({
  budget,
  status,
  project,
  canEdit,
  onEdit,
}: {
  budget: BudgetJson;
  status: BudgetStatusJson | undefined;
  project: string;
  canEdit: boolean;
  onEdit: (id: number) => void;
}) {
  const series = useQuery({
    queryKey: budgetKeys.series(project, budget.id, budget.updatedAt),
    queryFn: () => fetchSeries(project, budget.id),
    refetchInterval: 60_000,
  });
  const percent = status?.percent ?? 0;
  const tone = budgetTone(percent);
  const forecastPercent = status?.forecastUsd != null && budget.amountUsd > 0 ? (status.forecastUsd / budget.amountUsd) * 100 : null;
  const chips = scopeChips(budget.scope);
  const headingId = `budget-${budget.id}-name`;

  return (
    <section
      aria-labelledby={headingId}
      data-testid="budget-card"
      data-tone={tone}
      className={clsx(
        "flex min-w-0 flex-col gap-2 rounded-lg border bg-surface px-4 pb-3 pt-3.5",
        tone === "over" ? "border-danger/60" : tone === "warning" ? "border-warning/50" : "border-border",
      )}
    >
      <header className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="truncate font-semibold" title={budget.name}>
            {budget.name}
          </h2>
          <ul aria-label="Scope" className="mt-1 flex flex-wrap gap-1">
            {chips.length === 0 ? (
              <li className="rounded bg-surface-2 px-1.5 py-0.5 text-[11px] text-muted">whole project</li>
            ) : (
              chips.map((c) => (
                <li key={`${c.label}=${c.value}`} className="max-w-full truncate rounded bg-surface-2 px-1.5 py-0.5 text-[11px]" title={`${c.label}: ${c.value}`}>
                  <span className="text-muted">{c.label}:</span> {c.value}
                </li>
              ))
            )}
          </ul>
        </div>
        {tone !== "ok" && (
          <span className={clsx("shrink-0 rounded px-1.5 py-0.5 text-[11px] font-medium", tone === "over" ? "bg-danger-soft text-danger" : "bg-warning-soft text-warning")}>
            {tone === "over" ? "Over budget" : "Near limit"}
          </span>
        )}
        {canEdit && (
          <IconButton icon={Pencil} label={`Edit ${budget.name}`} title="Edit" onClick={() => onEdit(budget.id)} iconClassName="h-4 w-4" className="-mr-1.5 -mt-1 shrink-0" />
        )}
      </header>

      {status ? (
        <p className="text-[13px] tabular-nums" data-testid="budget-figures">
          <span className={clsx("font-semibold", TONE_TEXT[tone])} title={formatUsdExact(status.spentUsd)}>
            {budgetUsd(status.spentUsd)}
          </span>
          <span className="text-muted"> of </span>
          <span title={formatUsdExact(budget.amountUsd)}>{budgetUsd(budget.amountUsd)}</span>
          <span className="text-muted"> · </span>
          <span className={clsx("font-medium", TONE_TEXT[tone])} data-testid="budget-percent">
            {percentLabel(percent)}
          </span>
          {status.forecastUsd !== null && (
            <>
              <span className="text-muted"> · </span>
              <span className={clsx(forecastPercent !== null && forecastPercent >= 100 ? "text-danger" : "text-muted")} title={formatUsdExact(status.forecastUsd)}>
                forecast {budgetUsd(status.forecastUsd)} {forecastDeadline(budget.period, status.periodEnd, budget.timezone)}
              </span>
            </>
          )}
        </p>
      ) : (
        <p className="h-5 w-56 animate-pulse rounded bg-surface-2" aria-label="Loading spend" />
      )}

      <BudgetBar percent={percent} forecastPercent={forecastPercent} thresholds={budget.thresholds} tone={tone} label={`${budget.name} spend`} />

      <div className="flex items-end gap-3">
        <div className="min-w-0 flex-1 space-y-0.5 text-xs text-muted">
          <p className="truncate" data-testid="budget-period">
            {periodLabel(budget, status)}
          </p>
          <p className="truncate">
            {budget.channels.length === 0 ? (
              <span className="text-warning">No channels: alerts are only listed</span>
            ) : (
              <>Alerts to {budget.channels.map((c) => CHANNEL_LABEL[c.type]).join(", ")}</>
            )}
            {status && (
              <>
                {" · "}
                <Link href={tracesHref(project, budget.scope, status)} className="text-accent hover:underline">
                  Traces
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="w-28 shrink-0">
          {series.data ? (
            <Sparkline values={series.data.points.map((p) => p.cumulativeUsd)} className="h-8 w-full" label={`${budget.name}: cumulative spend this period`} />
          ) : (
            <div className={clsx("h-8 w-full rounded", series.isPending && "animate-pulse bg-surface-2")} aria-hidden />
          )}
        </div>
      </div>
    </section>
  );
}

export function BudgetCardSkeleton() {
  return (
    <div className="h-[150px] animate-pulse rounded-lg border border-border bg-surface p-4">
      <div className="h-3 w-32 rounded bg-border" />
      <div className="mt-2 h-3 w-20 rounded bg-surface-2" />
      <div className="mt-4 h-3 w-56 rounded bg-border" />
      <div className="mt-3 h-2.5 w-full rounded-full bg-surface-2" />
    </div>
  );
}
