// Public surface of the OTLP decoding module.
export { readOtlpBody, formatOf, type OtlpFormat, type OtlpBody, type OtlpBodyInput } from "./body";
export { decodeProtobuf } from "./decode-protobuf";
export { decodeJson } from "./decode-json";
export {
  OtlpRequestError,
  OtlpDecodeError,
  UnsupportedMediaTypeError,
  UnsupportedEncodingError,
  PayloadTooLargeError,
} from "./errors";
export {
  JSON_CONTENT_TYPE,
  PROTOBUF_CONTENT_TYPE,
  contentTypeFor,
  encodeExportResponse,
  encodeErrorResponse,
  grpcCodeForHttpStatus,
  type ExportResult,
  type ErrorStatus,
} from "./response";
export type * from "./types";
export { SpanKind, StatusCode } from "./types";
