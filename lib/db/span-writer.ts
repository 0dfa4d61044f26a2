// The ingest hot path's writes: one transaction per OTLP request, bulk `unnest`
// statements (drizzle's insert builder is ~7k rows/s here, unnest ~40k; PERF.md).
// Only spans actually inserted (not re-sent duplicates) feed the trace summaries,
// so re-sending a batch changes nothing.
import type { Querier } from "./client";
import { copyValue } from "./copy";

export interface SpanRow {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  startNs: bigint;
  durationNs: bigint;
  name: string;
  kind: number;
  statusCode: number;
  errorType: string | null;
  operation: string;
  provider: string | null;
  requestModel: string | null;
  responseModel: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  billable: boolean;
  usageScope: string | null;
  /** null when not billable, or billable but unpriced (priceId null). */
  costPico: bigint | null;
  priceId: number | null;
  reportedCostUsd: number | null;
  agentName: string | null;
  toolName: string | null;
  conversationId: string | null;
  userId: string | null;
  serviceName: string | null;
  environment: string | null;
  resourceHash: string | null;
  finishReasons: string[] | null;
  /** JSON text of the kept attributes. */
  attributes: string;
  /** JSON text of the kept events, or null. */
  events: string | null;
  droppedKeyCount: number;
}

export interface SpanBatch {
  spans: SpanRow[];
  /** resource hash → JSON text of kept resource attributes */
  resources: Map<string, string>;
  /** dropped key pattern → count */
  droppedKeys: Map<string, number>;
}

export interface WriteResult {
  inserted: number;
  duplicates: number;
}

const CHUNK = 2000;

/** ISO-8601 with microseconds from Unix nanoseconds (timestamptz keeps µs). */
export function isoFromNs(ns: bigint): string {
  if (ns >= 0n && ns < FAST_ISO_LIMIT_NS) {
    const us = Number(ns / 1000n); // exact: below 2^53
    const ms = Math.floor(us / 1000);
    const sec = Math.floor(ms / 1000);
    // Spans of one batch mostly share a second: format the date and time once.
    if (sec !== isoSecond) {
      isoSecond = sec;
      isoPrefix = new Date(sec * 1000).toISOString().slice(0, 20); // …ss.
    }
    return `${isoPrefix}${pad3(ms - sec * 1000)}${pad3(us - ms * 1000)}Z`;
  }
  const ms = ns / 1_000_000n;
  const micros = (ns / 1000n) % 1000n;
  const iso = new Date(Number(ms)).toISOString(); // …sss Z
  return `${iso.slice(0, 23)}${(micros < 0n ? -micros : micros).toString().padStart(3, "0")}Z`;
}

/** Below this (year 2255) µs fit a double exactly and toISOString has a 4-digit year. */
const FAST_ISO_LIMIT_NS = 9_000_000_000_000_000_000n;
let isoSecond = -1;
let isoPrefix = "";

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`;
}

/** Postgres array literal for text[] (quotes every element). */
function pgTextArray(values: string[] | null): string | null {
  if (!values) return null;
  return `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

const SPAN_COLUMNS = [
  ["trace_id", "text"],
  ["span_id", "text"],
  ["parent_span_id", "text"],
  ["start_time", "timestamptz"],
  ["start_ns", "int8"],
  ["duration_ns", "int8"],
  ["name", "text"],
  ["kind", "int2"],
  ["status_code", "int2"],
  ["error_type", "text"],
  ["operation", "text"],
  ["provider", "text"],
  ["request_model", "text"],
  ["response_model", "text"],
  ["input_tokens", "int4"],
  ["output_tokens", "int4"],
  ["cache_read_tokens", "int4"],
  ["cache_write_tokens", "int4"],
  ["reasoning_tokens", "int4"],
  ["billable", "bool"],
  ["usage_scope", "text"],
  ["cost_pico", "int8"],
  ["price_id", "int4"],
  ["reported_cost_usd", "float8"],
  ["agent_name", "text"],
  ["tool_name", "text"],
  ["conversation_id", "text"],
  ["user_id", "text"],
  ["service_name", "text"],
  ["environment", "text"],
  ["resource_hash", "text"],
  ["finish_reasons", "text[]"],
  ["attributes", "jsonb"],
  ["events", "jsonb"],
  ["dropped_key_count", "int4"],
] as const;

