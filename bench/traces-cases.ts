// What bench/traces.ts measures: the trace list cases (one filter or sort at a time,
// over a 24 h and a 30-day window), trace detail, facets; the plain indexed SELECT
// each is compared with; and the prototype indexes and query rewrites (bench-only).
import type { Querier, Row } from "../lib/db/client";
import { isoFromNs } from "../lib/db/span-writer";
import { decodeCursor, listTraces, TRACE_SORTS, traceFacets, type TraceListParams } from "../lib/db/trace-list";
import { getTraceDetail } from "../lib/db/traces";
import { COMMON_AGENT, COMMON_MODEL, MID_MODEL, RARE_AGENT, RARE_ENVIRONMENT, RARE_MODEL, RARE_SERVICE } from "./traces-gen";

const HOUR_MS = 3_600_000;
export const LIST_LIMIT = 50;

export interface BenchContext {
  projectId: number;
  /** Window end: just after the newest trace start. */
  endMs: number;
  bigTraceId: string;
  smallTraceId: string;
  minCostUsd: number;
  minDurationMs: number;
}

export interface BenchCase {
  id: string;
  /** Cases without a target (facets) are reported for information. */
  target: boolean;
  run(q: Querier): Promise<unknown>;
  baseline: { sql: string; params: unknown[] };
}

export const WINDOWS = { "24h": 24 * HOUR_MS, "30d": 30 * 24 * HOUR_MS } as const;
export type WindowName = keyof typeof WINDOWS;

/** The single-filter and sort variations of the first page (limit 50), as listTraces params. */
export function listVariants(c: BenchContext): [string, Partial<TraceListParams>][] {
  return [
    ["no filter", {}],
    ["status=error", { status: ["error"] }],
    ["status=incomplete", { status: ["incomplete"] }],
    [`agent=${COMMON_AGENT}`, { agent: COMMON_AGENT }],
    [`agent=${RARE_AGENT} (rare)`, { agent: RARE_AGENT }],
    [`service=${RARE_SERVICE} (2 %)`, { service: RARE_SERVICE }],
    [`environment=${RARE_ENVIRONMENT} (rare)`, { environment: RARE_ENVIRONMENT }],
    [`model=${COMMON_MODEL}`, { model: COMMON_MODEL }],
    [`model=${MID_MODEL} (2 %)`, { model: MID_MODEL }],
    [`model=${RARE_MODEL} (rare)`, { model: RARE_MODEL }],
    ["q=redlin (rare)", { q: "redlin" }],
    ["q=triage (6 %)", { q: "triage" }],
    ["q=support (common)", { q: "support" }],
    ["q=<trace id>", { q: c.smallTraceId }],
    [`minCostUsd=${c.minCostUsd} (p99)`, { minCostUsd: c.minCostUsd }],
    [`minDurationMs=${c.minDurationMs} (p99)`, { minDurationMs: c.minDurationMs }],
    ["sort=-durationMs", { sort: "durationMs" }],
    ["sort=-costUsd", { sort: "costUsd" }],
  ];
}

/** Page 2 of the 30-day list per sort: the keyset cursor must use the same index. */
async function page2Cases(q: Querier, c: BenchContext): Promise<BenchCase[]> {
  const out: BenchCase[] = [];
  const from = new Date(c.endMs - WINDOWS["30d"]);
  const to = new Date(c.endMs);
  for (const sort of TRACE_SORTS) {
    const p: TraceListParams = { projectId: c.projectId, from, to, sort, desc: true, limit: LIST_LIMIT };
    const first = await listTraces(q, p, null);
    const cursor = first.nextCursor ? decodeCursor(first.nextCursor) : null;
    if (!cursor) continue;
    out.push({
      id: `list 30d page 2 sort=-${sort}`,
      target: true,
      run: (qq) => listTraces(qq, p, cursor),
      baseline: {
        sql: `select * from traces where project_id = $1 and start_time >= $2::timestamptz and start_time < $3::timestamptz order by start_time desc limit ${LIST_LIMIT + 1}`,
        params: [c.projectId, from.toISOString(), to.toISOString()],
      },
    });
  }
  return out;
}

