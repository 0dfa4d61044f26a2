// The raw COPY baseline: the same span rows the ingest path writes, streamed
// with `COPY spans (…) FROM STDIN` (postgres.js on a TCP_NODELAY socket) or
// `COPY … FROM '/dev/blob'` (PGlite). No dedup, no trace summaries: the ceiling.
import net from "node:net";
import postgres from "postgres";
import { isoFromNs, type SpanRow } from "../lib/db/span-writer";
import { copyInPostgres } from "../lib/db/copy";

/** Same columns, same order, as lib/db/span-writer.ts's insert. */
export const COPY_COLUMNS = [
  "project_id", "trace_id", "span_id", "parent_span_id", "start_time", "start_ns", "duration_ns", "name", "kind",
  "status_code", "error_type", "operation", "provider", "request_model", "response_model", "input_tokens",
  "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "billable", "usage_scope",
  "cost_pico", "price_id", "reported_cost_usd", "agent_name", "tool_name", "conversation_id", "user_id",
  "service_name", "environment", "resource_hash", "finish_reasons", "attributes", "events", "dropped_key_count",
] as const;

function esc(v: string): string {
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : v;
}

function field(v: string | number | bigint | boolean | null): string {
  return v === null ? "\\N" : typeof v === "string" ? esc(v) : String(v);
}

function textArray(values: string[] | null): string | null {
  return values ? `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}` : null;
}

/** One COPY text-format line (tab-separated, \N for null, trailing newline). */
export function copyLine(projectId: number, r: SpanRow): string {
  return [
    projectId, r.traceId, r.spanId, r.parentSpanId, isoFromNs(r.startNs), r.startNs, r.durationNs, r.name, r.kind,
    r.statusCode, r.errorType, r.operation, r.provider, r.requestModel, r.responseModel, r.inputTokens,
    r.outputTokens, r.cacheReadTokens, r.cacheWriteTokens, r.reasoningTokens, r.billable ? "t" : "f", r.usageScope,
    r.costPico, r.priceId, r.reportedCostUsd, r.agentName, r.toolName, r.conversationId, r.userId,
    r.serviceName, r.environment, r.resourceHash, textArray(r.finishReasons), r.attributes, r.events, r.droppedKeyCount,
  ].map(field).join("\t") + "\n";
}

/** postgres.js with TCP_NODELAY: without it every COPY over TCP stalls ~87 ms (PERF.md). */
export function noDelayClient(url: string, max = 1): postgres.Sql {
  const u = new URL(url);
  // `socket` is a documented option missing from postgres.js's typings; a variable skips the literal check.
  const options = {
    max,
    onnotice: () => {},
    socket: () =>
      new Promise<net.Socket>((resolve, reject) => {
        const sock = net.connect(Number(u.port || 5432), u.hostname);
        sock.setNoDelay(true);
        sock.once("connect", () => resolve(sock));
        sock.once("error", reject);
      }),
  };
  return postgres(url, options);
}

export interface CopyResult {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  rowsPerCopy: number;
  /** CPU µs per row (this process + the database backend), when measured by the caller. */
  cpuMicrosPerRow?: number;
}

function result(rows: number, ms: number, rowsPerCopy: number): CopyResult {
  return { rows, seconds: ms / 1000, rowsPerSec: Math.round(rows / (ms / 1000)), rowsPerCopy };
}

/** The same guarded COPY the ingest path uses (lib/db/copy.ts), fed chunk by chunk. */
export function copyFromStdin(sql: postgres.Sql | postgres.TransactionSql, statement: string, chunks: Iterable<string>): Promise<void> {
  return copyInPostgres(sql, statement, chunks);
}

function* copyChunks(projectId: number, rows: SpanRow[], from: number, to: number): Generator<string> {
  let buf = "";
  for (let k = from; k < to; k++) {
    buf += copyLine(projectId, rows[k]!);
    if (buf.length > 1 << 20) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

/** COPYs `rows` in statements of `rowsPerCopy` (each its own commit) on one connection; times serialization + COPY. */
export async function copyPostgres(sql: postgres.Sql, projectId: number, rows: SpanRow[], rowsPerCopy: number): Promise<CopyResult> {
  const cols = COPY_COLUMNS.join(", ");
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += rowsPerCopy) {
    await copyFromStdin(sql, `copy spans (${cols}) from stdin`, copyChunks(projectId, rows, i, Math.min(rows.length, i + rowsPerCopy)));
  }
  return result(rows.length, performance.now() - t0, rowsPerCopy);
}

/** Minimal PGlite surface used here (the blob option feeds COPY FROM '/dev/blob'). */
export interface PgliteLike {
  query(text: string, params?: unknown[], opts?: { blob?: Blob }): Promise<unknown>;
}

export async function copyPglite(pg: PgliteLike, projectId: number, rows: SpanRow[], rowsPerCopy: number): Promise<CopyResult> {
  const cols = COPY_COLUMNS.join(", ");
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += rowsPerCopy) {
    const parts: string[] = [];
    const end = Math.min(rows.length, i + rowsPerCopy);
    for (let k = i; k < end; k++) parts.push(copyLine(projectId, rows[k]!));
    await pg.query(`copy spans (${cols}) from '/dev/blob'`, [], { blob: new Blob(parts) });
  }
  return result(rows.length, performance.now() - t0, rowsPerCopy);
}
