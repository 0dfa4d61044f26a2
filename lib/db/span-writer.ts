// The ingest hot path's writes: one transaction per OTLP request, spans by optimistic
// COPY on PostgreSQL and bulk `unnest` statements otherwise (drizzle's insert builder is
// ~7k rows/s here, unnest ~40k; PERF.md). Only spans actually inserted (not re-sent
// duplicates) feed the trace summaries, so re-sending a batch changes nothing.
// A batch can be written from its rows (writeSpanBatch) or from an EncodedSpanBatch made
// elsewhere — the ingest worker thread — that already holds the COPY bytes and every
// statement parameter as strings (writeEncodedBatch); both run the same statements.
import type { CopyData, Querier } from "./client";
import { copyJson, copyValue } from "./copy";

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
    const min = Math.floor(sec / 60);
    // Spans of one batch mostly share a minute: format the date, hour and minute once.
    if (min !== isoMinute) {
      isoMinute = min;
      isoPrefix = new Date(min * 60_000).toISOString().slice(0, 17); // …THH:MM:
    }
    const s = sec - min * 60;
    return `${isoPrefix}${s < 10 ? "0" : ""}${s}.${pad3(ms - sec * 1000)}${pad3(us - ms * 1000)}Z`;
  }
  const ms = ns / 1_000_000n;
  const micros = (ns / 1000n) % 1000n;
  const iso = new Date(Number(ms)).toISOString(); // …sss Z
  return `${iso.slice(0, 23)}${(micros < 0n ? -micros : micros).toString().padStart(3, "0")}Z`;
}

/** Below this (year 2255) µs fit a double exactly and toISOString has a 4-digit year. */
const FAST_ISO_LIMIT_NS = 9_000_000_000_000_000_000n;
let isoMinute = -1;
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
  for (const r of rows) out += copyLine(pid, r);
  return out;
}

/** ArrayBuffers made by CopyBuffer: nothing else holds them, so they may be transferred to another thread. */
const ownBuffers = new WeakSet<ArrayBufferLike>();

/** True when `data` is encodeSpanBatch's COPY bytes, whose whole buffer may be moved (transferred) elsewhere. */
export function ownsCopyBuffer(data: Uint8Array): boolean {
  return ownBuffers.has(data.buffer);
}

/**
 * spansCopyText as UTF-8 bytes, written line by line into one buffer of its own (no
 * batch-sized string is ever built).
 */
class CopyBuffer {
  private buf: Buffer;
  private at = 0;
  private readonly pid: string;

  /** `reuse`: a spare buffer of at least the size asked, which nothing else holds any more. */
  constructor(projectId: number, bytesHint: number, reuse?: (bytes: number) => ArrayBuffer | undefined) {
    this.pid = String(projectId);
    const size = Math.max(1024, Math.ceil(bytesHint));
    const spare = reuse?.(size);
    this.buf = spare && spare.byteLength >= size ? Buffer.from(spare) : Buffer.allocUnsafeSlow(size);
  }

  add(r: SpanRow): void {
    const line = copyLine(this.pid, r);
    if (this.at + line.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + line.length * 3));
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    this.at += this.buf.write(line, this.at, "utf8");
  }

  /** The bytes written; the view may be shorter than its buffer, which nothing else holds. */
  finish(): Buffer {
    ownBuffers.add(this.buf.buffer);
    return this.buf.subarray(0, this.at);
  }
}

