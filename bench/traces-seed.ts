// Bulk loader for bench/traces.ts: generated traces (bench/traces-gen.ts) COPYed
// straight into the daily `spans` partitions and into `traces`, one COPY per day and
// table, on two TCP_NODELAY connections (PERF.md). Trace summaries come from
// lib/db/span-writer.ts's own traceDeltas, so they match what ingest would store.
import type { Writable } from "node:stream";
import type postgres from "postgres";
import type { Db, Querier, Row } from "../lib/db/client";
import { dayKey, ensurePartitions } from "../lib/db/partitions";
import { isoFromNs, traceDeltas, writeSpanBatch } from "../lib/db/span-writer";
import { COPY_COLUMNS, copyLine, noDelayClient } from "./ingest-copy";
import { genTrace, MODELS, rng, type GenContext, type GenSpan } from "./traces-gen";

const DAY_MS = 86_400_000;
/** Traces generated (and their spans sorted by end time) per write. */
const CHUNK_TRACES = 1000;

export interface SeedOptions {
  projectId: number;
  traces: number;
  /** Mean spans per trace (the 1,000-span trace excluded). */
  meanSpans: number;
  days: number;
  /** Data ends here (ms); the 1,000-span trace starts 2 h before. */
  endMs: number;
  bigTraceSpans: number;
  seed: number;
}

export interface SeedResult {
  traces: number;
  spans: number;
  seconds: number;
  spansPerSec: number;
  bigTraceId: string;
  /** A typical (~10-span) trace from the last hour. */
  smallTraceId: string;
}

type Delta = ReturnType<typeof traceDeltas>[number];

export const TRACE_COPY_COLUMNS = [
  "project_id", "trace_id", "start_time", "min_start_ns", "max_end_ns", "root_span_id", "root_key", "root_status",
  "root_duration_ns", "first_key", "first_name", "service_name", "environment", "agent_key", "agent_name", "user_key",
  "user_id", "span_count", "llm_call_count", "llm_error_count", "error_count", "unpriced_count", "input_tokens",
  "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "cost_pico", "models",
] as const;

const nul = (v: string | number | bigint | null) => (v === null ? "\\N" : String(v));

/** Generated names and ids hold no tab, newline or backslash, so no COPY escaping is needed. */
function traceLine(projectId: number, d: Delta): string {
  return [
    projectId, d.traceId, isoFromNs(d.startNs), d.minStartNs, d.maxEndNs, d.rootSpanId, d.rootKey, d.rootStatus,
    d.rootDurationNs, d.firstKey, d.firstName, d.serviceName, d.environment, d.agentKey, d.agentName, d.userKey,
    d.userId, d.spanCount, d.llmCallCount, d.llmErrorCount, d.errorCount, d.unpricedCount, d.inputTokens,
    d.outputTokens, d.cacheReadTokens, d.cacheWriteTokens, d.reasoningTokens, d.costPico,
    `{${[...d.models].sort().map((m) => `"${m}"`).join(",")}}`,
  ].map(nul).join("\t") + "\n";
}

const N = "\\N";
const t = (v: string | null) => (v === null ? N : v);
const n = (v: number | bigint | null) => (v === null ? N : String(v));

/**
 * bench/ingest-copy.ts's copyLine without the escaping pass (generated text holds no
 * tab, newline or backslash) and without bigint date math; checked against it at start.
 */
export function spanLine(projectId: number, s: GenSpan): string {
  const iso = new Date(Math.floor(s.startUs / 1000)).toISOString();
  return `${projectId}\t${s.traceId}\t${s.spanId}\t${t(s.parentSpanId)}\t${iso.slice(0, 23)}${String(s.startUs % 1000).padStart(3, "0")}Z\t${s.startNs}\t${s.durationNs}\t${s.name}\t${s.kind}\t${s.statusCode}\t${t(s.errorType)}\t${s.operation}\t${t(s.provider)}\t${t(s.requestModel)}\t${t(s.responseModel)}\t${n(s.inputTokens)}\t${n(s.outputTokens)}\t${n(s.cacheReadTokens)}\t${n(s.cacheWriteTokens)}\t${n(s.reasoningTokens)}\t${s.billable ? "t" : "f"}\t${t(s.usageScope)}\t${n(s.costPico)}\t${n(s.priceId)}\t${n(s.reportedCostUsd)}\t${t(s.agentName)}\t${t(s.toolName)}\t${t(s.conversationId)}\t${t(s.userId)}\t${t(s.serviceName)}\t${t(s.environment)}\t${t(s.resourceHash)}\t${s.finishReasons ? `{${s.finishReasons.map((f) => `"${f}"`).join(",")}}` : N}\t${s.attributes}\t${t(s.events)}\t${s.droppedKeyCount}\n`;
}

