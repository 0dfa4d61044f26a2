import { describe, expect, it } from "vitest";
import {
  JSON_CONTENT_TYPE,
  MAX_MESSAGE_CHARS,
  PROTOBUF_CONTENT_TYPE,
  contentTypeFor,
  encodeErrorResponse,
  encodeExportResponse,
  grpcCodeForHttpStatus,
} from "./response";
import { ExportTraceServiceResponseType, RpcStatusType } from "./trace-schema";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");
const decodePb = (bytes: Uint8Array) =>
  ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(bytes), { longs: Number });

describe("encodeExportResponse", () => {
  it("leaves partialSuccess unset on full success", () => {
    expect(text(encodeExportResponse("json", { rejectedSpans: 0, errorMessage: "" }))).toBe("{}");
    const pb = encodeExportResponse("protobuf", { rejectedSpans: 0, errorMessage: "" });
    expect(pb).toHaveLength(0);
  });

  it("reports rejected spans in JSON", () => {
    const body = encodeExportResponse("json", { rejectedSpans: 3, errorMessage: "span has an invalid trace id" });
    expect(JSON.parse(text(body))).toEqual({
      partialSuccess: { rejectedSpans: 3, errorMessage: "span has an invalid trace id" },
    });
  });

  it("reports a warning-only message with zero rejected spans", () => {
    const body = encodeExportResponse("json", { rejectedSpans: 0, errorMessage: "content attributes dropped" });
    expect(text(body)).toBe('{"partialSuccess":{"rejectedSpans":0,"errorMessage":"content attributes dropped"}}');
  });

  it("encodes protobuf with our schema, byte for byte", () => {
    const body = encodeExportResponse("protobuf", { rejectedSpans: 2, errorMessage: "bad" });
    // partial_success (1) { rejected_spans (1) = 2, error_message (2) = "bad" }
    expect(Buffer.from(body).toString("hex")).toBe("0a07" + "0802" + "1203626164");
    expect(decodePb(body)).toEqual({ partialSuccess: { rejectedSpans: 2, errorMessage: "bad" } });
  });

  it("trims long messages far below the 4 MiB response limit", () => {
    const long = "x".repeat(5 * 1024 * 1024);
    const json = JSON.parse(text(encodeExportResponse("json", { rejectedSpans: 1, errorMessage: long }))) as {
      partialSuccess: { errorMessage: string };
    };
    expect(json.partialSuccess.errorMessage).toHaveLength(MAX_MESSAGE_CHARS);
    expect(json.partialSuccess.errorMessage.endsWith("…")).toBe(true);
    const pb = encodeExportResponse("protobuf", { rejectedSpans: 1, errorMessage: long });
    expect(pb.length).toBeLessThan(MAX_MESSAGE_CHARS * 4);
  });

  it("does not split a surrogate pair when trimming", () => {
    const trimmed = (message: string) =>
      (
        JSON.parse(text(encodeExportResponse("json", { rejectedSpans: 1, errorMessage: message }))) as {
          partialSuccess: { errorMessage: string };
        }
      ).partialSuccess.errorMessage;
    // The cut lands between the two halves of the emoji: it is dropped whole.
    const split = trimmed("a".repeat(MAX_MESSAGE_CHARS - 2) + "😀".repeat(10));
    expect(split.slice(-3)).toBe("aa…");
    expect(split).toHaveLength(MAX_MESSAGE_CHARS - 1);
    // The cut lands after a whole emoji: it is kept.
    const whole = trimmed("a".repeat(MAX_MESSAGE_CHARS - 3) + "😀".repeat(10));
    expect(whole.slice(-4)).toBe("a😀…");
  });
});

describe("encodeErrorResponse", () => {
  it("writes google.rpc.Status as JSON", () => {
    const body = encodeErrorResponse("json", { code: 3, message: "request body is not valid JSON" });
    expect(text(body)).toBe('{"code":3,"message":"request body is not valid JSON"}');
  });

  it("writes google.rpc.Status as protobuf", () => {
    const body = encodeErrorResponse("protobuf", { code: 3, message: "bad" });
    expect(Buffer.from(body).toString("hex")).toBe("0803" + "1203626164");
    expect(RpcStatusType.toObject(RpcStatusType.decode(body))).toEqual({ code: 3, message: "bad" });
  });
});

describe("content types and codes", () => {
  it("answers in the request's encoding", () => {
    expect(contentTypeFor("protobuf")).toBe(PROTOBUF_CONTENT_TYPE);
    expect(contentTypeFor("json")).toBe(JSON_CONTENT_TYPE);
    expect(PROTOBUF_CONTENT_TYPE).toBe("application/x-protobuf");
    expect(JSON_CONTENT_TYPE).toBe("application/json");
  });

  it("maps HTTP statuses to gRPC codes", () => {
    expect([400, 413, 415, 401, 403, 404, 429, 500, 503, 418].map(grpcCodeForHttpStatus)).toEqual([
      3, 3, 3, 16, 7, 5, 8, 13, 14, 2,
    ]);
  });
});