// Ids and the resource hash are lowercase hex (decoders and prepare.ts make them so): nothing to escape.
function copyLine(pid: string, r: SpanRow): string {
  return (
    `${pid}\t${r.traceId}\t${r.spanId}\t${r.parentSpanId ?? "\\N"}\t${isoFromNs(r.startNs)}` +
    `\t${r.startNs}\t${r.durationNs}\t${copyValue(r.name)}\t${r.kind}\t${r.statusCode}\t${copyValue(r.errorType)}` +
    `\t${copyValue(r.operation)}\t${copyValue(r.provider)}\t${copyValue(r.requestModel)}\t${copyValue(r.responseModel)}` +
    `\t${num(r.inputTokens)}\t${num(r.outputTokens)}\t${num(r.cacheReadTokens)}\t${num(r.cacheWriteTokens)}` +
    `\t${num(r.reasoningTokens)}\t${r.billable}\t${copyValue(r.usageScope)}\t${num(r.costPico)}\t${num(r.priceId)}` +
    `\t${num(r.reportedCostUsd)}\t${copyValue(r.agentName)}\t${copyValue(r.toolName)}\t${copyValue(r.conversationId)}` +
    `\t${copyValue(r.userId)}\t${copyValue(r.serviceName)}\t${copyValue(r.environment)}\t${r.resourceHash ?? "\\N"}` +
    `\t${copyValue(pgTextArray(r.finishReasons))}\t${copyJson(r.attributes)}\t${copyJson(r.events)}\t${r.droppedKeyCount}\n`
  );
}

function num(v: number | bigint | null): string {
  return v === null ? "\\N" : String(v);
}

const COPY_ESCAPE = /\\(.)/g;
const COPY_UNESCAPED: Record<string, string> = { t: "\t", n: "\n", r: "\r" };

/** Inverse of copyValue. */
function fieldValue(f: string): string | null {
  if (f === "\\N") return null;
  return f.includes("\\") ? f.replace(COPY_ESCAPE, (_, c: string) => COPY_UNESCAPED[c] ?? c) : f;
}

/** Inverse of pgTextArray. */
function textArrayValues(literal: string | null): string[] | null {
  if (literal === null) return null;
  const out: string[] = [];
  let i = 1; // past "{"
  while (i < literal.length - 1) {
    let v = "";
    for (i++; literal[i] !== '"'; i++) v += literal[i] === "\\" ? literal[++i] : literal[i];
    out.push(v);
    i += 2; // past the closing quote and the comma (or onto "}")
  }
  return out;
}

const nullable = <T>(v: string | null, parse: (s: string) => T): T | null => (v === null ? null : parse(v));

/** Inverse of spansCopyText: the rows back from their COPY text (a worker-encoded batch's fallback path). */
export function rowsFromCopyText(text: string): SpanRow[] {
  const rows: SpanRow[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const f = line.split("\t").map(fieldValue);
    const at = (i: number) => f[i] ?? null;
    const req = (i: number) => f[i]!;
    rows.push({
      traceId: req(1),
      spanId: req(2),
      parentSpanId: at(3),
      startNs: BigInt(req(5)),
      durationNs: BigInt(req(6)),
      name: req(7),
      kind: Number(req(8)),
      statusCode: Number(req(9)),
      errorType: at(10),
      operation: req(11),
      provider: at(12),
      requestModel: at(13),
      responseModel: at(14),
      inputTokens: nullable(at(15), Number),
      outputTokens: nullable(at(16), Number),
      cacheReadTokens: nullable(at(17), Number),
      cacheWriteTokens: nullable(at(18), Number),
      reasoningTokens: nullable(at(19), Number),
      billable: req(20) === "true",
      usageScope: at(21),
      costPico: nullable(at(22), BigInt),
      priceId: nullable(at(23), Number),
      reportedCostUsd: nullable(at(24), Number),
      agentName: at(25),
      toolName: at(26),
      conversationId: at(27),
      userId: at(28),
      serviceName: at(29),
      environment: at(30),
      resourceHash: at(31),
      finishReasons: textArrayValues(at(32)),
      attributes: req(33),
      events: at(34),
      droppedKeyCount: Number(req(35)),
    });
  }
  return rows;
}

const COPY_SAVEPOINT = "skein_spans_copy";

/** The write statements' text is fixed: prepared once per connection (QueryOptions.prepare). */
const PREPARED = { prepare: true } as const;

/**
 * Optimistic COPY (PostgreSQL): COPY the whole batch straight into spans, so every row is
 * new. A unique violation means some span is already stored (a re-send): in "savepoint" mode
 * (the caller sent the savepoint) roll back to it and return false, and the caller inserts
 * with ON CONFLICT; in "abort" mode throw SpansAlreadyStoredError.
 */
