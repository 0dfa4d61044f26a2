// Evaluates alert rules (every worker pass, so within a minute of the span that
// crossed a line). Once-only without luck:
// - trace_cost / unpriced_model: one event per rule and trace id / model name,
//   inserted ON CONFLICT DO NOTHING on rule_events_once_idx;
// - error_rate / p95_latency: the state moves ok → firing → ok by a conditional
//   UPDATE … WHERE state = <from> in the transaction that records the event, so
//   exactly one process wins each move; "episode" keys the fired/resolved pair.
// Scopes apply to the trace (agent, service, environment; model = any model it used).
import type { Db, Querier } from "@/lib/db/client";
import { alertRules, type RuleScopeJson } from "@/drizzle/schema";
import { eq } from "drizzle-orm";
import { queueDeliveries } from "@/lib/notify/outbox";
import type { RuleRow } from "./rule-store";

export interface RuleEventRef {
  eventId: number;
  ruleId: number;
  kind: "fired" | "resolved";
}

/** Trace-cost and unpriced rules look back this far (and not before the rule existed, less a grace for running traces). */
const LOOKBACK_MS = 24 * 3_600_000;
const CREATED_GRACE_MS = 10 * 60_000;
/** Events one trace-cost / unpriced rule may fire per pass (a storm of runaway traces must not flood channels). */
const MAX_EVENTS_PER_PASS = 20;

/** `and …` conditions of a rule's scope on traces `t`, with parameters appended to `params`. */
export function scopeSql(scope: RuleScopeJson, params: unknown[]): string {
  const parts: string[] = [];
  const arg = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (scope.agent !== undefined) parts.push(`t.agent_name = ${arg(scope.agent)}`);
  if (scope.service !== undefined) parts.push(`t.service_name = ${arg(scope.service)}`);
  if (scope.environment !== undefined) parts.push(`t.environment = ${arg(scope.environment)}`);
  // Containment, as the trace list writes it: the form the GIN index on models can serve.
  if (scope.model !== undefined) parts.push(`t.models @> array[${arg(scope.model)}]::text[]`);
  return parts.map((p) => ` and ${p}`).join("");
}

const since = (rule: RuleRow, now: Date) => new Date(Math.max(now.getTime() - LOOKBACK_MS, rule.createdAt.getTime() - CREATED_GRACE_MS));

async function insertEvents(db: Db, rule: RuleRow, sqlText: string, params: unknown[]): Promise<RuleEventRef[]> {
  return db.transaction(async (tx: Querier) => {
    const rows = await tx.query<{ id: string }>(sqlText, params);
    for (const r of rows) await queueDeliveries(tx, rule.projectId, "rule", r.id, rule.channels.length);
    return rows.map((r) => ({ eventId: Number(r.id), ruleId: rule.id, kind: "fired" as const }));
  });
}

function traceCost(db: Db, rule: RuleRow, now: Date): Promise<RuleEventRef[]> {
  const limitPico = BigInt(Math.round((rule.threshold ?? 0) * 1e6)) * 1_000_000n;
  const params: unknown[] = [rule.projectId, rule.id, rule.threshold, since(rule, now).toISOString(), limitPico.toString()];
  const scope = scopeSql(rule.scope, params);
  return insertEvents(
    db,
    rule,
    `insert into rule_events (project_id, rule_id, kind, episode, subject, value, limit_value, window_start)
     select t.project_id, $2, 'fired', 0, t.trace_id, t.cost_pico::float8 / 1e12, $3, t.start_time
       from traces t
      where t.project_id = $1 and t.start_time >= $4::timestamptz and t.cost_pico > $5::int8${scope}
        and not exists (select 1 from rule_events e where e.project_id = $1 and e.rule_id = $2 and e.kind = 'fired' and e.episode = 0 and e.subject = t.trace_id)
      order by t.start_time limit ${MAX_EVENTS_PER_PASS}
     on conflict do nothing
     returning id::text as id`,
    params,
  );
}

function unpricedModel(db: Db, rule: RuleRow, now: Date): Promise<RuleEventRef[]> {
  const from = since(rule, now);
  const params: unknown[] = [rule.projectId, rule.id, from.toISOString()];
  const scope = scopeSql(rule.scope, params);
  // Traces with unpriced calls are few and indexed by start; their spans are read within the same day partitions.
  return insertEvents(
    db,
    rule,
    `insert into rule_events (project_id, rule_id, kind, episode, subject, value, window_start, window_end)
     select $1, $2, 'fired', 0, u.model, u.calls, u.first_seen, u.last_seen
       from (select coalesce(s.response_model, s.request_model) as model, count(*)::float8 as calls, min(s.start_time) as first_seen, max(s.start_time) as last_seen
               from traces t
               join spans s on s.project_id = t.project_id and s.trace_id = t.trace_id and s.start_time >= $3::timestamptz - interval '1 day'
              where t.project_id = $1 and t.start_time >= $3::timestamptz and t.unpriced_count > 0${scope}
                and s.billable and s.cost_pico is null and coalesce(s.response_model, s.request_model) is not null
              group by 1) u
      where not exists (select 1 from rule_events e where e.project_id = $1 and e.rule_id = $2 and e.kind = 'fired' and e.episode = 0 and e.subject = u.model)
      order by u.first_seen limit ${MAX_EVENTS_PER_PASS}
     on conflict do nothing
     returning id::text as id`,
    params,
  );
}