// Every array is sent as text[] and cast per column: the one encoding both
// postgres.js and PGlite accept for every type (PERF.md: Date/timestamptz[] params break).
const INSERT_SPANS_SQL = `
insert into spans (project_id, ${SPAN_COLUMNS.map(([c]) => c).join(", ")})
select $1::int4, ${SPAN_COLUMNS.map(([c, t]) => `u.${c}::${t}`).join(", ")}
  from unnest(${SPAN_COLUMNS.map((_, i) => `$${i + 2}::text[]`).join(", ")})
    as u(${SPAN_COLUMNS.map(([c]) => c).join(", ")})
on conflict do nothing
returning trace_id, span_id`;

const COPY_SPANS_SQL = `copy spans (project_id, ${SPAN_COLUMNS.map(([c]) => c).join(", ")}) from stdin`;

/** The batch as COPY text: the same values, in the same column order, as INSERT_SPANS_SQL's arrays. */
function spansCopyText(projectId: number, rows: SpanRow[]): string {
  const pid = String(projectId);
  let out = "";
  for (const r of rows) {
    out +=
      `${pid}\t${copyValue(r.traceId)}\t${copyValue(r.spanId)}\t${copyValue(r.parentSpanId)}\t${isoFromNs(r.startNs)}` +
      `\t${r.startNs}\t${r.durationNs}\t${copyValue(r.name)}\t${r.kind}\t${r.statusCode}\t${copyValue(r.errorType)}` +
      `\t${copyValue(r.operation)}\t${copyValue(r.provider)}\t${copyValue(r.requestModel)}\t${copyValue(r.responseModel)}` +
      `\t${num(r.inputTokens)}\t${num(r.outputTokens)}\t${num(r.cacheReadTokens)}\t${num(r.cacheWriteTokens)}` +
      `\t${num(r.reasoningTokens)}\t${r.billable}\t${copyValue(r.usageScope)}\t${num(r.costPico)}\t${num(r.priceId)}` +
      `\t${num(r.reportedCostUsd)}\t${copyValue(r.agentName)}\t${copyValue(r.toolName)}\t${copyValue(r.conversationId)}` +
      `\t${copyValue(r.userId)}\t${copyValue(r.serviceName)}\t${copyValue(r.environment)}\t${copyValue(r.resourceHash)}` +
      `\t${copyValue(pgTextArray(r.finishReasons))}\t${copyValue(r.attributes)}\t${copyValue(r.events)}\t${r.droppedKeyCount}\n`;
  }
  return out;
}

function num(v: number | bigint | null): string {
  return v === null ? "\\N" : String(v);
}

const COPY_SAVEPOINT = "skein_spans_copy";

/**
 * Optimistic COPY (PostgreSQL): inside a savepoint, COPY the whole batch straight into
 * spans, so every row is new. A unique violation means some span is already stored (a
 * re-send): roll back to the savepoint and let the caller insert with ON CONFLICT.
 */
async function copySpans(tx: Querier, copyIn: NonNullable<Querier["copyIn"]>, projectId: number, rows: SpanRow[]): Promise<boolean> {
  await tx.query(`savepoint ${COPY_SAVEPOINT}`);
  try {
    await copyIn(COPY_SPANS_SQL, spansCopyText(projectId, rows));
  } catch (err) {
    if ((err as { code?: unknown }).code !== "23505") throw err;
    await tx.query(`rollback to savepoint ${COPY_SAVEPOINT}`);
    return false;
  }
  await tx.query(`release savepoint ${COPY_SAVEPOINT}`);
  return true;
}

function str(v: string | number | bigint | boolean | null): string | null {
  return v === null ? null : String(v);
}