async function copySpans(tx: Querier, copyIn: NonNullable<Querier["copyIn"]>, data: CopyData, mode: CopyMode): Promise<boolean> {
  try {
    await copyIn(COPY_SPANS_SQL, data);
  } catch (err) {
    if ((err as { code?: unknown }).code !== "23505") throw err;
    if (mode === "abort") throw new SpansAlreadyStoredError();
    await tx.query(`rollback to savepoint ${COPY_SAVEPOINT}`);
    return false;
  }
  return true;
}

/**
 * How spans are inserted where COPY is available (PostgreSQL):
 * - "savepoint": COPY inside a savepoint; a re-sent span rolls back to it and the batch is
 *   inserted with ON CONFLICT in the same transaction.
 * - "abort": COPY without a savepoint (no subtransaction, two statements fewer); a re-sent
 *   span throws SpansAlreadyStoredError and the caller runs the transaction again with "insert".
 * - "insert": INSERT … ON CONFLICT DO NOTHING only.
 */
export type CopyMode = "savepoint" | "abort" | "insert";

/** A batch written with copy: "abort" holds spans that are stored already; its transaction is void. */
export class SpansAlreadyStoredError extends Error {
  constructor() {
    super("some spans are stored already: write the batch again with copy \"insert\"");
    this.name = "SpansAlreadyStoredError";
  }
}

function str(v: string | number | bigint | boolean | null): string | null {
  return v === null ? null : String(v);
}

function spanColumns(rows: SpanRow[]): (string | null)[][] {
  const cols: (string | null)[][] = SPAN_COLUMNS.map(() => new Array<string | null>(rows.length));
  rows.forEach((r, i) => {
    const values = spanValues(r);
    for (let c = 0; c < values.length; c++) cols[c]![i] = values[c] ?? null;
  });
  return cols;
}

