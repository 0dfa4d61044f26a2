// Ingest worker thread: runs encodeRequest (decompress, decode, normalize, filter, price,
// encode) for the pool in ./pool.ts. Holds no database connection and logs nothing.
import { parentPort } from "node:worker_threads";
import { ownsCopyBuffer } from "@/lib/db/span-writer";
import { createPriceIndex } from "@/lib/pricing/match";
import { encodeRequest } from "./encode";
import type { PrepareContext } from "./prepare";
import { takeSmallestFit, toWireError, type FromWorker, type ToWorker } from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("lib/ingest/worker.ts runs only as a worker thread");

/** Context versions still in use; the pool sends a new one when prices or settings change. */
const contexts = new Map<number, PrepareContext>();
const KEEP_CONTEXTS = 4;

function reply(msg: FromWorker): void {
  const data = msg.type === "done" ? msg.result.batch?.copyData : undefined;
  const transfer: ArrayBuffer[] = [];
  // The COPY bytes move to the server thread without a copy (the view keeps its length).
  if (data && data.buffer instanceof ArrayBuffer && ownsCopyBuffer(data)) transfer.push(data.buffer);
  // The body is decoded and nothing made from it points into it (strings and COPY text are
  // copies): its buffer goes back to carry a later body, so that one needs no fresh pages.
  if (msg.type !== "ready" && msg.body) {
    if (msg.body === data?.buffer) delete msg.body;
    else transfer.push(msg.body);
  }
  port!.postMessage(msg, transfer);
}

/**
 * Finished requests' COPY buffers, given back by the server thread: a request's ~400 KB of
 * COPY text written into fresh memory costs a page fault per 4 KB (~6 µs each on a VM).
 */
const spare: ArrayBuffer[] = [];
const KEEP_SPARE = 4;

const takeSpare = (bytes: number) => takeSmallestFit(spare, bytes);

/** The task body's whole buffer, when it is the body's alone to give back. */
function ownBuffer(body: Uint8Array): ArrayBuffer | undefined {
  return body.buffer instanceof ArrayBuffer && body.byteOffset === 0 ? body.buffer : undefined;
}

port.on("message", (msg: ToWorker) => {
  if (msg.type === "recycle") {
    for (const b of msg.buffers) if (b.byteLength > 0 && spare.length < KEEP_SPARE) spare.push(b);
    return;
  }
  if (msg.type === "context") {
    contexts.set(msg.version, { privacy: msg.privacy, pseudonymKey: msg.pseudonymKey, prices: createPriceIndex(msg.prices) });
    for (const v of contexts.keys()) if (contexts.size > KEEP_CONTEXTS) contexts.delete(v);
    return;
  }
  const own = ownBuffer(msg.body);
  try {
    const ctx = contexts.get(msg.version);
    if (!ctx) throw Object.assign(new Error("unknown context version"), { name: "IngestContextMissing" });
    const body = Buffer.from(msg.body.buffer, msg.body.byteOffset, msg.body.byteLength);
    const input = { body, contentType: msg.contentType, contentEncoding: msg.contentEncoding, maxBytes: msg.maxBytes };
    const result = encodeRequest(input, msg.projectId, ctx, { unnest: msg.unnest, reuse: takeSpare });
    reply({ type: "done", id: msg.id, result, ...(own ? { body: own } : {}) });
  } catch (err) {
    reply({ type: "failed", id: msg.id, error: toWireError(err), ...(own ? { body: own } : {}) });
  }
});

reply({ type: "ready" });
