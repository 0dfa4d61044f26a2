// Read queries for traces and spans, shaped as PRODUCT.md's TraceSummary and Span.
import type { Querier } from "./client";
import { isoFromNs } from "./span-writer";

export type TraceStatus = "ok" | "error" | "incomplete";

export interface TraceSummary {
  traceId: string;
  name: string;
  serviceName: string | null;
  agentName: string | null;
  startTime: string;
  durationMs: number;
  status: TraceStatus;
  spanCount: number;
  llmCallCount: number;
  errorCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  /** Beyond the contract (additive): billable calls whose model has no price, so costUsd is a lower bound. */
  unpricedCallCount: number;
}

export interface SpanView {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  operation: string;
  provider: string | null;
  model: string | null;
  startTime: string;
  durationMs: number;
  status: "unset" | "ok" | "error";
  errorType: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  /** null for a billable span with no matching price ("unpriced"); 0 for non-billable spans. */
  costUsd: number | null;
  billable: boolean;
  attributes: Record<string, unknown>;
  // Beyond the PRODUCT.md contract (additive): what the span detail panel shows.
  usageScope: string | null;
  agentName: string | null;
  toolName: string | null;
  finishReasons: string[] | null;
  droppedKeyCount: number;
  events: { name: string; timeUnixNano: string; attributes: Record<string, unknown> }[];
  /** The price row used (µUSD per Mtok), or null. */
  price: { id: number; provider: string; model: string; input: number; output: number; cacheRead: number | null; cacheWrite: number | null; effectiveFrom: string } | null;
}

const PICO_PER_USD = 1e12;

/** pico-USD as text (exact int8) → USD number. */
export function picoTextToUsd(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const big = BigInt(String(v));
  // Split to keep precision for large sums: whole dollars exactly, the rest as a fraction.
  const whole = big / 1_000_000_000_000n;
  const frac = big % 1_000_000_000_000n;
  return Number(whole) + Number(frac) / PICO_PER_USD;
}

export const TRACE_SUMMARY_COLUMNS = `
  t.trace_id, coalesce(t.first_name, '') as name, t.service_name, t.agent_name,
  t.start_time,
  (case when t.root_span_id is not null then t.root_duration_ns else t.max_end_ns - t.min_start_ns end)::float8 / 1e6 as duration_ms,
  case when t.root_span_id is null then 'incomplete' when t.root_status = 2 then 'error' else 'ok' end as status,
  t.span_count, t.llm_call_count, t.error_count,
  t.input_tokens::float8 as input_tokens, t.output_tokens::float8 as output_tokens,
  t.cache_read_tokens::float8 as cache_read_tokens, t.cost_pico::text as cost_pico, t.unpriced_count`;

export type TraceSummaryRow = {
  trace_id: string;
  name: string;
  service_name: string | null;
  agent_name: string | null;
  start_time: Date | string;
  duration_ms: number;
  status: TraceStatus;
  span_count: number;
  llm_call_count: number;
  error_count: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cost_pico: string;
  unpriced_count: number;
};

