// A small pool of worker threads (node:worker_threads) that run the CPU half of ingest
// (./encode.ts: decompress, decode, normalize, filter, price, encode) so the server's own
// thread only does HTTP and the database. Bodies go to a worker by transfer (no copy);
// results come back as plain strings and arrays.
//
// - A worker that dies mid-request (a crash, out of memory) fails only its own requests,
//   with 503 + Retry-After (the client retries; nothing was acknowledged); the next
//   request starts a fresh worker.
// - If a worker cannot start at all (e.g. a bundle without the worker file), the pool logs
//   once and runs everything in this thread from then on.
// - Workers receive a snapshot of the runtime's PrepareContext (privacy options, pseudonym
//   key, price list), sent again whenever the runtime swaps its context (price reloads).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { ServiceUnavailableError } from "@/lib/errors";
import { errorFields, logEvent } from "@/lib/log";
import type { OtlpBodyInput } from "@/lib/otlp/body";
import type { ModelPrice } from "@/lib/pricing/types";
import { env, type Env } from "@/lib/env";
import { availableCores } from "@/scripts/node-flags.mjs";
import { encodeRequest, type EncodeOptions, type EncodedRequest } from "./encode";
import type { PrepareContext } from "./prepare";
import { fromWireError, takeSmallestFit, type ContextMessage, type FromWorker, type TaskMessage, type ToWorker } from "./worker-protocol";

export interface IngestPoolOptions {
  /** Worker threads; 0 runs everything in the calling thread. */
  workers: number;
  /** Per-worker V8 heap limits (tests use small ones to provoke a crash). */
  resourceLimits?: ResourceLimits;
  /**
   * A request still in a worker after this long stops that worker (its requests get 503,
   * the next request a fresh worker): nothing decodes for minutes, and a stuck worker would
   * hold every request queued behind it. Default 120 s.
   */
  taskTimeoutMs?: number;
}

/** A worker stopped while holding this request: retryable, nothing was written. */
export class IngestWorkerCrashedError extends ServiceUnavailableError {
  constructor() {
    super("ingest worker stopped, retry later", 1);
  }
}

interface Pending {
  resolve(r: EncodedRequest): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: Promise<boolean>;
  pending: Map<number, Pending>;
  /** Context versions this worker has received. */
  versions: Set<number>;
  gone: boolean;
}

const DEFAULT_TASK_TIMEOUT_MS = 120_000;
/** Body buffers kept for reuse: how many, and which sizes are worth keeping (at most 16 MB held). */
const KEEP_SPARE_BODIES = 4;
const MIN_SPARE_BODY = 64 * 1024;
const MAX_SPARE_BODY = 4 * 1024 * 1024;

/** Loads the price list behind ctx.prices (a PriceIndex cannot be sent to a thread). */
export type PriceListLoader = () => Promise<ModelPrice[]>;

/** Default size: one thread fewer than the process may use cores (the server thread keeps one; a cgroup CPU quota counts), at most 4. */
export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(0, availableCores() - 1));
}

function spawnWorker(resourceLimits: ResourceLimits | undefined): Worker {
  if (import.meta.url.endsWith(".ts")) {
    // Running from source (tsx, vitest): load the TypeScript entry through tsx's require hook.
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const code = `require(require.resolve("tsx/cjs", { paths: [${JSON.stringify(dir)}] }));\nrequire(${JSON.stringify(path.join(dir, "worker.ts"))});`;
    return new Worker(code, { eval: true, resourceLimits });
  }
  // Bundled (next build): Turbopack emits the worker entry as its own chunk and rewrites this URL.
  return new Worker(new URL("./worker.ts", import.meta.url), { resourceLimits });
}

export class IngestPool {
  private readonly slots: Slot[] = [];
  private readonly contexts = new WeakMap<PrepareContext, Promise<ContextMessage>>();
  /** COPY buffers that came from workers and may go back (recycle). */
  private readonly fromWorkers = new WeakSet<ArrayBuffer>();
  /** Body buffers the workers gave back, and those lent out again by bodyBuffer (whole-buffer transfers). */
  private readonly spareBodies: ArrayBuffer[] = [];
  private readonly lentBodies = new WeakSet<ArrayBuffer>();
  private nextVersion = 1;
  private nextId = 1;
  /** Set when a worker could not start: everything then runs in this thread. */
  private inThread: boolean;
  private closed = false;