/**
 * One COPY FROM STDIN fed line by line with backpressure. Like copyFromStdin in
 * ingest-copy.ts it hooks the query's reject: a COPY that fails after the stream
 * ended would otherwise never emit "finish" (bench/README.md, postgres.js pitfall).
 */
class CopyOut {
  private buf = "";
  private constructor(
    private stream: Writable,
    private failed: Promise<never>,
  ) {}

  static async open(sql: postgres.Sql, table: string, columns: readonly string[]): Promise<CopyOut> {
    let fail: (err: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => {});
    const query = sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`) as unknown as postgres.PendingQuery<postgres.Row[]> & {
      reject: (err: unknown) => void;
    };
    const reject = query.reject;
    query.reject = (err: unknown) => {
      fail(err);
      reject(err);
    };
    const stream = await Promise.race([query.writable(), failed]);
    stream.on("error", (err) => fail(err));
    return new CopyOut(stream, failed);
  }

  async add(line: string): Promise<void> {
    this.buf += line;
    if (this.buf.length < 1 << 20) return;
    const ok = this.stream.write(this.buf);
    this.buf = "";
    if (!ok) await Promise.race([new Promise((r) => this.stream.once("drain", r)), this.failed]);
  }

  async end(): Promise<void> {
    const done = new Promise<void>((resolve) => this.stream.once("finish", () => resolve()));
    this.stream.end(this.buf);
    await Promise.race([done, this.failed]);
  }
}

async function insertPrices(db: Db): Promise<number[]> {
  const ids: number[] = [];
  for (const [provider, model, input, output, cacheRead] of MODELS) {
    const rows = await db.query<{ id: number }>(
      `insert into prices (provider, model, input, output, cache_read, effective_from, source)
       values ($1, $2, $3, $4, $5, '2024-01-01T00:00:00Z', 'builtin') returning id`,
      [provider, model, input, output, cacheRead],
    );
    ids.push(Number(rows[0]!.id));
  }
  return ids;
}

/** Loads `traces` traces over `days` days ending at `endMs`. */
export async function seed(db: Db, url: string, o: SeedOptions, log: (s: string) => void): Promise<SeedResult> {
  const g: GenContext = { r: rng(o.seed), priceIds: await insertPrices(db), meanChildren: o.meanSpans - 1 };
  for (const s of genTrace({ ...g, r: rng(o.seed + 1) }, o.endMs, 50)) {
    if (spanLine(o.projectId, s) !== copyLine(o.projectId, s)) throw new Error("spanLine disagrees with copyLine");
  }
  const startMs = o.endMs - o.days * DAY_MS;
  const days: string[] = [];
  for (let t = startMs; t < o.endMs + 2 * DAY_MS; t += DAY_MS) days.push(dayKey(t));
  await ensurePartitions(db, days);
  const spanSql = noDelayClient(url, 1);
  const traceSql = noDelayClient(url, 1);
  let spans = 0;
  let traces = 0;
  let smallTraceId = "";
  let bigTraceId: string | null = null;
  const t0 = performance.now();
  const bigAt = o.endMs - 2 * 3_600_000;
  try {
    for (let d = 0; d < o.days; d++) {
      const dayStart = startMs + d * DAY_MS;
      const n = Math.floor((o.traces * (d + 1)) / o.days) - Math.floor((o.traces * d) / o.days);
      const starts = Array.from({ length: n }, () => dayStart + g.r() * DAY_MS).sort((a, b) => a - b);
      const spanOut = await CopyOut.open(spanSql, "spans", COPY_COLUMNS);
      const traceOut = await CopyOut.open(traceSql, "traces", TRACE_COPY_COLUMNS);
      for (let i = 0; i < n; i += CHUNK_TRACES) {
        const chunk: GenSpan[] = [];
        for (let k = i; k < Math.min(n, i + CHUNK_TRACES); k++) {
          const at = starts[k]!;
          const big = bigTraceId === null && d === o.days - 1 && at >= bigAt;
          const rows = genTrace(g, at, big ? o.bigTraceSpans : undefined);
          if (big) bigTraceId = rows[0]!.traceId;
          else if (!smallTraceId && d === o.days - 1 && at >= o.endMs - 3_600_000 && rows.length >= 8 && rows.length <= 12) {
            smallTraceId = rows[0]!.traceId;
          }
          for (const delta of traceDeltas(rows)) await traceOut.add(traceLine(o.projectId, delta));
          for (const s of rows) chunk.push(s);
        }
        // Exporters send spans when they end: the heap holds a trace's spans among others'.
        chunk.sort((a, b) => a.endMs - b.endMs);
        for (const s of chunk) await spanOut.add(spanLine(o.projectId, s));
        spans += chunk.length;
      }
      await Promise.all([spanOut.end(), traceOut.end()]);
      traces += n;
      const secs = (performance.now() - t0) / 1000;
      log(`day ${d + 1}/${o.days}: ${traces} traces, ${spans} spans, ${Math.round(spans / secs)} spans/s`);
    }
  } finally {
    await Promise.all([spanSql.end({ timeout: 5 }), traceSql.end({ timeout: 5 })]);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!bigTraceId) throw new Error("the 1,000-span trace was not generated");
  return { traces, spans, seconds, spansPerSec: Math.round(spans / seconds), bigTraceId, smallTraceId };
}

export interface WriteSample {
  spans: number;
  batches: number;
  seconds: number;
  spansPerSec: number;
  /** Trace summary rows written by the upsert (each trace twice: insert, then update). */
  traceRows: number;
  /** Time in writeSpanBatch's `insert into traces … on conflict do update` statements, per row. */
  traceUpsertMicrosPerRow: number;
}

/**
 * Ingest-side cost of the trace indexes: writeSpanBatch (the real write path) for
 * `traces` new ~10-span traces in ~500-span batches, each trace split over two
 * batches so half the summary writes are updates, like spans arriving in pieces.
 */
export async function writeSample(db: Db, projectId: number, atMs: number, traces: number, seedValue: number): Promise<WriteSample> {
  const g: GenContext = { r: rng(seedValue), priceIds: [], meanChildren: 9 };
  g.priceIds = (await db.query<{ id: number }>("select id from prices order by id")).map((r) => Number(r.id));
  const groups: GenSpan[][][] = [];
  for (let i = 0; i < traces; i += 50) {
    groups.push(Array.from({ length: Math.min(50, traces - i) }, (_, k) => genTrace(g, atMs - (i + k) * 100)));
  }
  let spans = 0;
  let batches = 0;
  let traceRows = 0;
  let upsertMs = 0;
  const timeUpserts = (tx: Querier): Querier => ({
    query: async <T extends Row>(text: string, params?: unknown[]) => {
      // The trace upsert (which marks dirty hours in the same statement: `with up as (insert into traces …`).
      if (!/^(with up as \(\s*)?insert into traces/.test(text.trimStart())) return tx.query<T>(text, params);
      const t = performance.now();
      const rows = await tx.query<T>(text, params);
      upsertMs += performance.now() - t;
      // $2 is the trace ids as a text[] literal ("{…,…}", hex ids: no commas inside).
      const ids = params?.[1];
      traceRows += typeof ids === "string" ? (ids === "{}" ? 0 : ids.split(",").length) : ((ids as unknown[] | undefined)?.length ?? 0);
      return rows;
    },
  });
  const t0 = performance.now();
  for (const group of groups) {
    for (const half of [0, 1]) {
      const batch = group.flatMap((rows) => (half === 0 ? rows.slice(0, rows.length >> 1) : rows.slice(rows.length >> 1)));
      if (batch.length === 0) continue;
      await db.transaction((tx) => writeSpanBatch(timeUpserts(tx), projectId, { spans: batch, resources: new Map(), droppedKeys: new Map() }));
      spans += batch.length;
      batches++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    spans,
    batches,
    seconds: Math.round(seconds * 100) / 100,
    spansPerSec: Math.round(spans / seconds),
    traceRows,
    traceUpsertMicrosPerRow: Math.round((upsertMs * 1000) / Math.max(1, traceRows)),
  };
}