function spanColumns(rows: SpanRow[]): (string | null)[][] {
  const cols: (string | null)[][] = SPAN_COLUMNS.map(() => new Array<string | null>(rows.length));
  rows.forEach((r, i) => {
    const values = [
      r.traceId,
      r.spanId,
      r.parentSpanId,
      isoFromNs(r.startNs),
      str(r.startNs),
      str(r.durationNs),
      r.name,
      str(r.kind),
      str(r.statusCode),
      r.errorType,
      r.operation,
      r.provider,
      r.requestModel,
      r.responseModel,
      str(r.inputTokens),
      str(r.outputTokens),
      str(r.cacheReadTokens),
      str(r.cacheWriteTokens),
      str(r.reasoningTokens),
      str(r.billable),
      r.usageScope,
      str(r.costPico),
      str(r.priceId),
      str(r.reportedCostUsd),
      r.agentName,
      r.toolName,
      r.conversationId,
      r.userId,
      r.serviceName,
      r.environment,
      r.resourceHash,
      pgTextArray(r.finishReasons),
      r.attributes,
      r.events,
      str(r.droppedKeyCount),
    ];
    for (let c = 0; c < values.length; c++) cols[c]![i] = values[c] ?? null;
  });
  return cols;
}

interface TraceDelta {
  traceId: string;
  startNs: bigint; // root start if the delta has the root, else min start
  minStartNs: bigint;
  maxEndNs: bigint;
  rootSpanId: string | null;
  rootKey: string | null;
  rootStatus: number | null;
  rootDurationNs: bigint | null;
  rootStartNs: bigint | null;
  firstKey: string;
  firstName: string;
  serviceName: string | null;
  environment: string | null;
  agentKey: string | null;
  agentName: string | null;
  userKey: string | null;
  userId: string | null;
  spanCount: number;
  llmCallCount: number;
  llmErrorCount: number;
  errorCount: number;
  unpricedCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costPico: bigint;
  models: Set<string>;
}

/** Order key: roots before everything, then earliest start, then span id. */
function spanKey(s: SpanRow): string {
  return `${s.parentSpanId === null ? "0" : "1"}${s.startNs.toString().padStart(20, "0")}${s.spanId}`;
}

export function traceDeltas(rows: SpanRow[]): TraceDelta[] {
  const byTrace = new Map<string, TraceDelta>();
  for (const s of rows) {
    const key = spanKey(s);
    const endNs = s.startNs + s.durationNs;
    let d = byTrace.get(s.traceId);
    if (!d) {
      d = {
        traceId: s.traceId,
        startNs: s.startNs,
        minStartNs: s.startNs,
        maxEndNs: endNs,
        rootSpanId: null,
        rootKey: null,
        rootStatus: null,
        rootDurationNs: null,
        rootStartNs: null,
        firstKey: key,
        firstName: s.name,
        serviceName: s.serviceName,
        environment: s.environment,
        agentKey: null,
        agentName: null,
        userKey: null,
        userId: null,
        spanCount: 0,
        llmCallCount: 0,
        llmErrorCount: 0,
        errorCount: 0,
        unpricedCount: 0,
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costPico: 0n,
        models: new Set(),
      };
      byTrace.set(s.traceId, d);
    }
    if (s.startNs < d.minStartNs) d.minStartNs = s.startNs;
    if (endNs > d.maxEndNs) d.maxEndNs = endNs;
    if (key < d.firstKey) {
      d.firstKey = key;
      d.firstName = s.name;
      d.serviceName = s.serviceName;
      d.environment = s.environment;
    }
    if (s.parentSpanId === null && (d.rootKey === null || key < d.rootKey)) {
      d.rootKey = key;
      d.rootSpanId = s.spanId;
      d.rootStatus = s.statusCode;
      d.rootDurationNs = s.durationNs;
      d.rootStartNs = s.startNs;
    }
    if (s.agentName !== null && (d.agentKey === null || key < d.agentKey)) {
      d.agentKey = key;
      d.agentName = s.agentName;
    }
    if (s.userId !== null && (d.userKey === null || key < d.userKey)) {
      d.userKey = key;
      d.userId = s.userId;
    }
    d.spanCount++;
    if (s.statusCode === 2) d.errorCount++;
    if (s.billable) {
      d.llmCallCount++;
      if (s.statusCode === 2) d.llmErrorCount++;
      if (s.priceId === null) d.unpricedCount++;
      d.inputTokens += s.inputTokens ?? 0;
      d.outputTokens += s.outputTokens ?? 0;
      d.cacheReadTokens += s.cacheReadTokens ?? 0;
      d.cacheWriteTokens += s.cacheWriteTokens ?? 0;
      d.reasoningTokens += s.reasoningTokens ?? 0;
      d.costPico += s.costPico ?? 0n;
      const model = s.responseModel ?? s.requestModel;
      if (model) d.models.add(model);
    }
  }
  for (const d of byTrace.values()) d.startNs = d.rootStartNs ?? d.minStartNs;
  // A stable order keeps concurrent upserts of overlapping traces from deadlocking.
  return [...byTrace.values()].sort((a, b) => (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0));
}

