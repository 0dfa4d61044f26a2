// POST /v1/traces as a framework-free Web Request → Response function, so the
// same code runs in the Next.js route and in tests' plain HTTP servers.
import { AppError, ServiceUnavailableError, UnauthorizedError, isTransientDbError } from "@/lib/errors";
import { bearerToken, resolveIngestKey } from "@/lib/auth/ingest-keys";
import { listPrices } from "@/lib/db/prices";
import { formatOf, readOtlpBody, type OtlpFormat } from "@/lib/otlp/body";
import { OtlpRequestError, PayloadTooLargeError } from "@/lib/otlp/errors";
import { contentTypeFor, encodeErrorResponse, encodeExportResponse, grpcCodeForHttpStatus } from "@/lib/otlp/response";
import { errorFields, logEvent } from "@/lib/log";
import type { Runtime } from "@/lib/server/runtime";
import { ingestDecoded, writeEncoded, type IngestResult } from "./ingest";
import { ingestPool } from "./pool";

let inFlight = 0;

class DeadlineError extends Error {}

/**
 * Answers 503 if the work outlives the deadline (e.g. a proxy in front of the
 * database that accepts and drops connections makes postgres.js retry forever).
 * The work itself goes on; if it commits after all, the client's retry is a
 * harmless re-send.
 */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Reads a request body, refusing as soon as it passes maxBytes (before decompression), into a
 * buffer from `alloc` when it gives one (undefined: a new buffer).
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number, alloc?: (bytes: number) => Buffer | undefined): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const out = total > 0 ? alloc?.(total) : undefined;
  if (!out) return Buffer.concat(chunks, total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function otlpResponse(format: OtlpFormat, status: number, body: Uint8Array, retryAfter?: number): Response {
  const headers: Record<string, string> = { "content-type": contentTypeFor(format) };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return new Response(Buffer.from(body), { status, headers });
}

function errorResponse(format: OtlpFormat, status: number, message: string, retryAfter?: number): Response {
  return otlpResponse(format, status, encodeErrorResponse(format, { code: grpcCodeForHttpStatus(status), message }), retryAfter);
}

export async function handleOtlpTraces(req: Request, getRuntime: () => Promise<Runtime>): Promise<Response> {
  const contentType = req.headers.get("content-type");
  const format = formatOf(contentType);
  if (!format) {
    await req.body?.cancel().catch(() => {});
    return errorResponse("json", 415, "Content-Type must be application/x-protobuf or application/json");
  }
  let rt: Runtime;
  try {
    rt = await getRuntime();
  } catch (err) {
    logEvent("ingest.unavailable", errorFields(err));
    return errorResponse(format, 503, "database unavailable, retry later", 5);
  }
  if (inFlight >= rt.env.SKEIN_INGEST_CONCURRENCY) {
    await req.body?.cancel().catch(() => {});
    return errorResponse(format, 503, "ingest overloaded, retry later", 1);
  }
  inFlight++;
  // The slot is held until the work really ends, even when the deadline answered first.
  const work = (async () => {
    const token = bearerToken(req.headers.get("authorization"));
    const key = token ? await resolveIngestKey(rt.db, token) : null;
    if (!key) throw new UnauthorizedError("missing or invalid ingest key (Authorization: Bearer <key>)");
    const maxBytes = rt.env.SKEIN_MAX_BODY_BYTES;
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
    const pool = ingestPool();
    const raw = await readLimited(req.body, maxBytes, pool.runsInThread ? undefined : (n) => pool.bodyBuffer(n));
    const input = { body: raw, contentType, contentEncoding: req.headers.get("content-encoding"), maxBytes };
    // Decode → encode on a worker thread (pool.ts) while this thread serves HTTP and the database.
    let result: IngestResult;
    if (pool.runsInThread) result = await ingestDecoded(rt.db, key.projectId, readOtlpBody(input).decoded, rt.ingest);
    else {
      const encoded = await pool.run(input, key.projectId, rt.ingest, () => listPrices(rt.db), { unnest: rt.db.kind === "pglite" });
      try {
        result = await writeEncoded(rt.db, encoded, rt.env.SKEIN_INGEST_WRITERS);
      } finally {
        pool.recycle(encoded.batch); // written (or given up on): its buffer can serve another request
      }
    }
    if (rt.env.SKEIN_LOG_REQUESTS) {
      logEvent("ingest.ok", { project: key.projectId, spans: result.accepted, duplicates: result.duplicates, rejected: result.rejected });
    }
    return otlpResponse(format, 200, encodeExportResponse(format, { rejectedSpans: result.rejected, errorMessage: result.message }));
  })();
  void work.catch(() => {}).finally(() => inFlight--);
  try {
    return await withDeadline(work, rt.env.SKEIN_INGEST_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof DeadlineError) {
      logEvent("ingest.timeout", { ms: rt.env.SKEIN_INGEST_TIMEOUT_MS });
      return errorResponse(format, 503, "ingest timed out waiting for the database, retry later", 5);
    }
    if (err instanceof OtlpRequestError || err instanceof AppError) {
      const retryAfter = err instanceof AppError ? err.retryAfterSeconds : undefined;
      if (err.status >= 500) logEvent("ingest.error", { status: err.status, ...errorFields(err) });
      return errorResponse(format, err.status, err.message, retryAfter);
    }
    if (isTransientDbError(err)) {
      logEvent("ingest.db_unavailable", errorFields(err));
      const unavailable = new ServiceUnavailableError("database unavailable, retry later");
      return errorResponse(format, 503, unavailable.message, unavailable.retryAfterSeconds);
    }
    logEvent("ingest.failed", errorFields(err));
    return errorResponse(format, 500, "internal error");
  }
}
