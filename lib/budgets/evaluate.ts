// Fires budget alerts. For every crossed threshold (and an overshooting forecast)
// it inserts into budget_alerts ON CONFLICT DO NOTHING: the unique key makes each
// fire at most once per period across re-sent spans, restarts and processes, and
// only a newly inserted row queues deliveries (in the same transaction).
import type { Db, Querier } from "@/lib/db/client";
import { budgets } from "@/drizzle/schema";
import { queueDeliveries } from "@/lib/notify/outbox";
import type { BudgetRow } from "./budget-store";
import { forecastOvershoots } from "./forecast";
import { budgetState, type BudgetState } from "./status";

export interface FiredAlert {
  alertId: number;
  budgetId: number;
  kind: "threshold" | "forecast";
  threshold: number;
}

const INSERT_ALERT_SQL = `
insert into budget_alerts (project_id, budget_id, period_start, period_end, kind, threshold, spent_pico, forecast_pico, amount_micro_usd)
select $1, $2, $3::timestamptz, $4::timestamptz, $5, $6, $7::int8, $8::int8, $9::int8
 where $10::timestamptz is null or not exists (
   select 1 from budget_alerts
    where project_id = $1 and budget_id = $2 and kind = $5 and threshold = $6 and fired_at > $10::timestamptz)
on conflict (project_id, budget_id, period_start, kind, threshold) do nothing
returning id::text as id`;

async function fire(db: Db, s: BudgetState, kind: "threshold" | "forecast", threshold: number, now: Date): Promise<FiredAlert | null> {
  const b = s.budget;
  // A rolling window also stays quiet while the same alert fired within the last window.
  const quietSince = b.period === "rolling" ? new Date(now.getTime() - (b.windowHours ?? 24) * 3_600_000).toISOString() : null;
  return db.transaction(async (tx: Querier) => {
    const [row] = await tx.query<{ id: string }>(INSERT_ALERT_SQL, [
      b.projectId,
      b.id,
      s.alertKey.toISOString(),
      s.periodEnd.toISOString(),
      kind,
      threshold,
      s.spentPico.toString(),
      s.forecastPico === null ? null : s.forecastPico.toString(),
      b.amountMicroUsd,
      quietSince,
    ]);
    if (!row) return null;
    await queueDeliveries(tx, b.projectId, "budget", row.id, b.channels.length);
    return { alertId: Number(row.id), budgetId: b.id, kind, threshold };
  });
}

/** Alerts this state calls for: crossed thresholds ascending, then an overshooting forecast. */
export function dueAlerts(s: BudgetState): { kind: "threshold" | "forecast"; threshold: number }[] {
  const out: { kind: "threshold" | "forecast"; threshold: number }[] = [];
  for (const t of [...s.budget.thresholds].sort((a, b) => a - b)) {
    if (s.spentPico * 100n >= s.amountPico * BigInt(t)) out.push({ kind: "threshold", threshold: t });
  }
  if (s.budget.forecast && forecastOvershoots(s.spentPico, s.forecastPico, s.amountPico)) out.push({ kind: "forecast", threshold: 100 });
  return out;
}

export async function evaluateBudget(db: Db, budget: BudgetRow, now: Date, pseudonymKey: string): Promise<FiredAlert[]> {
  const s = await budgetState(db, budget, now, pseudonymKey);
  const fired: FiredAlert[] = [];
  for (const a of dueAlerts(s)) {
    const f = await fire(db, s, a.kind, a.threshold, now);
    if (f) fired.push(f);
  }
  return fired;
}

/** One pass over every budget of every project. Safe to run concurrently from several processes. */
export async function evaluateBudgets(db: Db, pseudonymKey: string, now: Date = new Date()): Promise<FiredAlert[]> {
  const all = await db.orm.select().from(budgets);
  const fired: FiredAlert[] = [];
  for (const b of all) fired.push(...(await evaluateBudget(db, b, now, pseudonymKey)));
  return fired;
}