const TRACE_COLUMNS = [
  ["trace_id", "text"],
  ["start_time", "timestamptz"],
  ["min_start_ns", "int8"],
  ["max_end_ns", "int8"],
  ["root_span_id", "text"],
  ["root_key", "text"],
  ["root_status", "int2"],
  ["root_duration_ns", "int8"],
  ["first_key", "text"],
  ["first_name", "text"],
  ["service_name", "text"],
  ["environment", "text"],
  ["agent_key", "text"],
  ["agent_name", "text"],
  ["user_key", "text"],
  ["user_id", "text"],
  ["span_count", "int4"],
  ["llm_call_count", "int4"],
  ["llm_error_count", "int4"],
  ["error_count", "int4"],
  ["unpriced_count", "int4"],
  ["input_tokens", "int8"],
  ["output_tokens", "int8"],
  ["cache_read_tokens", "int8"],
  ["cache_write_tokens", "int8"],
  ["reasoning_tokens", "int8"],
  ["cost_pico", "int8"],
  ["models", "text[]"],
] as const;

const ADDITIVE = [
  "span_count",
  "llm_call_count",
  "llm_error_count",
  "error_count",
  "unpriced_count",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_pico",
];

/** Columns that follow a smallest-key-wins choice: key column → dependent columns. */
const KEYED: Record<string, string[]> = {
  first_key: ["first_name", "service_name", "environment"],
  agent_key: ["agent_name"],
  user_key: ["user_id"],
  root_key: ["root_span_id", "root_status", "root_duration_ns"],
};

function keyedSet(): string[] {
  const out: string[] = [];
  for (const [key, deps] of Object.entries(KEYED)) {
    const wins = `(excluded.${key} is not null and (traces.${key} is null or excluded.${key} < traces.${key}))`;
    for (const col of [key, ...deps]) out.push(`${col} = case when ${wins} then excluded.${col} else traces.${col} end`);
  }
  return out;
}

const UPSERT_TRACES_SQL = `
insert into traces (project_id, ${TRACE_COLUMNS.map(([c]) => c).join(", ")})
select $1::int4, ${TRACE_COLUMNS.map(([c, t]) => `u.${c}::${t}`).join(", ")}
  from unnest(${TRACE_COLUMNS.map((_, i) => `$${i + 2}::text[]`).join(", ")})
    as u(${TRACE_COLUMNS.map(([c]) => c).join(", ")})
on conflict (project_id, trace_id) do update set
  start_time = case
    when excluded.root_key is not null and (traces.root_key is null or excluded.root_key < traces.root_key) then excluded.start_time
    when traces.root_key is not null then traces.start_time
    else least(traces.start_time, excluded.start_time) end,
  min_start_ns = least(traces.min_start_ns, excluded.min_start_ns),
  max_end_ns = greatest(traces.max_end_ns, excluded.max_end_ns),
  ${keyedSet().join(",\n  ")},
  ${ADDITIVE.map((c) => `${c} = traces.${c} + excluded.${c}`).join(",\n  ")},
  models = array(select distinct m from unnest(traces.models || excluded.models) as m order by m),
  updated_at = now()`;

