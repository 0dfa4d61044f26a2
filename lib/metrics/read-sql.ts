// Builders of the read statements: the same figures from rollup rows (`r`) and from
// raw rows (`t` traces, `s` spans), per time bucket (`b`, epoch ms) and group (`g`).
// Pure: returns SQL text; values go through SqlArgs as parameters.
import type { MetricsFilter, GroupBy, Interval } from "./types";
import { bucketStartSql } from "./intervals";
import type { TimeRange, WindowPlan } from "./window-plan";
import {
  FAILED,
  SPAN_MODEL,
  SPAN_PROVIDER,
  SUCCEEDED,
  TRACE_AGENT,
  TRACE_ENVIRONMENT,
  TRACE_LATENCY_INDEX,
  TRACE_SERVICE,
} from "./sql-fragments";

export class SqlArgs {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

export interface ReadScope {
  filter: MetricsFilter;
  groupBy: GroupBy | null;
  /** null: one bucket for the whole window. */
  interval: Interval | null;
}

/** Which rows answer trace-level figures: all traces, or traces that used a model/provider. */
export type TraceSource = "traces" | "usage";

/**
 * metrics_usage_rollups kind for this scope: 1 by model, 2 by provider, 3 by both;
 * 0 when neither model nor provider is filtered or grouped (read `traces` directly).
 */
export function usageKind(s: ReadScope): 0 | 1 | 2 | 3 {
  const provider = !!s.filter.provider || s.groupBy === "provider";
  const model = !!s.filter.model || s.groupBy === "model";
  return provider && model ? 3 : provider ? 2 : model ? 1 : 0;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Above this many ranges, a time filter is one array parameter instead of OR'ed clauses. */
const MAX_OR_RANGES = 8;

/** Postgres array literal of the ranges' starts and ends, for `$n::timestamptz[]`. */
function rangeArrays(a: SqlArgs, ranges: readonly TimeRange[]): { lo: string; hi: string } {
  const arr = (pick: 0 | 1) => `{${ranges.map((r) => iso(r[pick])).join(",")}}`;
  return { lo: `${a.add(arr(0))}::timestamptz[]`, hi: `${a.add(arr(1))}::timestamptz[]` };
}

function rangesSql(a: SqlArgs, col: string, ranges: readonly TimeRange[]): string {
  if (ranges.length === 0) return "false";
  if (ranges.length > MAX_OR_RANGES) {
    // Hundreds of OR'ed ranges (a backlog of dirty hours) cost PostgreSQL seconds of
    // planning; the outer bounds keep the index range scan, the array does the rest.
    const { lo, hi } = rangeArrays(a, ranges);
    const from = Math.min(...ranges.map((r) => r[0]));
    const to = Math.max(...ranges.map((r) => r[1]));
    const outer = `${col} >= ${a.add(iso(from))}::timestamptz and ${col} < ${a.add(iso(to))}::timestamptz`;
    return `${outer} and exists (select 1 from unnest(${lo}, ${hi}) rng(lo, hi) where ${col} >= rng.lo and ${col} < rng.hi)`;
  }
  return ranges.map(([from, to]) => `(${col} >= ${a.add(iso(from))}::timestamptz and ${col} < ${a.add(iso(to))}::timestamptz)`).join(" or ");
}

const bucketOf = (s: ReadScope, ts: string) => (s.interval ? bucketStartSql(s.interval, ts) : "0::float8");

// ---- rollups ----

const ROLLUP_TRACE_COUNTS = `sum(r.trace_count)::float8 as traces, sum(r.root_count)::float8 as roots, sum(r.success_count)::float8 as successes`;
const ROLLUP_SPAN_SUMS = `sum(r.cost_pico)::text as cost, sum(r.wasted_cost_pico)::text as wasted,
  sum(r.llm_calls)::float8 as calls, sum(r.llm_errors)::float8 as errors, sum(r.unpriced_calls)::float8 as unpriced,
  sum(r.input_tokens)::float8 as input, sum(r.output_tokens)::float8 as output, sum(r.cache_read_tokens)::float8 as cache_read`;

function rollupWhere(a: SqlArgs, s: ReadScope, plan: WindowPlan, table: "trace" | "usage" | "llm"): string {
  const f = s.filter;
  const grains: string[] = [];
  if (plan.days.length) grains.push(`(r.grain = 24 and (${rangesSql(a, "r.bucket", plan.days)}))`);
  if (plan.hours.length) grains.push(`(r.grain = 1 and (${rangesSql(a, "r.bucket", plan.hours)}))`);
  // Total rows (summed over agent, service, environment) when none of those is filtered or grouped.
  const total = !f.agent && !f.service && !f.environment && !(s.groupBy && s.groupBy in TRACE_DIM);
  const parts = [`r.project_id = ${a.add(f.projectId)}`, `r.total = ${total}`, `(${grains.join(" or ") || "false"})`];
  if (f.agent) parts.push(`r.agent = ${a.add(f.agent)}`);
  if (f.service) parts.push(`r.service = ${a.add(f.service)}`);
  if (f.environment) parts.push(`r.environment = ${a.add(f.environment)}`);
  if (table === "usage") parts.push(`r.kind = ${usageKind(s)}`);
  if (table !== "trace") {
    if (f.model) parts.push(`r.model = ${a.add(f.model)}`);
    if (f.provider) parts.push(`r.provider = ${a.add(f.provider)}`);
  }
  return parts.join(" and ");
}

const rollupGroup = (s: ReadScope) => (s.groupBy ? `r.${s.groupBy}` : "''");

/** Trace counts (and, from metrics_trace_rollups, the trace-level sums) per bucket and group. */
export function rollupTraceSumsSql(a: SqlArgs, s: ReadScope, plan: WindowPlan, source: TraceSource, withSpanSums: boolean): string {
  const table = source === "usage" ? "usage" : "trace";
  const cols = withSpanSums && source === "traces" ? `${ROLLUP_TRACE_COUNTS}, ${ROLLUP_SPAN_SUMS}` : ROLLUP_TRACE_COUNTS;
  return `select ${bucketOf(s, "r.bucket")} as b, ${rollupGroup(s)} as g, ${cols}
  from metrics_${table}_rollups r where ${rollupWhere(a, s, plan, table)} group by 1, 2`;
}

export function rollupHistogramSql(a: SqlArgs, s: ReadScope, plan: WindowPlan, source: TraceSource): string {
  const table = source === "usage" ? "usage" : "trace";
  return `select ${bucketOf(s, "r.bucket")} as b, ${rollupGroup(s)} as g, u.idx, sum(u.cnt)::float8 as n
  from metrics_${table}_rollups r cross join lateral unnest(r.lat_idx, r.lat_cnt) as u(idx, cnt)
 where ${rollupWhere(a, s, plan, table)} group by 1, 2, 3`;
}

export function rollupLlmSumsSql(a: SqlArgs, s: ReadScope, plan: WindowPlan): string {
  return `select ${bucketOf(s, "r.bucket")} as b, ${rollupGroup(s)} as g, ${ROLLUP_SPAN_SUMS}
  from metrics_llm_rollups r where ${rollupWhere(a, s, plan, "llm")} group by 1, 2`;
}

// ---- raw rows ----

const RAW_TRACE_COUNTS = `count(*)::float8 as traces, count(t.root_span_id)::float8 as roots, (count(*) filter (where ${SUCCEEDED}))::float8 as successes`;
const RAW_TRACE_SPAN_SUMS = `sum(t.cost_pico)::text as cost, coalesce(sum(t.cost_pico) filter (where ${FAILED}), 0)::text as wasted,
  sum(t.llm_call_count)::float8 as calls, sum(t.llm_error_count)::float8 as errors, sum(t.unpriced_count)::float8 as unpriced,
  sum(t.input_tokens)::float8 as input, sum(t.output_tokens)::float8 as output, sum(t.cache_read_tokens)::float8 as cache_read`;
const RAW_SPAN_SUMS = `count(*)::float8 as calls, (count(*) filter (where s.status_code = 2))::float8 as errors,
  (count(*) filter (where s.price_id is null))::float8 as unpriced,
  coalesce(sum(s.cost_pico), 0)::text as cost, coalesce(sum(s.cost_pico) filter (where ${FAILED}), 0)::text as wasted,
  coalesce(sum(s.input_tokens), 0)::float8 as input, coalesce(sum(s.output_tokens), 0)::float8 as output,
  coalesce(sum(s.cache_read_tokens), 0)::float8 as cache_read`;

const TRACE_DIM: Record<"agent" | "service" | "environment", string> = {
  agent: TRACE_AGENT,
  service: TRACE_SERVICE,
  environment: TRACE_ENVIRONMENT,
};
const SPAN_DIM: Record<"model" | "provider", string> = { model: SPAN_MODEL, provider: SPAN_PROVIDER };

/** Spans start_time ranges [lo, hi] (ISO) covering every span of the raw ranges' traces. */
export type SpanBounds = readonly (readonly [string, string])[];

export function rawTraceWhere(a: SqlArgs, s: ReadScope, plan: Pick<WindowPlan, "raw">): string {
  return traceWhere(a, s, `(${rangesSql(a, "t.start_time", plan.raw)})`);
}

function traceWhere(a: SqlArgs, s: ReadScope, time: string): string {
  const f = s.filter;
  const parts = [`t.project_id = ${a.add(f.projectId)}`, time];
  if (f.agent) parts.push(`t.agent_name = ${a.add(f.agent)}`);
  if (f.service) parts.push(`t.service_name = ${a.add(f.service)}`);
  if (f.environment) parts.push(`t.environment = ${a.add(f.environment)}`);
  return parts.join(" and ");
}

export function billableSpanWhere(a: SqlArgs, s: ReadScope, bounds: SpanBounds): string {
  const f = s.filter;
  const parts = [
    `s.project_id = ${a.add(f.projectId)}`,
    "s.billable",
    `(${bounds.map(([lo, hi]) => `(s.start_time >= ${a.add(lo)}::timestamptz and s.start_time <= ${a.add(hi)}::timestamptz)`).join(" or ")})`,
  ];
  if (f.model) parts.push(`${SPAN_MODEL} = ${a.add(f.model)}`);
  if (f.provider) parts.push(`s.provider = ${a.add(f.provider)}`);
  return parts.join(" and ");
}

/** FROM clause for trace-level raw figures; with usage, one row per (trace, used model/provider group). */
function rawTraceFrom(a: SqlArgs, s: ReadScope, source: TraceSource, bounds: SpanBounds | null): { from: string; group: string } {
  const dim = s.groupBy;
  if (source === "traces") return { from: "traces t", group: dim && dim in TRACE_DIM ? TRACE_DIM[dim as keyof typeof TRACE_DIM] : "''" };
  if (!bounds) throw new Error("usage figures need the spans bounds");
  const spanDim = dim === "model" || dim === "provider" ? SPAN_DIM[dim] : null;
  const used = `select distinct s.trace_id${spanDim ? `, ${spanDim} as g` : ""} from spans s where ${billableSpanWhere(a, s, bounds)}`;
  return {
    from: `traces t join (${used}) u on u.trace_id = t.trace_id`,
    group: spanDim ? "u.g" : dim ? TRACE_DIM[dim as keyof typeof TRACE_DIM] : "''",
  };
}

/** Per raw range, the span start range of its traces (one row per range that holds a trace). */
export function rawBoundsSql(a: SqlArgs, s: ReadScope, plan: WindowPlan): string {
  const { lo, hi } = rangeArrays(a, plan.raw);
  const where = traceWhere(a, s, "t.start_time >= rng.lo and t.start_time < rng.hi");
  return `select min(t.min_start_ns)::text as lo, max(t.max_end_ns)::text as hi
  from unnest(${lo}, ${hi}) with ordinality rng(lo, hi, i) join traces t on ${where} group by rng.i`;
}

export function rawTraceSumsSql(a: SqlArgs, s: ReadScope, plan: WindowPlan, source: TraceSource, bounds: SpanBounds | null, withSpanSums: boolean): string {
  const { from, group } = rawTraceFrom(a, s, source, bounds);
  const cols = withSpanSums && source === "traces" ? `${RAW_TRACE_COUNTS}, ${RAW_TRACE_SPAN_SUMS}` : RAW_TRACE_COUNTS;
  return `select ${bucketOf(s, "t.start_time")} as b, ${group} as g, ${cols} from ${from} where ${rawTraceWhere(a, s, plan)} group by 1, 2`;
}

export function rawHistogramSql(a: SqlArgs, s: ReadScope, plan: WindowPlan, source: TraceSource, bounds: SpanBounds | null): string {
  const { from, group } = rawTraceFrom(a, s, source, bounds);
  return `select ${bucketOf(s, "t.start_time")} as b, ${group} as g, ${TRACE_LATENCY_INDEX} as idx, count(*)::float8 as n
  from ${from} where ${rawTraceWhere(a, s, plan)} and t.root_span_id is not null group by 1, 2, 3`;
}

/** Exact nearest-rank percentiles (percentile_disc) of trace latency, in ns. */
export function rawExactLatencySql(a: SqlArgs, s: ReadScope, plan: WindowPlan, source: TraceSource, bounds: SpanBounds | null): string {
  const { from, group } = rawTraceFrom(a, s, source, bounds);
  return `select ${bucketOf(s, "t.start_time")} as b, ${group} as g,
         (percentile_disc(array[0.5, 0.95, 0.99]) within group (order by t.root_duration_ns))::float8[] as p
  from ${from} where ${rawTraceWhere(a, s, plan)} and t.root_span_id is not null group by 1, 2`;
}

/** LLM-call sums from the raw spans of the window's traces. */
export function rawLlmSumsSql(a: SqlArgs, s: ReadScope, plan: WindowPlan, bounds: SpanBounds): string {
  const dim = s.groupBy;
  const group = dim === "model" || dim === "provider" ? SPAN_DIM[dim] : dim ? TRACE_DIM[dim] : "''";
  return `select ${bucketOf(s, "t.start_time")} as b, ${group} as g, ${RAW_SPAN_SUMS}
  from traces t join spans s on s.project_id = t.project_id and s.trace_id = t.trace_id
 where ${rawTraceWhere(a, s, plan)} and ${billableSpanWhere(a, s, bounds)} group by 1, 2`;
}