function iso(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

export function toTraceSummary(r: TraceSummaryRow): TraceSummary {
  return {
    traceId: r.trace_id,
    name: r.name,
    serviceName: r.service_name,
    agentName: r.agent_name,
    startTime: iso(r.start_time),
    durationMs: Number(r.duration_ms),
    status: r.status,
    spanCount: Number(r.span_count),
    llmCallCount: Number(r.llm_call_count),
    errorCount: Number(r.error_count),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    cacheReadTokens: Number(r.cache_read_tokens),
    costUsd: picoTextToUsd(r.cost_pico),
    unpricedCallCount: Number(r.unpriced_count),
  };
}

type SummaryWithBounds = TraceSummaryRow & { min_start_ns: string; max_end_ns: string };

async function summaryRow(q: Querier, projectId: number, traceId: string): Promise<SummaryWithBounds | null> {
  const rows = await q.query<SummaryWithBounds>(
    `select ${TRACE_SUMMARY_COLUMNS}, t.min_start_ns::text as min_start_ns, t.max_end_ns::text as max_end_ns
       from traces t where t.project_id = $1 and t.trace_id = $2`,
    [projectId, traceId],
  );
  return rows[0] ?? null;
}

export async function getTraceSummary(q: Querier, projectId: number, traceId: string): Promise<TraceSummary | null> {
  const row = await summaryRow(q, projectId, traceId);
  return row ? toTraceSummary(row) : null;
}

type SpanRowOut = {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: number;
  operation: string;
  provider: string | null;
  model: string | null;
  start_time: Date | string;
  duration_ms: number;
  status_code: number;
  error_type: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  cost_pico: string | null;
  billable: boolean;
  attributes: Record<string, unknown> | string;
  usage_scope: string | null;
  agent_name: string | null;
  tool_name: string | null;
  finish_reasons: string[] | null;
  dropped_key_count: number;
  events: SpanView["events"] | string | null;
  price_id: number | null;
  price_provider: string | null;
  price_model: string | null;
  price_input: number | string | null;
  price_output: number | string | null;
  price_cache_read: number | string | null;
  price_cache_write: number | string | null;
  price_from: Date | string | null;
};

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

const STATUS: SpanView["status"][] = ["unset", "ok", "error"];

/**
 * A trace's spans. With `bounds` (the trace's min start / max end in ns) the query
 * names its time range as parameters, so the planner prunes the day partitions
 * (bench/traces.ts: 2.4 → 0.8 ms for a small trace among 33 partitions).
 */
export async function listTraceSpans(
  q: Querier,
  projectId: number,
  traceId: string,
  bounds?: { minStartNs: bigint; maxEndNs: bigint },
): Promise<SpanView[]> {
  const range = bounds ? `and s.start_time >= $3::timestamptz and s.start_time <= $4::timestamptz` : "";
  const params: unknown[] = bounds ? [projectId, traceId, isoFromNs(bounds.minStartNs), isoFromNs(bounds.maxEndNs)] : [projectId, traceId];
  const rows = await q.query<SpanRowOut>(
    `select span_id, parent_span_id, name, kind, operation, s.provider,
            coalesce(response_model, request_model) as model, start_time,
            duration_ns::float8 / 1e6 as duration_ms, status_code, error_type,
            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
            s.cost_pico::text as cost_pico, billable, attributes, usage_scope, agent_name, tool_name,
            finish_reasons, dropped_key_count, events, s.price_id,
            p.provider as price_provider, p.model as price_model, p.input as price_input, p.output as price_output,
            p.cache_read as price_cache_read, p.cache_write as price_cache_write, p.effective_from as price_from
       from spans s left join prices p on p.id = s.price_id
      where s.project_id = $1 and s.trace_id = $2 ${range}
      order by s.start_ns, s.span_id`,
    params,
  );
  return rows.map((r) => ({
    spanId: r.span_id,
    parentSpanId: r.parent_span_id,
    name: r.name,
    kind: Number(r.kind),
    operation: r.operation,
    provider: r.provider,
    model: r.model,
    startTime: iso(r.start_time),
    durationMs: Number(r.duration_ms),
    status: STATUS[Number(r.status_code)] ?? "unset",
    errorType: r.error_type,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cacheReadTokens: r.cache_read_tokens,
    cacheWriteTokens: r.cache_write_tokens,
    reasoningTokens: r.reasoning_tokens,
    costUsd: r.billable ? (r.cost_pico === null ? null : picoTextToUsd(r.cost_pico)) : 0,
    billable: r.billable,
    attributes: json(r.attributes),
    usageScope: r.usage_scope,
    agentName: r.agent_name,
    toolName: r.tool_name,
    finishReasons: r.finish_reasons,
    droppedKeyCount: Number(r.dropped_key_count),
    events: r.events ? json(r.events) : [],
    price:
      r.price_id === null || r.price_provider === null || r.price_model === null || r.price_from === null
        ? null
        : {
            id: Number(r.price_id),
            provider: r.price_provider,
            model: r.price_model,
            input: Number(r.price_input),
            output: Number(r.price_output),
            cacheRead: numOrNull(r.price_cache_read),
            cacheWrite: numOrNull(r.price_cache_write),
            effectiveFrom: iso(r.price_from),
          },
  }));
}

export interface TraceDetail {
  trace: TraceSummary;
  spans: SpanView[];
}

export async function getTraceDetail(q: Querier, projectId: number, traceId: string): Promise<TraceDetail | null> {
  const row = await summaryRow(q, projectId, traceId);
  if (!row) return null;
  // Span start times are stored truncated to µs, so [floor(min start), max end] holds every span.
  const bounds = { minStartNs: BigInt(row.min_start_ns), maxEndNs: BigInt(row.max_end_ns) };
  return { trace: toTraceSummary(row), spans: await listTraceSpans(q, projectId, traceId, bounds) };
}
