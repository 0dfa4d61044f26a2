// CSV / JSON / NDJSON encodings of exported rows, as text chunks for a stream.
import { stringify } from "csv-stringify/sync";
import type { TraceSummary } from "@/lib/db/traces";
import type { ExportedSpan } from "./rows";

export const EXPORT_FORMATS = ["csv", "json", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The CSV columns: PRODUCT.md's TraceSummary field names, in its order. */
export const TRACE_CSV_COLUMNS = [
  "traceId",
  "name",
  "serviceName",
  "agentName",
  "startTime",
  "durationMs",
  "status",
  "spanCount",
  "llmCallCount",
  "errorCount",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "costUsd",
] as const satisfies readonly (keyof TraceSummary)[];

/** Span CSV columns: PRODUCT.md's Span fields (attributes as a JSON cell), prefixed with the trace id. */
export const SPAN_CSV_COLUMNS = [
  "traceId",
  "spanId",
  "parentSpanId",
  "name",
  "kind",
  "operation",
  "provider",
  "model",
  "startTime",
  "durationMs",
  "status",
  "errorType",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costUsd",
  "billable",
  "attributes",
] as const satisfies readonly (keyof ExportedSpan)[];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

// Booleans as true/false (csv-stringify's default is 1/empty).
const CSV_OPTIONS = { cast: { boolean: (v: boolean) => (v ? "true" : "false") } };

type Cell = string | number | boolean | null | undefined | object;

function csvCell(v: Cell): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  return typeof v === "object" ? JSON.stringify(v) : v;
}

/** Rows per encoded chunk: one chunk per row costs a stream round trip and a CSV stringifier each (~300 µs/row). */
const BATCH = 500;

async function* batches<T>(rows: AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const r of rows) {
    batch.push(r);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Encodes an async stream of rows; `columns` picks and orders the fields (CSV and JSON alike). */
export async function* encodeRows<T extends object>(rows: AsyncIterable<T>, format: ExportFormat, columns: readonly (keyof T & string)[]): AsyncGenerator<string> {
  const pick = (r: T) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]));
  if (format === "csv") {
    yield stringify([columns as unknown as string[]]);
    for await (const b of batches(rows)) yield stringify(b.map((r) => columns.map((c) => csvCell(r[c] as Cell))), CSV_OPTIONS);
    return;
  }
  if (format === "ndjson") {
    for await (const b of batches(rows)) yield b.map((r) => `${JSON.stringify(pick(r))}\n`).join("");
    return;
  }
  yield "[";
  let first = true;
  for await (const b of batches(rows)) {
    yield b.map((r) => {
      const s = `${first ? "" : ","}\n${JSON.stringify(pick(r))}`;
      first = false;
      return s;
    }).join("");
  }
  yield "\n]\n";
}

/** A streamed Response from text chunks (pulled only as fast as the client reads). */
export function streamResponse(chunks: AsyncGenerator<string>, contentType: string, filename: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: { "content-type": contentType, "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
}