function traceColumns(deltas: TraceDelta[]): (string | null)[][] {
  const cols: (string | null)[][] = TRACE_COLUMNS.map(() => new Array<string | null>(deltas.length));
  deltas.forEach((d, i) => {
    const values = [
      d.traceId,
      isoFromNs(d.startNs),
      str(d.minStartNs),
      str(d.maxEndNs),
      d.rootSpanId,
      d.rootKey,
      str(d.rootStatus),
      str(d.rootDurationNs),
      d.firstKey,
      d.firstName,
      d.serviceName,
      d.environment,
      d.agentKey,
      d.agentName,
      d.userKey,
      d.userId,
      str(d.spanCount),
      str(d.llmCallCount),
      str(d.llmErrorCount),
      str(d.errorCount),
      str(d.unpricedCount),
      str(d.inputTokens),
      str(d.outputTokens),
      str(d.cacheReadTokens),
      str(d.cacheWriteTokens),
      str(d.reasoningTokens),
      str(d.costPico),
      pgTextArray([...d.models].sort()),
    ];
    for (let c = 0; c < values.length; c++) cols[c]![i] = values[c] ?? null;
  });
  return cols;
}

// Metrics rollups (lib/metrics/README.md): before the trace upsert, mark dirty the UTC
// hour each touched trace starts in now (locked, so no concurrent batch moves it unseen)
// and the hour of each delta's start (the only other start the upsert can choose).
const MARK_DIRTY_HOURS_SQL = `
insert into metrics_dirty_hours (project_id, hour)
select distinct $1::int4, h from (
  select date_trunc('hour', t.start_time, 'UTC') as h
    from (select start_time from traces where project_id = $1 and trace_id = any($2::text[]) order by trace_id for update) t
  union all
  select date_trunc('hour', u::timestamptz, 'UTC') from unnest($3::text[]) as u
) x`;

/** Writes one request's spans (already deduplicated by span identity) in the caller's transaction. */
export async function writeSpanBatch(tx: Querier, projectId: number, batch: SpanBatch): Promise<WriteResult> {
  if (batch.resources.size > 0) {
    await tx.query(
      `insert into resources (project_id, hash, attributes)
       select $1::int4, h, a::jsonb from unnest($2::text[], $3::text[]) as u(h, a)
       on conflict do nothing`,
      [projectId, [...batch.resources.keys()], [...batch.resources.values()]],
    );
  }
  let inserted: SpanRow[] = [];
  const copyIn = tx.copyIn?.bind(tx);
  if (copyIn && batch.spans.length > 0 && (await copySpans(tx, copyIn, projectId, batch.spans))) {
    inserted = batch.spans;
  } else {
    for (let i = 0; i < batch.spans.length; i += CHUNK) {
      const chunk = batch.spans.slice(i, i + CHUNK);
      const rows = await tx.query<{ trace_id: string; span_id: string }>(INSERT_SPANS_SQL, [projectId, ...spanColumns(chunk)]);
      if (rows.length === chunk.length) inserted.push(...chunk);
      else {
        const ids = new Set(rows.map((r) => `${r.trace_id}:${r.span_id}`));
        for (const s of chunk) if (ids.has(`${s.traceId}:${s.spanId}`)) inserted.push(s);
      }
    }
  }
  if (inserted.length > 0) {
    const deltas = traceDeltas(inserted);
    await tx.query(MARK_DIRTY_HOURS_SQL, [projectId, deltas.map((d) => d.traceId), deltas.map((d) => isoFromNs(d.startNs))]);
    for (let i = 0; i < deltas.length; i += CHUNK) {
      await tx.query(UPSERT_TRACES_SQL, [projectId, ...traceColumns(deltas.slice(i, i + CHUNK))]);
    }
  }
  if (batch.droppedKeys.size > 0) {
    const patterns = [...batch.droppedKeys.keys()].sort();
    await tx.query(
      `insert into dropped_keys (project_id, pattern, count, last_seen)
       select $1::int4, p, c::int8, now() from unnest($2::text[], $3::text[]) as u(p, c)
       on conflict (project_id, pattern) do update
         set count = dropped_keys.count + excluded.count, last_seen = excluded.last_seen`,
      [projectId, patterns, patterns.map((p) => String(batch.droppedKeys.get(p)))],
    );
  }
  return { inserted: inserted.length, duplicates: batch.spans.length - inserted.length };
}
