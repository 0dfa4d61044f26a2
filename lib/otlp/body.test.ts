import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { formatOf, readOtlpBody } from "./body";
import { OtlpDecodeError, PayloadTooLargeError, UnsupportedEncodingError, UnsupportedMediaTypeError } from "./errors";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/otlp");
const PB = fs.readFileSync(path.join(FIXTURES, "genai-agent-failover-0.pb"));
const JSON_BODY = fs.readFileSync(path.join(FIXTURES, "genai-agent-failover-json-0.json"));
const MiB = 1024 * 1024;

const read = (body: Uint8Array, contentType: string | null, contentEncoding: string | null = null, maxBytes = 64 * MiB) =>
  readOtlpBody({ body, contentType, contentEncoding, maxBytes });

describe("formatOf", () => {
  it("picks the decoder from the media type, ignoring case and parameters", () => {
    expect(formatOf("application/x-protobuf")).toBe("protobuf");
    expect(formatOf("application/protobuf")).toBe("protobuf");
    expect(formatOf("Application/X-Protobuf; proto=opentelemetry")).toBe("protobuf");
    expect(formatOf("application/json")).toBe("json");
    expect(formatOf("application/json; charset=utf-8")).toBe("json");
    expect(formatOf(" APPLICATION/JSON ;charset=UTF-8")).toBe("json");
    expect(formatOf("text/plain")).toBeNull();
    expect(formatOf("application/jsonx")).toBeNull();
    expect(formatOf("")).toBeNull();
    expect(formatOf(null)).toBeNull();
  });
});

describe("readOtlpBody", () => {
  it("decodes protobuf and JSON bodies", () => {
    const pb = read(PB, "application/x-protobuf");
    expect(pb.format).toBe("protobuf");
    expect(pb.decoded.spans).toHaveLength(8);
    const json = read(JSON_BODY, "application/json; charset=utf-8");
    expect(json.format).toBe("json");
    expect(json.decoded.spans).toHaveLength(8);
  });

  it("accepts a plain Uint8Array body", () => {
    expect(read(new Uint8Array(PB), "application/protobuf").decoded.spans).toHaveLength(8);
  });

  it("decompresses gzip, zlib deflate and raw deflate; identity passes through", () => {
    expect(read(zlib.gzipSync(PB), "application/x-protobuf", "gzip").decoded.spans).toHaveLength(8);
    expect(read(zlib.gzipSync(JSON_BODY), "application/json", " GZIP ").decoded.spans).toHaveLength(8);
    expect(read(zlib.deflateSync(PB), "application/x-protobuf", "deflate").decoded.spans).toHaveLength(8);
    expect(read(zlib.deflateRawSync(PB), "application/x-protobuf", "deflate").decoded.spans).toHaveLength(8);
    expect(read(PB, "application/x-protobuf", "identity").decoded.spans).toHaveLength(8);
    expect(read(PB, "application/x-protobuf", "").decoded.spans).toHaveLength(8);
  });

  it("answers an empty body with zero spans in either format", () => {
    const empty = { spans: [], rejectedSpans: 0, rejectReasons: [] };
    expect(read(Buffer.alloc(0), "application/json")).toEqual({ format: "json", decoded: empty });
    expect(read(Buffer.alloc(0), "application/x-protobuf", "gzip")).toEqual({ format: "protobuf", decoded: empty });
    expect(read(zlib.gzipSync(Buffer.alloc(0)), "application/json", "gzip")).toEqual({ format: "json", decoded: empty });
  });

  it("rejects unknown content types and encodings with 415", () => {
    const media = () => read(PB, "text/plain");
    expect(media).toThrow(UnsupportedMediaTypeError);
    expect(() => read(PB, null)).toThrow(UnsupportedMediaTypeError);
    const encoding = () => read(PB, "application/x-protobuf", "br");
    expect(encoding).toThrow(UnsupportedEncodingError);
    expect(new UnsupportedMediaTypeError().status).toBe(415);
    expect(new UnsupportedEncodingError().status).toBe(415);
  });

  it("rejects a body over the limit before decompression with 413", () => {
    const attempt = () => read(PB, "application/x-protobuf", null, PB.length - 1);
    expect(attempt).toThrow(PayloadTooLargeError);
    expect(read(PB, "application/x-protobuf", null, PB.length).decoded.spans).toHaveLength(8);
  });

  it("applies the limit after decompression too", () => {
    const gz = zlib.gzipSync(PB);
    expect(() => read(gz, "application/x-protobuf", "gzip", PB.length - 1)).toThrow(PayloadTooLargeError);
    expect(read(gz, "application/x-protobuf", "gzip", PB.length).decoded.spans).toHaveLength(8);
    expect(() => read(zlib.deflateRawSync(PB), "application/x-protobuf", "deflate", PB.length - 1)).toThrow(
      PayloadTooLargeError,
    );
  });

  it("stops a gzip bomb (200 MB of zeros) at the 64 MiB limit", () => {
    // 200 concatenated gzip members of 1 MiB of zeros each: a ~200 kB body that inflates to 200 MiB.
    const member = zlib.gzipSync(Buffer.alloc(MiB), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 200 }, () => member));
    expect(bomb.length).toBeLessThan(MiB);
    let error: unknown;
    try {
      read(bomb, "application/x-protobuf", "gzip", 64 * MiB);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).status).toBe(413);
    expect((error as PayloadTooLargeError).maxBytes).toBe(64 * MiB);
  });

  it("turns corrupt compressed data and undecodable bodies into 400", () => {
    const gz = zlib.gzipSync(PB);
    expect(() => read(gz.subarray(0, gz.length >> 1), "application/x-protobuf", "gzip")).toThrow(OtlpDecodeError);
    expect(() => read(Buffer.from("not compressed"), "application/json", "deflate")).toThrow(OtlpDecodeError);
    expect(() => read(Buffer.from("{oops"), "application/json")).toThrow(OtlpDecodeError);
    expect(() => read(PB.subarray(0, PB.length >> 1), "application/x-protobuf")).toThrow(OtlpDecodeError);
    expect(() => read(PB, "application/json")).toThrow(OtlpDecodeError);
    expect(new OtlpDecodeError().status).toBe(400);
  });
});
