// Fired alerts of a project, newest first, each with its delivery attempts.
import type { Db } from "@/lib/db/client";
import { percentOf, picoToUsd, PICO_PER_MICRO } from "./status";

export interface DeliveryJson {
  channelIndex: number;
  channelType: string | null;
  attempt: number;
  status: "pending" | "ok" | "failed";
  httpStatus: number | null;
  error: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
}

export interface AlertJson {
  id: number;
  budgetId: number;
  budgetName: string;
  type: "budget.threshold" | "budget.forecast";
  threshold: number;
  periodStart: string;
  periodEnd: string;
  spentUsd: number;
  amountUsd: number;
  percent: number;
  forecastUsd: number | null;
  firedAt: string;
  deliveries: DeliveryJson[];
}

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

export async function listAlerts(db: Db, projectId: number, limit: number): Promise<AlertJson[]> {
  const alerts = await db.query<Record<string, unknown> & { id: string; budget_id: number; name: string; kind: string; threshold: number; spent_pico: string; forecast_pico: string | null; amount_micro_usd: string }>(
    `select a.id::text as id, a.budget_id, b.name, a.kind, a.threshold, a.period_start, a.period_end, a.spent_pico::text as spent_pico,
            a.forecast_pico::text as forecast_pico, a.amount_micro_usd::text as amount_micro_usd, a.fired_at
       from budget_alerts a join budgets b on b.project_id = a.project_id and b.id = a.budget_id
      where a.project_id = $1 order by a.fired_at desc, a.id desc limit $2`,
    [projectId, limit],
  );
  if (alerts.length === 0) return [];
  const deliveries = await db.query<Record<string, unknown> & { alert_id: string; channel_index: number; channel_type: string | null; attempt: number; status: DeliveryJson["status"]; http_status: number | null; error: string | null }>(
    `select d.alert_id::text as alert_id, d.channel_index, b.channels -> d.channel_index ->> 'type' as channel_type, d.attempt, d.status,
            d.http_status, d.error, d.created_at, d.next_attempt_at
       from alert_deliveries d
       join budget_alerts a on a.project_id = d.project_id and a.id = d.alert_id
       join budgets b on b.project_id = a.project_id and b.id = a.budget_id
      where d.project_id = $1 and d.alert_id = any($2::text[]::int8[]) order by d.alert_id, d.channel_index, d.attempt`,
    [projectId, alerts.map((a) => a.id)],
  );
  const byAlert = new Map<string, DeliveryJson[]>();
  for (const d of deliveries) {
    const list = byAlert.get(d.alert_id) ?? [];
    list.push({
      channelIndex: d.channel_index,
      channelType: d.channel_type,
      attempt: d.attempt,
      status: d.status,
      httpStatus: d.http_status,
      error: d.error,
      createdAt: iso(d.created_at),
      nextAttemptAt: d.status === "pending" ? iso(d.next_attempt_at) : null,
    });
    byAlert.set(d.alert_id, list);
  }
  return alerts.map((a) => {
    const amountPico = BigInt(a.amount_micro_usd) * PICO_PER_MICRO;
    const spent = BigInt(a.spent_pico);
    return {
      id: Number(a.id),
      budgetId: a.budget_id,
      budgetName: a.name,
      type: a.kind === "forecast" ? "budget.forecast" : "budget.threshold",
      threshold: a.threshold,
      periodStart: iso(a.period_start),
      periodEnd: iso(a.period_end),
      spentUsd: picoToUsd(spent),
      amountUsd: picoToUsd(amountPico),
      percent: percentOf(spent, amountPico),
      forecastUsd: a.forecast_pico === null ? null : picoToUsd(BigInt(a.forecast_pico)),
      firedAt: iso(a.fired_at),
      deliveries: byAlert.get(a.id) ?? [],
    };
  });
}
