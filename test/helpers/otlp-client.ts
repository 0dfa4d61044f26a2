// Hand-built OTLP requests and a bare HTTP client for ingest integration tests:
// exact bytes on the wire (bad ids, odd headers, lying Content-Length).
import http from "node:http";
import {
  ExportTraceServiceRequestType,
  ExportTraceServiceResponseType,
  RpcStatusType,
} from "@/lib/otlp/trace-schema";
import type { TestServer } from "./server";

export type Obj = Record<string, unknown>;

export const PROTOBUF = "application/x-protobuf";
export const JSON_TYPE = "application/json";

/** A deterministic, non-zero hex id: 32 chars for traces, 16 for spans. */
export function hexId(n: number, bytes: 8 | 16, salt = 0): string {
  return (BigInt(n) + (BigInt(salt) << 40n) + 1n).toString(16).padStart(bytes * 2, "0");
}

export const idBytes = (hex: string): Buffer => Buffer.from(hex, "hex");

/** One protobuf-shaped span (for ExportTraceServiceRequestType.fromObject). */
export interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId?: string | null;
  name: string;
  startNs: bigint;
  durationNs?: bigint;
  attributes?: Obj[];
  status?: 0 | 1 | 2;
}

export const attr = (key: string, value: Obj): Obj => ({ key, value });
export const str = (key: string, s: string): Obj => attr(key, { stringValue: s });
export const int = (key: string, n: number): Obj => attr(key, { intValue: n });

export function pbSpan(s: SpanSpec): Obj {
  return {
    traceId: idBytes(s.traceId),
    spanId: idBytes(s.spanId),
    parentSpanId: s.parentSpanId ? idBytes(s.parentSpanId) : undefined,
    name: s.name,
    kind: 1,
    startTimeUnixNano: s.startNs.toString(),
    endTimeUnixNano: (s.startNs + (s.durationNs ?? 1_000_000n)).toString(),
    attributes: s.attributes ?? [],
    status: { code: s.status ?? 0 },
  };
}

/** An ExportTraceServiceRequest of already-built span objects, encoded with our own schema. */
export function encodeSpans(spans: Obj[], serviceName = "robustness"): Buffer {
  const request = ExportTraceServiceRequestType.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [str("service.name", serviceName)] },
        scopeSpans: [{ scope: { name: "skein-test", version: "1.0.0" }, spans }],
      },
    ],
  });
  return Buffer.from(ExportTraceServiceRequestType.encode(request).finish());
}

/** The same request in OTLP/JSON (hex ids, 64-bit times as strings). */
export function jsonSpans(spans: SpanSpec[], serviceName = "robustness"): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [str("service.name", serviceName)] },
        scopeSpans: [
          {
            scope: { name: "skein-test", version: "1.0.0" },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? "",
              name: s.name,
              kind: 1,
              startTimeUnixNano: s.startNs.toString(),
              endTimeUnixNano: (s.startNs + (s.durationNs ?? 1_000_000n)).toString(),
              attributes: s.attributes ?? [],
              status: { code: s.status ?? 0 },
            })),
          },
        ],
      },
    ],
  });
}

export interface PostOptions {
  contentType?: string | null;
  contentEncoding?: string;
  /** Full Authorization header; null sends none; default is the server's bearer key. */
  authorization?: string | null;
}

export function postOtlp(server: TestServer, body: Uint8Array | string, opts: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const contentType = opts.contentType === undefined ? PROTOBUF : opts.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  if (opts.contentEncoding) headers["content-encoding"] = opts.contentEncoding;
  const authorization = opts.authorization === undefined ? `Bearer ${server.ingestKey}` : opts.authorization;
  if (authorization !== null) headers.authorization = authorization;
  // a copy typed Uint8Array<ArrayBuffer>, which BodyInit requires
  return fetch(`${server.url}/v1/traces`, { method: "POST", headers, body: typeof body === "string" ? body : new Uint8Array(body) });
}

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** partialSuccess of a 200 answer in either encoding; zeros/"" when unset. */
export async function readExportResponse(res: Response): Promise<PartialSuccess> {
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.headers.get("content-type") === JSON_TYPE) {
    const body = JSON.parse(bytes.toString("utf8")) as { partialSuccess?: Partial<PartialSuccess> & { rejectedSpans?: number | string } };
    return {
      rejectedSpans: Number(body.partialSuccess?.rejectedSpans ?? 0),
      errorMessage: body.partialSuccess?.errorMessage ?? "",
    };
  }
  const decoded = ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(bytes), {
    longs: Number,
    defaults: true,
  }) as { partialSuccess?: PartialSuccess };
  return { rejectedSpans: decoded.partialSuccess?.rejectedSpans ?? 0, errorMessage: decoded.partialSuccess?.errorMessage ?? "" };
}

/** A google.rpc.Status error body, decoded by the response's own Content-Type. */
export async function readRpcStatus(res: Response): Promise<{ code: number; message: string }> {
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.headers.get("content-type") === JSON_TYPE) return JSON.parse(bytes.toString("utf8")) as { code: number; message: string };
  return RpcStatusType.toObject(RpcStatusType.decode(bytes), { defaults: true }) as { code: number; message: string };
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface OpenPost {
  /** The server's answer, whenever it comes (possibly before the body is complete). */
  answer: Promise<RawAnswer>;
  /** Sends the rest of the body and ends the request. */
  finish(rest?: Buffer): void;
}

/**
 * POSTs through node:http with the headers exactly as given (e.g. a Content-Length
 * larger than what is sent) and writes `first` without ending the request.
 */
export function openPost(url: string, headers: Record<string, string>, first: Buffer): OpenPost {
  let finish: (rest?: Buffer) => void = () => {};
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    const req = http.request(`${url}/v1/traces`, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        req.destroy();
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.write(first);
    finish = (rest) => req.end(rest);
  });
  return { answer, finish: (rest) => finish(rest) };
}

/** openPost, answered without ever finishing the body. */
export function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  return openPost(url, headers, body).answer;
}
