// Spend in a budget's scope over [from, to): the sum of cost_pico of billable,
// priced spans by start time. Agent and end user fall back to the trace's value
// (often only the agent span carries them, not the LLM calls under it).
import type { Querier } from "@/lib/db/client";
import type { BudgetScopeJson } from "@/drizzle/schema";
import { pseudonymizeUserId } from "@/lib/privacy/pseudonymize";

export interface SpendQuery {
  projectId: number;
  scope: BudgetScopeJson;
  from: Date;
  to: Date;
  /** The instance pseudonymization key (settings 'pseudonym_key'), to match a userId scope. */
  pseudonymKey: string;
}

export interface ScopeFilter {
  /** The left join of traces `t` (agent and end user fall back to the trace), or "". */
  join: string;
  /** Conditions on spans `s` (and `t`), their values appended to `params`. */
  where: string[];
}

/** The scope's conditions, shared by spend, preview and series queries. `joinTraces` forces the join. */
export function scopeFilter(scope: BudgetScopeJson, pseudonymKey: string, params: unknown[], joinTraces = false): ScopeFilter {
  const arg = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  const s = scope;
  const needsTrace = joinTraces || s.agent !== undefined || s.userId !== undefined;
  if (s.agent !== undefined) where.push(`coalesce(s.agent_name, t.agent_name) = ${arg(s.agent)}`);
  if (s.userId !== undefined) where.push(`coalesce(s.user_id, t.user_id) = ${arg(pseudonymizeUserId(s.userId, pseudonymKey))}`);
  if (s.service !== undefined) where.push(`s.service_name = ${arg(s.service)}`);
  if (s.environment !== undefined) where.push(`s.environment = ${arg(s.environment)}`);
  if (s.provider !== undefined) where.push(`s.provider = ${arg(s.provider)}`);
  if (s.model !== undefined) {
    const m = arg(s.model);
    where.push(`(s.response_model = ${m} or s.request_model = ${m})`);
  }
  for (const [key, value] of Object.entries(s.metadata ?? {})) where.push(`s.attributes ->> ${arg(key)} = ${arg(value)}`);
  const join = needsTrace ? "left join traces t on t.project_id = s.project_id and t.trace_id = s.trace_id" : "";
  return { join, where };
}

export function spendSql(q: SpendQuery): { text: string; params: unknown[] } {
  const params: unknown[] = [q.projectId, q.from.toISOString(), q.to.toISOString()];
  const { join, where } = scopeFilter(q.scope, q.pseudonymKey, params);
  const text = `select coalesce(sum(s.cost_pico), 0)::text as pico
    from spans s ${join}
   where s.project_id = $1 and s.start_time >= $2::timestamptz and s.start_time < $3::timestamptz
     and s.billable and s.cost_pico is not null${where.map((w) => `\n     and ${w}`).join("")}`;
  return { text, params };
}

export async function spendPico(db: Querier, q: SpendQuery): Promise<bigint> {
  const { text, params } = spendSql(q);
  const [row] = await db.query<{ pico: string }>(text, params);
  return BigInt(row?.pico ?? "0");
}

/** The instance pseudonymization key; bootstrap creates it, so absence means a broken install. */
export async function loadPseudonymKey(db: Querier): Promise<string> {
  const [row] = await db.query<{ value: string }>(`select value from settings where key = 'pseudonym_key'`);
  if (!row) throw new Error("pseudonym key missing from settings");
  return row.value;
}