export interface WindowStats {
  /** Traces in the window whose root arrived. */
  done: number;
  failed: number;
  p95Ms: number | null;
}

export async function windowStats(db: Querier, projectId: number, scope: RuleScopeJson, from: Date, to: Date): Promise<WindowStats> {
  const params: unknown[] = [projectId, from.toISOString(), to.toISOString()];
  const where = scopeSql(scope, params);
  const [r] = await db.query<{ done: number; failed: number; p95_ns: number | null }>(
    `select count(*) filter (where t.root_span_id is not null)::int as done,
            count(*) filter (where t.root_span_id is not null and t.root_status = 2)::int as failed,
            (percentile_cont(0.95) within group (order by t.root_duration_ns) filter (where t.root_span_id is not null))::float8 as p95_ns
       from traces t
      where t.project_id = $1 and t.start_time >= $2::timestamptz and t.start_time < $3::timestamptz${where}`,
    params,
  );
  return { done: Number(r?.done ?? 0), failed: Number(r?.failed ?? 0), p95Ms: r?.p95_ns === null || r?.p95_ns === undefined ? null : Number(r.p95_ns) / 1e6 };
}

/** The measured value of a window rule, or null when the window has too few finished traces to judge. */
export function windowValue(rule: Pick<RuleRow, "kind" | "minTraces">, s: WindowStats): number | null {
  if (s.done === 0 || s.done < (rule.minTraces ?? 1)) return null;
  if (rule.kind === "error_rate") return Math.round((s.failed / s.done) * 10_000) / 100;
  return s.p95Ms === null ? null : Math.round(s.p95Ms);
}

async function windowRule(db: Db, rule: RuleRow, now: Date): Promise<RuleEventRef[]> {
  const from = new Date(now.getTime() - (rule.windowMinutes ?? 15) * 60_000);
  const value = windowValue(rule, await windowStats(db, rule.projectId, rule.scope, from, now));
  // Too few traces to judge counts as clear: a firing alert resolves when traffic stops.
  const breach = value !== null && value > (rule.threshold ?? Infinity);
  const move = breach ? { from: "ok", to: "firing", kind: "fired" as const } : { from: "firing", to: "ok", kind: "resolved" as const };
  if ((breach && rule.state === "firing") || (!breach && rule.state === "ok")) return [];
  return db.transaction(async (tx: Querier) => {
    const [moved] = await tx.query<{ episode: number }>(
      `update alert_rules set state = $3, episode = episode + $4::int where project_id = $1 and id = $2 and state = $5 and enabled returning episode`,
      [rule.projectId, rule.id, move.to, breach ? 1 : 0, move.from],
    );
    if (!moved) return [];
    const [ev] = await tx.query<{ id: string }>(
      `insert into rule_events (project_id, rule_id, kind, episode, subject, value, limit_value, window_start, window_end)
       values ($1, $2, $3, $4, '', $5, $6, $7::timestamptz, $8::timestamptz)
       on conflict do nothing returning id::text as id`,
      [rule.projectId, rule.id, move.kind, moved.episode, value, rule.threshold, from.toISOString(), now.toISOString()],
    );
    if (!ev) return [];
    await queueDeliveries(tx, rule.projectId, "rule", ev.id, rule.channels.length);
    return [{ eventId: Number(ev.id), ruleId: rule.id, kind: move.kind }];
  });
}

export async function evaluateRule(db: Db, rule: RuleRow, now: Date): Promise<RuleEventRef[]> {
  if (rule.kind === "trace_cost") return traceCost(db, rule, now);
  if (rule.kind === "unpriced_model") return unpricedModel(db, rule, now);
  return windowRule(db, rule, now);
}

/** One pass over every enabled rule of every project. Safe to run concurrently from several processes. */
export async function evaluateRules(db: Db, now: Date = new Date()): Promise<RuleEventRef[]> {
  const rules = await db.orm.select().from(alertRules).where(eq(alertRules.enabled, true));
  const out: RuleEventRef[] = [];
  for (const r of rules) out.push(...(await evaluateRule(db, r, now)));
  return out;
}
