// The CPU half of ingest, without I/O: body → decoded spans → rows (prepare.ts) → what the
// database writer needs. encodeRequest's result is plain data (strings, numbers, arrays),
// so it can come from a worker thread (./worker.ts) as cheaply as a string copy.
import { dayKey } from "@/lib/db/partitions";
import { SpanBatchEncoder, type EncodedSpanBatch, type SpanBatch } from "@/lib/db/span-writer";
import { openOtlpBody, type OtlpBodyInput } from "@/lib/otlp/body";
import { decodeJson } from "@/lib/otlp/decode-json";
import type { DecodedRequest, OtlpSpan } from "@/lib/otlp/types";
import { decodeProtobufWire } from "@/lib/otlp/wire-reader";
import { BatchPreparer, prepareBatch, type PrepareContext, type PreparedBatch } from "./prepare";

/** The counts and notes of one request, whichever thread prepared it. */
export interface PreparedRequest {
  /** Spans decoded (accepted), repeats within the request included. */
  accepted: number;
  rejected: number;
  rejectReasons: string[];
  /** Content attributes dropped (denylist or value tripwire hits), for the partialSuccess warning. */
  contentHits: number;
  /** Spans sent twice in the same request (written once, reported as duplicates). */
  repeats: number;
  /** UTC day keys the rows fall in, for partition creation. */
  startDays: string[];
}

export interface RowsRequest extends PreparedRequest {
  batch: SpanBatch;
}

export interface EncodedRequest extends PreparedRequest {
  /** null when the request held no spans. */
  batch: EncodedSpanBatch | null;
}

function summary(decoded: DecodedRequest, batch: PreparedBatch): PreparedRequest {
  return {
    accepted: decoded.spans.length,
    rejected: decoded.rejectedSpans,
    rejectReasons: decoded.rejectReasons,
    contentHits: batch.contentHits,
    repeats: decoded.spans.length - batch.spans.length,
    startDays: batch.startDaysMs.map(dayKey),
  };
}

export function prepareDecoded(decoded: DecodedRequest, ctx: PrepareContext): RowsRequest {
  const batch = prepareBatch(decoded.spans, ctx);
  return { ...summary(decoded, batch), batch };
}

export interface EncodeOptions {
  /** Also write the spans insert's parameters (for a database without COPY: PGlite). */
  unnest?: boolean;
  /** A spare buffer of at least `bytes` for the COPY text, if there is one (SpanBatchEncoder). */
  reuse?: (bytes: number) => ArrayBuffer | undefined;
}

/**
 * Decompresses, decodes, normalizes, filters, prices and encodes one OTLP request body: the
 * same as encodeSpanBatch(prepareBatch(readOtlpBody(…))), but span by span, so each span and
 * its row are garbage as soon as their COPY line is written (a request's live objects stay
 * few, and the young-generation GC has little to copy). Throws what readOtlpBody throws
 * (415, 413, 400 errors).
 */
export function encodeRequest(input: OtlpBodyInput, projectId: number, ctx: PrepareContext, opts: EncodeOptions = {}): EncodedRequest {
  const { format, body } = openOtlpBody(input);
  const preparer = new BatchPreparer(ctx);
  // COPY text runs about 1.2× the protobuf it comes from (less for JSON, or when content is dropped).
  const encoder = new SpanBatchEncoder(projectId, body.length * 1.25, opts);
  let accepted = 0;
  let rows = 0;
  const onSpan = (span: OtlpSpan) => {
    accepted++;
    const row = preparer.add(span);
    if (row) {
      encoder.add(row);
      rows++;
    }
  };
  let decoded: DecodedRequest = { spans: [], rejectedSpans: 0, rejectReasons: [] };
  if (body.length > 0) {
    if (format === "protobuf") decoded = decodeProtobufWire(body, onSpan);
    else {
      decoded = decodeJson(body);
      for (const span of decoded.spans) onSpan(span);
    }
  }
  const rest = preparer.finish();
  return {
    accepted,
    rejected: decoded.rejectedSpans,
    rejectReasons: decoded.rejectReasons,
    contentHits: rest.contentHits,
    repeats: accepted - rows,
    startDays: rest.startDaysMs.map(dayKey),
    batch: rows > 0 ? encoder.finish(rest.resources, rest.droppedKeys) : null,
  };
}