  constructor(readonly options: IngestPoolOptions) {
    this.inThread = options.workers <= 0;
  }

  /** True once requests run in the calling thread (no workers configured, or none could start). */
  get runsInThread(): boolean {
    return this.inThread;
  }

  /** encodeRequest on a worker thread. Throws what encodeRequest throws, or IngestWorkerCrashedError. */
  async run(input: OtlpBodyInput, projectId: number, ctx: PrepareContext, loadPrices: PriceListLoader, opts: EncodeOptions = {}): Promise<EncodedRequest> {
    if (this.inThread || this.closed) return encodeRequest(input, projectId, ctx, opts);
    const context = await this.contextFor(ctx, loadPrices);
    const slot = this.pick();
    if (!(await slot.ready) || slot.gone) {
      // This worker never started (inThread is now set) or died while starting: the body is still ours.
      return this.inThread ? encodeRequest(input, projectId, ctx, opts) : Promise.reject(new IngestWorkerCrashedError());
    }
    if (!slot.versions.has(context.version)) {
      slot.worker.postMessage(context);
      slot.versions.add(context.version);
    }
    const id = this.nextId++;
    const { body, transfer } = transferable(input.body, this.lentBodies);
    const task: TaskMessage = {
      type: "task",
      id,
      version: context.version,
      projectId,
      body,
      contentType: input.contentType,
      contentEncoding: input.contentEncoding,
      maxBytes: input.maxBytes,
      unnest: opts.unnest === true,
    };
    return new Promise<EncodedRequest>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      const timer = setTimeout(() => {
        logEvent("ingest.worker_timeout", { ms: this.options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS, pending: slot.pending.size });
        void this.retire(slot, new IngestWorkerCrashedError());
      }, this.options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS);
      timer.unref();
      slot.pending.set(id, { resolve, reject, timer });
      slot.worker.postMessage(task, [transfer]);
    });
  }

  /**
   * A Buffer of `bytes` over a body buffer a worker gave back, if one is big enough; the next
   * run() hands it over whole. A request body (hundreds of KB) in fresh memory otherwise costs
   * an mmap and a page fault per 4 KB, on the thread that serves HTTP.
   */
  bodyBuffer(bytes: number): Buffer | undefined {
    const buffer = takeSmallestFit(this.spareBodies, bytes);
    if (!buffer) return undefined;
    this.lentBodies.add(buffer);
    return Buffer.from(buffer, 0, bytes);
  }

  private keepBody(buffer: ArrayBuffer | undefined): void {
    if (!buffer || buffer.byteLength < MIN_SPARE_BODY || buffer.byteLength > MAX_SPARE_BODY) return;
    if (this.spareBodies.length >= KEEP_SPARE_BODIES) {
      // Keep the larger ones: a big buffer serves small bodies too.
      let least = 0;
      for (let i = 1; i < this.spareBodies.length; i++) if (this.spareBodies[i]!.byteLength < this.spareBodies[least]!.byteLength) least = i;
      if (this.spareBodies[least]!.byteLength >= buffer.byteLength) return;
      this.spareBodies.splice(least, 1);
    }
    this.spareBodies.push(buffer);
  }

  /**
   * Gives a written request's COPY buffer back to a worker, to be written over by a later
   * request. Call only once nothing reads `batch` any more: its bytes move away.
   */
  recycle(batch: { copyData: Uint8Array } | null): void {
    const buffer = batch?.copyData.buffer;
    if (!(buffer instanceof ArrayBuffer) || !this.fromWorkers.has(buffer)) return;
    this.fromWorkers.delete(buffer);
    const slot = this.slots.find((s) => !s.gone);
    if (slot) slot.worker.postMessage({ type: "recycle", buffers: [buffer] } satisfies ToWorker, [buffer]);
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => this.retire(s, null)));
  }

  private contextFor(ctx: PrepareContext, loadPrices: PriceListLoader): Promise<ContextMessage> {
    let p = this.contexts.get(ctx);
    if (!p) {
      const version = this.nextVersion++;
      p = loadPrices().then((prices) => ({ type: "context" as const, version, privacy: ctx.privacy, pseudonymKey: ctx.pseudonymKey, prices }));
      this.contexts.set(ctx, p);
      p.catch(() => this.contexts.delete(ctx)); // e.g. database down: the next request tries again
    }
    return p;
  }

  /** The least busy worker, starting another while every running one is busy. */
  private pick(): Slot {
    let best: Slot | undefined;
    for (const s of this.slots) if (!best || s.pending.size < best.pending.size) best = s;
    if (best && (best.pending.size === 0 || this.slots.length >= this.options.workers)) return best;
    const slot = this.start();
    this.slots.push(slot);
    return slot;
  }

  private start(): Slot {
    let markReady: (ok: boolean) => void = () => {};
    const ready = new Promise<boolean>((r) => (markReady = r));
    let started = false;
    const worker = spawnWorker(this.options.resourceLimits);
    worker.unref();
    const slot: Slot = { worker, ready, pending: new Map(), versions: new Set(), gone: false };
    worker.on("message", (msg: FromWorker) => {
      if (msg.type === "ready") {
        started = true;
        markReady(true);
        return;
      }
      this.keepBody(msg.body);
      const p = slot.pending.get(msg.id);
      if (!p) return;
      clearTimeout(p.timer);
      slot.pending.delete(msg.id);
      if (slot.pending.size === 0 && !slot.gone) worker.unref();
      if (msg.type === "done") {
        const b = msg.result.batch;
        if (b) {
          b.copyData = Buffer.from(b.copyData.buffer, b.copyData.byteOffset, b.copyData.byteLength);
          if (b.copyData.buffer instanceof ArrayBuffer) this.fromWorkers.add(b.copyData.buffer);
        }
        p.resolve(msg.result);
      }
      else p.reject(fromWireError(msg.error));
    });
    const fail = (err: unknown) => {
      if (slot.gone) return;
      if (!started && !this.closed) {
        // Could not load the worker at all: fall back to this thread for good.
        this.inThread = true;
        logEvent("ingest.workers_unavailable", errorFields(err));
      } else if (!this.closed) {
        logEvent("ingest.worker_stopped", { ...errorFields(err), pending: slot.pending.size });
      }
      markReady(false);
      void this.retire(slot, new IngestWorkerCrashedError());
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(Object.assign(new Error("worker exited"), { name: "WorkerExit", code })));
    return slot;
  }

  /** Removes a worker and fails what it still held (null: shutting down, same error). */
  private async retire(slot: Slot, err: Error | null): Promise<void> {
    slot.gone = true;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    for (const p of slot.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err ?? new IngestWorkerCrashedError());
    }
    slot.pending.clear();
    await slot.worker.terminate().catch(() => {});
  }
}