export async function buildCases(q: Querier, c: BenchContext): Promise<BenchCase[]> {
  const cases: BenchCase[] = [];
  const to = new Date(c.endMs);
  for (const [w, span] of Object.entries(WINDOWS) as [WindowName, number][]) {
    const from = new Date(c.endMs - span);
    const baseline = {
      sql: `select * from traces where project_id = $1 and start_time >= $2::timestamptz and start_time < $3::timestamptz order by start_time desc limit ${LIST_LIMIT + 1}`,
      params: [c.projectId, from.toISOString(), to.toISOString()],
    };
    for (const [label, extra] of listVariants(c)) {
      const p: TraceListParams = { projectId: c.projectId, from, to, sort: "startTime", desc: true, limit: LIST_LIMIT, ...extra };
      cases.push({ id: `list ${w} ${label}`, target: true, run: (q) => listTraces(q, p, null), baseline });
    }
    cases.push({
      id: `facets ${w}`,
      target: false,
      run: (q) => traceFacets(q, c.projectId, from, to),
      baseline: { ...baseline, sql: baseline.sql.replace(/limit \d+$/, "limit 500") },
    });
  }
  cases.push(...(await page2Cases(q, c)));
  for (const [label, id] of [["1000 spans", c.bigTraceId], ["~10 spans", c.smallTraceId]] as const) {
    cases.push({
      id: `detail ${label}`,
      target: label === "1000 spans",
      run: (q) => getTraceDetail(q, c.projectId, id),
      baseline: { sql: "select * from spans where project_id = $1 and trace_id = $2", params: [c.projectId, id] },
    });
  }
  return cases;
}

// ---- Prototype fixes (bench database only) -------------------------------------

const DURATION_NS = "(case when root_span_id is not null then root_duration_ns else max_end_ns - min_start_ns end)";
/** What `q` searches, as one expression: one trigram index, and one row estimate for the planner. */
const SEARCH_TEXT = "(first_name || ' ' || coalesce(agent_name, ''))";

export const PROPOSED_EXTENSIONS = ["create extension if not exists pg_trgm"];

export const PROPOSED_INDEXES: { name: string; ddl: string }[] = [
  { name: "traces_project_agent_start_idx", ddl: "on traces (project_id, agent_name, start_time)" },
  { name: "traces_project_service_start_idx", ddl: "on traces (project_id, service_name, start_time)" },
  { name: "traces_project_environment_start_idx", ddl: "on traces (project_id, environment, start_time)" },
  { name: "traces_project_error_start_idx", ddl: "on traces (project_id, start_time) where root_span_id is not null and root_status = 2" },
  { name: "traces_project_incomplete_start_idx", ddl: "on traces (project_id, start_time) where root_span_id is null" },
  { name: "traces_models_gin_idx", ddl: "on traces using gin (models)" },
  { name: "traces_search_trgm_idx", ddl: `on traces using gin (${SEARCH_TEXT} gin_trgm_ops)` },
  { name: "traces_project_duration_idx", ddl: `on traces (project_id, ${DURATION_NS}, trace_id)` },
  { name: "traces_project_cost_idx", ddl: "on traces (project_id, cost_pico, trace_id)" },
];

/** Index names to build: all, or BENCH_TRACE_INDEXES=name,name (to try subsets). */
export function selectedIndexes(only: string | undefined): { name: string; ddl: string }[] {
  if (!only) return PROPOSED_INDEXES;
  const names = new Set(only.split(",").map((s) => s.trim()));
  return PROPOSED_INDEXES.filter((i) => names.has(i.name));
}

export type Rewrite = (text: string, params: unknown[] | undefined) => [string, unknown[] | undefined];

/** listTraces: `$n = any(t.models)` cannot use a GIN index; `t.models @> array[$n]` can. */
export const modelsContains: Rewrite = (text, params) => [text.replace(/(\$\d+) = any\(t\.models\)/, "t.models @> array[$1]::text[]"), params];

/**
 * listTraces: `first_name ilike $p or agent_name ilike $p` matches the same traces twice
 * over, so the planner doubles its row estimate and, near the tipping point, walks the
 * time index instead of the trigram index. One expression, one trigram index, one estimate.
 */
export const searchOneExpression: Rewrite = (text, params) => [
  text.replace(
    /\(t\.first_name ilike (\$\d+) or t\.agent_name ilike \$\d+ or t\.trace_id = lower\((\$\d+)\)\)/,
    "((t.first_name || ' ' || coalesce(t.agent_name, '')) ilike $1 or t.trace_id = lower($2))",
  ),
  params,
];

