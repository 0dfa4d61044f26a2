"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { clsx } from "clsx";
import { useCarriedParams, useProject, useUrlState } from "@/components/shell/use-dashboard-params";
import { ALERTS_LIMIT, ALERTS_POLL_MS, useAlerts, useRules } from "@/components/alerts/alerts-api";
import { matchesTypes, parseTypes, typesParam, type Alert } from "@/components/alerts/alert-model";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { AlertTimeline } from "@/components/alerts/alert-timeline";
import { AlertsEmpty } from "@/components/alerts/alerts-empty";
import { RulesPanel } from "@/components/alerts/rules-panel";
import { useNow } from "@/components/alerts/use-now";

const TABS = [
  { key: "timeline", label: "Timeline" },
  { key: "rules", label: "Alert rules" },
] as const;
type Tab = (typeof TABS)[number]["key"];

/** Keys of alerts that were not in the previous poll's answer (none on the first load). */
function useFreshKeys(alerts: Alert[] | undefined): ReadonlySet<string> {
  const [prev, setPrev] = useState(alerts);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  if (prev !== alerts) {
    const before = prev ? new Set(prev.map((a) => a.key)) : null;
    setPrev(alerts);
    if (before && alerts) {
      const added = alerts.filter((a) => !before.has(a.key)).map((a) => a.key);
      if (added.length) setFresh(new Set(added));
    }
  }
  return fresh;
}

export function AlertsClient({ canEdit }: { canEdit: boolean }) {
  const project = useProject();
  const carried = useCarriedParams();
  const router = useRouter();
  const { params, set } = useUrlState();
  const tab: Tab = params.get("view") === "rules" ? "rules" : "timeline";
  const types = useMemo(() => parseTypes(params.get("type")), [params]);
  const alerts = useAlerts(project);
  const rules = useRules(project);
  const now = useNow();
  const fresh = useFreshKeys(alerts.data);
  const shown = useMemo(() => (alerts.data ?? []).filter((a) => matchesTypes(a, types)), [alerts.data, types]);
  const onOpen = useCallback((href: string) => router.push(href), [router]);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const go = (t: Tab, focus = false) => {
    set({ view: t === "rules" ? "rules" : null }, { replace: true });
    if (focus) tabRefs.current[t]?.focus();
  };
  const firing = rules.data?.filter((r) => r.enabled && r.state === "firing").length ?? 0;

  return (
    <div className="mx-auto max-w-5xl space-y-4 p-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold">Alerts</h1>
        <span className="text-xs text-muted">
          Latest {ALERTS_LIMIT} alerts · checks for new ones every {ALERTS_POLL_MS / 1000} s
        </span>
      </header>

      <div
        role="tablist"
        aria-label="Alerts views"
        className="flex gap-1 shadow-[inset_0_-1px_0_var(--border)]"
        onKeyDown={(e) => {
          if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
          e.preventDefault();
          go(tab === "rules" ? "timeline" : "rules", true);
        }}
      >
        {TABS.map((t) => (
          <button
            key={t.key}
            ref={(el) => {
              tabRefs.current[t.key] = el;
            }}
            type="button"
            role="tab"
            id={`alerts-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`alerts-panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            onClick={() => go(t.key)}
            className={clsx("flex items-center gap-1.5 px-3 py-1.5", tab === t.key ? "font-medium text-foreground shadow-[inset_0_-2px_0_var(--accent)]" : "text-muted hover:text-foreground")}
          >
            {t.label}
            {t.key === "timeline" && alerts.data && <span className="rounded-full bg-surface-2 px-1.5 text-[11px] tabular-nums text-muted">{alerts.data.length}</span>}
            {t.key === "rules" && rules.data && <span className="rounded-full bg-surface-2 px-1.5 text-[11px] tabular-nums text-muted">{rules.data.length}</span>}
            {t.key === "rules" && firing > 0 && <span className="rounded-full bg-danger-soft px-1.5 text-[11px] font-medium text-danger">{firing} firing</span>}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`alerts-panel-${tab}`} aria-labelledby={`alerts-tab-${tab}`}>
        {tab === "rules" ? (
          <RulesPanel project={project} canEdit={canEdit} />
        ) : alerts.isPending ? (
          <div className="space-y-3" aria-busy="true" aria-label="Loading alerts">
            {Array.from({ length: 5 }, (_, i) => (
              <div key={i} className="flex gap-3">
                <div className="h-7 w-7 animate-pulse rounded-full bg-surface-2" />
                <div className="h-16 flex-1 animate-pulse rounded bg-surface-2" />
              </div>
            ))}
          </div>
        ) : alerts.isError ? (
          <div role="alert" className="rounded-md bg-danger-soft p-4 text-danger">
            Could not load alerts (/api/alerts): {alerts.error.message}
            <button type="button" className="ml-3 underline" onClick={() => void alerts.refetch()}>
              Retry
            </button>
          </div>
        ) : alerts.data.length === 0 ? (
          <AlertsEmpty budgetsHref={`/budgets${carried}`} onRules={() => go("rules")} />
        ) : (
          <div className="space-y-4">
            <AlertFilters alerts={alerts.data} selected={types} onChange={(next) => set({ type: typesParam(next) }, { replace: true })} />
            {shown.length === 0 ? (
              <div className="py-10 text-center">
                <p className="font-medium">No alerts of the selected types among the latest {alerts.data.length}.</p>
                <button type="button" onClick={() => set({ type: null }, { replace: true })} className="mt-2 text-accent underline">
                  Show all alerts
                </button>
              </div>
            ) : (
              <AlertTimeline alerts={shown} project={project} now={now} fresh={fresh} onOpen={onOpen} />
            )}
          </div>
        )}
      </div>
    </div>
  );
}
