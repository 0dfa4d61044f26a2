// The ingest orchestrator: prepared rows → partitions → one transaction.
// Returns only after COMMIT, so a 200 means the spans are durable.
// The CPU half (decode, normalize, filter, price, encode: ./encode.ts) may have run in a
// worker thread (./pool.ts); what arrives here is then plain data, written the same way.
import type { Db, Querier } from "@/lib/db/client";
import { ensurePartitions } from "@/lib/db/partitions";
import { writeEncodedBatch, writeSpanBatch, type WriteResult } from "@/lib/db/span-writer";
import type { DecodedRequest } from "@/lib/otlp/types";
import { prepareDecoded, type EncodedRequest, type PreparedRequest, type RowsRequest } from "./encode";
import type { PrepareContext } from "./prepare";

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** English text for partialSuccess.errorMessage ("" when nothing to report). */
  message: string;
}

/** Decoded spans → stored, in this thread. */
export function ingestDecoded(db: Db, projectId: number, decoded: DecodedRequest, ctx: PrepareContext): Promise<IngestResult> {
  return writeRows(db, projectId, prepareDecoded(decoded, ctx));
}

/** Writes a request prepared in this thread. */
export function writeRows(db: Db, projectId: number, r: RowsRequest): Promise<IngestResult> {
  return write(db, r, r.batch.spans.length > 0 ? (tx) => writeSpanBatch(tx, projectId, r.batch) : null);
}

/** Writes a request prepared by encodeRequest (a worker thread's output). */
export function writeEncoded(db: Db, r: EncodedRequest): Promise<IngestResult> {
  const batch = r.batch;
  return write(db, r, batch ? (tx) => writeEncodedBatch(tx, batch) : null);
}

async function write(db: Db, r: PreparedRequest, run: ((tx: Querier) => Promise<WriteResult>) | null): Promise<IngestResult> {
  let duplicates = 0;
  if (run) {
    await ensurePartitions(db, r.startDays);
    const written = await db.transaction(run);
    duplicates = written.duplicates + r.repeats;
  }
  const notes: string[] = [];
  if (r.rejected > 0) notes.push(`${r.rejected} span(s) rejected: ${r.rejectReasons.join("; ")}`);
  if (r.contentHits > 0) {
    notes.push(`${r.contentHits} content attribute(s) dropped by Skein's privacy filter (prompts, completions and other payloads are never stored)`);
  }
  return {
    accepted: r.accepted,
    duplicates,
    rejected: r.rejected,
    message: notes.join(". "),
  };
}
