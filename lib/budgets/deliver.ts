// Budget alerts as notices for the shared delivery queue (lib/notify/outbox.ts).
import type { Db } from "@/lib/db/client";
import type { BudgetChannelJson, BudgetScopeJson } from "@/drizzle/schema";
import type { Loader } from "@/lib/notify/outbox";
import { budgetNotice, type AlertFacts } from "./payload";

/** A budget alert with its budget and project; add the where/order/limit. */
export const ALERT_FACTS_SELECT = `
select a.id::text as alert_id, a.kind, a.threshold, a.budget_id, a.period_start, a.period_end, a.spent_pico::text as spent_pico,
       a.forecast_pico::text as forecast_pico, a.amount_micro_usd::text as amount_micro_usd, a.fired_at,
       b.name, b.scope, b.channels, p.slug
  from budget_alerts a
  join budgets b on b.project_id = a.project_id and b.id = a.budget_id
  join projects p on p.id = a.project_id`;

export interface AlertFactsRow extends Record<string, unknown> {
  alert_id: string;
  kind: "threshold" | "forecast";
  threshold: number;
  budget_id: number;
  period_start: unknown;
  period_end: unknown;
  spent_pico: string;
  forecast_pico: string | null;
  amount_micro_usd: string;
  fired_at: unknown;
  name: string;
  scope: BudgetScopeJson | string;
  channels: BudgetChannelJson[] | string;
  slug: string;
}

export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const fromJson = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

export function rowToAlertFacts(r: AlertFactsRow): AlertFacts {
  return {
    alertId: Number(r.alert_id),
    kind: r.kind,
    threshold: r.threshold,
    budgetId: r.budget_id,
    budgetName: r.name,
    projectSlug: r.slug,
    scope: fromJson(r.scope),
    periodStart: toDate(r.period_start),
    periodEnd: toDate(r.period_end),
    spentPico: BigInt(r.spent_pico),
    forecastPico: r.forecast_pico === null ? null : BigInt(r.forecast_pico),
    amountMicroUsd: Number(r.amount_micro_usd),
    firedAt: toDate(r.fired_at),
  };
}

export async function loadAlertFacts(db: Db, projectId: number, alertId: string): Promise<{ facts: AlertFacts; channels: BudgetChannelJson[] } | null> {
  const [r] = await db.query<AlertFactsRow>(`${ALERT_FACTS_SELECT} where a.project_id = $1 and a.id = $2::int8`, [projectId, alertId]);
  return r ? { channels: fromJson(r.channels), facts: rowToAlertFacts(r) } : null;
}

export const loadBudgetNotice: Loader = async (db, projectId, refId, opts) => {
  const loaded = await loadAlertFacts(db, projectId, refId);
  return loaded && { channels: loaded.channels, notice: budgetNotice(loaded.facts, opts.publicUrl) };
};
