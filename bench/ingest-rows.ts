// Span rows exactly as the ingest path prepares them (decodeProtobuf + prepareBatch),
// for the COPY baseline and the writer prototypes; also times that CPU work in-process.
import type { SpanRow } from "../lib/db/span-writer";
import { prepareBatch, type PrepareContext, type PreparedBatch } from "../lib/ingest/prepare";
import { decodeProtobuf } from "../lib/otlp/decode-protobuf";
import { buildRequest } from "./ingest-payload";

export interface DecodeResult {
  spans: number;
  seconds: number;
  spansPerSec: number;
}

export interface PreparedRows {
  /** One prepared batch per OTLP request. */
  batches: PreparedBatch[];
  rows: SpanRow[];
  decode: DecodeResult;
}

/** Builds requests of `perRequest` spans (seeded apart from the load generator's) and prepares them. */
export function decodeAndPrepare(ctx: PrepareContext, spans: number, perRequest: number, startMs: number, seedOffset = 1_000_000): PreparedRows {
  const batches: PreparedBatch[] = [];
  const rows: SpanRow[] = [];
  let ms = 0;
  for (let i = 0; rows.length < spans; i++) {
    const body = buildRequest({ index: seedOffset + i, spans: Math.min(perRequest, spans - rows.length), startMs: startMs + i * 2000 });
    const t0 = performance.now();
    const batch = prepareBatch(decodeProtobuf(body).spans, ctx);
    ms += performance.now() - t0;
    batches.push(batch);
    for (const r of batch.spans) rows.push(r);
  }
  return { batches, rows, decode: { spans: rows.length, seconds: ms / 1000, spansPerSec: Math.round(rows.length / (ms / 1000)) } };
}
