// GET /api/traces: server-side filters, sorting and keyset (cursor) pagination
// over the per-trace summaries. The cursor is the last row's sort value plus its
// trace id, so pages neither repeat nor skip rows when new traces arrive.
import type { Querier } from "./client";
import { TRACE_SUMMARY_COLUMNS, toTraceSummary, type TraceStatus, type TraceSummary, type TraceSummaryRow } from "./traces";

export const TRACE_SORTS = ["startTime", "durationMs", "costUsd"] as const;
export type TraceSortField = (typeof TRACE_SORTS)[number];

export interface TraceListParams {
  projectId: number;
  from?: Date;
  to?: Date;
  status?: TraceStatus[];
  agent?: string;
  model?: string;
  service?: string;
  environment?: string;
  q?: string;
  minCostUsd?: number;
  minDurationMs?: number;
  sort: TraceSortField;
  desc: boolean;
  limit: number;
  cursor?: string;
}

export interface TraceListPage {
  items: TraceSummary[];
  nextCursor: string | null;
}

const DURATION_NS = `(case when t.root_span_id is not null then t.root_duration_ns else t.max_end_ns - t.min_start_ns end)`;

const SORT_EXPR: Record<TraceSortField, { expr: string; cast: string }> = {
  startTime: { expr: "t.start_time", cast: "timestamptz" },
  durationMs: { expr: DURATION_NS, cast: "int8" },
  costUsd: { expr: "t.cost_pico", cast: "int8" },
};

interface Cursor {
  v: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(s: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Partial<Cursor>;
    return typeof c.v === "string" && typeof c.id === "string" ? { v: c.v, id: c.id } : null;
  } catch {
    return null;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export async function listTraces(q: Querier, p: TraceListParams, cursor: Cursor | null): Promise<TraceListPage> {
  const where: string[] = ["t.project_id = $1"];
  const args: unknown[] = [p.projectId];
  const arg = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  if (p.from) where.push(`t.start_time >= ${arg(p.from.toISOString())}::timestamptz`);
  if (p.to) where.push(`t.start_time < ${arg(p.to.toISOString())}::timestamptz`);
  if (p.status && p.status.length > 0) {
    const parts = p.status.map((s) =>
      s === "incomplete" ? "t.root_span_id is null" : s === "error" ? "(t.root_span_id is not null and t.root_status = 2)" : "(t.root_span_id is not null and t.root_status <> 2)",
    );
    where.push(`(${parts.join(" or ")})`);
  }
  if (p.agent) where.push(`t.agent_name = ${arg(p.agent)}`);
  if (p.service) where.push(`t.service_name = ${arg(p.service)}`);
  if (p.environment) where.push(`t.environment = ${arg(p.environment)}`);
  // `@>`, not `= any(…)`: only containment can use the GIN index on models.
  if (p.model) where.push(`t.models @> array[${arg(p.model)}]::text[]`);
  if (p.q) {
    const pattern = arg(`%${escapeLike(p.q)}%`);
    // One combined text, matching the trigram index expression (migration 0004).
    where.push(`((t.first_name || ' ' || coalesce(t.agent_name, '')) ilike ${pattern} or t.trace_id = lower(${arg(p.q)}))`);
  }
  if (p.minCostUsd !== undefined) where.push(`t.cost_pico >= ${arg(String(BigInt(Math.round(p.minCostUsd * 1e6)) * 1_000_000n))}::int8`);
  if (p.minDurationMs !== undefined) where.push(`${DURATION_NS} >= ${arg(String(Math.round(p.minDurationMs * 1e6)))}::int8`);
  const sort = SORT_EXPR[p.sort];
  const dir = p.desc ? "desc" : "asc";
  if (cursor) {
    const op = p.desc ? "<" : ">";
    where.push(`(${sort.expr}, t.trace_id) ${op} (${arg(cursor.v)}::${sort.cast}, ${arg(cursor.id)})`);
  }
  const rows = await q.query<TraceSummaryRow & { sort_value: string }>(
    `select ${TRACE_SUMMARY_COLUMNS}, (${sort.expr})::text as sort_value
       from traces t
      where ${where.join(" and ")}
      order by ${sort.expr} ${dir}, t.trace_id ${dir}
      limit ${arg(p.limit + 1)}`,
    args,
  );
  const page = rows.slice(0, p.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toTraceSummary),
    nextCursor: rows.length > p.limit && last ? encodeCursor({ v: last.sort_value, id: last.trace_id }) : null,
  };
}

export interface TraceFacets {
  agents: string[];
  services: string[];
  models: string[];
  environments: string[];
}

/** Distinct filter values among a project's traces in a time window (for the filter bar). */
export async function traceFacets(q: Querier, projectId: number, from?: Date, to?: Date): Promise<TraceFacets> {
  const args: unknown[] = [projectId, from?.toISOString() ?? null, to?.toISOString() ?? null];
  const scope = `from traces t where t.project_id = $1 and ($2::timestamptz is null or t.start_time >= $2::timestamptz) and ($3::timestamptz is null or t.start_time < $3::timestamptz)`;
  const distinct = async (expr: string) =>
    (await q.query<{ v: string }>(`select distinct v from (select ${expr} as v ${scope}) x where v is not null order by v limit 500`, args)).map((r) => r.v);
  const [agents, services, models, environments] = await Promise.all([
    distinct("t.agent_name"),
    distinct("t.service_name"),
    distinct("unnest(t.models)"),
    distinct("t.environment"),
  ]);
  return { agents, services, models, environments };
}