/**
 * The body as a Uint8Array whose whole buffer can be transferred (copied first when it shares
 * one). A buffer from bodyBuffer is the body's alone though longer than it.
 */
function transferable(b: Uint8Array, lent: WeakSet<ArrayBuffer>): { body: Uint8Array; transfer: ArrayBuffer } {
  const whole = b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && (b.byteLength === b.buffer.byteLength || lent.has(b.buffer));
  if (whole) return { body: b, transfer: b.buffer as ArrayBuffer };
  const copy = new Uint8Array(b);
  return { body: copy, transfer: copy.buffer };
}

const g = globalThis as typeof globalThis & { __skeinIngestPool?: IngestPool };

/** SKEIN_INGEST_WORKERS when set, else defaultWorkerCount(). */
export function configuredWorkerCount(e: Pick<Env, "SKEIN_INGEST_WORKERS"> = env()): number {
  return e.SKEIN_INGEST_WORKERS ?? defaultWorkerCount();
}

/** The process's pool (created on first use with configuredWorkerCount() workers). */
export function ingestPool(): IngestPool {
  return (g.__skeinIngestPool ??= new IngestPool({ workers: configuredWorkerCount() }));
}

/** Replaces the process's pool (tests, benchmarks; the old one's workers are stopped). */
export async function configureIngestPool(options: IngestPoolOptions): Promise<IngestPool> {
  const old = g.__skeinIngestPool;
  g.__skeinIngestPool = new IngestPool(options);
  await old?.close();
  return g.__skeinIngestPool;
}
