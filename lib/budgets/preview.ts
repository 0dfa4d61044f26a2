// What a budget's scope matches in its current period, for the editor's preview
// line ("matches 3 agents, $412 so far this month"): the same spans and spend the
// budget would count (spend.ts's scope filter), plus which agents and models they are.
import { z } from "zod";
import type { Querier } from "@/lib/db/client";
import type { BudgetScopeJson } from "@/drizzle/schema";
import { budgetScope } from "./budget-input";
import { forecastSpendPico } from "./forecast";
import { isValidTimeZone, periodWindow, type BudgetPeriod } from "./period";
import { scopeFilter } from "./spend";
import { picoToUsd } from "./status";

export const PREVIEW_LIST_LIMIT = 10;

export const budgetPreviewInput = z
  .object({
    scope: budgetScope.default({}),
    period: z.enum(["day", "week", "month", "rolling"]),
    windowHours: z.number().int().min(1).max(24 * 366).nullable().optional(),
    timezone: z.string().trim().min(1).max(64).default("UTC").refine(isValidTimeZone, "unknown IANA time zone"),
  })
  .superRefine((b, ctx) => {
    if (b.period === "rolling" && (b.windowHours === undefined || b.windowHours === null)) {
      ctx.addIssue({ code: "custom", path: ["windowHours"], message: "required for a rolling period" });
    }
  });

export type BudgetPreviewInput = z.infer<typeof budgetPreviewInput>;

export interface BudgetPreview {
  periodStart: string;
  periodEnd: string;
  /** Priced, billable spend in scope from the period start until now (what the budget counts). */
  spentUsd: number;
  /** Calendar periods only, once a tenth of the period has passed (as the budget's own forecast). */
  forecastUsd: number | null;
  traceCount: number;
  spanCount: number;
  /** Billable calls in scope without a price: not counted in spentUsd. */
  unpricedCalls: number;
  /** Up to PREVIEW_LIST_LIMIT names, sorted; the counts are of all. */
  agents: string[];
  agentCount: number;
  models: string[];
  modelCount: number;
}

interface PreviewRow extends Record<string, unknown> {
  pico: string;
  traces: number;
  spans: number;
  unpriced: number;
  agent_count: number;
  model_count: number;
  agents: string | string[];
  models: string | string[];
}

const names = (v: string | string[]): string[] => (typeof v === "string" ? (JSON.parse(v) as string[]) : v);

export async function budgetPreview(
  db: Querier,
  projectId: number,
  input: { scope: BudgetScopeJson; period: BudgetPeriod; timezone: string; windowHours?: number | null },
  pseudonymKey: string,
  now = new Date(),
): Promise<BudgetPreview> {
  const w = periodWindow(input.period, input.timezone, now, input.windowHours);
  const params: unknown[] = [projectId, w.start.toISOString(), now.toISOString(), PREVIEW_LIST_LIMIT];
  const { join, where } = scopeFilter(input.scope, pseudonymKey, params, true);
  const list = (col: string) =>
    `coalesce((select json_agg(v order by v)::text from (select distinct ${col} as v from m where ${col} is not null order by 1 limit $4) x), '[]')`;
  const text = `with m as (
    select s.trace_id, s.billable, s.cost_pico, coalesce(s.agent_name, t.agent_name) as agent, coalesce(s.response_model, s.request_model) as model
      from spans s ${join}
     where s.project_id = $1 and s.start_time >= $2::timestamptz and s.start_time < $3::timestamptz${where.map((c) => `\n       and ${c}`).join("")}
  )
  select (select coalesce(sum(cost_pico) filter (where billable and cost_pico is not null), 0)::text from m) as pico,
         (select count(distinct trace_id)::int from m) as traces,
         (select count(*)::int from m) as spans,
         (select count(*) filter (where billable and cost_pico is null)::int from m) as unpriced,
         (select count(distinct agent)::int from m) as agent_count,
         (select count(distinct model)::int from m) as model_count,
         ${list("agent")} as agents,
         ${list("model")} as models`;
  const [r] = await db.query<PreviewRow>(text, params);
  const spent = BigInt(r?.pico ?? "0");
  const forecast =
    input.period === "rolling" ? null : forecastSpendPico({ spentPico: spent, startMs: w.start.getTime(), endMs: w.end.getTime(), nowMs: now.getTime() });
  return {
    periodStart: w.start.toISOString(),
    periodEnd: w.end.toISOString(),
    spentUsd: picoToUsd(spent),
    forecastUsd: forecast === null ? null : picoToUsd(forecast),
    traceCount: Number(r?.traces ?? 0),
    spanCount: Number(r?.spans ?? 0),
    unpricedCalls: Number(r?.unpriced ?? 0),
    agents: r ? names(r.agents) : [],
    agentCount: Number(r?.agent_count ?? 0),
    models: r ? names(r.models) : [],
    modelCount: Number(r?.model_count ?? 0),
  };
}
