// Statements that rebuild rollup buckets exactly from `traces` and `spans`.
// Hourly statements take $1 project, $2 hours (text[] of ISO hour starts, all in
// one UTC day), $3/$4 that day's bounds, $5/$6 the spans start_time range of the
// hours' traces (for partition pruning). Daily statements take $1 project and
// $2/$3 the day's bounds, and merge that day's hourly rows.
import {
  FAILED,
  HAS_ROOT,
  SPAN_MODEL,
  SPAN_PROVIDER,
  SUCCEEDED,
  TRACE_AGENT,
  TRACE_ENVIRONMENT,
  TRACE_LATENCY_INDEX,
  TRACE_SERVICE,
  utcHour,
} from "./sql-fragments";

export const ROLLUP_TABLES = ["metrics_trace_rollups", "metrics_usage_rollups", "metrics_llm_rollups"] as const;

const HOURS_OF_DAY = `t.project_id = $1 and t.start_time >= $3::timestamptz and t.start_time < $4::timestamptz
     and ${utcHour("t.start_time")} = any($2::text[]::timestamptz[])`;

/** The hours' traces with their dims and flags. */
const TRACES_CTE = `tr as (
  select t.trace_id, ${utcHour("t.start_time")} as bucket,
         ${TRACE_AGENT} as agent, ${TRACE_SERVICE} as service, ${TRACE_ENVIRONMENT} as environment,
         ${HAS_ROOT} as has_root, ${SUCCEEDED} as ok, ${FAILED} as failed, ${TRACE_LATENCY_INDEX} as idx
    from traces t
   where ${HOURS_OF_DAY})`;

const BILLABLE_SPANS_OF_TR = `s.project_id = $1 and s.billable
     and s.start_time >= $5::timestamptz and s.start_time <= $6::timestamptz`;

/** Outer aggregation of (dims…, idx) rows into one row per dims with a sorted histogram. */
const HISTOGRAM_COLUMNS = `coalesce(array_agg(idx order by idx) filter (where idx is not null), '{}'),
       coalesce(array_agg(roots::int4 order by idx) filter (where idx is not null), '{}')`;

export const TRACES_BOUNDS_SQL = `
select min(t.min_start_ns)::text as lo, max(t.max_end_ns)::text as hi from traces t where ${HOURS_OF_DAY}`;

// `total in (…)` lets the primary key (project_id, grain, total, bucket, …) find the buckets directly.
export const deleteHoursSql = (table: string) =>
  `delete from ${table} where project_id = $1 and grain = 1 and total in (false, true) and bucket = any($2::text[]::timestamptz[])`;

export const deleteDaySql = (table: string) =>
  `delete from ${table} where project_id = $1 and grain = 24 and total in (false, true) and bucket = $2::timestamptz`;

/** Detailed rows per (agent, service, environment) and total rows over them, in one pass. */
const totalColumns = (p: string) =>
  `grouping(${p}agent) = 1 as total, coalesce(${p}agent, '') as agent, coalesce(${p}service, '') as service, coalesce(${p}environment, '') as environment`;

export const INSERT_TRACE_HOURS_SQL = `
with base as (
  select ${utcHour("t.start_time")} as bucket,
         ${TRACE_AGENT} as agent, ${TRACE_SERVICE} as service, ${TRACE_ENVIRONMENT} as environment, ${TRACE_LATENCY_INDEX} as idx,
         ${HAS_ROOT} as has_root, ${SUCCEEDED} as ok, ${FAILED} as failed, t.cost_pico, t.llm_call_count, t.llm_error_count,
         t.unpriced_count, t.input_tokens, t.output_tokens, t.cache_read_tokens
    from traces t
   where ${HOURS_OF_DAY}),
x as (
  select bucket, ${totalColumns("")}, idx,
         count(*) as n, count(*) filter (where has_root) as roots, count(*) filter (where ok) as ok,
         sum(cost_pico) as cost, coalesce(sum(cost_pico) filter (where failed), 0) as wasted,
         sum(llm_call_count) as calls, sum(llm_error_count) as errors, sum(unpriced_count) as unpriced,
         sum(input_tokens) as input, sum(output_tokens) as output, sum(cache_read_tokens) as cache_read
    from base
   group by grouping sets ((bucket, agent, service, environment, idx), (bucket, idx)))
insert into metrics_trace_rollups (project_id, grain, total, bucket, agent, service, environment, trace_count, root_count, success_count,
  cost_pico, wasted_cost_pico, llm_calls, llm_errors, unpriced_calls, input_tokens, output_tokens, cache_read_tokens, lat_idx, lat_cnt)
select $1, 1, total, bucket, agent, service, environment, sum(n), sum(roots), sum(ok), sum(cost), sum(wasted),
       sum(calls), sum(errors), sum(unpriced), sum(input), sum(output), sum(cache_read),
       ${HISTOGRAM_COLUMNS}
  from x group by bucket, total, agent, service, environment`;

