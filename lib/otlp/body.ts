import zlib from "node:zlib";
import { decodeJson } from "./decode-json";
import { decodeProtobufWire as decodeProtobuf } from "./wire-reader";
import {
  OtlpDecodeError,
  PayloadTooLargeError,
  UnsupportedEncodingError,
  UnsupportedMediaTypeError,
} from "./errors";
import type { DecodedRequest } from "./types";

export type OtlpFormat = "protobuf" | "json";

export interface OtlpBodyInput {
  body: Uint8Array | Buffer;
  contentType: string | null;
  contentEncoding: string | null;
  /** Limit on the body, applied both before and after decompression. */
  maxBytes: number;
}

export interface OtlpBody {
  format: OtlpFormat;
  decoded: DecodedRequest;
}

/** The request format named by a Content-Type header, or null when unsupported. */
export function formatOf(contentType: string | null): OtlpFormat | null {
  if (!contentType) return null;
  const mediaType = contentType.split(";", 1)[0]!.trim().toLowerCase();
  if (mediaType === "application/x-protobuf" || mediaType === "application/protobuf") return "protobuf";
  if (mediaType === "application/json") return "json";
  return null;
}

/**
 * Decompresses and decodes an OTLP/HTTP trace request body.
 * Throws UnsupportedMediaTypeError / UnsupportedEncodingError (415),
 * PayloadTooLargeError (413) or OtlpDecodeError (400).
 */
export function readOtlpBody(input: OtlpBodyInput): OtlpBody {
  const { format, body } = openOtlpBody(input);
  if (body.length === 0) return { format, decoded: { spans: [], rejectedSpans: 0, rejectReasons: [] } };
  return { format, decoded: format === "protobuf" ? decodeProtobuf(body) : decodeJson(body) };
}

/** readOtlpBody's checks and decompression, without decoding: the bytes and their format. */
export function openOtlpBody(input: OtlpBodyInput): { format: OtlpFormat; body: Buffer } {
  const format = formatOf(input.contentType);
  if (!format) throw new UnsupportedMediaTypeError();
  if (input.body.byteLength > input.maxBytes) throw new PayloadTooLargeError(input.maxBytes);
  const raw = Buffer.isBuffer(input.body)
    ? input.body
    : Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  return { format, body: decompress(raw, input.contentEncoding, input.maxBytes) };
}

function decompress(body: Buffer, contentEncoding: string | null, maxBytes: number): Buffer {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return body;
  if (body.length === 0) return body;
  // maxOutputLength makes zlib stop as soon as the output passes the limit (gzip bombs).
  const options: zlib.ZlibOptions = { maxOutputLength: Math.max(1, maxBytes) };
  if (encoding === "gzip" || encoding === "x-gzip") return inflateWith(() => zlib.gunzipSync(body, options), maxBytes);
  if (encoding === "deflate") {
    // "deflate" should be zlib-wrapped, but some clients send raw deflate.
    try {
      return inflateWith(() => zlib.inflateSync(body, options), maxBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) throw error;
      return inflateWith(() => zlib.inflateRawSync(body, options), maxBytes);
    }
  }
  throw new UnsupportedEncodingError();
}

function inflateWith(run: () => Buffer, maxBytes: number): Buffer {
  try {
    return run();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ERR_BUFFER_TOO_LARGE") {
      throw new PayloadTooLargeError(maxBytes);
    }
    throw new OtlpDecodeError("request body could not be decompressed");
  }
}
