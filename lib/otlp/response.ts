import type { OtlpFormat } from "./body";
import { ExportTraceServiceResponseType, RpcStatusType } from "./trace-schema";

export const PROTOBUF_CONTENT_TYPE = "application/x-protobuf";
export const JSON_CONTENT_TYPE = "application/json";

/** The response Content-Type must match the request's encoding. */
export function contentTypeFor(format: OtlpFormat): string {
  return format === "protobuf" ? PROTOBUF_CONTENT_TYPE : JSON_CONTENT_TYPE;
}

/** Responses must stay far below the 4 MiB client limit; messages are cut to this many chars. */
export const MAX_MESSAGE_CHARS = 4096;

export interface ExportResult {
  rejectedSpans: number;
  /** Short English text, no span content; "" when there is nothing to report. */
  errorMessage: string;
}

/**
 * ExportTraceServiceResponse. partialSuccess is left unset (JSON `{}`, protobuf empty)
 * on full success, and set for rejections or a warning-only message.
 */
export function encodeExportResponse(format: OtlpFormat, result: ExportResult): Uint8Array {
  const rejectedSpans = Math.max(0, Math.trunc(result.rejectedSpans));
  const errorMessage = trimMessage(result.errorMessage);
  const partialSuccess = rejectedSpans > 0 || errorMessage !== "" ? { rejectedSpans, errorMessage } : undefined;
  if (format === "json") return jsonBytes(partialSuccess ? { partialSuccess } : {});
  const message = ExportTraceServiceResponseType.fromObject(partialSuccess ? { partialSuccess } : {});
  return ExportTraceServiceResponseType.encode(message).finish();
}

export interface ErrorStatus {
  /** A gRPC status code, see grpcCodeForHttpStatus. */
  code: number;
  /** Short English text, no span content. */
  message: string;
}

/** A google.rpc.Status error body (for 4xx/5xx answers) in the request's encoding. */
export function encodeErrorResponse(format: OtlpFormat, status: ErrorStatus): Uint8Array {
  const body = { code: Math.trunc(status.code), message: trimMessage(status.message) };
  if (format === "json") return jsonBytes(body);
  return RpcStatusType.encode(RpcStatusType.fromObject(body)).finish();
}

/** The gRPC code that google.rpc.Status.code should carry for an HTTP status. */
export function grpcCodeForHttpStatus(httpStatus: number): number {
  switch (httpStatus) {
    case 400:
    case 413:
    case 415:
      return 3; // INVALID_ARGUMENT
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
    case 404:
      return 5; // NOT_FOUND
    case 429:
      return 8; // RESOURCE_EXHAUSTED
    case 502:
    case 503:
    case 504:
      return 14; // UNAVAILABLE
    default:
      return httpStatus >= 500 ? 13 : 2; // INTERNAL : UNKNOWN
  }
}

function trimMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  let end = MAX_MESSAGE_CHARS - 1;
  // Do not split a surrogate pair.
  const last = message.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${message.slice(0, end)}…`;
}

function jsonBytes(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), "utf8");
}
