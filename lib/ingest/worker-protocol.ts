// Messages between the ingest pool (./pool.ts, the server's thread) and its workers
// (./worker.ts). Errors cross as fixed fields only: an OTLP error's class and fixed
// English message, or an unexpected error's name and code (never a message, which may
// quote request content).
import { OtlpDecodeError, OtlpRequestError, PayloadTooLargeError, UnsupportedEncodingError, UnsupportedMediaTypeError } from "@/lib/otlp/errors";
import type { PrivacyOptions } from "@/lib/privacy/options";
import type { ModelPrice } from "@/lib/pricing/types";
import type { EncodedRequest } from "./encode";

/** What a worker needs besides the body: a snapshot of the runtime's PrepareContext. */
export interface ContextMessage {
  type: "context";
  version: number;
  privacy: PrivacyOptions;
  pseudonymKey: string;
  prices: ModelPrice[];
}

export interface TaskMessage {
  type: "task";
  id: number;
  version: number;
  projectId: number;
  body: Uint8Array;
  contentType: string | null;
  contentEncoding: string | null;
  maxBytes: number;
  /** EncodeOptions.unnest */
  unnest: boolean;
}

/** COPY buffers of finished requests, given back to be written over (no new pages to fault in). */
export interface RecycleMessage {
  type: "recycle";
  buffers: ArrayBuffer[];
}

export type ToWorker = ContextMessage | TaskMessage | RecycleMessage;

/** Takes out of `spare` the smallest buffer of at least `bytes` (spare COPY buffers in a worker, spare bodies in the pool). */
export function takeSmallestFit(spare: ArrayBuffer[], bytes: number): ArrayBuffer | undefined {
  let best = -1;
  for (let i = 0; i < spare.length; i++) if (spare[i]!.byteLength >= bytes && (best < 0 || spare[i]!.byteLength < spare[best]!.byteLength)) best = i;
  return best < 0 ? undefined : spare.splice(best, 1)[0];
}

export type WireError =
  | { kind: "otlp"; name: string; message: string; maxBytes?: number }
  | { kind: "internal"; name: string; code?: string | number };

/** `body`: the task's body buffer given back once decoded, to carry a later request's body. */
export type FromWorker =
  | { type: "ready" }
  | { type: "done"; id: number; result: EncodedRequest; body?: ArrayBuffer }
  | { type: "failed"; id: number; error: WireError; body?: ArrayBuffer };

export function toWireError(err: unknown): WireError {
  if (err instanceof OtlpRequestError) {
    return { kind: "otlp", name: err.name, message: err.message, ...(err instanceof PayloadTooLargeError ? { maxBytes: err.maxBytes } : {}) };
  }
  const e = (err && typeof err === "object" ? err : {}) as { name?: unknown; code?: unknown };
  const code = typeof e.code === "string" || typeof e.code === "number" ? e.code : undefined;
  return { kind: "internal", name: typeof e.name === "string" ? e.name : "Error", ...(code !== undefined ? { code } : {}) };
}

/** An unexpected error inside a worker, as the server thread sees it (name and code only). */
export class IngestWorkerError extends Error {
  readonly code?: string | number;
  constructor(name: string, code?: string | number) {
    super("ingest worker failed");
    this.name = name;
    if (code !== undefined) this.code = code;
  }
}

/** The same error class the in-thread path would have thrown, so http.ts maps it the same way. */
export function fromWireError(w: WireError): Error {
  if (w.kind === "internal") return new IngestWorkerError(w.name, w.code);
  switch (w.name) {
    case "PayloadTooLargeError":
      return new PayloadTooLargeError(w.maxBytes ?? 0);
    case "UnsupportedMediaTypeError":
      return new UnsupportedMediaTypeError(w.message);
    case "UnsupportedEncodingError":
      return new UnsupportedEncodingError(w.message);
    default:
      return new OtlpDecodeError(w.message);
  }
}