const SPANS_WHERE = "where s.project_id = $1 and s.trace_id = $2";
const usAsTimestamptz = (col: string) => `timestamptz 'epoch' + (t.${col} / 1000) * interval '1 microsecond'`;

/** Trace detail: bound spans by the trace's own time range from a subquery (run-time partition pruning). */
export const detailBoundsSubquery: Rewrite = (text, params) => [
  text.replace(
    SPANS_WHERE,
    `${SPANS_WHERE}
        and s.start_time >= (select ${usAsTimestamptz("min_start_ns")} from traces t where t.project_id = $1 and t.trace_id = $2)
        and s.start_time <= (select ${usAsTimestamptz("max_end_ns")} from traces t where t.project_id = $1 and t.trace_id = $2)`,
  ),
  params,
];

/**
 * Trace detail: the summary query also returns min_start_ns/max_end_ns and the spans
 * query gets them as parameters (plan-time pruning). Stateful: one detail call at a time.
 */
export function detailBoundsParams(): { rewrite: Rewrite; onRows: (text: string, rows: Row[]) => void } {
  let bounds: [string, string] | null = null;
  return {
    rewrite: (text, params) => {
      if (text.includes("from traces t where t.project_id = $1 and t.trace_id = $2")) {
        return [text.replace(" from traces t", ", t.min_start_ns::text as b_min, t.max_end_ns::text as b_max from traces t"), params];
      }
      if (text.includes(SPANS_WHERE) && bounds) {
        const [lo, hi] = bounds;
        bounds = null;
        return [text.replace(SPANS_WHERE, `${SPANS_WHERE} and s.start_time >= $3::timestamptz and s.start_time <= $4::timestamptz`), [...(params ?? []), lo, hi]];
      }
      return [text, params];
    },
    onRows: (text, rows) => {
      const r = rows[0];
      if (text.includes("b_min") && r) bounds = [isoFromNs(BigInt(String(r.b_min))), isoFromNs(BigInt(String(r.b_max)))];
    },
  };
}

/**
 * Facets prototype for agent, service and environment: a loose index scan (recursive
 * CTE hopping from one distinct value to the next on the (project_id, <col>, start_time)
 * indexes), then one probe per value for a trace in the window. PostgreSQL 15 has no
 * skip scan of its own. Models are left out: a GIN index cannot list its keys.
 */
export function facetsSkipScanSql(col: "agent_name" | "service_name" | "environment"): string {
  return `with recursive d(v) as (
      select min(${col}) from traces where project_id = $1
      union all
      select (select min(${col}) from traces where project_id = $1 and ${col} > d.v) from d where d.v is not null
    )
    select v from d
     where v is not null
       and exists (select 1 from traces t where t.project_id = $1 and t.${col} = d.v and t.start_time >= $2::timestamptz and t.start_time < $3::timestamptz)
     order by v limit 500`;
}

export function facetsSkipScanCases(c: BenchContext): BenchCase[] {
  return (Object.entries(WINDOWS) as [WindowName, number][]).map(([w, span]) => {
    const params = [c.projectId, new Date(c.endMs - span).toISOString(), new Date(c.endMs).toISOString()];
    return {
      id: `facets ${w} agent+service+env via skip scan`,
      target: false,
      run: (q: Querier) => Promise.all((["agent_name", "service_name", "environment"] as const).map((col) => q.query(facetsSkipScanSql(col), params))),
      baseline: { sql: `select * from traces where project_id = $1 and start_time >= $2::timestamptz and start_time < $3::timestamptz order by start_time desc limit 500`, params },
    };
  });
}

/** A Querier that rewrites statements before running them (and lets a rewrite see results). */
export function rewriting(q: Querier, rewrites: Rewrite[], onRows?: (text: string, rows: Row[]) => void): Querier {
  return {
    query: async <T extends Row>(text: string, params?: unknown[]) => {
      let t = text;
      let p = params;
      for (const rw of rewrites) [t, p] = rw(t, p);
      const rows = await q.query<T>(t, p);
      onRows?.(t, rows);
      return rows;
    },
  };
}
