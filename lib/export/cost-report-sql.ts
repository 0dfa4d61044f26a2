// Raw reads behind the cost report: the window's traces (by trace start time, as the
// metrics define it) grouped by any of time bucket, agent and model, plus unpriced
// calls and the prices the calls used. Same expressions as lib/metrics (sql-fragments).
import type { Querier } from "@/lib/db/client";
import { picoTextToUsd } from "@/lib/db/traces";
import { bucketStartSql } from "@/lib/metrics/intervals";
import { SqlArgs } from "@/lib/metrics/read-sql";
import { FAILED, SPAN_MODEL, SPAN_PROVIDER, SUCCEEDED, TRACE_AGENT } from "@/lib/metrics/sql-fragments";
import type { Interval, MetricsFilter } from "@/lib/metrics/types";

export interface GroupSums {
  /** Bucket start (epoch ms, not clipped), or 0 when not grouped by time. */
  bucket: number;
  /** "" when not grouped by agent, or the trace has no agent. */
  agent: string;
  /** "" when not grouped by model, or the trace made no LLM call. */
  model: string;
  traces: number;
  successfulTraces: number;
  costUsd: number;
  wastedCostUsd: number;
  llmCalls: number;
  inputTokens: number;
  outputTokens: number;
  unpricedCalls: number;
}

export interface GroupDims {
  bucket: Interval | null;
  agent: boolean;
  model: boolean;
}

/** Spans start_time range covering every span of the window's traces; null when there is none. */
export type SpanRange = readonly [string, string] | null;

function traceWhere(a: SqlArgs, f: MetricsFilter): string {
  const parts = [`t.project_id = ${a.add(f.projectId)}`, `t.start_time >= ${a.add(f.from.toISOString())}::timestamptz`, `t.start_time < ${a.add(f.to.toISOString())}::timestamptz`];
  if (f.agent) parts.push(`t.agent_name = ${a.add(f.agent)}`);
  if (f.service) parts.push(`t.service_name = ${a.add(f.service)}`);
  if (f.environment) parts.push(`t.environment = ${a.add(f.environment)}`);
  return parts.join(" and ");
}

function spanWhere(a: SqlArgs, f: MetricsFilter, range: readonly [string, string]): string {
  return `s.project_id = ${a.add(f.projectId)} and s.billable and s.start_time >= ${a.add(range[0])}::timestamptz and s.start_time <= ${a.add(range[1])}::timestamptz`;
}

async function run<T extends Record<string, unknown>>(q: Querier, build: (a: SqlArgs) => string): Promise<T[]> {
  const a = new SqlArgs();
  const text = build(a);
  return q.query<T>(text, a.values);
}

export async function spanRange(q: Querier, f: MetricsFilter): Promise<SpanRange> {
  const [r] = await run<{ lo: string | null; hi: string | null }>(
    q,
    (a) => `select min(t.min_start_ns)::text as lo, max(t.max_end_ns)::text as hi from traces t where ${traceWhere(a, f)}`,
  );
  if (!r?.lo || !r.hi) return null;
  // spans.start_time is start_ns truncated to µs; widen by 1 ms each side.
  const ms = (ns: string, d: number) => new Date(Number(BigInt(ns) / 1_000_000n) + d).toISOString();
  return [ms(r.lo, -1), ms(r.hi, 1)];
}

interface SumRow extends Record<string, unknown> {
  b: number;
  agent: string;
  model: string;
  traces: number;
  successes: number;
  cost: string;
  wasted: string;
  calls: number;
  input: number;
  output: number;
  unpriced: number;
}

const SUM_COLS = (src: string) => `count(*)::float8 as traces, (count(*) filter (where ${SUCCEEDED}))::float8 as successes,
  coalesce(sum(${src}.cost_pico), 0)::text as cost, coalesce(sum(${src}.cost_pico) filter (where ${FAILED}), 0)::text as wasted,
  coalesce(sum(${src}.llm_call_count), 0)::float8 as calls, coalesce(sum(${src}.input_tokens), 0)::float8 as input,
  coalesce(sum(${src}.output_tokens), 0)::float8 as output, coalesce(sum(${src}.unpriced_count), 0)::float8 as unpriced`;