export const INSERT_USAGE_HOURS_SQL = `
with ${TRACES_CTE},
used as (
  select distinct s.trace_id, ${SPAN_PROVIDER} as provider, ${SPAN_MODEL} as model
    from spans s
   where ${BILLABLE_SPANS_OF_TR} and s.trace_id in (select trace_id from tr)),
kinds as (
  select distinct u.trace_id, k.kind, k.provider, k.model
    from used u
   cross join lateral (values (1::int2, ''::text, u.model), (2::int2, u.provider, ''::text), (3::int2, u.provider, u.model)) as k(kind, provider, model)),
x as (
  select tr.bucket, ${totalColumns("tr.")}, k.kind, k.provider, k.model, tr.idx,
         count(*) as n, count(*) filter (where tr.has_root) as roots, count(*) filter (where tr.ok) as ok
    from kinds k join tr on tr.trace_id = k.trace_id
   group by grouping sets ((tr.bucket, tr.agent, tr.service, tr.environment, k.kind, k.provider, k.model, tr.idx),
                           (tr.bucket, k.kind, k.provider, k.model, tr.idx)))
insert into metrics_usage_rollups (project_id, grain, total, bucket, agent, service, environment, kind, provider, model,
  trace_count, root_count, success_count, lat_idx, lat_cnt)
select $1, 1, total, bucket, agent, service, environment, kind, provider, model, sum(n), sum(roots), sum(ok),
       ${HISTOGRAM_COLUMNS}
  from x group by bucket, total, agent, service, environment, kind, provider, model`;

export const INSERT_LLM_HOURS_SQL = `
with ${TRACES_CTE},
calls as (
  select tr.bucket, tr.agent, tr.service, tr.environment, tr.failed, ${SPAN_PROVIDER} as provider, ${SPAN_MODEL} as model,
         s.status_code, s.price_id, s.cost_pico, s.input_tokens, s.output_tokens, s.cache_read_tokens
    from tr join spans s on s.trace_id = tr.trace_id
   where ${BILLABLE_SPANS_OF_TR})
insert into metrics_llm_rollups (project_id, grain, total, bucket, agent, service, environment, provider, model,
  llm_calls, llm_errors, unpriced_calls, cost_pico, wasted_cost_pico, input_tokens, output_tokens, cache_read_tokens)
select $1, 1, grouping(agent) = 1, bucket, coalesce(agent, ''), coalesce(service, ''), coalesce(environment, ''), provider, model,
       count(*), count(*) filter (where status_code = 2), count(*) filter (where price_id is null),
       coalesce(sum(cost_pico), 0), coalesce(sum(cost_pico) filter (where failed), 0),
       coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0), coalesce(sum(cache_read_tokens), 0)
  from calls
 group by grouping sets ((bucket, agent, service, environment, provider, model), (bucket, provider, model))`;

const DAY_SOURCE = (table: string) =>
  `src as (select * from ${table} where project_id = $1 and grain = 1 and total in (false, true) and bucket >= $2::timestamptz and bucket < $3::timestamptz)`;

/** Daily row = sums of the day's hourly rows; histograms merged bucket by bucket. */
function mergeDaySql(table: string, dims: string[], sums: string[], histogram: boolean): string {
  const d = dims.join(", ");
  const sumList = sums.map((c) => `sum(${c}) as ${c}`).join(", ");
  const cols = ["project_id", "grain", "bucket", ...dims, ...sums, ...(histogram ? ["lat_idx", "lat_cnt"] : [])].join(", ");
  if (!histogram) {
    return `with ${DAY_SOURCE(table)}
insert into ${table} (${cols}) select $1, 24, $2::timestamptz, ${d}, ${sumList} from src group by ${d}`;
  }
  return `with ${DAY_SOURCE(table)},
sums as (select ${d}, ${sumList} from src group by ${d}),
h as (select ${dims.map((c) => `src.${c}`).join(", ")}, u.idx, sum(u.cnt) as cnt
        from src cross join lateral unnest(src.lat_idx, src.lat_cnt) as u(idx, cnt) group by ${dims.map((c) => `src.${c}`).join(", ")}, u.idx),
ha as (select ${d}, array_agg(idx order by idx) as idxs, array_agg(cnt::int4 order by idx) as cnts from h group by ${d})
insert into ${table} (${cols})
select $1, 24, $2::timestamptz, ${dims.map((c) => `sums.${c}`).join(", ")}, ${sums.map((c) => `sums.${c}`).join(", ")},
       coalesce(ha.idxs, '{}'), coalesce(ha.cnts, '{}')
  from sums left join ha using (${d})`;
}

const TRACE_DIMS = ["total", "agent", "service", "environment"];

export const INSERT_TRACE_DAY_SQL = mergeDaySql(
  "metrics_trace_rollups",
  TRACE_DIMS,
  ["trace_count", "root_count", "success_count", "cost_pico", "wasted_cost_pico", "llm_calls", "llm_errors", "unpriced_calls", "input_tokens", "output_tokens", "cache_read_tokens"],
  true,
);

export const INSERT_USAGE_DAY_SQL = mergeDaySql(
  "metrics_usage_rollups",
  [...TRACE_DIMS, "kind", "provider", "model"],
  ["trace_count", "root_count", "success_count"],
  true,
);

export const INSERT_LLM_DAY_SQL = mergeDaySql(
  "metrics_llm_rollups",
  [...TRACE_DIMS, "provider", "model"],
  ["llm_calls", "llm_errors", "unpriced_calls", "cost_pico", "wasted_cost_pico", "input_tokens", "output_tokens", "cache_read_tokens"],
  false,
);
