// Fired alerts of a project (budget alerts and rule events), newest first, each
// with its delivery attempts.
import type { Db } from "@/lib/db/client";
import { RULE_EVENT_SELECT, rowToFacts, ruleEventPath, ruleEventTitle, type RuleEventRow } from "@/lib/alerts/notice";
import type { AlertRuleKind } from "@/drizzle/schema";
import { SOURCE_COLUMN, type Source } from "@/lib/notify/outbox";
import { ALERT_FACTS_SELECT, rowToAlertFacts, toDate, type AlertFactsRow } from "./deliver";
import { budgetAlertTitle, budgetWebhook, type WebhookBody } from "./payload";

export interface DeliveryJson {
  channelIndex: number;
  channelType: string | null;
  attempt: number;
  status: "pending" | "ok" | "failed";
  /** HTTP status, or the SMTP reply code for e-mail. */
  httpStatus: number | null;
  error: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
}

interface AlertBase {
  id: number;
  /** Unique across sources ("budget:12", "rule:7"). */
  key: string;
  state: "fired" | "resolved";
  title: string;
  firedAt: string;
  url: string;
  deliveries: DeliveryJson[];
}

/** AlertBase plus the budget webhook's fields (PRODUCT.md), minus its send-time timestamp. */
export type BudgetAlertJson = AlertBase & { source: "budget" } & Omit<WebhookBody, "timestamp" | "alertId">;

export interface RuleAlertJson extends AlertBase {
  source: "rule";
  type: `rule.${AlertRuleKind}`;
  ruleId: number;
  ruleName: string;
  value: number | null;
  limit: number | null;
  subject: string | null;
}

export type AlertJson = BudgetAlertJson | RuleAlertJson;

const iso = (v: unknown) => toDate(v).toISOString();

/** Delivery attempts of some source rows; `channels` is the SQL of the owning row's channels array. */
export async function deliveriesOf(db: Db, projectId: number, source: Source, ids: string[], join: string, channels: string): Promise<Map<string, DeliveryJson[]>> {
  const byRef = new Map<string, DeliveryJson[]>();
  if (ids.length === 0) return byRef;
  const col = SOURCE_COLUMN[source];
  const rows = await db.query<Record<string, unknown> & { ref: string; channel_index: number; channel_type: string | null; attempt: number; status: DeliveryJson["status"]; http_status: number | null; error: string | null }>(
    `select d.${col}::text as ref, d.channel_index, ${channels} -> d.channel_index ->> 'type' as channel_type, d.attempt, d.status,
            d.http_status, d.error, d.created_at, d.next_attempt_at
       from alert_deliveries d ${join}
      where d.project_id = $1 and d.${col} = any($2::text[]::int8[]) order by d.${col}, d.channel_index, d.attempt`,
    [projectId, ids],
  );
  for (const d of rows) {
    const list = byRef.get(d.ref) ?? [];
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
    byRef.set(d.ref, list);
  }
  return byRef;
}

async function budgetAlerts(db: Db, projectId: number, limit: number): Promise<BudgetAlertJson[]> {
  const alerts = await db.query<AlertFactsRow>(`${ALERT_FACTS_SELECT} where a.project_id = $1 order by a.fired_at desc, a.id desc limit $2`, [projectId, limit]);
  const deliveries = await deliveriesOf(
    db,
    projectId,
    "budget",
    alerts.map((a) => a.alert_id),
    "join budget_alerts a on a.project_id = d.project_id and a.id = d.alert_id join budgets b on b.project_id = a.project_id and b.id = a.budget_id",
    "b.channels",
  );
  return alerts.map((r) => {
    const facts = rowToAlertFacts(r);
    const { alertId, ...body } = budgetWebhook(facts);
    return {
      ...body,
      id: alertId,
      key: `budget:${r.alert_id}`,
      source: "budget",
      state: "fired",
      title: budgetAlertTitle(facts),
      deliveries: deliveries.get(r.alert_id) ?? [],
    };
  });
}

async function ruleAlerts(db: Db, projectId: number, limit: number): Promise<RuleAlertJson[]> {
  const rows = await db.query<RuleEventRow>(`${RULE_EVENT_SELECT} where e.project_id = $1 order by e.fired_at desc, e.id desc limit $2`, [projectId, limit]);
  const deliveries = await deliveriesOf(
    db,
    projectId,
    "rule",
    rows.map((r) => r.event_id),
    "join rule_events e on e.project_id = d.project_id and e.id = d.rule_event_id join alert_rules r on r.project_id = e.project_id and r.id = e.rule_id",
    "r.channels",
  );
  return rows.map((r) => {
    const f = rowToFacts(r);
    return {
      id: f.eventId,
      key: `rule:${r.event_id}`,
      source: "rule",
      type: `rule.${f.kind}`,
      state: f.state,
      title: ruleEventTitle(f),
      url: ruleEventPath(f),
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      value: f.value,
      limit: f.limit,
      subject: f.subject || null,
      firedAt: f.firedAt.toISOString(),
      deliveries: deliveries.get(r.event_id) ?? [],
    };
  });
}

export async function listAlerts(db: Db, projectId: number, limit: number): Promise<AlertJson[]> {
  const all: AlertJson[] = [...(await budgetAlerts(db, projectId, limit)), ...(await ruleAlerts(db, projectId, limit))];
  all.sort((a, b) => (a.firedAt < b.firedAt ? 1 : a.firedAt > b.firedAt ? -1 : b.id - a.id));
  return all.slice(0, limit);
}
