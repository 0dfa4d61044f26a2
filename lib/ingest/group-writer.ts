// Group commit for ingest: at most `maxActive` write transactions at once; requests whose
// rows are ready while every slot is busy (or in the same turn of the event loop) wait, and
// the next free slot writes all of them (same project, up to `maxSpans`) in one
// transaction: one COPY, one trace upsert, one COMMIT. Idle, a request is written on the
// next loop turn and alone; under load grouping cuts PostgreSQL's per-transaction work and
// the round trips (bench/README.md).
// Every request still resolves only after the COMMIT that stored it.
import type { Db } from "@/lib/db/client";
import { SpansAlreadyStoredError, writeEncodedBatches, type CopyMode, type EncodedSpanBatch, type WriteResult } from "@/lib/db/span-writer";
import { isTransientDbError } from "@/lib/errors";
import { logEvent } from "@/lib/log";

export interface GroupWriterOptions {
  /** Write transactions at once. */
  maxActive: number;
  /** Spans per transaction at most (a larger request still goes, alone). */
  maxSpans: number;
}

/** Known resource hashes kept per project before the set starts over, and projects kept (bound memory). */
const MAX_KNOWN_RESOURCES = 10_000;
const MAX_KNOWN_PROJECTS = 1_000;

interface Queued {
  batch: EncodedSpanBatch;
  resolve(r: WriteResult): void;
  reject(err: unknown): void;
  /** Set after its group failed: written in a transaction of its own. */
  alone: boolean;
}

export class GroupWriter {
  private readonly queue: Queued[] = [];
  private active = 0;
  private scheduled = false;
  /** Transactions that wrote more than one request (for tests and benchmarks). */
  grouped = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: GroupWriterOptions,
  ) {}

  /** Resource hashes per project known to be committed (an exporter sends the same few again and again). */
  private readonly resources = new Map<number, Set<string>>();

  private storedResources(projectId: number): Set<string> {
    let set = this.resources.get(projectId);
    if (!set || set.size > MAX_KNOWN_RESOURCES) {
      if (this.resources.size > MAX_KNOWN_PROJECTS) this.resources.clear();
      this.resources.set(projectId, (set = new Set()));
    }
    return set;
  }

  /** Stores one request's batch; resolves after its transaction commits. */
  write(batch: EncodedSpanBatch): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject, alone: false });
      this.pump();
    });
  }

  /**
   * Starts writes on the next turn of the event loop rather than at once, so that requests
   * whose rows arrived in the same turn (worker results, HTTP bodies) go together. PGlite
   * runs a whole transaction without letting other callbacks in, so without this a request
   * never finds another one waiting; the cost is one loop turn of latency.
   */
  private pump(): void {
    if (this.scheduled || this.active >= this.opts.maxActive || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.active < this.opts.maxActive && this.queue.length > 0) {
        const group = this.take();
        this.active++;
        void this.run(group).finally(() => {
          this.active--;
          this.pump();
        });
      }
    });
  }

  /** The oldest request and every later one that fits with it, in arrival order. */
  private take(): Queued[] {
    const head = this.queue.shift()!;
    const group = [head];
    if (head.alone) return group;
    let spans = head.batch.spanCount;
    for (let i = 0; i < this.queue.length; ) {
      const q = this.queue[i]!;
      if (!q.alone && q.batch.projectId === head.batch.projectId && spans + q.batch.spanCount <= this.opts.maxSpans) {
        group.push(q);
        spans += q.batch.spanCount;
        this.queue.splice(i, 1);
      } else i++;
    }
    return group;
  }

  private async run(group: Queued[]): Promise<void> {
    try {
      const projectId = group[0]!.batch.projectId;
      const storedResources = this.storedResources(projectId);
      const batches = group.map((q) => q.batch);
      const write = (copy: CopyMode) => this.db.transaction((tx) => writeEncodedBatches(tx, batches, { storedResources, copy }));
      // COPY without a savepoint; a re-sent span voids the transaction and it runs again as inserts.
      const results = await write("abort").catch((err: unknown) => {
        if (err instanceof SpansAlreadyStoredError) return write("insert");
        throw err;
      });
      // Committed: these resources are stored for good (resources are never deleted).
      for (const q of group) for (const h of q.batch.resourceHashes) storedResources.add(h);
      if (group.length > 1) this.grouped++;
      group.forEach((q, i) => q.resolve(results[i]!));
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      // Nothing of the group was stored. One request's rows may be what failed, or two groups
      // holding re-sent spans in opposite orders deadlocked (which single requests cannot):
      // each request again on its own, first in line, so only a request at fault gets the error.
      if (group.length > 1 && (!isTransientDbError(err) || code === "40P01")) {
        logEvent("ingest.group_retry", { requests: group.length, ...(typeof code === "string" ? { code } : {}) });
        for (const q of group) q.alone = true;
        this.queue.unshift(...group);
        return;
      }
      for (const q of group) q.reject(err);
    }
  }
}
