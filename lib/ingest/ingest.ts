// The ingest orchestrator: prepared rows → partitions → one transaction.
// Returns only after COMMIT, so a 200 means the spans are durable.
import type { Db } from "@/lib/db/client";
import { ensurePartitions, dayKey } from "@/lib/db/partitions";
import { writeSpanBatch } from "@/lib/db/span-writer";
import type { DecodedRequest } from "@/lib/otlp/types";
import { prepareBatch, type PrepareContext } from "./prepare";

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** English text for partialSuccess.errorMessage ("" when nothing to report). */
  message: string;
}

export async function ingestDecoded(db: Db, projectId: number, decoded: DecodedRequest, ctx: PrepareContext): Promise<IngestResult> {
  const batch = prepareBatch(decoded.spans, ctx);
  let duplicates = 0;
  if (batch.spans.length > 0) {
    await ensurePartitions(db, batch.startDaysMs.map(dayKey));
    const written = await db.transaction((tx) => writeSpanBatch(tx, projectId, batch));
    duplicates = written.duplicates + (decoded.spans.length - batch.spans.length);
  }
  const notes: string[] = [];
  if (decoded.rejectedSpans > 0) notes.push(`${decoded.rejectedSpans} span(s) rejected: ${decoded.rejectReasons.join("; ")}`);
  if (batch.contentHits > 0) {
    notes.push(`${batch.contentHits} content attribute(s) dropped by Skein's privacy filter (prompts, completions and other payloads are never stored)`);
  }
  return {
    accepted: decoded.spans.length,
    duplicates,
    rejected: decoded.rejectedSpans,
    message: notes.join(". "),
  };
}