/**
 * Sums per group. Grouped by model, a trace counts once per model it used (groups may
 * overlap in trace counts) and its calls are split by model, so cost, tokens and calls
 * add up to the total; traces without an LLM call form the "" model group.
 */
export async function groupedSums(q: Querier, f: MetricsFilter, dims: GroupDims, range: SpanRange): Promise<GroupSums[]> {
  const b = dims.bucket ? bucketStartSql(dims.bucket, "t.start_time") : "0::float8";
  const agent = dims.agent ? TRACE_AGENT : "''";
  const rows = await run<SumRow>(q, (a) => {
    if (!dims.model || !range) {
      return `select ${b} as b, ${agent} as agent, ''::text as model, ${SUM_COLS("t")} from traces t where ${traceWhere(a, f)} group by 1, 2, 3`;
    }
    return `with w as (select * from traces t where ${traceWhere(a, f)}),
  m as (select s.trace_id, ${SPAN_MODEL} as model, count(*) as llm_call_count, count(*) filter (where s.price_id is null) as unpriced_count,
               sum(s.cost_pico) as cost_pico, sum(s.input_tokens) as input_tokens, sum(s.output_tokens) as output_tokens
          from spans s join w t on t.trace_id = s.trace_id where ${spanWhere(a, f, range)} group by 1, 2)
select ${b} as b, ${agent} as agent, coalesce(m.model, '') as model, ${SUM_COLS("m")}
  from w t left join m on m.trace_id = t.trace_id group by 1, 2, 3`;
  });
  return rows.map((r) => ({
    bucket: Number(r.b),
    agent: r.agent,
    model: r.model,
    traces: Number(r.traces),
    successfulTraces: Number(r.successes),
    costUsd: picoTextToUsd(r.cost),
    wastedCostUsd: picoTextToUsd(r.wasted),
    llmCalls: Number(r.calls),
    inputTokens: Number(r.input),
    outputTokens: Number(r.output),
    unpricedCalls: Number(r.unpriced),
  }));
}

export interface UnpricedUsage {
  provider: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** LLM calls of the window's traces that matched no price, per provider and model (most calls first). */
export async function unpricedUsage(q: Querier, f: MetricsFilter, range: SpanRange): Promise<UnpricedUsage[]> {
  if (!range) return [];
  const rows = await run<{ provider: string; model: string; calls: number; input: number; output: number }>(
    q,
    (a) => `select ${SPAN_PROVIDER} as provider, ${SPAN_MODEL} as model, count(*)::float8 as calls,
       coalesce(sum(s.input_tokens), 0)::float8 as input, coalesce(sum(s.output_tokens), 0)::float8 as output
  from spans s join traces t on t.project_id = s.project_id and t.trace_id = s.trace_id
 where ${traceWhere(a, f)} and ${spanWhere(a, f, range)} and s.price_id is null
 group by 1, 2 order by 3 desc, 2, 1`,
  );
  return rows.map((r) => ({ provider: r.provider, model: r.model, calls: Number(r.calls), inputTokens: Number(r.input), outputTokens: Number(r.output) }));
}

/** Ids of the price rows the window's calls were priced with. */
export async function usedPriceIds(q: Querier, f: MetricsFilter, range: SpanRange): Promise<Set<number>> {
  if (!range) return new Set();
  const rows = await run<{ id: number }>(
    q,
    (a) => `select distinct s.price_id as id from spans s join traces t on t.project_id = s.project_id and t.trace_id = s.trace_id
 where ${traceWhere(a, f)} and ${spanWhere(a, f, range)} and s.price_id is not null`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}