/** One row's INSERT_SPANS_SQL values, in SPAN_COLUMNS order. */
function spanValues(r: SpanRow): (string | null)[] {
  return [
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
}

/** One trace's share of a batch: what UPSERT_TRACES_SQL merges into its summary row. */
export interface TraceDelta {
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

/** spanKey(a) < spanKey(b), without building the keys. */
function keyBefore(a: SpanRow, b: SpanRow): boolean {
  const aRoot = a.parentSpanId === null;
  if (aRoot !== (b.parentSpanId === null)) return aRoot;
  if (a.startNs !== b.startNs) return a.startNs < b.startNs;
  return a.spanId < b.spanId;
}

/** A delta while it is summed: the winning span of each smallest-key choice, keys built at the end. */
interface Accumulator {
  d: TraceDelta;
  first: SpanRow;
  root: SpanRow | null;
  agent: SpanRow | null;
  user: SpanRow | null;
}

export function traceDeltas(rows: SpanRow[]): TraceDelta[] {
  const acc = new TraceDeltaAccumulator();
  for (const s of rows) acc.add(s);
  return acc.result();
}

/** traceDeltas row by row; holds only each trace's running sums and its winning rows. */
class TraceDeltaAccumulator {
  private readonly byTrace = new Map<string, Accumulator>();

  add(s: SpanRow): void {
    const byTrace = this.byTrace;
    const endNs = s.startNs + s.durationNs;
    let a = byTrace.get(s.traceId);
    if (!a) {
      a = {
        d: {
          traceId: s.traceId,
          startNs: s.startNs,
          minStartNs: s.startNs,
          maxEndNs: endNs,
          rootSpanId: null,
          rootKey: null,
          rootStatus: null,
          rootDurationNs: null,
          rootStartNs: null,
          firstKey: "",
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
        },
        first: s,
        root: null,
        agent: null,
        user: null,
      };
      byTrace.set(s.traceId, a);
    }
    const d = a.d;
    if (s.startNs < d.minStartNs) d.minStartNs = s.startNs;
    if (endNs > d.maxEndNs) d.maxEndNs = endNs;
    if (keyBefore(s, a.first)) a.first = s;
    if (s.parentSpanId === null && (a.root === null || keyBefore(s, a.root))) a.root = s;
    if (s.agentName !== null && (a.agent === null || keyBefore(s, a.agent))) a.agent = s;
    if (s.userId !== null && (a.user === null || keyBefore(s, a.user))) a.user = s;
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

  result(): TraceDelta[] {
    const out: TraceDelta[] = [];
    for (const { d, first, root, agent, user } of this.byTrace.values()) {
      d.firstKey = spanKey(first);
      d.firstName = first.name;
      d.serviceName = first.serviceName;
      d.environment = first.environment;
      if (root) {
        d.rootKey = spanKey(root);
        d.rootSpanId = root.spanId;
        d.rootStatus = root.statusCode;
        d.rootDurationNs = root.durationNs;
        d.rootStartNs = root.startNs;
      }
      if (agent) {
        d.agentKey = spanKey(agent);
        d.agentName = agent.agentName;
      }
      if (user) {
        d.userKey = spanKey(user);
        d.userId = user.userId;
      }
      d.startNs = d.rootStartNs ?? d.minStartNs;
      out.push(d);
    }
    // A stable order keeps concurrent upserts of overlapping traces from deadlocking.
    return out.sort((a, b) => (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0));
  }
}

/** Smaller key wins; null never does (the SQL's `excluded.k is not null and (traces.k is null or excluded.k < traces.k)`). */
function wins(a: string | null, b: string | null): boolean {
  return a !== null && (b === null || a < b);
}

/**
 * Several batches' deltas as one list, a trace's deltas merged by the same rules
 * UPSERT_TRACES_SQL applies between a delta and the stored row (which converge in any
 * order), sorted by trace id. One upsert statement cannot touch a row twice, so batches
 * written together need this.
 */
export function mergeTraceDeltas(lists: readonly TraceDelta[][]): TraceDelta[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const byTrace = new Map<string, TraceDelta>();
  for (const list of nonEmpty) {
    for (const d of list) {
      const m = byTrace.get(d.traceId);
      if (!m) {
        byTrace.set(d.traceId, { ...d, models: new Set(d.models) });
        continue;
      }
      if (d.minStartNs < m.minStartNs) m.minStartNs = d.minStartNs;
      if (d.maxEndNs > m.maxEndNs) m.maxEndNs = d.maxEndNs;
      if (wins(d.rootKey, m.rootKey)) {
        m.rootKey = d.rootKey;
        m.rootSpanId = d.rootSpanId;
        m.rootStatus = d.rootStatus;
        m.rootDurationNs = d.rootDurationNs;
        m.rootStartNs = d.rootStartNs;
      }
      if (d.firstKey < m.firstKey) {
        m.firstKey = d.firstKey;
        m.firstName = d.firstName;
        m.serviceName = d.serviceName;
        m.environment = d.environment;
      }
      if (wins(d.agentKey, m.agentKey)) {
        m.agentKey = d.agentKey;
        m.agentName = d.agentName;
      }
      if (wins(d.userKey, m.userKey)) {
        m.userKey = d.userKey;
        m.userId = d.userId;
      }
      m.spanCount += d.spanCount;
      m.llmCallCount += d.llmCallCount;
      m.llmErrorCount += d.llmErrorCount;
      m.errorCount += d.errorCount;
      m.unpricedCount += d.unpricedCount;
      m.inputTokens += d.inputTokens;
      m.outputTokens += d.outputTokens;
      m.cacheReadTokens += d.cacheReadTokens;
      m.cacheWriteTokens += d.cacheWriteTokens;
      m.reasoningTokens += d.reasoningTokens;
      m.costPico += d.costPico;
      for (const model of d.models) m.models.add(model);
      m.startNs = m.rootStartNs ?? m.minStartNs;
    }
  }
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

// Metrics rollups (lib/metrics/README.md) are kept per UTC hour of trace start: the
// statement marks dirty the hour each touched trace starts in after it and, for a trace
// that was already stored, the hour it started in before (prev_start_time, set by the
// update itself, under the row lock the upsert holds, so no concurrent batch moves a start
// unseen). One statement with no lookup of its own to plan, so it is prepared like the
// others. (Before 2026-12-07 a separate statement looked each trace up first; unprepared,
// since a generic plan made on an empty table scanned the project's traces per id.)
const UPSERT_TRACES_SQL = `
with up as (
insert into traces (project_id, ${TRACE_COLUMNS.map(([c]) => c).join(", ")})
select $1::int4, ${TRACE_COLUMNS.map(([c, t]) => `u.${c}::${t}`).join(", ")}
  from unnest(${TRACE_COLUMNS.map((_, i) => `$${i + 2}::text[]`).join(", ")})
    as u(${TRACE_COLUMNS.map(([c]) => c).join(", ")})
on conflict (project_id, trace_id) do update set
  prev_start_time = traces.start_time,
  start_time = case
    when excluded.root_key is not null and (traces.root_key is null or excluded.root_key < traces.root_key) then excluded.start_time
    when traces.root_key is not null then traces.start_time
    else least(traces.start_time, excluded.start_time) end,
  min_start_ns = least(traces.min_start_ns, excluded.min_start_ns),
  max_end_ns = greatest(traces.max_end_ns, excluded.max_end_ns),
  ${keyedSet().join(",\n  ")},
  ${ADDITIVE.map((c) => `${c} = traces.${c} + excluded.${c}`).join(",\n  ")},
  models = array(select distinct m from unnest(traces.models || excluded.models) as m order by m),
  updated_at = now()
returning start_time, prev_start_time
)
insert into metrics_dirty_hours (project_id, hour)
select distinct $1::int4, date_trunc('hour', h, 'UTC')
  from up cross join lateral (values (up.start_time), (up.prev_start_time)) as v(h)
 where h is not null`;

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

/**
 * Trace summary statements' parameters for a set of trace deltas, every text[] written as
 * an array literal (postgres.js and PGlite pass a string through unchanged).
 */
interface TraceParams {
  count: number;
  /** UPSERT_TRACES_SQL's parameters after the project id, per chunk of CHUNK traces. */
  chunks: string[][];
}

/** A text[] literal: every element quoted (backslash and quote escaped), null as NULL. */
export function textArrayLiteral(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    out += v === null || v === undefined ? "NULL" : `"${v.includes("\\") || v.includes('"') ? v.replaceAll("\\", "\\\\").replaceAll('"', '\\"') : v}"`;
  }
  return `${out}}`;
}

function paramsOf(deltas: TraceDelta[]): TraceParams {
  const chunks: string[][] = [];
  for (let i = 0; i < deltas.length; i += CHUNK) chunks.push(traceColumns(deltas.slice(i, i + CHUNK)).map(textArrayLiteral));
  return { count: deltas.length, chunks };
}

/**
 * One request's writes as plain data (strings, arrays, and the trace deltas' bigints and
 * sets, which structured clone carries): what a worker thread hands the thread that owns
 * the database connection. Built by encodeSpanBatch.
 */
export interface EncodedSpanBatch {
  projectId: number;
  spanCount: number;
  /** Every span as COPY text (project id included), in the batch's order, UTF-8 encoded. */
  copyData: Uint8Array;
  resourceHashes: string[];
  resourceJson: string[];
  /** Dropped-key patterns, sorted, and their counts as decimal text. */
  droppedPatterns: string[];
  droppedCounts: string[];
  /** Summaries for the case where every span is new (the COPY path's case), sorted by trace id. */
  traces: TraceDelta[];
  /**
   * The same as statement parameters, made where the batch was encoded, so that the thread
   * that talks to the database does no per-trace work when the batch is written alone.
   */
  traceParams: TraceParams;
  /**
   * For a database without COPY (PGlite, which runs in the server's own thread): the spans
   * insert's column parameters as text[] literals, per chunk of CHUNK rows, so that thread
   * only passes strings on. copyData then serves only a re-send's fallback.
   */
  unnest?: string[][];
}

function droppedParams(droppedKeys: Map<string, number>): { patterns: string[]; counts: string[] } {
  const patterns = [...droppedKeys.keys()].sort();
  return { patterns, counts: patterns.map((p) => String(droppedKeys.get(p))) };
}

export function encodeSpanBatch(projectId: number, batch: SpanBatch): EncodedSpanBatch {
  const enc = new SpanBatchEncoder(projectId, batch.spans.length * 800);
  for (const r of batch.spans) enc.add(r);
  return enc.finish(batch.resources, batch.droppedKeys);
}

/** encodeSpanBatch row by row: each row is written out as it comes and can then be let go. */
export class SpanBatchEncoder {
  private readonly copy: CopyBuffer;
  private readonly traces = new TraceDeltaAccumulator();
  private count = 0;
  /** With `unnest`: the current chunk's columns, and the finished chunks as literals. */
  private columns: (string | null)[][] | null = null;
  private readonly unnest: string[][] | null;

  /**
   * `bytesHint`: the expected size of the COPY text (it grows as needed). `unnest`: see
   * EncodedSpanBatch. `reuse`: a spare buffer for the COPY text (a finished batch's, given back).
   */
  constructor(
    private readonly projectId: number,
    bytesHint: number,
    opts: { unnest?: boolean; reuse?: (bytes: number) => ArrayBuffer | undefined } = {},
  ) {
    this.copy = new CopyBuffer(projectId, bytesHint, opts.reuse);
    this.unnest = opts.unnest ? [] : null;
  }

  add(r: SpanRow): void {
    this.copy.add(r);
    this.traces.add(r);
    this.count++;
    if (this.unnest) {
      const cols = (this.columns ??= SPAN_COLUMNS.map(() => []));
      const values = spanValues(r);
      for (let c = 0; c < values.length; c++) cols[c]!.push(values[c] ?? null);
      if (cols[0]!.length === CHUNK) this.closeChunk();
    }
  }

  private closeChunk(): void {
    const cols = this.columns;
    if (!this.unnest || !cols || cols[0]!.length === 0) return;
    this.unnest.push(cols.map(textArrayLiteral));
    this.columns = null;
  }

  finish(resources: Map<string, string>, droppedKeys: Map<string, number>): EncodedSpanBatch {
    const dropped = droppedParams(droppedKeys);
    const traces = this.traces.result();
    return {
      projectId: this.projectId,
      spanCount: this.count,
      copyData: this.copy.finish(),
      resourceHashes: [...resources.keys()],
      resourceJson: [...resources.values()],
      droppedPatterns: dropped.patterns,
      droppedCounts: dropped.counts,
      traces,
      traceParams: paramsOf(traces),
      ...(this.unnest ? (this.closeChunk(), { unnest: this.unnest }) : {}),
    };
  }
}

/** What the write of one batch needs, with the costly parts computed only when that path is taken. */
interface WritePlan {
  spanCount: number;
  copyData(): Uint8Array | string;
  rows(): SpanRow[];
  /** The batch's trace deltas when every span is new. */
  allTraces(): TraceDelta[];
  /** allTraces as statement parameters, when made already. */
  allTraceParams?: TraceParams;
  /** Pre-serialized spans insert parameters (an encoded batch made for a database without COPY). */
  unnest?: string[][];
  resources: Map<string, string>;
  dropped: Map<string, number>;
}

/** Writes one request's spans (already deduplicated by span identity) in the caller's transaction. */
export async function writeSpanBatch(tx: Querier, projectId: number, batch: SpanBatch): Promise<WriteResult> {
  const [result] = await writePlans(tx, projectId, [
    {
      spanCount: batch.spans.length,
      copyData: () => spansCopyText(projectId, batch.spans),
      rows: () => batch.spans,
      allTraces: () => traceDeltas(batch.spans),
      resources: batch.resources,
      dropped: batch.droppedKeys,
    },
  ]);
  return result!;
}

/** writeSpanBatch for a batch encoded elsewhere (a worker thread); the same statements and result. */
export async function writeEncodedBatch(tx: Querier, enc: EncodedSpanBatch): Promise<WriteResult> {
  const [result] = await writeEncodedBatches(tx, [enc]);
  return result!;
}

/**
 * Several encoded batches of one project in the caller's transaction, as if each had been
 * written on its own in this order (a span repeated across them is stored once, by the
 * first): one COPY, one statement each for resources, trace summaries and dropped keys.
 * Results in the batches' order.
 */
export function writeEncodedBatches(tx: Querier, encs: readonly EncodedSpanBatch[], opts: WriteOptions = {}): Promise<WriteResult[]> {
  const projectId = encs[0]?.projectId;
  if (projectId === undefined) return Promise.resolve([]);
  if (encs.some((e) => e.projectId !== projectId)) throw new Error("writeEncodedBatches: batches of different projects");
  return writePlans(
    tx,
    projectId,
    encs.map((enc) => {
      let rows: SpanRow[] | undefined;
      const dropped = new Map<string, number>();
      enc.droppedPatterns.forEach((p, i) => dropped.set(p, Number(enc.droppedCounts[i])));
      return {
        spanCount: enc.spanCount,
        copyData: () => enc.copyData,
        rows: () => (rows ??= rowsFromCopyText(Buffer.from(enc.copyData.buffer, enc.copyData.byteOffset, enc.copyData.byteLength).toString("utf8"))),
        allTraces: () => enc.traces,
        allTraceParams: enc.traceParams,
        ...(enc.unnest ? { unnest: enc.unnest } : {}),
        resources: new Map(enc.resourceHashes.map((h, i) => [h, enc.resourceJson[i]!])),
        dropped,
      };
    }),
    opts,
  );
}

export interface WriteOptions {
  /**
   * Resource hashes of this project known to be stored already (committed earlier; resources
   * are never deleted): their insert is skipped, and a batch whose every resource is known
   * sends no resources statement at all.
   */
  storedResources?: ReadonlySet<string>;
  /** Default "savepoint" (see CopyMode). */
  copy?: CopyMode;
}

const INSERT_RESOURCES_SQL = `insert into resources (project_id, hash, attributes)
       select $1::int4, h, a::jsonb from unnest($2::text[], $3::text[]) as u(h, a)
       on conflict do nothing`;

const UPSERT_DROPPED_KEYS_SQL = `insert into dropped_keys (project_id, pattern, count, last_seen)
       select $1::int4, p, c::int8, now() from unnest($2::text[], $3::text[]) as u(p, c)
       on conflict (project_id, pattern) do update
         set count = dropped_keys.count + excluded.count, last_seen = excluded.last_seen`;

type InsertedRow = { trace_id: string; span_id: string };

/** The spans of `all` that `returned` (an insert's RETURNING) says were inserted. */
function keptRows(all: SpanRow[], returned: InsertedRow[]): SpanRow[] {
  if (returned.length === all.length) return all;
  const ids = new Set(returned.map((r) => `${r.trace_id}:${r.span_id}`));
  return all.filter((s) => ids.has(`${s.traceId}:${s.spanId}`));
}

/**
 * One plan's spans by INSERT … ON CONFLICT DO NOTHING (no COPY, or COPY found a re-send):
 * how many were inserted and their trace deltas.
 */
async function insertPlan(tx: Querier, projectId: number, plan: WritePlan): Promise<{ inserted: number; deltas: TraceDelta[] }> {
  if (plan.spanCount === 0) return { inserted: 0, deltas: [] };
  if (plan.unnest) {
    // Parameters made elsewhere; the rows themselves are read back only if some were already stored.
    const returned: InsertedRow[] = [];
    for (const chunk of plan.unnest) returned.push(...(await tx.query<InsertedRow>(INSERT_SPANS_SQL, [projectId, ...chunk], PREPARED)));
    if (returned.length === plan.spanCount) return { inserted: returned.length, deltas: plan.allTraces() };
    return { inserted: returned.length, deltas: returned.length > 0 ? traceDeltas(keptRows(plan.rows(), returned)) : [] };
  }
  const all = plan.rows();
  const kept: SpanRow[] = [];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    kept.push(...keptRows(chunk, await tx.query<InsertedRow>(INSERT_SPANS_SQL, [projectId, ...spanColumns(chunk)], PREPARED)));
  }
  return { inserted: kept.length, deltas: kept.length === all.length ? plan.allTraces() : traceDeltas(kept) };
}

/**
 * Statements that need no answer from each other go out together and are awaited together
 * (postgres.js pipelines them on the transaction's connection, which runs them in order; an
 * error aborts the transaction either way): about half the round trips of one-by-one.
 */
async function writePlans(tx: Querier, projectId: number, plans: readonly WritePlan[], opts: WriteOptions = {}): Promise<WriteResult[]> {
  const spanCount = plans.reduce((n, p) => n + p.spanCount, 0);
  const mode = opts.copy ?? "savepoint";
  const copyIn = spanCount > 0 && mode !== "insert" ? tx.copyIn?.bind(tx) : undefined;
  const resources = new Map<string, string>();
  const dropped = new Map<string, number>();
  const stored = opts.storedResources;
  for (const p of plans) {
    for (const [h, json] of p.resources) if (!resources.has(h) && !stored?.has(h)) resources.set(h, json);
    for (const [k, n] of p.dropped) dropped.set(k, (dropped.get(k) ?? 0) + n);
  }
  const before: Promise<unknown>[] = [];
  if (resources.size > 0) {
    // Sorted, so that concurrent transactions wait on each other's new keys in one order.
    const hashes = [...resources.keys()].sort();
    before.push(tx.query(INSERT_RESOURCES_SQL, [projectId, hashes, hashes.map((h) => resources.get(h))], PREPARED));
  }
  if (copyIn && mode === "savepoint") before.push(tx.query(`savepoint ${COPY_SAVEPOINT}`));
  await Promise.all(before);

  const after: Promise<unknown>[] = [];
  const inserted: number[] = [];
  const deltas: TraceDelta[][] = [];
  const data = copyIn ? plans.filter((p) => p.spanCount > 0).map((p) => p.copyData()) : [];
  if (copyIn && (await copySpans(tx, copyIn, copyData(data), mode))) {
    if (mode === "savepoint") after.push(tx.query(`release savepoint ${COPY_SAVEPOINT}`));
    for (const p of plans) {
      inserted.push(p.spanCount);
      deltas.push(p.spanCount > 0 ? p.allTraces() : []);
    }
  } else {
    // In order, so a span repeated across plans counts as new in the first only.
    for (const p of plans) {
      const r = await insertPlan(tx, projectId, p);
      inserted.push(r.inserted);
      deltas.push(r.deltas);
    }
  }
  const merged = mergeTraceDeltas(deltas);
  if (merged.length > 0) {
    // One batch's own complete deltas (the usual case): their parameters are made already.
    const own = plans.find((p, i) => p.allTraceParams && deltas[i] === merged && merged === p.allTraces())?.allTraceParams;
    const traces = own ?? paramsOf(merged);
    for (const chunk of traces.chunks) after.push(tx.query(UPSERT_TRACES_SQL, [projectId, ...chunk], PREPARED));
  }
  // Last: these rows are shared by every request of the project, locked from here to COMMIT.
  if (dropped.size > 0) {
    const d = droppedParams(dropped);
    after.push(tx.query(UPSERT_DROPPED_KEYS_SQL, [projectId, d.patterns, d.counts], PREPARED));
  }
  await Promise.all(after);
  return plans.map((p, i) => ({ inserted: inserted[i]!, duplicates: p.spanCount - inserted[i]! }));
}

/** One piece as it is; several UTF-8 pieces in order (a string among them is encoded). */
function copyData(pieces: (Uint8Array | string)[]): CopyData {
  if (pieces.length === 1 && typeof pieces[0] === "string") return pieces[0];
  const out: Uint8Array[] = [];
  for (const p of pieces) {
    const bytes = typeof p === "string" ? Buffer.from(p, "utf8") : p;
    for (let at = 0; at < bytes.byteLength; at += COPY_PIECE) out.push(bytes.subarray(at, at + COPY_PIECE));
  }
  return out;
}

/**
 * postgres.js copies each piece written to a COPY into a buffer of its own (CopyData
 * framing): pieces of this size come from malloc's reused heap rather than fresh pages, which
 * a ~400 KB request's single piece took every time (page faults: ~6 µs each on this VM).
 */
const COPY_PIECE = 64 * 1024;
