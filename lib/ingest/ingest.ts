// The ingest orchestrator: prepared rows → partitions → one transaction.
// Returns only after COMMIT, so a 200 means the spans are durable.
// The CPU half (decode, normalize, filter, price, encode: ./encode.ts) may have run in a
// worker thread (./pool.ts); what arrives here is then plain data, written the same way.
import type { Db } from "@/lib/db/client";
import { ensurePartitions } from "@/lib/db/partitions";
import { env, type Env } from "@/lib/env";
import { availableCores } from "@/scripts/node-flags.mjs";
import { writeSpanBatch, type WriteResult } from "@/lib/db/span-writer";
import type { DecodedRequest } from "@/lib/otlp/types";
import { prepareDecoded, type EncodedRequest, type PreparedRequest, type RowsRequest } from "./encode";
import { GroupWriter } from "./group-writer";
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
  return write(db, r, r.batch.spans.length > 0 ? () => db.transaction((tx) => writeSpanBatch(tx, projectId, r.batch)) : null);
}

const writers = new WeakMap<Db, GroupWriter>();

/**
 * Write transactions at once: PGlite has one connection. On PostgreSQL one per core keeps
 * both the backends and this process busy, but at most half the requests allowed in at
 * once (or requests would never wait and so never be grouped) and two fewer than the pool
 * (other queries need connections too); at least 2.
 */
export function defaultWriteConcurrency(db: Db, e: Pick<Env, "SKEIN_INGEST_CONCURRENCY" | "SKEIN_DB_POOL"> = env()): number {
  if (db.kind === "pglite") return 1;
  return Math.max(2, Math.min(availableCores(), Math.floor(e.SKEIN_INGEST_CONCURRENCY / 2), e.SKEIN_DB_POOL - 2));
}

/** Spans written in one grouped transaction at most: 8 of the OTel SDK's 512-span batches. */
const GROUP_MAX_SPANS = 4096;

/** The database's group writer, made on first use with `maxActive` write transactions (default: defaultWriteConcurrency). */
export function groupWriter(db: Db, maxActive?: number): GroupWriter {
  let w = writers.get(db);
  if (!w) {
    w = new GroupWriter(db, { maxActive: db.kind === "pglite" ? 1 : (maxActive ?? defaultWriteConcurrency(db)), maxSpans: GROUP_MAX_SPANS });
    writers.set(db, w);
  }
  return w;
}

/**
 * Writes a request prepared by encodeRequest (a worker thread's output), in one transaction
 * with others that are ready at the same time when the database is busy (./group-writer.ts).
 */
export function writeEncoded(db: Db, r: EncodedRequest, maxActive?: number): Promise<IngestResult> {
  const batch = r.batch;
  return write(db, r, batch ? () => groupWriter(db, maxActive).write(batch) : null);
}

async function write(db: Db, r: PreparedRequest, store: (() => Promise<WriteResult>) | null): Promise<IngestResult> {
  let duplicates = 0;
  if (store) {
    await ensurePartitions(db, r.startDays);
    const written = await store();
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
